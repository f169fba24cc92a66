from __future__ import annotations

import ckan.plugins.toolkit as tk

from ..model import FREQUENCIES, SUBJECT_TYPES


def _v(name):
    return tk.get_validator(name)


def _one_of(values):
    def check(value):
        if value not in values:
            raise tk.Invalid(tk._("Must be one of: {values}").format(values=", ".join(values)))
        return value
    return check


def _address(value, context):
    """CKAN's check, with a message that does not repeat what was typed (an address is
    personal data, even a mistyped one)."""
    try:
        return _v("email_validator")(value, context)
    except tk.Invalid:
        raise tk.Invalid(tk._("Please give a valid e-mail address."))


def subject_schema() -> dict:
    return {"subject_type": [_v("not_empty"), _v("unicode_safe"), _one_of(SUBJECT_TYPES)],
            "id": [_v("not_empty"), _v("unicode_safe")]}


def subscribe_schema() -> dict:
    return {**subject_schema(),
            "email": [_v("ignore_missing"), _v("unicode_safe"), _v("strip_value"), _address],
            "frequency": [_v("default")("immediate"), _v("unicode_safe"), _one_of(FREQUENCIES)],
            "language": [_v("ignore_missing"), _v("unicode_safe")]}


def token_schema() -> dict:
    return {"token": [_v("not_empty"), _v("unicode_safe")]}


def telegram_link_schema() -> dict:
    return {"token": [_v("ignore_missing"), _v("unicode_safe")]}
