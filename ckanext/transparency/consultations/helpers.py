"""Template helpers of the consultation pages (prefixed consultation_)."""
from __future__ import annotations

from ckan.lib.formatters import localised_filesize

from . import articles, lifecycle, moderation, settings
from .dictization import decision_label, proposal_kind_label


def consultation_status_label(status: str) -> str:
    return lifecycle.status_label(status)


def consultation_kind_label(kind: str) -> str:
    return lifecycle.kind_label(kind)


def consultation_decision_label(decision: str | None) -> str:
    return decision_label(decision)


def consultation_proposal_kind_label(kind: str) -> str:
    return proposal_kind_label(kind)


def consultation_reason_title(code: str | None) -> str:
    return moderation.reason_title(code)


def consultation_article_label(number: str | None) -> str:
    return articles.label(number)


def consultation_heading_has_number(unit: dict) -> bool:
    return articles.heading_has_number(unit["number"], unit.get("heading"))


def consultation_status_class(status: str) -> str:
    return {"open": "success", "upcoming": "info", "closed": "warning",
            "report_published": "primary", "adopted": "dark",
            "withdrawn": "secondary"}.get(status, "secondary")


def consultation_filesize(size: int) -> str:
    return localised_filesize(size)


def consultation_max_text_length() -> int:
    return settings.max_text_length()


def get_helpers() -> dict:
    return {f.__name__: f for f in (
        consultation_filesize, consultation_max_text_length,
        consultation_status_label, consultation_kind_label, consultation_decision_label,
        consultation_proposal_kind_label, consultation_reason_title,
        consultation_article_label, consultation_status_class,
        consultation_heading_has_number)}
