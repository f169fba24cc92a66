"""The happenings seam (core/happenings.py): what the features report through IHappenings, each
once, with stable keys, from real actions; a feature left out reports nothing."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.tests.factories as factories

from ckanext.transparency.consultations import settings
from ckanext.transparency.core import happenings
from ckanext.transparency.dialogue.model import utcnow
from ckanext.transparency.opendata.types import QUARTERLY
from tests.helpers import act

UTC = dt.timezone.utc


def now() -> dt.datetime:
    return dt.datetime.now(UTC)


def at(days: float = 0, hours: float = 0) -> str:
    moment = utcnow() + dt.timedelta(days=days, hours=hours)
    return moment.replace(microsecond=0).isoformat() + "Z"


@pytest.fixture
def department(clean_db, clean_index, with_plugins):
    editor = factories.User(name="muharrir", email="muharrir@example.uz")
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                 users=[{"name": "muharrir", "capacity": "editor"}])
    return {"editor": editor, "org": org}


def by_kind(found: list) -> dict[str, list]:
    kinds: dict[str, list] = {}
    for happening in found:
        kinds.setdefault(happening.kind, []).append(happening)
    return kinds


def test_an_event_announced_postponed_and_starting(department):
    since = now()
    event = act("event_create", department["editor"], kind="briefing",
                title="Byudjet ijrosi boʻyicha brifing", owner_org=department["org"]["id"],
                start=at(days=7), stream_url="https://www.youtube.com/watch?v=abcdefgh")
    new_start = (utcnow() + dt.timedelta(days=9)).replace(microsecond=0)
    act("event_update", department["editor"], id=event["id"], status="postponed",
        start=new_start.isoformat() + "Z", status_note="Xona band")
    act("event_update", department["editor"], id=event["id"], status="live")

    found = happenings.collect(since)
    kinds = by_kind(found)
    [announced] = kinds["event_announced"]
    assert announced.key == f"event:{event['id']}:announced"
    assert announced.subject_type == "event" and announced.subject_id == event["id"]
    assert announced.organization_id == department["org"]["id"]
    assert announced.url == f"http://test.ckan.net/dialogue/event/{event['name']}"
    assert announced.title_in("uz") == "Byudjet ijrosi boʻyicha brifing"
    assert announced.title_in("uz_Cyrl") == "Бюджет ижроси бўйича брифинг"
    assert announced.title_in("ru") == "Byudjet ijrosi boʻyicha brifing"
    [postponed] = kinds["event_postponed"]
    assert postponed.key == (f"event:{event['id']}:postponed:"
                             f"{new_start.replace(tzinfo=UTC).isoformat()}")
    [starting] = kinds["event_starting"]
    assert starting.extra["stream_url"] == "https://www.youtube.com/watch?v=abcdefgh"
    assert [h.occurred_at for h in found] == sorted(h.occurred_at for h in found)
    assert all(h.occurred_at.tzinfo is not None for h in found)
    # asked again, the same happenings under the same keys; a later window has none of them
    assert [h.key for h in happenings.collect(since)] == [h.key for h in found]
    assert happenings.collect(now()) == []


def test_an_events_start_and_its_recording(department):
    event = act("event_create", department["editor"], kind="briefing", title="Savol-javob",
                owner_org=department["org"]["id"], start=at(hours=1))
    starts = dt.datetime.fromisoformat(event["start"].replace("Z", "+00:00"))
    [starting] = [h for h in happenings.collect(now(), starts + dt.timedelta(minutes=1))
                  if h.kind == "event_starting"]
    assert starting.occurred_at == starts
    assert starting.key == f"event:{event['id']}:starting"

    since = now()
    material = act("event_material_create", department["editor"], event_id=event["id"],
                   kind="recording", title="Yozuv", url="https://www.youtube.com/watch?v=rec1")
    [recording] = happenings.collect(since)
    assert recording.kind == "event_recording"
    assert recording.key == f"event:{event['id']}:recording:{material['id']}"


def test_a_draft_opened_closing_and_reported(department):
    since = now()
    today = settings.today()
    draft = act("consultation_create", department["editor"], name="ochiqlik-nizomi",
                title="Ochiqlik toʻgʻrisidagi nizom", summary="Loyiha", kind="decision",
                owner_org=department["org"]["name"], body="## 1-modda. Umumiy qoidalar\n\nMatn.",
                opens_on=today.isoformat(),
                closes_on=(today + dt.timedelta(days=15)).isoformat())
    [opened] = happenings.collect(since)
    assert (opened.kind, opened.key) == ("draft_opened", f"draft:{draft['id']}:opened")
    assert opened.url == "http://test.ckan.net/consultations/ochiqlik-nizomi"
    assert opened.subject_type == "draft"

    later = now() + dt.timedelta(days=13)
    [closing] = [h for h in happenings.collect(since, later) if h.kind == "draft_closing_soon"]
    closes_on = (today + dt.timedelta(days=15)).isoformat()
    assert closing.key == f"draft:{draft['id']}:closing_soon:{closes_on}"
    assert closing.occurred_at == dt.datetime.combine(
        today + dt.timedelta(days=12), dt.time(), settings.timezone())


def test_a_withdrawn_draft_does_not_open(department):
    since = now()
    today = settings.today()
    draft = act("consultation_create", department["editor"], name="qaytarilgan",
                title="Qaytarilgan loyiha", summary="", kind="decision",
                owner_org=department["org"]["name"], body="Matn.",
                opens_on=(today + dt.timedelta(days=1)).isoformat(),
                closes_on=(today + dt.timedelta(days=20)).isoformat())
    act("consultation_withdraw", department["editor"], id=draft["id"], reason="Eskirdi")
    assert happenings.collect(since, now() + dt.timedelta(days=30)) == []


def _dataset(department, **fields) -> dict:
    data = {"type": "budget-execution", "name": "byudjet", "title": "Byudjet ijrosi",
            "owner_org": department["org"]["id"], "frequency": QUARTERLY, "fiscal_year": 2026,
            "language": "uz-Latn", "maintainer": "Moliya", "maintainer_email": "m@example.uz",
            "title_translated": {"ru": "Исполнение бюджета"}}
    data.update(fields)
    return act("package_create", department["editor"], **data)


def _publish(department, dataset, start: str, end: str) -> None:
    act("opendata_update_record", department["editor"], id=dataset["id"],
        period_start=start, period_end=end)


def test_a_dataset_overdue_then_on_time_again_with_each_new_period(department):
    dataset = _dataset(department)
    since = now()
    _publish(department, dataset, "2026-01-01", "2026-03-31")
    first = by_kind(happenings.collect(since))
    [period] = first["dataset_new_period"]
    assert period.key == f"dataset:{dataset['id']}:period:2026-01-01/2026-03-31"
    assert period.url == "http://test.ckan.net/budget-execution/byudjet"
    assert period.title_in("ru") == "Исполнение бюджета"
    assert period.title_in("uz_Cyrl") == "Бюджет ижроси"

    # Q2 was due on 15 July 2026: overdue since the day after, reported once that moment is in
    # the window asked about
    [overdue] = by_kind(happenings.collect(dt.datetime(2026, 7, 1, tzinfo=UTC)))[
        "dataset_overdue"]
    assert overdue.key == f"dataset:{dataset['id']}:overdue:2026-07-15"
    assert overdue.occurred_at >= dt.datetime(2026, 7, 15, 12, tzinfo=UTC)
    assert "dataset_overdue" not in by_kind(happenings.collect(now()))

    since = now()
    _publish(department, dataset, "2026-01-01", "2026-03-31")  # a correction: nothing new
    assert happenings.collect(since) == []
    _publish(department, dataset, "2026-04-01", "2026-09-30")
    kinds = by_kind(happenings.collect(since))
    assert [h.key for h in kinds["dataset_new_period"]] == [
        f"dataset:{dataset['id']}:period:2026-04-01/2026-09-30"]
    [again] = kinds["dataset_on_time_again"]
    assert again.key.startswith(f"dataset:{dataset['id']}:on_time:")


def test_a_private_dataset_is_not_a_happening(department):
    dataset = _dataset(department, private=True)
    since = now()
    _publish(department, dataset, "2026-01-01", "2026-03-31")
    assert happenings.collect(since) == []
    assert happenings.collect(dt.datetime(2026, 7, 1, tzinfo=UTC)) == []


@pytest.mark.ckan_config("ckan.plugins", "transparency_search transparency activity "
                         "scheming_datasets datastore transparency_dialogue transparency_opendata")
def test_a_feature_left_out_reports_nothing(department):
    since = now()
    happenings_of = happenings.collect
    # the draft's table exists (migrations are the portal's), the plugin is not loaded
    from ckanext.transparency.consultations.model import Consultation
    import ckan.model as model
    today = settings.today()
    model.Session.add(Consultation(name="yuklanmagan", title="Yuklanmagan", kind="decision",
                                   owner_org=department["org"]["id"], opens_on=today,
                                   closes_on=today + dt.timedelta(days=15)))
    model.Session.commit()
    assert happenings_of(since) == []


def test_happenings_carry_the_titles_given_in_each_language(department):
    """A channel tells a Russian reader of an event or a draft by its Russian title."""
    since = now()
    act("event_create", department["editor"], kind="briefing", title="Byudjet ijrosi boʻyicha brifing",
        title_translated={"ru": "Брифинг о бюджете", "en": "Budget briefing"},
        owner_org=department["org"]["id"], start=at(days=7))
    today = settings.today()
    act("consultation_create", department["editor"], name="nizom", title="Ochiqlik nizomi",
        title_translated={"ru": "Положение об открытости"}, summary="Loyiha", kind="decision",
        owner_org=department["org"]["id"], body="## 1-modda. Umumiy\n\nMatn.\n",
        opens_on=today.isoformat(), closes_on=(today + dt.timedelta(days=15)).isoformat())
    kinds = by_kind(happenings.collect(since))
    [event] = kinds["event_announced"]
    assert (event.title_in("ru"), event.title_in("en")) == ("Брифинг о бюджете", "Budget briefing")
    assert event.title_in("uz_Cyrl") == "Бюджет ижроси бўйича брифинг"
    [draft] = kinds["draft_opened"]
    assert draft.title_in("ru") == "Положение об открытости"
    assert draft.title_in("en") == "Ochiqlik nizomi"
