"""Validators of the appeals schemas."""
from __future__ import annotations

import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.navl.dictization_functions import StopOnError

from .. import vocabulary
from .. import receptions

Invalid = tk.Invalid

PHONE = re.compile(r"^\+?[0-9 ()\-]{5,30}$")
KEY = re.compile(r"^[A-Za-z0-9_\-]{16,64}$")
NUMBER = re.compile(r"^\d{4}-\d{6}$")
CODE = re.compile(r"^[A-Z0-9]{4,32}$")


def length(minimum: int, maximum: int):
    def validator(value: Any) -> Any:
        if value is not None and not minimum <= len(value) <= maximum:
            raise Invalid(tk._("Must be between {a} and {b} characters long").format(
                a=minimum, b=maximum))
        return value
    return validator


def no_control_characters(value: Any) -> Any:
    if isinstance(value, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise Invalid(tk._("Contains control characters"))
    return value


def strip_control_characters(value: Any) -> Any:
    """One line of plain text: line breaks and tabs become spaces, other control characters go
    (a name ends up in an e-mail header, where a line break is an error or an injection)."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"[\t\n\r\v\f\x85\u2028\u2029]+", " ", value)
    value = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", value)
    return re.sub(r" {2,}", " ", value).strip()


def no_unknown_fields(value: Any) -> Any:
    """Fields the schema does not name are refused, not stored or ignored silently."""
    if isinstance(value, dict) and value:
        names = [name if len(name) <= 60 else name[:60] + "…" for name in sorted(value)]
        shown = ", ".join(names[:20]) + (", …" if len(names) > 20 else "")
        raise Invalid(tk._("Unknown fields: {names}").format(names=shown))
    return value


def consent_given(value: Any) -> Any:
    """The applicant ticked the consent to the processing of personal data (Law ZRU-547)."""
    if value is True or (isinstance(value, str) and value.strip().lower() in (
            "on", "true", "yes", "1")):
        return True
    raise Invalid(tk._("Consent to the processing of your personal data is needed to register "
                       "an appeal (Law ZRU-547)"))


def no_markup(value: Any) -> Any:
    """Public text shown as it is typed: an HTML tag in it is a mistake or an attack."""
    if isinstance(value, str) and re.search(r"<\s*[A-Za-z/!?]", value):
        raise Invalid(tk._("HTML tags are not allowed here"))
    return value


def text_length(value: Any) -> Any:
    maximum = tk.config.get("ckanext.transparency.appeals.text_max_length")
    return length(10, maximum)(value)


def natural(key, data, errors, context) -> None:
    """A whole number from 0; when it is not, the field's later checks do not run (navl runs
    them after an error, and CKAN's limit check fails on a list)."""
    try:
        data[key] = tk.get_validator("natural_number_validator")(data[key], context)
    except Invalid as error:
        errors[key].append(error.error)
        raise StopOnError


def appeal_topic(value: Any) -> Any:
    if value not in vocabulary.topics():
        raise Invalid(tk._("Unknown topic"))
    return value


def appeal_department(value: Any, context: dict) -> Any:
    """A department is an active CKAN organization; stored by id."""
    group = model.Group.get(value) if isinstance(value, str) else None
    if group is None or not group.is_organization or group.state != "active":
        raise Invalid(tk._("Department not found"))
    return group.id


def appeal_reception(value: Any, context: dict) -> Any:
    if not isinstance(value, str) or receptions.get(value) is None:
        raise Invalid(tk._("Reception not found"))
    return value


def phone(value: Any) -> Any:
    if value and not PHONE.match(value):
        raise Invalid(tk._("Not a phone number"))
    return value


def submission_key(value: Any) -> Any:
    if value and not KEY.match(value):
        raise Invalid(tk._("Invalid submission key"))
    return value


def appeal_number(value: Any) -> Any:
    value = (value or "").strip() if isinstance(value, str) else value
    if not isinstance(value, str) or not NUMBER.match(value):
        raise Invalid(tk._("An appeal number looks like 2026-000123"))
    return value


def access_code(value: Any) -> Any:
    value = re.sub(r"[\s\-]", "", value).upper() if isinstance(value, str) else value
    if not isinstance(value, str) or not CODE.match(value):
        raise Invalid(tk._("Invalid access code"))
    return value


def rating(value: Any) -> Any:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise Invalid(tk._("A rating is a whole number from 1 to 5"))
    if not 1 <= value <= 5:
        raise Invalid(tk._("A rating is a whole number from 1 to 5"))
    return value


def month(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^\d{4}-(0[1-9]|1[0-2])$", value):
        return value
    raise Invalid(tk._("A month looks like 2026-01"))


def user_exists(value: Any, context: dict) -> Any:
    user = model.User.get(value) if isinstance(value, str) else None
    if user is None or user.state != "active":
        raise Invalid(tk._("User not found"))
    return user.id


def weeks(value: Any) -> Any:
    """Weeks of the month a reception is held ("1,3"); empty: every week."""
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    if not all(p in ("1", "2", "3", "4", "5") for p in parts):
        raise Invalid(tk._("Weeks of the month are numbers from 1 to 5, e.g. 1,3"))
    return ",".join(sorted(set(parts)))


def clock(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^([01]\d|2[0-3]):[0-5]\d$", value):
        return value
    raise Invalid(tk._("A time looks like 09:30"))


def choice(values):
    """One of `values` (CKAN's one_of formats its message badly for a tuple)."""
    allowed = list(values)

    def validator(value: Any) -> Any:
        if value not in allowed:
            raise Invalid(tk._("Must be one of: {values}").format(
                values=", ".join(map(str, allowed))))
        return value
    return validator
