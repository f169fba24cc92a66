"""Polls: one vote per account, a secret ballot, results shown after voting or after closing,
and closed results published as an open dataset with a CSV file."""
from __future__ import annotations

import csv

import pytest

import ckan.lib.uploader as uploader
import ckan.model as model
import ckan.plugins.toolkit as tk
from freezegun import freeze_time

from ckanext.transparency.dialogue import model as m
from ckanext.transparency.dialogue import opendata

from .conftest import act, at


def option_ids(poll: dict) -> list[str]:
    return [o["id"] for o in poll["options"]]


def test_single_choice_one_vote_per_account_results_after_voting(roles, poll_factory):
    poll = poll_factory()
    assert poll["state"] == "open" and poll["results_visible"] is True  # its editor
    public = act("poll_show", None, id=poll["name"])
    assert public["results_visible"] is False and "results" not in public
    with pytest.raises(tk.NotAuthorized):
        act("poll_results", roles["citizen"], id=poll["id"])
    ids = option_ids(poll)
    voted = act("poll_vote", roles["citizen"], id=poll["id"], options=[ids[1]])
    assert voted["has_voted"] is True and voted["results_visible"] is True
    assert [o["votes"] for o in voted["results"]["options"]] == [0, 1, 0]
    with pytest.raises(tk.ValidationError) as error:
        act("poll_vote", roles["citizen"], id=poll["id"], options=[ids[0]])
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:  # a single choice poll takes one option
        act("poll_vote", roles["neighbour"], id=poll["id"], options=ids[:2])
    assert "options" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("poll_vote", roles["neighbour"], id=poll["id"], options=["not-an-option"])
    assert "options" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("poll_vote", roles["neighbour"], id=poll["id"], options=[])
    assert "options" in error.value.error_dict
    with pytest.raises(tk.NotAuthorized):
        act("poll_vote", None, id=poll["id"], options=[ids[0]])
    act("poll_vote", roles["neighbour"], id=poll["id"], options=[ids[1]])
    results = act("poll_results", roles["neighbour"], id=poll["id"])
    assert results["voters"] == 2
    assert [(o["votes"], o["share"]) for o in results["options"]] == [
        (0, 0.0), (2, 100.0), (0, 0.0)]
    # a secret ballot: who voted is kept, what they chose is not linked to them
    columns = {c.name for c in m.PollVoter.__table__.columns}
    assert columns == {"poll_id", "user_id"}
    assert model.Session.query(m.PollVoter).count() == 2


def test_multiple_choice_and_results_only_after_closing(roles, poll_factory):
    poll = poll_factory(multiple=True, results_visibility="after_close",
                        closes_at=at(hours=2))
    ids = option_ids(poll)
    voted = act("poll_vote", roles["citizen"], id=poll["id"], options=[ids[0], ids[2]])
    assert voted["has_voted"] is True and voted["results_visible"] is False
    with pytest.raises(tk.NotAuthorized):
        act("poll_results", roles["citizen"], id=poll["id"])
    assert act("poll_results", roles["dept_editor"], id=poll["id"])["voters"] == 1
    with freeze_time(m.utcnow().replace(microsecond=0).isoformat() + "+00:00") as frozen:
        frozen.tick(3 * 3600)
        closed = act("poll_show", None, id=poll["id"])
        assert closed["state"] == "closed" and closed["results_visible"] is True
        assert [o["votes"] for o in closed["results"]["options"]] == [1, 0, 1]
        assert [o["share"] for o in closed["results"]["options"]] == [100.0, 0.0, 100.0]
        with pytest.raises(tk.ValidationError) as error:
            act("poll_vote", roles["neighbour"], id=poll["id"], options=[ids[1]])
        assert "id" in error.value.error_dict


def test_an_upcoming_poll_takes_no_votes(roles, poll_factory):
    poll = poll_factory(opens_at=at(days=1), closes_at=at(days=2))
    assert poll["state"] == "upcoming"
    assert act("poll_list", None, state="upcoming")["count"] == 1
    assert act("poll_list", None, state="open")["count"] == 0
    with pytest.raises(tk.ValidationError) as error:
        act("poll_vote", roles["citizen"], id=poll["id"], options=option_ids(poll)[:1])
    assert "id" in error.value.error_dict


@pytest.mark.parametrize("data, field", [
    ({"options": ["Faqat bitta"]}, "options"),
    ({"options": ["Bir", "bir"]}, "options"),
    ({"options": [str(n) for n in range(21)]}, "options"),
    ({"closes_at": "2020-01-01T00:00"}, "closes_at"),
    ({"closes_at": "ertaga"}, "closes_at"),
    ({"results_visibility": "never"}, "results_visibility"),
    ({"question": ""}, "question"),
    ({"owner_org": "no-such-department"}, "owner_org"),
    ({"event_id": "no-such-event"}, "event_id"),
])
def test_bad_polls_are_refused(roles, poll_factory, data, field):
    with pytest.raises(tk.ValidationError) as error:
        poll_factory(**data)
    assert field in error.value.error_dict


