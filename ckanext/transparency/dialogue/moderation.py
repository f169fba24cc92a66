"""The published moderation rules of questions; their codes are the rejection reasons."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def rules() -> list[dict[str, str]]:
    """The published moderation rules (the codes are the rejection reasons)."""
    return [
        {"code": "abusive", "title": tk._("Abusive language"),
         "text": tk._("Insults, threats, obscenity or hate towards anyone are not published.")},
        {"code": "spam", "title": tk._("Spam or advertising"),
         "text": tk._("Advertising, bare links and mass messages are not published.")},
        {"code": "duplicate", "title": tk._("Duplicate by the same author"),
         "text": tk._("A question the same author has already asked on this event is not "
                      "published again; vote for a similar question of someone else instead.")},
        {"code": "off_topic", "title": tk._("Off topic"),
         "text": tk._("Questions that do not concern the event's subject are not published. "
                      "Personal requests go to the appeals service.")},
        {"code": "personal_data", "title": tk._("Personal data"),
         "text": tk._("Questions that disclose someone's personal data (addresses, phone "
                      "numbers, documents) are not published.")},
    ]


def reason_labels() -> dict[str, str]:
    return {rule["code"]: rule["title"] for rule in rules()}
