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


def get_helpers() -> dict:
    return {f.__name__: f for f in (rating_band_label, rating_indicator_label,
                                    rating_measure_label)}
