"""Following by e-mail: double opt-in by a signed link, forged and expired links, repeated
requests, the rate limit; following with an account (CKAN's follows where CKAN has them)."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.follow.model import Follow

from .conftest import ADDRESS, act, link, run_worker

pytestmark = pytest.mark.usefixtures("place")


def _follows() -> list[Follow]:
    return model.Session.query(Follow).all()


def test_an_address_follows_only_after_confirming_the_link(app, place, smtp):
    response = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "dataset", "id": "budget-2026", "email": ADDRESS, "language": "ru"})
    assert response.status_code == 200
    assert response.json["result"]["status"] == "confirmation_sent"
    assert ADDRESS not in response.body
    [row] = _follows()
    assert row.confirmed_at is None and row.language == "ru"
    assert smtp.messages == []  # sent by the worker, not in the request
    run_worker()
    [(recipients, message)] = smtp.messages
    assert recipients == [ADDRESS]
    assert "Byudjet 2026" in str(message["Subject"])
    page = app.get(link(message, "/follow/confirm/"))
    assert page.status_code == 200
    assert ADDRESS not in page.body and "Byudjet 2026" in page.body
    model.Session.expire_all()
    assert _follows()[0].confirmed_at is not None


def test_asking_again_adds_no_second_follow(app, place, smtp):
    for _ in range(3):
        act("follow_subscribe", None, subject_type="dataset", id="budget-2026",
            email=ADDRESS.upper())
    assert len(_follows()) == 1
    run_worker()
    token = link(smtp.messages[0][1], "/follow/confirm/").rsplit("/", 1)[1]
    act("follow_confirm", None, token=token)
    result = act("follow_subscribe", None, subject_type="dataset", id="budget-2026",
                 email=ADDRESS)
    assert result["status"] == "confirmation_sent"  # the same answer: nothing to learn
    run_worker()
    assert len(_follows()) == 1 and len(smtp.messages) == 3  # no link once confirmed


def test_a_forged_link_is_refused(app, place, smtp):
    act("follow_subscribe", None, subject_type="dataset", id="budget-2026", email=ADDRESS)
    run_worker()
    path = link(smtp.messages[0][1], "/follow/confirm/")
    forged = path[:-3] + ("abc" if not path.endswith("abc") else "xyz")
    response = app.get(forged, status=400)
    assert "not valid" in response.body
    # an unsubscribe link is not a confirmation link, though both are signed
    token = path.rsplit("/", 1)[1]
    with pytest.raises(tk.ValidationError) as error:
        act("follow_unsubscribe", None, token=token)
    assert "token" in error.value.error_dict
    model.Session.expire_all()
    assert _follows()[0].confirmed_at is None


def test_an_expired_link_is_refused(app, place, smtp, ckan_config, monkeypatch):
    act("follow_subscribe", None, subject_type="dataset", id="budget-2026", email=ADDRESS)
    run_worker()
    monkeypatch.setitem(ckan_config, "ckanext.transparency.follow.confirm_days", -1)
    response = app.get(link(smtp.messages[0][1], "/follow/confirm/"), status=400)
    assert "expired" in response.body
    model.Session.expire_all()
    assert _follows()[0].confirmed_at is None


def test_requests_by_e_mail_are_rate_limited(app, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.follow.rate_limit", 2)
    for _ in range(2):
        app.post("/api/3/action/follow_subscribe", json={
            "subject_type": "organization", "id": "finance", "email": ADDRESS}, status=200)
    response = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "organization", "id": "finance", "email": ADDRESS}, status=409)
    assert "Too many requests" in response.body and ADDRESS not in response.body


def test_bad_requests_get_clear_errors(app):
    response = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "planet", "id": "budget-2026", "email": ADDRESS}, status=409)
    assert "subject_type" in response.json["error"]
    response = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "dataset", "id": "budget-2026", "email": "not an address"}, status=409)
    assert "email" in response.json["error"]
    response = app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "dataset", "id": "budget-2026"}, status=409)
    assert "sign in" in response.json["error"]["email"][0]
    app.post("/api/3/action/follow_subscribe", json={
        "subject_type": "event", "id": "no-such-event", "email": ADDRESS}, status=404)


def test_an_account_follows_through_ckan_and_the_portal(place, event, draft):
    citizen = place["citizen"]
    for subject_type, ident in (("dataset", "budget-2026"), ("organization", "finance"),
                                ("event", event["id"]), ("draft", draft["id"])):
        result = act("follow_subscribe", citizen, subject_type=subject_type, id=ident,
                     frequency="daily")
        assert result["status"] == "following"
        assert act("follow_status", citizen, subject_type=subject_type, id=ident)["following"]
    assert act("am_following_dataset", citizen, id="budget-2026")
    assert act("am_following_group", citizen, id="finance")
    assert {(f.subject_type, f.user_id) for f in _follows()} == {
        ("event", citizen["id"]), ("draft", citizen["id"])}
    # again: no error, no second row
    act("follow_subscribe", citizen, subject_type="event", id=event["id"], frequency="daily")
    act("follow_unfollow", citizen, subject_type="event", id=event["id"])
    act("follow_unfollow", citizen, subject_type="dataset", id="budget-2026")
    assert not act("follow_status", citizen, subject_type="event", id=event["id"])["following"]
    assert not act("am_following_dataset", citizen, id="budget-2026")
    assert act("follow_status", citizen, subject_type="draft", id=draft["id"])[
        "frequency"] == "daily"
