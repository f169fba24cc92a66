"""Events: announcing, the lifecycle and its history, who is notified, the calendar lists."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.dialogue import model as m

from .conftest import act, at


def notifications(kind: str | None = None) -> list[m.Notification]:
    query = model.Session.query(m.Notification)
    if kind:
        query = query.filter(m.Notification.kind == kind)
    return query.all()


def recipients(kind: str) -> set[str]:
    return {model.Session.get(model.User, n.user_id).name for n in notifications(kind)}


def test_announce_gives_a_public_event_with_history(roles, event):
    assert event["status"] == "announced"
    assert event["organization"]["name"] == "finance"
    assert event["name"].startswith("byudjet-ijrosi")
    assert event["end"] > event["start"]  # one hour by default
    assert event["accepts_questions"] is True
    assert [c["action"] for c in event["history"]] == ["created"]
    shown = act("event_show", None, id=event["name"])
    assert shown["id"] == event["id"] and shown["can_edit"] is False
    assert "user_id" not in str(shown["history"])


def test_postponing_keeps_history_and_tells_only_the_people_involved(roles, event,
                                                                     event_factory):
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Suv tariflari qachon oʻzgaradi?")
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    act("event_question_vote", roles["neighbour"], id=question["id"])
    # someone involved in another event is not told
    other_event = event_factory(title="Boshqa tadbir")
    act("event_question_create", roles["other_editor"], event_id=other_event["id"],
        text="Bu boshqa tadbir haqida savol")
    # an edit that moves no date tells nobody
    act("event_update", roles["dept_editor"], id=event["id"], description="Yangi tavsif")
    assert notifications() == []

    old_start = event["start"]
    new_start = at(days=14)
    postponed = act("event_update", roles["dept_editor"], id=event["id"], status="postponed",
                    start=new_start, status_note="Zal taʼmirda")
    assert postponed["status"] == "postponed"
    assert postponed["start"] == new_start
    assert postponed["sequence"] > event["sequence"]
    change = postponed["history"][-1]
    assert change["action"] == "status"
    assert (change["status_from"], change["status_to"]) == ("announced", "postponed")
    assert (change["start_from"], change["start_to"]) == (old_start, new_start)
    assert change["note"] == "Zal taʼmirda"
    assert [c["action"] for c in postponed["history"]] == ["created", "updated", "status"]
    assert recipients("postponed") == {"citizen", "neighbour"}

    # saving the postponed event again is not a second postponement
    act("event_update", roles["dept_editor"], id=event["id"], status="postponed",
        title="Brifing (yangi sana)")
    assert len(notifications("postponed")) == 2

    cancelled = act("event_update", roles["dept_editor"], id=event["id"], status="cancelled",
                    status_note="Rahbariyat qarori")
    assert cancelled["status"] == "cancelled"
    assert recipients("cancelled") == {"citizen", "neighbour"}
    assert [c["status_to"] for c in cancelled["history"] if c["action"] == "status"] == [
        "postponed", "cancelled"]
    # a cancelled event is final, and the failed attempts tell nobody anything
    for status in ("announced", "live", "held", "postponed"):
        with pytest.raises(tk.ValidationError) as error:
            act("event_update", roles["dept_editor"], id=event["id"], status=status,
                start=at(days=30))
        assert "status" in error.value.error_dict
    assert len(notifications()) == 4
    # the questions stay, and the event stops taking new ones
    assert act("event_question_list", None, event_id=event["id"])["count"] == 1
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_create", roles["neighbour"], event_id=event["id"],
            text="Yana bir savol bormi?")
    assert "event_id" in error.value.error_dict


def test_the_editor_who_postpones_is_not_told_and_rejected_authors_are_not(roles, event):
    rejected = act("event_question_create", roles["neighbour"], event_id=event["id"],
                   text="Reklama: arzon quvurlar!")
    act("event_question_moderate", roles["dept_editor"], id=rejected["id"], decision="reject",
        reason="spam")
    act("event_question_create", roles["dept_admin"], event_id=event["id"],
        text="Rahbariyatdan savol: reja qanday?")
    act("event_update", roles["dept_admin"], id=event["id"], status="postponed",
        start=at(days=10))
    assert notifications("postponed") == []


def test_moving_the_start_of_an_announced_event_is_a_reschedule(roles, event):
    act("event_question_create", roles["citizen"], event_id=event["id"],
        text="Savolim bor: grafik qanday?")
    moved = act("event_update", roles["dept_editor"], id=event["id"], start=at(days=8))
    assert moved["status"] == "announced"
    assert moved["history"][-1]["action"] == "rescheduled"
    assert recipients("rescheduled") == {"citizen"}


def test_live_and_held_notify_nobody(roles, event_factory):
    event = event_factory(start=at(hours=-0.5), end=at(hours=1))
    act("event_question_create", roles["citizen"], event_id=event["id"],
        text="Jonli efirda javob bering")
    live = act("event_update", roles["dept_editor"], id=event["id"], status="live")
    assert live["status"] == "live" and live["accepts_questions"] is True
    held = act("event_update", roles["dept_editor"], id=event["id"], status="held",
               summary="Asosiy natijalar", transcript="Toʻliq matn")
    assert held["status"] == "held" and held["accepts_questions"] is False
    assert notifications() == []
    with pytest.raises(tk.ValidationError) as error:  # held is final
        act("event_update", roles["dept_editor"], id=event["id"], status="cancelled")
    assert "status" in error.value.error_dict


@pytest.mark.parametrize("change, field", [
    ({"status": "postponed"}, "start"),  # postponing needs a new date
    ({"status": "postponed", "start": "2020-01-01T10:00"}, "start"),  # in the future
    ({"status": "held"}, "status"),  # not before it happened
    ({"status": "live", "start": "2030-01-01T10:00", "end": "2030-01-01T09:00"}, "end"),
    ({"status": "over"}, "status"),
    ({"kind": "party"}, "kind"),
    ({"owner_org": "no-such-department"}, "owner_org"),
    ({"start": "next tuesday"}, "start"),
    ({"stream_url": "javascript:alert(1)"}, "stream_url"),
    ({"period": "2025-Q5"}, "period"),
    ({"title": ""}, "title"),
])
def test_bad_updates_are_refused_with_the_field_named(roles, event, change, field):
    with pytest.raises(tk.ValidationError) as error:
        act("event_update", roles["dept_editor"], id=event["id"], **change)
    assert field in error.value.error_dict
    assert act("event_show", None, id=event["id"])["status"] == "announced"


@pytest.mark.parametrize("data, field", [
    ({}, "kind"),
    ({"kind": "briefing", "owner_org": "finance", "start": "2030-05-01T10:00"}, "title"),
    ({"kind": "briefing", "title": "Brifing", "start": "2030-05-01T10:00"}, "owner_org"),
    ({"kind": "briefing", "title": "Brifing", "owner_org": "finance"}, "start"),
    ({"kind": "briefing", "title": "Brifing", "owner_org": "finance",
      "start": "2030-05-01T10:00", "status": "cancelled"}, "status"),
    ({"kind": "briefing", "title": "Brifing", "owner_org": "finance",
      "start": "2030-05-01T10:00", "status": "held"}, "status"),
    ({"kind": "briefing", "title": "Brifing", "owner_org": "finance",
      "start": "2030-05-01T10:00", "name": "Not A Slug!"}, "name"),
])
def test_bad_announcements_are_refused(roles, data, field):
    with pytest.raises(tk.ValidationError) as error:
        act("event_create", roles["dept_editor"], **data)
    assert field in error.value.error_dict


def test_names_are_unique_and_times_take_the_site_timezone(roles, event_factory):
    first = event_factory(name="q1-hisobot", start="2030-05-01T10:00+05:00")
    assert first["start"] == "2030-05-01T05:00:00Z"
    with pytest.raises(tk.ValidationError) as error:
        event_factory(name="q1-hisobot")
    assert "name" in error.value.error_dict
    twin = event_factory(title=first["title"], start="2030-05-01T10:00+05:00")
    assert twin["name"] != first["name"]


def test_calendar_lists_upcoming_and_past_with_filters(roles, event_factory):
    soon = event_factory(title="Tez orada", start=at(days=1))
    later = event_factory(title="Keyinroq", start=at(days=20), kind="qa_session")
    held = event_factory(title="Oʻtgan hisobot", kind="quarterly_report", period="2024-Q4",
                         start=at(days=-40), status="held",
                         summary="Moliya natijalari sarhisobi")
    overdue = event_factory(title="Eʼlon qilingan, lekin oʻtgan", start=at(days=-3))
    elsewhere = event_factory("other_editor", title="Suv boʻlimi", owner_org="water",
                              start=at(days=2))
    cancelled = event_factory(title="Bekor", start=at(days=5))
    act("event_update", roles["dept_editor"], id=cancelled["id"], status="cancelled")

    def names(**data):
        return [e["name"] for e in act("event_list", None, **data)["results"]]

    assert names(when="upcoming") == [soon["name"], elsewhere["name"], later["name"]]
    assert names(when="past") == [cancelled["name"], overdue["name"], held["name"]]
    assert names(when="upcoming", owner_org="water") == [elsewhere["name"]]
    assert names(kind="qa_session") == [later["name"]]
    assert names(archive=True) == [held["name"]]
    assert names(year=int(held["start"][:4]), kind="quarterly_report") == [held["name"]]
    assert names(period="2024-Q4") == [held["name"]]
    # the archive's search: any script, any apostrophe
    assert names(archive=True, q="Молия натижалари") == [held["name"]]
    assert names(archive=True, q="otgan") == [held["name"]]
    assert names(archive=True, q="issiqlik") == []
    assert act("event_list", None, limit=2)["count"] == 6
    with pytest.raises(tk.ValidationError) as error:
        act("event_list", None, when="tomorrow")
    assert "when" in error.value.error_dict


def test_materials_links_datasets_and_uploads(roles, event, app):
    from werkzeug.datastructures import FileStorage
    import io
    import ckan.tests.factories as factories
    dataset = factories.Dataset(owner_org=roles["department"]["id"], title="Byudjet 2025")
    link = act("event_material_create", roles["dept_editor"], event_id=event["id"],
               kind="recording", url="https://youtu.be/abcdefgh")
    assert link["url"] == "https://youtu.be/abcdefgh"
    data_link = act("event_material_create", roles["dept_editor"], event_id=event["id"],
                    kind="dataset", url=dataset["name"])
    assert data_link["url"].endswith(f"/dataset/{dataset['name']}")
    assert data_link["title"] == "Byudjet 2025"
    slides = act("event_material_create", roles["dept_editor"], event_id=event["id"],
                 kind="slides", title="Taqdimot",
                 upload=FileStorage(io.BytesIO(b"%PDF-1.4 slides"), "taqdimot.pdf"))
    assert slides["url_type"] == "upload" and slides["size"] == 15
    response = app.get(slides["url"].replace("http://test.ckan.net", ""))
    assert response.status_code == 200 and response.data == b"%PDF-1.4 slides"
    with pytest.raises(tk.ValidationError) as error:
        act("event_material_create", roles["dept_editor"], event_id=event["id"],
            kind="slides", upload=FileStorage(io.BytesIO(b"MZ"), "virus.exe"))
    assert "upload" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("event_material_create", roles["dept_editor"], event_id=event["id"], kind="link")
    assert "url" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("event_material_create", roles["dept_editor"], event_id=event["id"],
            kind="dataset", url="no-such-dataset")
    assert "url" in error.value.error_dict
    shown = act("event_show", None, id=event["id"])
    assert [x["kind"] for x in shown["materials"]] == ["recording", "dataset", "slides"]
    act("event_material_delete", roles["dept_editor"], id=slides["id"])
    assert app.get(slides["url"].replace("http://test.ckan.net", "")).status_code == 404
