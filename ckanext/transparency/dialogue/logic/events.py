"""Events: announce, edit, postpone, cancel, hold; the calendar and the archive; materials."""
from __future__ import annotations

import datetime

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy import extract

from ckanext.transparency.actions import reference
from ckanext.transparency.i18n import fluent

from .. import model as m
from .. import notifications, storage
from ..search_text import canonical, query_words
from . import common, schema
from .dictization import event_dictize, material_dictize
from .validators import dialogue_http_url

# a change of these fields is a new version of the calendar entry (iCalendar SEQUENCE)
CALENDAR_FIELDS = ("title", "title_translated", "start", "end", "location", "stream_url", "status",
                   "description")
EDITABLE = ("kind", "title", "title_translated", "description", "owner_org", "start", "end",
            "location", "stream_url", "period", "questions_open", "summary", "transcript", "status_note")


def _get_event(reference: str | None) -> m.Event:
    event = m.Event.get(reference)
    if event is None:
        raise tk.ObjectNotFound(tk._("Event not found"))
    return event


def refresh_search_text(event: m.Event) -> None:
    answered = (model.Session.query(m.Question.text, m.Question.answer)
                .filter(m.Question.event_id == event.id, m.Question.status == "published",
                        m.Question.answer.isnot(None)).all())
    event.search_text = canonical(event.title, *(event.title_translated or {}).values(),
                                  event.description, event.summary,
                                  event.transcript, event.period,
                                  *[f"{q} {a}" for q, a in answered])


def _default_end(start: datetime.datetime) -> datetime.datetime:
    return start + datetime.timedelta(hours=1)


def _check_times(start: datetime.datetime, end: datetime.datetime) -> None:
    if end <= start:
        raise tk.ValidationError({"end": [tk._("The end must be after the start")]})


