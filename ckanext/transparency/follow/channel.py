"""The e-mail channel of happenings: each run collects the happenings since the last one
(core/happenings.py), writes one delivery per follower of their subject or department (keyed,
so a second run writes nothing new), mails the immediate ones, and once a day a digest of the
rest. A delivery is marked sent when its mail went; one that failed is tried at the next run.
A follower who linked Telegram gets each delivery there too, once (telegram.py)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy.dialects.postgresql import insert

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.model.system_info import get_system_info, set_system_info

from ckanext.transparency.core import happenings
from ckanext.transparency.i18n.site_language import in_language

from . import followers, kinds, mail, subjects, telegram
from .model import Delivery, Follow, utcnow


COLLECTED_UNTIL = "ckanext.transparency.follow.collected_until"
# happenings may be recorded a little after they occurred: each window starts this much earlier
OVERLAP = dt.timedelta(hours=1)


def _window(now: dt.datetime) -> dt.datetime:
    until = get_system_info(COLLECTED_UNTIL)
    if until:
        return dt.datetime.fromisoformat(until) - OVERLAP
    return now - dt.timedelta(hours=tk.config.get("ckanext.transparency.follow.lookback_hours"))


def collect(now: dt.datetime | None = None) -> int:
    """Writes the deliveries of the happenings since the last run; returns how many are new."""
    now = happenings.utc(now or dt.datetime.now(dt.timezone.utc))
    new = 0
    for happening in happenings.collect(_window(now), now):
        if happening.kind not in kinds.TOLD:
            continue
        subjects_of = [(happening.subject_type, happening.subject_id)]
        if happening.organization_id:
            subjects_of.append(("organization", happening.organization_id))
        facts = {"kind": happening.kind, "title": happening.title, "url": happening.url,
                 "occurred_at": happening.occurred_at.isoformat()}
        for follower in followers.of(subjects_of):
            result = model.Session.execute(insert(Delivery.__table__).values(
                follower=follower.key, happening_key=happening.key,
                frequency=follower.frequency, happening={**facts, "via": list(follower.via)},
                created=utcnow()).on_conflict_do_nothing())
            new += result.rowcount
    set_system_info(COLLECTED_UNTIL, now.isoformat())
    model.Session.commit()
    return new


def _recipient(follower: str) -> tuple[str, str, dict, str] | None:
    """(address, language, unsubscribe payload without the subject, Telegram key) of a
    follower still there."""
    kind, _, ident = follower.partition(":")
    if kind == "user":
        user = model.Session.get(model.User, ident)
        if user is None or user.state != "active" or not user.email:
            return None
        return (user.email, followers.choice(user.id).language, {"user": user.id},
                telegram.user_key(user.id))
    row = model.Session.get(Follow, ident)
    if row is None or row.confirmed_at is None:
        return None
    return row.email, row.language, {"follow": row.id}, telegram.address_key(row.email)


def _title(titles: dict, language: str) -> str:
    """As Happening.title_in: the reader's language, else Uzbek, else any."""
    return titles.get(language) or titles.get(happenings.FALLBACK_LOCALE) or next(
        (text for text in titles.values() if text), "")


def _item(delivery: Delivery, language: str, payload: dict) -> tuple[str, str, str, str]:
    """(what, title, text, unsubscribe link) of one delivery in the reader's language."""
    facts = delivery.happening
    via_type, via_id = facts["via"]
    what = kinds.words(facts["kind"])
    title = _title(facts["title"], language)
    try:
        followed = subjects.find(via_type, via_id)["title"]
    except tk.ObjectNotFound:
        followed = title
    stop = mail.unsubscribe_url({**payload, "type": via_type, "subject": via_id})
    text = tk._("{title}: {what}\n{url}\n\nYou get this because you follow \"{followed}\". "
                "To stop, open: {stop}").format(title=title, what=what, url=facts["url"],
                                                 followed=followed, stop=stop)
    return what, title, text, stop


def _tell_in_telegram(follower: str, delivery: Delivery, title: str, what: str) -> None:
    """The subject's title, what happened and the link: nothing about the follower."""
    text = tk._("{title}: {what}").format(title=title, what=what) + "\n" + \
        delivery.happening["url"]
    telegram.tell(follower, delivery.happening_key, text)


def _mark_sent(deliveries: list[Delivery]) -> None:
    moment = utcnow()
    for delivery in deliveries:
        delivery.sent_at = moment
    model.Session.commit()


def _unsent(frequency: str) -> dict[str, list[Delivery]]:
    by_follower: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in (model.Session.query(Delivery)
                     .filter(Delivery.sent_at.is_(None), Delivery.frequency == frequency)
                     .order_by(Delivery.created, Delivery.happening_key)):
        by_follower[delivery.follower].append(delivery)
    return by_follower


def send_immediate() -> dict:
    counts = {"sent": 0, "failed": 0}
    for follower, deliveries in _unsent("immediate").items():
        recipient = _recipient(follower)
        if recipient is None:  # unsubscribed or gone: nobody to tell
            _mark_sent(deliveries)
            continue
        address, language, payload, telegram_key = recipient
        for delivery in deliveries:
            with in_language(language):
                what, title, text, stop = _item(delivery, language, payload)
                _tell_in_telegram(telegram_key, delivery, title, what)
                sent = mail.send(address, tk._("{title}: {what}").format(title=title, what=what),
                                 text + telegram.link_line(telegram_key), stop)
            if sent:
                _mark_sent([delivery])
            counts["sent" if sent else "failed"] += 1
    return counts


def send_digests() -> dict:
    """One mail per address with everything of the day for it."""
    counts = {"sent": 0, "failed": 0}
    by_address: dict[str, list[tuple[Delivery, str, dict, str]]] = defaultdict(list)
    for follower, deliveries in _unsent("daily").items():
        recipient = _recipient(follower)
        if recipient is None:
            _mark_sent(deliveries)
            continue
        address, language, payload, telegram_key = recipient
        by_address[address].extend((d, language, payload, telegram_key) for d in deliveries)
    for address, items in by_address.items():
        language, telegram_key = items[0][1], items[0][3]
        with in_language(language):
            texts = []
            for delivery, _, payload, _ in items:
                what, title, text, _ = _item(delivery, language, payload)
                _tell_in_telegram(telegram_key, delivery, title, what)
                texts.append(text)
            sent = mail.send(address, tk._("The day in what you follow ({count})").format(
                count=len(items)), "\n\n----\n\n".join(texts)
                + telegram.link_line(telegram_key))
        if sent:
            _mark_sent([delivery for delivery, _, _, _ in items])
        counts["sent" if sent else "failed"] += 1
    return counts
