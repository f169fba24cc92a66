"""Validation schemas of the dialogue actions (navl, toolkit validators)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .. import model as m
from . import validators as v

get = tk.get_validator


def _one_of(values):
    # a list: CKAN's one_of formats its message with `%`, which a tuple breaks
    return get("one_of")(list(values))


def _optional(*validators):
    return [get("ignore_missing"), *validators]


def _required(*validators):
    return [get("not_empty"), *validators]


def _text(maximum: int = 20000):
    return [get("ignore_missing"), get("unicode_safe"), v.dialogue_text_length(0, maximum)]


def _paging(default_limit: int = 50):
    return {
        "limit": [get("default")(default_limit), v.dialogue_limit(1000)],
        "offset": [get("default")(0), v.dialogue_limit(10 ** 9)],
    }


def _event_fields(create: bool) -> dict:
    need = _required if create else _optional
    return {
        "name": _optional(get("unicode_safe"), get("name_validator")),
        "kind": need(_one_of(m.EVENT_KINDS)),
        "title": need(get("unicode_safe"), v.dialogue_text_length(3, 300),
                      v.dialogue_single_line),
        "title_translated": [get("fluent_translations")],
        "description": _text(),
        "owner_org": need(get("unicode_safe"), v.dialogue_department),
        "start": need(v.dialogue_datetime),
        "end": _optional(v.dialogue_datetime),
        "location": _text(500) + [v.dialogue_single_line],
        "stream_url": _optional(v.dialogue_http_url),
        "period": _optional(v.dialogue_period),
        "questions_open": _optional(get("boolean_validator")),
        "summary": _text(),
        "transcript": _text(500000),
        "status_note": _text(2000),
    }


def event_create_schema() -> dict:
    schema = _event_fields(create=True)
    # an event is announced; one held before the portal existed is entered as held
    schema["status"] = [get("default")("announced"), _one_of(("announced", "held"))]
    return schema


def event_update_schema() -> dict:
    schema = _event_fields(create=False)
    schema["id"] = _required(get("unicode_safe"))
    schema["status"] = _optional(_one_of(m.EVENT_STATUSES))
    return schema


def event_show_schema() -> dict:
    return {"id": _required(get("unicode_safe"))}


def event_list_schema() -> dict:
    return {
        "owner_org": _optional(get("unicode_safe"), v.dialogue_department),
        "kind": _optional(_one_of(m.EVENT_KINDS)),
        "status": _optional(_one_of(m.EVENT_STATUSES)),
        "when": [get("default")("all"), _one_of(("upcoming", "past", "all"))],
        "year": _optional(get("int_validator")),
        "period": _optional(v.dialogue_period),
        "archive": [get("default")(False), get("boolean_validator")],
        "q": _text(200),
        **_paging(),
    }


def event_archive_schema() -> dict:
    fields = event_list_schema()
    return {**{k: fields[k] for k in ("owner_org", "kind", "year", "q")},
            "limit": [get("default")(20), v.dialogue_limit(100)],
            "offset": fields["offset"]}


def material_create_schema() -> dict:
    return {
        "event_id": _required(get("unicode_safe")),
        "kind": _required(_one_of(m.MATERIAL_KINDS)),
        "title": _text(300),
        "url": _optional(get("unicode_safe")),
        "upload": _optional(),
    }


def material_delete_schema() -> dict:
    return {"id": _required(get("unicode_safe"))}


def question_create_schema() -> dict:
    return {
        "event_id": _required(get("unicode_safe")),
        "text": _required(get("unicode_safe"), v.dialogue_text_length(10, 1000)),
    }


def question_list_schema() -> dict:
    return {
        "event_id": _required(get("unicode_safe")),
        "status": [get("default")("published"),
                   _one_of(m.QUESTION_STATUSES + ("answered", "unanswered", "mine"))],
        "sort": [get("default")("votes"), _one_of(("votes", "newest", "number"))],
        **_paging(200),
    }


def question_show_schema() -> dict:
    return {"id": _required(get("unicode_safe"))}


def question_vote_schema() -> dict:
    return {
        "id": _required(get("unicode_safe")),
        "remove": [get("default")(False), get("boolean_validator")],
    }


def question_moderate_schema() -> dict:
    return {
        "id": _required(get("unicode_safe")),
        "decision": _required(_one_of(("publish", "reject"))),
        "reason": _optional(_one_of(m.REJECTION_REASONS)),
        "note": _text(1000),
    }


def question_answer_schema() -> dict:
    return {
        "id": _required(get("unicode_safe")),
        "answer": _required(get("unicode_safe"), v.dialogue_text_length(2, 20000)),
        "mode": [get("default")("written"), _one_of(m.ANSWER_MODES)],
        "recording_time": _optional(v.dialogue_recording_time),
    }


def moderation_queue_schema() -> dict:
    return {"owner_org": _optional(get("unicode_safe"), v.dialogue_department), **_paging(100)}


def _poll_fields(create: bool) -> dict:
    need = _required if create else _optional
    return {
        "name": _optional(get("unicode_safe"), get("name_validator")),
        "owner_org": need(get("unicode_safe"), v.dialogue_department),
        "event_id": _optional(get("unicode_safe")),
        "question": need(get("unicode_safe"), v.dialogue_text_length(3, 500)),
        "description": _text(5000),
        "options": need(v.dialogue_string_list),
        "multiple": _optional(get("boolean_validator")),
        "opens_at": _optional(v.dialogue_datetime),
        "closes_at": need(v.dialogue_datetime),
        "results_visibility": _optional(_one_of(m.RESULTS_VISIBILITY)),
    }


def poll_create_schema() -> dict:
    return _poll_fields(create=True)


def poll_update_schema() -> dict:
    schema = _poll_fields(create=False)
    schema["id"] = _required(get("unicode_safe"))
    return schema


def poll_show_schema() -> dict:
    return {"id": _required(get("unicode_safe"))}


def poll_list_schema() -> dict:
    return {
        "owner_org": _optional(get("unicode_safe"), v.dialogue_department),
        "state": _optional(_one_of(("upcoming", "open", "closed"))),
        "event_id": _optional(get("unicode_safe")),
        **_paging(),
    }


def poll_vote_schema() -> dict:
    return {"id": _required(get("unicode_safe")), "options": _required(v.dialogue_string_list)}


def activity_schema() -> dict:
    return {
        "department": _optional(get("unicode_safe"), v.dialogue_department),
        "year": _optional(get("int_validator")),
        "quarter": _optional(get("int_validator"), _one_of((1, 2, 3, 4))),
        "date_from": _optional(v.dialogue_datetime),
        "date_to": _optional(v.dialogue_datetime),
    }
