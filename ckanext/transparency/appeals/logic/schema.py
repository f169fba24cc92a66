"""Validation schemas of the appeals actions (navl, as in ckanext/activity)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .. import vocabulary
from . import validators as v

_ = tk.get_validator
not_empty, ignore_missing, unicode_safe = _("not_empty"), _("ignore_missing"), _("unicode_safe")
strip, default = _("strip_value"), _("default")
isodate, boolean, email = _("isodate"), _("boolean_validator"), _("email_validator")
int_validator, ignore_empty = _("int_validator"), _("ignore_empty")


def _text(minimum: int, maximum: int, required: bool = True) -> list:
    return [not_empty if required else ignore_missing, unicode_safe, strip,
            v.no_control_characters, v.length(minimum, maximum)]


def _one_line(minimum: int, maximum: int) -> list:
    return [not_empty, unicode_safe, v.strip_control_characters, v.length(minimum, maximum)]


def appeal_submit() -> dict:
    return {
        "type": [not_empty, unicode_safe, v.choice(vocabulary.TYPES)],
        "channel": [default("web"), unicode_safe, v.choice(vocabulary.CHANNELS)],
        "topic": [not_empty, unicode_safe, v.appeal_topic],
        "owner_org": [not_empty, unicode_safe, v.appeal_department],
        "subject": _text(3, 200),
        "text": [not_empty, unicode_safe, strip, v.no_control_characters, v.text_length],
        "full_name": _one_line(2, 200),
        "address": _one_line(5, 500),
        "phone": [ignore_empty, unicode_safe, strip, v.phone],
        "email": [ignore_empty, unicode_safe, strip, email],
        "consent": [v.consent_given],
        "submission_key": [ignore_empty, unicode_safe, v.submission_key],
        "reception_id": [ignore_empty, unicode_safe, v.appeal_reception],
        "registered_on": [ignore_empty, isodate],
        "website": [ignore_missing, unicode_safe],  # the honeypot: people leave it empty
        "__extras": [v.no_unknown_fields],
    }


def appeal_track() -> dict:
    return {"number": [not_empty, v.appeal_number], "code": [not_empty, v.access_code]}


def appeal_rate() -> dict:
    return dict(appeal_track(), rating=[not_empty, v.rating],
                comment=_text(0, 1000, required=False))


def appeal_id() -> dict:
    return {"id": [not_empty, unicode_safe]}


def appeal_list() -> dict:
    return {
        "owner_org": [ignore_empty, unicode_safe, v.appeal_department],
        "status": [ignore_empty, unicode_safe, v.choice(vocabulary.STATUSES + ("open",))],
        "type": [ignore_empty, unicode_safe, v.choice(vocabulary.TYPES)],
        "topic": [ignore_empty, unicode_safe, v.appeal_topic],
        "deadline": [ignore_empty, unicode_safe, v.choice(("due_soon", "overdue"))],
        "q": [ignore_empty, unicode_safe, v.length(1, 100)],
        "limit": [default(50), v.natural, _("limit_to_configured_maximum")(
            "ckan.search.rows_max", 1000)],
        "offset": [default(0), v.natural],
    }


def appeal_assign() -> dict:
    return dict(appeal_id(), assignee=[ignore_empty, unicode_safe, v.user_exists],
                owner_org=[ignore_empty, unicode_safe, v.appeal_department],
                note=_text(0, 2000, required=False))


def appeal_forward() -> dict:
    return dict(appeal_id(), to=_text(3, 300), note=_text(0, 2000, required=False))


def appeal_extend() -> dict:
    return dict(appeal_id(), reason=_text(5, 2000),
                until=[ignore_empty, isodate], needs_study=[default(False), boolean])


def appeal_answer() -> dict:
    return dict(appeal_id(), outcome=[not_empty, unicode_safe, v.choice(vocabulary.OUTCOMES)],
                answer=_text(10, 20000))


def appeal_close() -> dict:
    return dict(appeal_id(), note=_text(0, 2000, required=False))


def appeal_statistics() -> dict:
    return {
        "period_from": [ignore_empty, unicode_safe, v.month],
        "period_to": [ignore_empty, unicode_safe, v.month],
        "owner_org": [ignore_empty, unicode_safe, v.appeal_department],
        "type": [ignore_empty, unicode_safe, v.choice(vocabulary.TYPES)],
    }


def _public_text(minimum: int, maximum: int, required: bool = True) -> list:
    return _text(minimum, maximum, required) + [v.no_markup]


def reception_create() -> dict:
    return {
        "owner_org": [ignore_empty, unicode_safe, v.appeal_department],
        "position": _public_text(2, 200),
        "official": _public_text(0, 200, required=False),
        "weekday": [not_empty, int_validator, v.choice(list(range(7)))],
        "weeks": [ignore_empty, unicode_safe, v.weeks],
        "starts": [not_empty, unicode_safe, v.clock],
        "ends": [not_empty, unicode_safe, v.clock],
        "place": _public_text(2, 300),
        "sign_up": _public_text(0, 500, required=False),
    }


def reception_update() -> dict:
    return dict(reception_create(), id=[not_empty, unicode_safe, v.appeal_reception])
