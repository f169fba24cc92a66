"""Template helpers of open dialogue (ITemplateHelpers); names start with `dialogue_`."""
from __future__ import annotations

import textwrap

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import user_context
from ckanext.transparency.i18n import display, formatting

from . import times, video
from .model import utcnow
from .moderation import reason_labels, rules


def kind_labels() -> dict[str, str]:
    return {"quarterly_report": tk._("Quarterly report presentation"),
            "briefing": tk._("Live briefing"), "qa_session": tk._("Question and answer session"),
            "other": tk._("Other event")}


def status_labels() -> dict[str, str]:
    return {"announced": tk._("Announced"), "live": tk._("Live now"), "held": tk._("Held"),
            "cancelled": tk._("Cancelled"), "postponed": tk._("Postponed")}


def material_labels() -> dict[str, str]:
    return {"recording": tk._("Recording"), "slides": tk._("Slides"),
            "report": tk._("Report document"), "transcript": tk._("Transcript"),
            "dataset": tk._("Dataset"), "link": tk._("Link")}


def poll_state_labels() -> dict[str, str]:
    return {"upcoming": tk._("Opens soon"), "open": tk._("Open"), "closed": tk._("Closed")}


def dialogue_label(group: str, value: str | None) -> str:
    labels = {"kind": kind_labels, "status": status_labels, "material": material_labels,
              "poll_state": poll_state_labels}[group]()
    return labels.get(value or "", value or "")


def dialogue_labels(group: str) -> dict[str, str]:
    return {"kind": kind_labels, "status": status_labels, "material": material_labels,
            "poll_state": poll_state_labels}[group]()


def dialogue_rules() -> list[dict]:
    return rules()


def dialogue_reason_labels() -> dict[str, str]:
    return reason_labels()


def dialogue_when(value: str | None) -> str:
    """An API time ("...Z") in the site's timezone, in the reader's language."""
    if not value:
        return ""
    return formatting.zoned_datetime(times.to_local(times.parse(value)))


def dialogue_countdown(value: str | None) -> str:
    """"in 3 days 4 hours" until an API time, for the page before its script runs."""
    if not value:
        return ""
    left = int((times.parse(value) - utcnow()).total_seconds())
    if left <= 0:
        return tk._("Starting now")
    days, rest = divmod(left, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return tk._("in {days} d {hours} h").format(days=days, hours=hours)
    return tk._("in {hours} h {minutes} min").format(hours=hours, minutes=minutes)


def dialogue_form_time(value: str | None) -> str:
    return times.form_value(times.parse(value)) if value else ""


def dialogue_timezone_name() -> str:
    return str(times.site_timezone())


def dialogue_clock(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def dialogue_duration(minutes: int | None) -> str:
    """"1 h 30 min" for people."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return tk._("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return tk._("{hours} h").format(hours=hours)
    return tk._("{minutes} min").format(minutes=rest)


def dialogue_iso_duration(minutes: int | None) -> str:
    """The same for machines (the datetime attribute of <time>): "PT1H30M"."""
    hours, rest = divmod(int(minutes or 0), 60)
    return f"PT{hours}H{rest}M"


def dialogue_quarter(year: int, number: int) -> str:
    return tk._("Quarter {number} of {year}").format(number=number, year=year)


def dialogue_wrap(text: str | None, width: int, count: int) -> list[str]:
    """At most `count` lines of about `width` letters; the last ends with … when cut."""
    lines = textwrap.wrap(text or "", width, break_long_words=True)
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] = lines[-1][:max(1, width - 1)].rstrip() + "…"
    return lines


def dialogue_player(url: str | None) -> str | None:
    return video.player_url(url)


def dialogue_at_time(url: str | None, seconds: int | None) -> str | None:
    return video.at_time(url, seconds)


def dialogue_recording(event: dict) -> dict | None:
    return next((x for x in event.get("materials", []) if x["kind"] == "recording"), None)


def dialogue_departments() -> list[dict]:
    rows = (model.Session.query(model.Group.id, model.Group.name, model.Group.title)
            .filter(model.Group.is_organization.is_(True), model.Group.state == "active")
            .order_by(model.Group.title))
    return [{"id": i, "name": n, "title": t or n} for i, n, t in rows]


def dialogue_editable_departments() -> list[dict]:
    if not tk.current_user.is_authenticated:
        return []
    organizations = tk.get_action("organization_list_for_user")(
        user_context(), {"permission": "create_dataset"})
    return [{"id": o["id"], "name": o["name"], "title": o["title"] or o["name"]}
            for o in organizations]


def dialogue_options(departments: list[dict]) -> list[tuple[str, str]]:
    return [(d["id"], display.department_title(d)) for d in departments]


def dialogue_is_moderator() -> bool:
    if not tk.current_user.is_authenticated:
        return False
    return tk.h.check_access("dialogue_moderation_queue", {})


def get_helpers() -> dict:
    names = ("dialogue_label", "dialogue_labels", "dialogue_reason_labels", "dialogue_when",
             "dialogue_form_time", "dialogue_countdown", "dialogue_rules",
             "dialogue_timezone_name", "dialogue_clock",
             "dialogue_duration", "dialogue_iso_duration", "dialogue_quarter", "dialogue_wrap",
             "dialogue_player", "dialogue_at_time", "dialogue_recording",
             "dialogue_departments", "dialogue_editable_departments", "dialogue_is_moderator",
             "dialogue_options")
    return {name: globals()[name] for name in names}
