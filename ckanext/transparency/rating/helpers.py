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


def rating_evidence_label(key: str) -> str:
    """The heading of an evidence column (the keys of the measures' evidence rows)."""
    for measure in indicators.measures():
        labels = measure.evidence_labels()
        if key in labels:
            return labels[key]
    return key


def rating_evidence_value(key: str, value):
    """An evidence cell in the reader's language where it is a code."""
    for measure in indicators.measures():
        if key in measure.evidence_labels():
            return measure.evidence_value(key, value)
    return value


def rating_evidence_columns(row: dict) -> list[str]:
    """The columns of an evidence row in the order its measure labels them (a snapshot keeps
    the rows as jsonb, which sorts the keys). A row names its record by URL slug first, then
    by title or question: the title is enough."""
    keys = list(row)
    for measure in indicators.measures():
        order = list(measure.evidence_labels())
        if set(keys) <= set(order):
            keys.sort(key=order.index)
            break
    if keys and keys[0] not in ("title", "question") and ("title" in row or "question" in row):
        return keys[1:]
    return keys


def get_helpers() -> dict:
    return {f.__name__: f for f in (rating_band_label, rating_indicator_label,
                                    rating_measure_label, rating_evidence_label,
                                    rating_evidence_value, rating_evidence_columns)}
