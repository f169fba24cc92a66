"""E-mail to the applicant through CKAN's mailer, when an address was given.

CKAN's mailer logs "Sent email to <address>"; an applicant's address must not reach a log, so
that record is dropped while an appeal mail is sent. A failed mail never undoes the appeal."""
from __future__ import annotations

import contextlib
import logging
from typing import Callable

import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ckanext.transparency.i18n.site_language import in_language

log = logging.getLogger(__name__)


class _DropRecipient(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Sent email to")


@contextlib.contextmanager
def _quiet_mailer():
    logger, drop = logging.getLogger(mailer.__name__), _DropRecipient()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def send(applicant: dict | None, subject: str, body: str) -> bool:
    if not applicant or not applicant.get("email"):
        return False
    try:
        with _quiet_mailer():
            mailer.mail_recipient(applicant["full_name"], applicant["email"], subject, body)
        return True
    except mailer.MailerException:
        log.warning("appeal e-mail not sent (mail server error)")
        return False


def _track_url() -> str:
    return tk.url_for("appeals.track", _external=True)


def registered(applicant: dict | None, number: str, code: str) -> bool:
    if not applicant:
        return False
    with in_language(applicant.get("language")):
        return send(applicant, tk._("Your appeal {number} is registered").format(number=number),
                    tk._("Your appeal is registered under number {number}.\n"
                         "Access code: {code}\n\n"
                         "Follow it at {url} with the number and the access code. Keep the code "
                         "secret: whoever has it can see the answer.").format(
                        number=number, code=code, url=_track_url()))


def changed(applicant: dict | None, number: str, what: Callable[[], str]) -> bool:
    """`what` happened, in words made in the applicant's language (a function: the member of
    staff who acts may read the site in another)."""
    if not applicant:
        return False
    with in_language(applicant.get("language")):
        news = what()
        return send(applicant, tk._("Your appeal {number}: {what}").format(number=number,
                                                                          what=news),
                    tk._("There is news on your appeal {number}: {what}.\n"
                         "See it at {url} with the number and your access code.").format(
                        number=number, what=news, url=_track_url()))
