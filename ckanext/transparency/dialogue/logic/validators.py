"""Validators of the dialogue schemas (navl: `value, context` or `key, data, errors, context`)."""
from __future__ import annotations

import re

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.transparency.urls import http_url

from .. import times

Invalid = tk.Invalid
PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def dialogue_department(value, context):
    """A department (CKAN organization) by id or name -> its id."""
    group = model.Group.get(value) if value else None
    if group is None or not group.is_organization or group.state != "active":
        raise Invalid(tk._("Department not found"))
    return group.id


def dialogue_datetime(value, context):
    try:
        return times.parse(value)
    except (TypeError, ValueError):
        raise Invalid(tk._("Date and time in the form YYYY-MM-DDTHH:MM, e.g. 2025-04-10T10:00"))


def dialogue_period(value, context):
    """"2025-Q1" (also "2025 Q1", "2025q1") -> "2025-Q1"; empty stays empty."""
    if not value:
        return ""
    text = re.sub(r"[\s_-]+", "-", str(value).strip().upper())
    text = re.sub(r"^(\d{4})Q", r"\1-Q", text)
    if not PERIOD.match(text):
        raise Invalid(tk._("A quarter in the form 2025-Q1"))
    return text


def dialogue_recording_time(value, context):
    """Seconds into the recording: 754, "12:34" or "1:02:03" -> int seconds."""
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    match = CLOCK.match(text)
    if not match:
        raise Invalid(tk._("A time in the recording in the form 12:34 or 1:02:03"))
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def dialogue_http_url(value, context):
    return http_url(value)


def dialogue_single_line(value, context):
    """A title or a place: one line (a line break would also break the calendar entry)."""
    if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f\u2028\u2029]", value):
        raise Invalid(tk._("Must be a single line of text"))
    return value


def dialogue_text_length(minimum: int, maximum: int):
    def validator(value, context):
        text = (value or "").strip()
        if len(text) < minimum:
            raise Invalid(tk._("At least {n} characters").format(n=minimum))
        if len(text) > maximum:
            raise Invalid(tk._("At most {n} characters").format(n=maximum))
        return text
    return validator


def dialogue_string_list(value, context):
    """A list of strings; a single string (a form with one field) becomes a list of one."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise Invalid(tk._("A list of texts"))
    return [v.strip() for v in value if v and v.strip()]


def dialogue_limit(maximum: int):
    def validator(value, context):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise Invalid(tk._("Must be a whole number"))
        if number < 0:
            raise Invalid(tk._("Must be a positive number"))
        return min(number, maximum)
    return validator
