"""Every e-mail the portal sends besides the appeals' (test_rendered_pages.py reads those) is in
the language its reader gets: the site's language for answers and moderation decisions on drafts,
new drafts to subscribers, event changes and questions answered or rejected, and reminders to
editors; the follower's language for follow confirmations, immediate mails and digests.

Each mail is made by the real actions and jobs (the jobs worker, the periodic job, the daily
reminders) and delivered to a real SMTP sink; its subject and body are read with the portal's
language checker (ckanext.transparency.i18n.pagecheck), line by line, data aside."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

import ckan.tests.factories as factories
from ckan.lib import jobs as ckan_jobs

from ckanext.transparency import periodic
from ckanext.transparency.consultations.settings import today as consultations_today
from ckanext.transparency.follow import periodic_jobs as follow_jobs
from ckanext.transparency.i18n import catalogs, pagecheck
from ckanext.transparency.opendata import jobs as opendata_jobs

from ..helpers import act
from ..opendata.conftest import COMMON, TYPE_FIELDS

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "clean_redis", "with_plugins")

# who gets which mails: {recipient: number of mails}
EXPECTED = {
    "muharrir@example.uz": 2,   # reminders: due soon, overdue
    "muallif@example.uz": 3,    # a new draft, a proposal answered, one not published
    "savolchi@example.uz": 5,   # question rejected, answered; event postponed, moved, cancelled
    "kuzatuvchi@example.uz": 4,  # at once: the event announced, postponed, moved, cancelled
    "kunlik@example.uz": 1,     # the day's digest
    "yangi@example.uz": 1,      # confirm the follow
}
DATA = ("Moliya boshqarmasi", "Byudjet ijrosi boʻyicha brifing", "Ochiqlik toʻgʻrisidagi nizom",
        "Byudjet ijrosi 2026", "Muddatni 30 kunga uzaytirish", "Reklama",
        "Murojaatlar xizmatiga yozing", "Muddat 20 kunga uzaytiriladi", "Tadbir koʻchirildi",
        "Qachon yangi suv quvuri quriladi?", "Bu savol mavzuga aloqasiz", "Yil oxirigacha")


def _at(days: float) -> str:
    moment = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=days)
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _user(name: str) -> dict:
    return factories.User(name=name, email=f"{name}@example.uz")


def _consultation_mails(editor, department) -> None:
    author = _user("muallif")
    act("consultation_subscribe", author)
    today = consultations_today()
    draft = act("consultation_create", editor, name="ochiqlik-nizomi",
                 title="Ochiqlik toʻgʻrisidagi nizom", summary="Loyiha", kind="decision",
                 owner_org=department["name"],
                 body="## 1-modda. Umumiy qoidalar\n\nNizom ochiqlik tartibini belgilaydi.\n",
                 opens_on=today.isoformat(), closes_on=(today + dt.timedelta(days=15)).isoformat())
    kept = act("consultation_proposal_create", author, consultation_id=draft["id"],
                text="Muddatni 30 kunga uzaytirish")
    act("consultation_proposal_moderate", editor, id=kept["id"], action="approve")
    act("consultation_proposal_answer", editor, id=kept["id"], decision="partially_accepted",
         reason="Muddat 20 kunga uzaytiriladi")
    spam = act("consultation_proposal_create", author, consultation_id=draft["id"],
                text="Reklama")
    act("consultation_proposal_moderate", editor, id=spam["id"], action="reject",
         reason="off_topic", note="Murojaatlar xizmatiga yozing")


def _event_mails(editor, department, locale: str) -> None:
    act("follow_subscribe", _user("kuzatuvchi"), subject_type="organization",
         id=department["name"], language=locale)
    event = act("event_create", editor, kind="briefing", title="Byudjet ijrosi boʻyicha brifing",
                 owner_org=department["id"], start=_at(7), description="Choraklik natijalar",
                 location="Toshkent, 1-xona")
    act("follow_subscribe", _user("kunlik"), subject_type="event", id=event["id"],
         frequency="daily", language=locale)
    act("follow_subscribe", None, email="yangi@example.uz", subject_type="event",
         id=event["id"], language=locale)
    asker = _user("savolchi")
    answered = act("event_question_create", asker, event_id=event["id"],
                    text="Qachon yangi suv quvuri quriladi?")
    refused = act("event_question_create", asker, event_id=event["id"],
                   text="Bu savol mavzuga aloqasiz")
    act("event_question_moderate", editor, id=answered["id"], decision="publish")
    act("event_question_moderate", editor, id=refused["id"], decision="reject",
         reason="off_topic", note="Murojaatlar xizmatiga yozing")
    act("event_question_answer", editor, id=answered["id"], answer="Yil oxirigacha",
         mode="written")
    act("event_update", editor, id=event["id"], status="postponed", start=_at(14),
         status_note="Tadbir koʻchirildi")
    act("event_update", editor, id=event["id"], start=_at(21))
    act("event_update", editor, id=event["id"], status="cancelled")


def _reminders(editor, department) -> None:
    act("package_create", editor, type="budget-execution", name="byudjet-ijrosi",
         title="Byudjet ijrosi 2026", owner_org=department["id"],
         **{**COMMON, **TYPE_FIELDS["budget-execution"]})
    [(_package, schedule)] = opendata_jobs.schedules()
    opendata_jobs.remind(schedule.next_due - dt.timedelta(days=3))
    opendata_jobs.remind(schedule.next_due + dt.timedelta(days=40))


@pytest.fixture(params=catalogs.LOCALES)
def letters(request, ckan_config, monkeypatch, smtp) -> tuple[str, dict]:
    """(locale, {recipient: [message]}): every mail of the portal on a site whose language is
    `locale`, followed by readers who chose `locale`."""
    locale = request.param
    monkeypatch.setitem(ckan_config, "ckan.locale_default", locale)
    monkeypatch.setitem(ckan_config, "ckanext.transparency.dialogue.send_notifications", True)
    editor = _user("muharrir")
    department = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                        users=[{"name": "muharrir", "capacity": "admin"}])
    _consultation_mails(editor, department)
    _event_mails(editor, department, locale)
    ckan_jobs.Worker().work(burst=True)  # new drafts, event notifications, follow confirmation
    day = dt.date.today()
    periodic.run(day, jobs=follow_jobs.JOBS)  # the follow mails at once
    periodic.run(day + dt.timedelta(days=1), jobs=follow_jobs.JOBS)  # and the day's digest
    _reminders(editor, department)
    received = defaultdict(list)
    for recipients, message in smtp.messages:
        for recipient in recipients:
            received[recipient].append(message)
    return locale, received


def _wrong_words(text: str, locale: str, data: pagecheck.Data) -> list[str]:
    """The words of `text` in another language than `locale`, data aside (as check_page)."""
    found = []
    for line in text.splitlines():
        if line.strip() and line not in data:
            found += [w for w in pagecheck.wrong_words(pagecheck._NOT_TEXT.sub(" ", line), locale)
                      if not data.has_word(w)]
    return found


def test_every_email_is_in_the_language_of_its_reader(letters):
    locale, received = letters
    assert {to: len(mails) for to, mails in received.items()} == EXPECTED
    data = pagecheck.Data(DATA)
    problems = []
    for recipient, mails in received.items():
        for message in mails:
            subject, body = str(message["Subject"]), message.get_body(("plain",)).get_content()
            words = _wrong_words(subject, locale, data) + _wrong_words(body, locale, data)
            if words:
                problems.append(f"{locale} to {recipient} {subject!r}: {words}\n{body}")
    assert not problems, "\n".join(problems)
