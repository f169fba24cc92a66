"""Template helpers and the validator of the weights."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import indicators


def non_negative_number(value, context):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise tk.Invalid(tk._("Give a number"))
    if number < 0:
        raise tk.Invalid(tk._("A weight cannot be negative"))
    return number


def rating_band_label(band: str) -> str:
    return indicators.band_labels().get(band, band)


def rating_indicator_label(key: str) -> str:
    return indicators.indicator_labels().get(key, key)


def rating_measure_label(key: str) -> str:
    return indicators.MEASURE_LABELS().get(key, key)


def _evidence_labels() -> dict[str, str]:
    return {
        "dataset": tk._("Dataset"), "title": tk._("Title"), "data_period": tk._("Data period"),
        "due": tk._("Due"), "on_time": tk._("On time"), "updated": tk._("Updated"),
        "days_late": tk._("Days late"), "number": tk._("Number"), "type": tk._("Type"),
        "registered": tk._("Registered on"), "extended": tk._("Extended"),
        "answered": tk._("Answered on"), "days": tk._("Days to answer"), "draft": tk._("Draft"),
        "closed": tk._("Discussion closed"), "proposal": tk._("Proposal"),
        "report": tk._("Report published"), "event": tk._("Event"), "start": tk._("Date"),
        "status": tk._("Status"), "held": tk._("Held"),
        "questions_published": tk._("Questions published"),
        "questions_answered": tk._("Questions answered"), "poll": tk._("Poll"),
        "question": tk._("Question"), "opened": tk._("Opened"), "voters": tk._("Voters"),
    }


def rating_evidence_label(key: str) -> str:
    """The heading of an evidence column (the keys of sources.py's evidence rows)."""
    return _evidence_labels().get(key, key)


def rating_evidence_value(key: str, value):
    """An evidence cell in the reader's language where it is a code."""
    if key == "type" and value:
        from ckanext.transparency.appeals.vocabulary import type_label
        return type_label(value)
    if key == "status" and value:
        from ckanext.transparency.dialogue.helpers import status_labels
        return status_labels().get(value, value)
    return value


def get_helpers() -> dict:
    return {f.__name__: f for f in (rating_band_label, rating_indicator_label,
                                    rating_measure_label, rating_evidence_label,
                                    rating_evidence_value)}
