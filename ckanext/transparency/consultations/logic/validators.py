"""Validators of the consultation schemas (registered through IValidators)."""
from __future__ import annotations

import datetime

import ckan.model as model
import ckan.plugins.toolkit as tk

from .. import settings

Invalid = tk.Invalid


def consultation_date(value):
    """An ISO date (YYYY-MM-DD) as a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise Invalid(tk._("Not a date; use YYYY-MM-DD."))


def consultation_text(value):
    """Free text of a proposal, answer or note: at most the configured length."""
    value = str(value).strip()
    limit = settings.max_text_length()
    if len(value) > limit:
        raise Invalid(tk._("At most {limit} characters, this has {length}.").format(
            limit=limit, length=len(value)))
    return value


def _max_length(limit: int):
    def validator(value):
        if value is not None and len(str(value)) > limit:
            raise Invalid(tk._("At most {limit} characters.").format(limit=limit))
        return value
    return validator


def consultation_length(limit: int):
    return _max_length(int(limit))


def consultation_organization(value):
    """An active organization, by name or id, as its id."""
    group = model.Group.get(str(value))
    if group is None or not group.is_organization or group.state != "active":
        raise Invalid(tk._("No such department."))
    return group.id


def get_validators() -> dict:
    return {"consultation_date": consultation_date, "consultation_text": consultation_text,
            "consultation_length": consultation_length,
            "consultation_organization": consultation_organization}
