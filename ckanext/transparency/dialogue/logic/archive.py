"""The archive of recordings: the events held, latest first, grouped by the quarter they were
held in, each with what a reader needs to choose one: the recording's thumbnail (or the
portal's poster), the length and the answered questions with links to their moments."""
from __future__ import annotations

import itertools

import ckan.model as model
import ckan.plugins.toolkit as tk

from .. import model as m
from .. import times, video
from . import schema
from .dictization import material_url, site_url


def _recordings(event_ids: list[str]) -> dict[str, m.Material]:
    rows = (model.Session.query(m.Material)
            .filter(m.Material.event_id.in_(event_ids), m.Material.kind == "recording")
            .order_by(m.Material.position.desc()))
    return {row.event_id: row for row in rows}  # the first by position wins


def _answered(event_ids: list[str]) -> dict[str, list[m.Question]]:
    rows = (model.Session.query(m.Question)
            .filter(m.Question.event_id.in_(event_ids), m.Question.status == "published",
                    m.Question.answer.isnot(None))
            .order_by(m.Question.event_id, m.Question.recording_time.asc().nulls_last(),
                      m.Question.number))
    return {key: list(group) for key, group in itertools.groupby(rows, lambda q: q.event_id)}


def recording_dictize(material: m.Material | None) -> dict | None:
    if material is None:
        return None
    url = material_url(material)
    found = video.recognise(url)
    return {"url": url, "title": material.title, "host": found.host if found else None,
            "player_url": video.player_url(url), "thumbnail_url": video.thumbnail_url(url)}


def answered_dictize(question: m.Question, recording_url: str | None) -> dict:
    return {"number": question.number, "text": question.text, "answer": question.answer,
            "answer_mode": question.answer_mode, "recording_time": question.recording_time,
            "at_url": video.at_time(recording_url, question.recording_time)}


def quarter_of(api_time: str) -> tuple[int, int]:
    local = times.to_local(times.parse(api_time))
    return local.year, (local.month - 1) // 3 + 1


@tk.side_effect_free
@tk.validate_action_data(schema.event_archive_schema)
def event_archive(context, data_dict):
    """The archive of recordings: the events held, latest first, a page at a time, grouped by
    the quarter (in the site's timezone) in which they were held.

    :param owner_org, kind, year, q: filters, as in event_list
    :param limit, offset: paging (limit default 20, at most 100)
    :returns: {"count": n, "quarters": [{"quarter": "2025-Q3", "year": 2025, "number": 3,
        "events": [event, ...]}]}; each event is event_list's plus "duration" (minutes from
        start to end), "recording" (url, host, player_url, thumbnail_url: the host's still
        image when its address follows from the link, else null) or null, "poster_url" (the
        portal's SVG poster) and "answered": the answered questions (number, text, answer,
        answer_mode, recording_time, at_url: the link to that moment of the recording)
    """
    tk.check_access("event_archive", context, data_dict)
    filters = {k: data_dict[k] for k in ("owner_org", "kind", "year", "q", "limit", "offset")
               if data_dict.get(k) not in (None, "")}
    found = tk.get_action("event_list")(dict(context), dict(filters, archive=True))
    ids = [event["id"] for event in found["results"]]
    recordings, answered = _recordings(ids), _answered(ids)
    events = []
    for event in found["results"]:
        recording = recording_dictize(recordings.get(event["id"]))
        duration = times.parse(event["end"]) - times.parse(event["start"])
        events.append(dict(
            event, duration=round(duration.total_seconds() / 60), recording=recording,
            poster_url=site_url(f"/dialogue/event/{event['name']}/poster.svg"),
            answered=[answered_dictize(q, recording and recording["url"])
                      for q in answered.get(event["id"], [])]))
    quarters = [{"quarter": f"{year}-Q{number}", "year": year, "number": number,
                 "events": list(group)}
                for (year, number), group in itertools.groupby(
                    events, lambda e: quarter_of(e["start"]))]
    return {"count": found["count"], "quarters": quarters}