def event_create(context, data_dict):
    """Announce an event (or record one held before the portal existed, status "held").

    :param kind: quarterly_report, briefing, qa_session or other
    :param title, description: texts (the title in Uzbek)
    :param title_translated: the title in other languages, {"ru": ..., "en": ..., "uz-Cyrl": ...}
        (as a dataset's; "uz" stands for `title` when that is not given)
    :param owner_org: the department (organization id or name)
    :param start, end: ISO 8601; without an offset, the site's timezone; end defaults to +1 h
    :param location, stream_url: where to attend or watch
    :param period: for a quarterly report, the quarter reported on: "2025-Q1"
    :param questions_open: whether questions are accepted in advance (default true)
    :param name: the address (/dialogue/event/<name>); made from the title when missing
    """
    data, errors = tk.navl_validate(fluent.uzbek_into_plain(data_dict, "title"),
                                    schema.event_create_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    tk.check_access("event_create", context, dict(data_dict, owner_org=data["owner_org"]))
    user = common.current_user(context)
    start = data["start"]
    end = data.get("end") or _default_end(start)
    _check_times(start, end)
    if data["status"] == "held" and start > m.utcnow():
        raise tk.ValidationError({"status": [tk._("An event in the future cannot be held yet")]})
    if data.get("name"):
        common.check_name_free(m.Event, data["name"])
        name = data["name"]
    else:
        name = common.unique_name(m.Event, f"{data['title']} {start:%Y-%m-%d}", "event")
    event = m.Event(name=name, kind=data["kind"], title=data["title"],
                    title_translated=data.get("title_translated") or {},
                    description=data.get("description", ""), owner_org=data["owner_org"],
                    start=start, end=end, location=data.get("location", ""),
                    stream_url=data.get("stream_url", ""), status=data["status"],
                    status_note=data.get("status_note", ""), period=data.get("period", ""),
                    questions_open=data.get("questions_open", True),
                    summary=data.get("summary", ""), transcript=data.get("transcript", ""))
    model.Session.add(event)
    model.Session.flush()
    event.history.append(m.EventChange(user_id=user.id if user else None, action="created",
                                       status_to=event.status, start_to=start))
    refresh_search_text(event)
    model.Session.commit()
    return event_dictize(event)


def _status_change(event: m.Event, data: dict, new_start) -> str | None:
    """The status the update moves to (None: unchanged), after checking the transition."""
    wanted = data.get("status")
    if not wanted or (wanted == event.status and wanted != "postponed"):
        return None
    if wanted == "postponed" and event.status == "postponed" and new_start == event.start:
        return None  # saving a postponed event again is not a new postponement
    if wanted not in m.TRANSITIONS[event.status]:
        raise tk.ValidationError({"status": [tk._(
            "An event that is {current} cannot become {wanted}").format(
            current=event.status, wanted=wanted)]})
    now = m.utcnow()
    if wanted == "postponed":
        if new_start == event.start:
            raise tk.ValidationError({"start": [tk._("Postponing needs the new date")]})
        if new_start <= now:
            raise tk.ValidationError({"start": [tk._("The new date must be in the future")]})
    if wanted == "held" and event.start > now:
        raise tk.ValidationError({"status": [tk._("An event in the future cannot be held yet")]})
    return wanted


def event_update(context, data_dict):
    """Change an event; only the fields given change.

    Lifecycle (`status`): announced -> live, held, postponed (with a new `start`), cancelled;
    postponed -> the same, or postponed again; live -> held. Held and cancelled are final.
    `status_note` says why (shown in the history). Every change is kept in the public history;
    postponing, cancelling and moving the start notify the people who asked or voted.
    """
    event = _get_event(reference(data_dict))
    tk.check_access("event_update", context, data_dict)
    data, errors = tk.navl_validate(fluent.uzbek_into_plain(data_dict, "title"),
                                    schema.event_update_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    user = common.current_user(context)
    actor = user.id if user else None
    if data.get("name") and data["name"] != event.name:
        common.check_name_free(m.Event, data["name"], event.id)

    new_start = data.get("start", event.start)
    new_end = data.get("end")
    if new_end is None:
        # moving the start moves the end with it, keeping the length
        new_end = event.end + (new_start - event.start)
    _check_times(new_start, new_end)
    new_status = _status_change(event, data, new_start)
    data["start"], data["end"] = new_start, new_end

    old = {f: getattr(event, f) for f in EDITABLE + ("status", "name")}
    for field in EDITABLE:
        if field in data:
            setattr(event, field, data[field])
    if data.get("name"):
        event.name = data["name"]
    if new_status:
        event.status = new_status
    changed = [f for f in EDITABLE + ("name",) if getattr(event, f) != old[f]]
    if not changed and not new_status:
        return event_dictize(event)

    note = data.get("status_note", "") if new_status else ""
    moved = event.start != old["start"]
    if new_status:
        action = "status"
    elif moved and event.status in m.UPCOMING_STATUSES:
        action = "rescheduled"
    else:
        action = "updated"
    event.history.append(m.EventChange(
        user_id=actor, action=action, status_from=old["status"] if new_status else None,
        status_to=new_status, start_from=old["start"] if moved else None,
        start_to=event.start if moved else None, note=note,
        fields={"changed": [f for f in changed if f not in ("search_text",)]}))
    if new_status or any(f in changed for f in CALENDAR_FIELDS):
        event.sequence += 1
    event.modified = m.utcnow()
    refresh_search_text(event)

    kind = new_status if new_status in ("postponed", "cancelled") else (
        "rescheduled" if action == "rescheduled" else None)
    queued = 0
    if kind:
        queued = notifications.queue_for_event(event, kind, actor, {
            "note": note, "start_from": old["start"].isoformat(),
            "start_to": event.start.isoformat()})
    model.Session.commit()
    if queued:
        notifications.enqueue_sending()
    return event_dictize(event)


@tk.side_effect_free
@tk.validate_action_data(schema.event_show_schema)
def event_show(context, data_dict):
    """One event with its materials and history. :param id: id or name"""
    tk.check_access("event_show", context, data_dict)
    event = _get_event(data_dict["id"])
    result = event_dictize(event)
    result["can_edit"] = common.is_editor(context, event.owner_org)
    return result


def upcoming_filter(now: datetime.datetime):
    return (m.Event.status.in_(m.UPCOMING_STATUSES)) & (m.Event.end >= now)


@tk.side_effect_free
@tk.validate_action_data(schema.event_list_schema)
def event_list(context, data_dict):
    """The calendar and the archive.

    :param when: upcoming (soonest first), past (latest first) or all (latest first)
    :param archive: only held events (the archive)
    :param owner_org, kind, status, year, period: filters
    :param q: words searched in titles, descriptions, summaries, transcripts and answers
        (Uzbek Latin and Cyrillic spellings match)
    :param limit, offset: paging (limit at most 1000)
    :returns: {"count": n, "results": [event, ...]}
    """
    tk.check_access("event_list", context, data_dict)
    now = m.utcnow()
    query = model.Session.query(m.Event)
    if data_dict.get("owner_org"):
        query = query.filter(m.Event.owner_org == data_dict["owner_org"])
    if data_dict.get("kind"):
        query = query.filter(m.Event.kind == data_dict["kind"])
    if data_dict.get("status"):
        query = query.filter(m.Event.status == data_dict["status"])
    if data_dict.get("archive"):
        query = query.filter(m.Event.status == "held")
    if data_dict.get("year"):
        query = query.filter(extract("year", m.Event.start) == data_dict["year"])
    if data_dict.get("period"):
        query = query.filter(m.Event.period == data_dict["period"])
    for word in query_words(data_dict.get("q")):
        query = query.filter(m.Event.search_text.contains(word, autoescape=True))
    if data_dict["when"] == "upcoming":
        query = query.filter(upcoming_filter(now)).order_by(m.Event.start, m.Event.name)
    else:
        if data_dict["when"] == "past":
            query = query.filter(~upcoming_filter(now))
        query = query.order_by(m.Event.start.desc(), m.Event.name)
    count = query.count()
    events = query.offset(data_dict["offset"]).limit(data_dict["limit"]).all()
    return {"count": count, "results": [event_dictize(e, details=False) for e in events]}


@tk.validate_action_data(schema.material_create_schema)
def event_material_create(context, data_dict):
    """Attach a material: a recording, slides, a report, a transcript file, a dataset or a link.

    :param event_id: the event
    :param kind: recording, slides, report, transcript, dataset or link
    :param url: a web address (an external player for a recording), or for kind "dataset" the
        dataset's name or id
    :param upload: a file instead of a url (multipart), see the upload options
    :param title: shown as the link's text
    """
    event = _get_event(reference(data_dict, "event_id"))
    tk.check_access("event_material_create", context, data_dict)
    upload = data_dict.get("upload")
    has_file = upload is not None and getattr(upload, "filename", None)
    url = (data_dict.get("url") or "").strip()
    if not has_file and not url:
        raise tk.ValidationError({"url": [tk._("Give a web address or upload a file")]})
    material = m.Material(event_id=event.id, kind=data_dict["kind"],
                          title=data_dict.get("title", ""), position=len(event.materials))
    if has_file:
        material.id = m._id()
        material.url, material.size = storage.save(material.id, upload)
        material.url_type = "upload"
    elif data_dict["kind"] == "dataset":
        try:
            package = tk.get_action("package_show")(
                {"user": context.get("user")}, {"id": url})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            raise tk.ValidationError({"url": [tk._("Dataset not found")]})
        material.url, material.url_type = package["name"], "dataset"
        material.title = material.title or package["title"]
    else:
        try:
            material.url = dialogue_http_url(url, context)
        except tk.Invalid as error:
            raise tk.ValidationError({"url": [error.error]})
    event.materials.append(material)
    event.modified = m.utcnow()
    model.Session.commit()
    return material_dictize(material)


@tk.validate_action_data(schema.material_delete_schema)
def event_material_delete(context, data_dict):
    """Remove a material (and its stored file). :param id: the material's id"""
    tk.check_access("event_material_delete", context, data_dict)
    material = model.Session.get(m.Material, data_dict["id"])
    if material is None:
        raise tk.ObjectNotFound(tk._("Material not found"))
    if material.url_type == "upload":
        storage.remove(material.id)
    model.Session.delete(material)
    model.Session.commit()
    return {"id": data_dict["id"]}

