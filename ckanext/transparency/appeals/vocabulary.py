"""The closed lists of the appeals module and their labels."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .deadlines import TYPES, type_label  # noqa: F401  (re-exported)

CHANNELS = ("web", "reception", "written", "phone")
OUTCOMES = ("satisfied", "explained", "rejected", "left_without_consideration")
# An appeal moves: registered -> in_progress -> answered -> closed; forwarded ends it here.
STATUSES = ("registered", "in_progress", "forwarded", "answered", "closed")
OPEN_STATUSES = ("registered", "in_progress")
CLOSABLE_STATUSES = ("answered", "forwarded")
REOPENABLE_STATUSES = ("answered", "closed")


def topics() -> list[str]:
    return list(tk.config.get("ckanext.transparency.appeals.topics"))


def channel_label(value: str) -> str:
    return {"web": tk._("Online"), "reception": tk._("Oral, at a reception"),
            "written": tk._("Written"), "phone": tk._("By phone")}.get(value, value)


def outcome_label(value: str) -> str:
    return {"satisfied": tk._("Satisfied"), "explained": tk._("Explained"),
            "rejected": tk._("Rejected"), "forwarded": tk._("Forwarded to another body"),
            "left_without_consideration": tk._("Left without consideration"),
            "pending": tk._("Not answered yet")}.get(value, value)


def status_label(value: str) -> str:
    return {"registered": tk._("Registered"), "in_progress": tk._("In progress"),
            "forwarded": tk._("Forwarded"), "answered": tk._("Answered"),
            "closed": tk._("Closed")}.get(value, value)


def topic_label(value: str) -> str:
    return {"water": tk._("Drinking water supply"), "heating": tk._("Heating"),
            "sewerage": tk._("Sewerage and waste water"), "meters": tk._("Meters"),
            "tariffs": tk._("Tariffs and payments"),
            "construction": tk._("Construction and repair works"),
            "employment": tk._("Employment"), "other": tk._("Other")}.get(value, value)


def event_label(kind: str) -> str:
    return {"registered": tk._("Registered"), "assigned": tk._("Assigned"),
            "forwarded": tk._("Forwarded"), "extended": tk._("Deadline extended"),
            "study": tk._("Term set for extra study"), "answered": tk._("Answered"),
            "closed": tk._("Closed"), "reopened": tk._("Reopened"),
            "rated": tk._("Answer rated by the applicant")}.get(kind, kind)
