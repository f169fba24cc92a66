"""E-mail to the applicant through CKAN's mailer, when an address was given.

Sending runs in the jobs worker (`ckan jobs worker`), never in the request that stored the
appeal: whatever the mail server or the stored details do, the applicant has the number and the
code on the page. The job gets the appeal's id and reads the address itself, so that no personal
data travels through Redis.

CKAN's mailer logs "Sent email to <address>"; an applicant's address must not reach a log, so
that record is dropped while an appeal mail is sent."""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ckanext.transparency.i18n.site_language import in_language
from ckanext.transparency.log_privacy import quiet_mailer

from . import model
from .logic.validators import strip_control_characters

log = logging.getLogger(__name__)

# What happened to an appeal, in words made in the applicant's language when the job runs.
NEWS = {
    "forwarded": lambda facts: tk._("forwarded to {to}").format(**facts),
    "extended": lambda facts: tk._("the deadline is now {due}").format(**facts),
    "answered": lambda facts: tk._("answered"),
    "reopened": lambda facts: tk._("reopened"),
}
# A job keeps its arguments (the access code, for the first mail) in Redis: drop them when done.
_JOB_OPTIONS = {"result_ttl": 0, "failure_ttl": 7 * 24 * 3600}


def send(applicant: dict | None, subject: str, body: str) -> bool:
    if not applicant or not applicant.get("email"):
        return False
    try:
        with quiet_mailer():
            mailer.mail_recipient(strip_control_characters(applicant["full_name"]),
                                  applicant["email"], subject, body)
        return True
    except Exception as error:  # the class only: a message may carry the address
        log.warning("appeal e-mail not sent: %s", type(error).__name__)
        return False


def _enqueue(job, args: list, title: str) -> None:
    """Queue a mail; without Redis the appeal stands and the mail is lost (logged)."""
    try:
        tk.enqueue_job(job, args, title=title, rq_kwargs=_JOB_OPTIONS)
    except Exception as error:
        log.error("appeal e-mail not queued: %s", type(error).__name__)


def enqueue_registered(appeal_id: str, code: str) -> None:
    _enqueue(send_registered, [appeal_id, code], "appeals: e-mail the number and code")


def enqueue_changed(appeal_id: str, news: str, facts: dict | None = None) -> None:
    _enqueue(send_changed, [appeal_id, news, facts or {}], f"appeals: e-mail news ({news})")


def _track_url() -> str:
    return tk.url_for("appeals.track", _external=True)


def send_registered(appeal_id: str, code: str) -> bool:
    """The job: the number and the access code to the applicant's address."""
    appeal, applicant = model.get_appeal(appeal_id), model.applicant(appeal_id)
    if not appeal or not applicant:
        return False
    number = appeal["number"]
    with in_language(applicant.get("language")):
        return send(applicant, tk._("Your appeal {number} is registered").format(number=number),
                    tk._("Your appeal is registered under number {number}.\n"
                         "Access code: {code}\n\n"
                         "Follow it at {url} with the number and the access code. Keep the code "
                         "secret: whoever has it can see the answer.").format(
                        number=number, code=code, url=_track_url()))


def send_changed(appeal_id: str, news: str, facts: dict) -> bool:
    """The job: `news` (a key of NEWS) about the appeal, to the applicant's address."""
    appeal, applicant = model.get_appeal(appeal_id), model.applicant(appeal_id)
    if not appeal or not applicant:
        return False
    number = appeal["number"]
    with in_language(applicant.get("language")):
        what = NEWS[news](facts)
        return send(applicant, tk._("Your appeal {number}: {what}").format(number=number,
                                                                          what=what),
                    tk._("There is news on your appeal {number}: {what}.\n"
                         "See it at {url} with the number and your access code.").format(
                        number=number, what=what, url=_track_url()))