def test_options_are_fixed_once_people_voted_and_a_poll_closes_early(roles, poll_factory):
    poll = poll_factory()
    renamed = act("poll_update", roles["dept_editor"], id=poll["id"],
                  options=["Suv", "Issiqlik", "Kanalizatsiya"])
    assert [o["label"] for o in renamed["options"]][-1] == "Kanalizatsiya"
    act("poll_vote", roles["citizen"], id=poll["id"], options=option_ids(renamed)[:1])
    with pytest.raises(tk.ValidationError) as error:
        act("poll_update", roles["dept_editor"], id=poll["id"], options=["A", "B"])
    assert "options" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("poll_update", roles["dept_editor"], id=poll["id"], multiple=True)
    assert "multiple" in error.value.error_dict
    closed = act("poll_update", roles["dept_editor"], id=poll["id"], closes_at=at(hours=-0.01),
                 opens_at=at(hours=-1))
    assert closed["state"] == "closed"
    assert act("poll_show", None, id=poll["id"])["results"]["voters"] == 1


def test_closed_results_become_an_open_dataset(roles, poll_factory, cli):
    poll = poll_factory(closes_at=at(hours=1))
    ids = option_ids(poll)
    act("poll_vote", roles["citizen"], id=poll["id"], options=[ids[0]])
    act("poll_vote", roles["neighbour"], id=poll["id"], options=[ids[2]])
    act("poll_vote", roles["dept_member"], id=poll["id"], options=[ids[2]])
    with pytest.raises(tk.ValidationError) as error:  # not before it closes
        act("poll_publish_results", roles["dept_editor"], id=poll["id"])
    assert "id" in error.value.error_dict
    act("poll_update", roles["dept_editor"], id=poll["id"], closes_at=at(hours=-0.01),
        opens_at=at(hours=-2))
    for outsider in (None, roles["citizen"], roles["dept_member"], roles["other_editor"]):
        with pytest.raises(tk.NotAuthorized):
            act("poll_publish_results", outsider, id=poll["id"])
    package = act("poll_publish_results", roles["dept_editor"], id=poll["id"])
    assert package["organization"]["name"] == "finance"
    assert package["private"] is False and package["name"].startswith("poll-results-")
    # titled and described in every language, the plain title in Uzbek (fluent's rule)
    assert package["title"] == package["title_translated"]["uz"]
    assert package["title"].startswith("Soʻrovnoma natijalari: ")
    assert package["title_translated"]["ru"].startswith("Результаты опроса: ")
    assert package["notes_translated"]["ru"].startswith("Результаты опроса")
    [resource] = package["resources"]
    assert resource["format"] == "CSV" and resource["url_type"] == "upload"
    path = uploader.get_resource_uploader(resource).get_path(resource["id"])
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(opendata.COLUMNS)
    assert [row[1:3] for row in rows[1:]] == [["Suv", "1"], ["Issiqlik", "0"],
                                               ["Yoʻllar", "2"]]
    # idempotent; the poll links its dataset; the command publishes the rest
    again = act("poll_publish_results", roles["dept_editor"], id=poll["id"])
    assert again["id"] == package["id"]
    assert act("poll_show", None, id=poll["id"])["dataset_id"] == package["id"]
    other = poll_factory(question="Ikkinchi soʻrovnoma", opens_at=at(hours=-3),
                         closes_at=at(hours=-1))
    from ckan.cli.cli import ckan
    published = cli.invoke(ckan, ["transparency", "dialogue", "publish-polls"])
    assert published.exit_code == 0, published.output
    assert "1 poll(s) published" in published.output
    assert act("poll_show", None, id=other["id"])["dataset_id"]
    assert opendata.publish_closed(echo=lambda line: None) == 0


def test_poll_lists_filter_by_department_and_event(roles, poll_factory, event):
    first = poll_factory(event_id=event["name"])
    poll_factory(question="Boshqa soʻrovnoma")
    assert act("poll_list", None)["count"] == 2
    assert [p["id"] for p in act("poll_list", None, event_id=event["id"])["results"]] == [
        first["id"]]
    assert act("poll_list", None, owner_org="water")["count"] == 0
    with pytest.raises(tk.ObjectNotFound):
        act("poll_show", None, id="no-such-poll")


@pytest.mark.ckan_config("ckan.locale_default", "uz")
def test_the_results_dataset_is_titled_in_the_sites_language(app, roles, poll_factory):
    """Whoever publishes it (a staff member reading in Russian here), the dataset is the site's."""
    import flask_babel
    poll = poll_factory(question="Qaysi yoʻl taʼmirlansin?", opens_at=at(hours=-3),
                        closes_at=at(hours=-1))
    with app.flask_app.test_request_context(), flask_babel.force_locale("ru"):
        package = act("poll_publish_results", roles["dept_editor"], id=poll["id"])
    assert package["title"] == "Soʻrovnoma natijalari: Qaysi yoʻl taʼmirlansin?"
