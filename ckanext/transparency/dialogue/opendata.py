"""A closed poll's results as an open dataset of its department: one dataset per poll with one
CSV resource (UTF-8 with a BOM, so Excel reads it), made through CKAN's own actions."""
from __future__ import annotations

import csv
import io

import ckan.model as model
import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.transparency.core.context import as_user, site_context
from ckanext.transparency.i18n.site_language import in_every_language, in_site_language
from ckanext.transparency.spreadsheet import safe_row

from . import model as m
from . import times
from .logic.dictization import poll_results_dictize, poll_url

COLUMNS = ("option_number", "option", "votes", "share_percent")


def dataset_name(poll: m.Poll) -> str:
    return f"poll-results-{poll.name}"[:100].rstrip("-")


def csv_bytes(poll: m.Poll) -> bytes:
    results = poll_results_dictize(poll)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    channels = list(results.get("channels", {}))
    writer.writerow(COLUMNS + tuple(f"votes_{name}" for name in channels)
                    + (("votes_total", "total_share_percent") if channels else ()))
    for number, option in enumerate(results["options"], 1):
        row = [number, option["label"], option["votes"], option["share"]]
        if channels:
            row += [option["channels"][name] for name in channels]
            row += [option["total"], option["total_share"]]
        writer.writerow(safe_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _notes(poll: m.Poll) -> str:
    kind = tk._("several answers could be chosen") if poll.multiple else tk._(
        "one answer could be chosen")
    channels = poll_results_dictize(poll).get("channels", {})
    return "\n\n".join(filter(None, [
        tk._("Results of the poll: {question}").format(question=poll.question),
        poll.description,
        tk._("Open from {opens} to {closes} (UTC); {voters} people voted; {kind}. "
             "One vote per account; shares are of the people who voted.").format(
            opens=times.iso(poll.opens_at), closes=times.iso(poll.closes_at),
            voters=poll.voters, kind=kind),
        tk._("{voters} more people voted on the copy of the poll in the Telegram channel "
             "(columns votes_telegram, votes_total).").format(voters=channels["telegram"])
        if "telegram" in channels else "",
        tk._("The poll: {url}").format(url=poll_url(poll)),
    ]))


def publish(poll: m.Poll, user: str | None) -> dict:
    context = as_user(user) if user else site_context()
    if poll.dataset_id:
        try:
            return tk.get_action("package_show")(dict(context), {"id": poll.dataset_id})
        except tk.ObjectNotFound:
            pass  # deleted by hand: publish again
    name = dataset_name(poll)
    with in_site_language():
        return _publish(poll, context, name)


IRREGULAR = "http://publications.europa.eu/resource/authority/frequency/IRREG"


def _publish(poll: m.Poll, context: dict, name: str) -> dict:
    try:
        package = tk.get_action("package_show")(dict(context), {"id": name})
    except tk.ObjectNotFound:
        package = tk.get_action("package_create")(dict(context), {
            "name": name,
            "title_translated": in_every_language(lambda: tk._("Poll results: {question}").format(
                question=poll.question)[:200]),
            "notes_translated": in_every_language(lambda: _notes(poll)),
            "owner_org": poll.owner_org,
            "license_id": tk.config.get("ckanext.transparency.dialogue.poll_license", "cc-by"),
            "tags": [{"name": "poll"}, {"name": "sorovnoma"}, {"name": "open-dialogue"}],
            # published when a poll closes, as polls come: DCAT's dct:accrualPeriodicity
            "extras": [{"key": "frequency", "value": IRREGULAR}],
        })
    if not package.get("resources"):
        upload = FileStorage(stream=io.BytesIO(csv_bytes(poll)),
                             filename=f"{name}.csv", content_type="text/csv")
        tk.get_action("resource_create")(dict(context), {
            "package_id": package["id"], "name": tk._("Results (CSV)"), "format": "CSV",
            "mimetype": "text/csv", "upload": upload,
            "description": tk._("Columns: {columns}").format(columns=", ".join(COLUMNS))})
        package = tk.get_action("package_show")(dict(context), {"id": package["id"]})
    poll = model.Session.merge(poll)
    poll.dataset_id = package["id"]
    model.Session.commit()
    return package


def publish_closed(echo=print) -> int:
    """Publish every closed poll not yet published (`ckan transparency dialogue publish-polls`)."""
    count = 0
    polls = (model.Session.query(m.Poll)
             .filter(m.Poll.closes_at <= m.utcnow(), m.Poll.dataset_id.is_(None)).all())
    for poll in polls:
        package = publish(poll, None)
        echo(f"published {poll.name} -> {package['name']}")
        count += 1
    return count
