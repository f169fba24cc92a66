"""Sending through CKAN's mailer without the address reaching a log (CKAN logs "Sent email to
<address>"), with the unsubscribe link in the headers too (RFC 2369: mail clients show it as a
button) and RFC 8058's one-click: the client POSTs to that link, which needs no session or CSRF
token; a GET only shows a button, since mail scanners open links."""
from __future__ import annotations

import logging

import ckan.plugins.toolkit as tk
from ckan.lib import mailer

from ckanext.transparency.log_privacy import quiet_mailer

from . import tokens

log = logging.getLogger(__name__)


def unsubscribe_url(payload: dict) -> str:
    return tk.url_for("follow.unsubscribe", token=tokens.sign(tokens.UNSUBSCRIBE, payload),
                      _external=True)


def send(address: str, subject: str, body: str, unsubscribe: str | None = None) -> bool:
    headers = {"List-Unsubscribe": f"<{unsubscribe}>",
               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"} if unsubscribe else None
    try:
        with quiet_mailer():
            mailer.mail_recipient("", address, subject, body, headers=headers)
        return True
    except Exception as error:  # the class only: a message may carry the address
        log.warning("follow: e-mail not sent: %s", type(error).__name__)
        return False
