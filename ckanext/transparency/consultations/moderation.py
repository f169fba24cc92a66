"""The published moderation rules, and the likely-duplicate check moderators see.

The rules follow regulation.gov.uz practice: abusive, spam, same-author duplicate and off-topic
comments are removed, and the author is told which rule applied.
"""
from __future__ import annotations

import difflib

from ckan.plugins.toolkit import _

from ckanext.transparency.search.text import tokenize

from . import settings

PENDING, PUBLISHED, REJECTED = "pending", "published", "rejected"
STATES = (PENDING, PUBLISHED, REJECTED)
REASONS = ("abusive", "spam", "duplicate", "off_topic", "personal_data")
RECENT_FOR_DUPLICATES = 500


def rules() -> list[dict[str, str]]:
    """The rules in the order they are published; each code is a rejection reason."""
    return [
        {"code": "abusive", "title": _("Abusive language"),
         "text": _("Insults, threats, obscenity or hate towards anyone are removed.")},
        {"code": "spam", "title": _("Spam or advertising"),
         "text": _("Advertising, links without a proposal and repeated mass messages are "
                   "removed.")},
        {"code": "duplicate", "title": _("Duplicate by the same author"),
         "text": _("A proposal the same author has already made on this draft is removed; "
                   "the first one stays and is answered.")},
        {"code": "off_topic", "title": _("Off topic"),
         "text": _("Comments that do not concern the draft under discussion are removed. "
                   "Personal requests go to the appeals service.")},
        {"code": "personal_data", "title": _("Personal data"),
         "text": _("Comments that disclose someone's personal data (addresses, phone numbers, "
                   "documents) are removed.")},
    ]


def reason_title(code: str | None) -> str:
    return next((r["title"] for r in rules() if r["code"] == code), code or "")


def likely_duplicate(text: str, author_id: str, earlier) -> tuple[int | None, bool]:
    """(number of the most similar earlier proposal, same author?) when the similarity is
    at least the configured threshold; `earlier`: proposals of the same draft."""
    threshold = settings.duplicate_similarity()
    canonical = " ".join(tokenize(text))
    best, best_ratio = None, 0.0
    for other in earlier:
        matcher = difflib.SequenceMatcher(None, canonical, " ".join(tokenize(other.text)), autojunk=False)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        ratio = matcher.ratio()
        if ratio >= threshold and ratio > best_ratio:
            best, best_ratio = other, ratio
    if best is None:
        return None, False
    return best.number, best.author_id == author_id
