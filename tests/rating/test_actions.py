"""Visibility: internal (staff of any department, sysadmins) until a sysadmin publishes;
computing, publishing and the weights are for sysadmins; the methodology is public."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from .conftest import act

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)


@pytest.fixture
def computed(february):
    helpers.call_action("openness_rating_compute", period="2026-02")
    return february


def test_internal_until_published(computed):
    for user in (None, "citizen"):
        with pytest.raises(tk.NotAuthorized):
            act("openness_rating_show", user, period="2026-02")
        with pytest.raises(tk.ObjectNotFound):  # no published rating to show them
            act("openness_rating_show", user)
        assert act("openness_rating_history", user, organization="water")["history"] == []
    for user in ("heating_member", "water_editor", "sysadmin"):
        assert act("openness_rating_show", user)["period"] == "2026-02"
        assert len(act("openness_rating_history", user, organization="water")["history"]) == 1


def test_only_a_sysadmin_publishes_and_computes(computed):
    for user in (None, "citizen", "water_editor"):
        with pytest.raises(tk.NotAuthorized):
            act("openness_rating_publish", user, period="2026-02")
        with pytest.raises(tk.NotAuthorized):
            act("openness_rating_compute", user, period="2026-03")
    assert act("openness_rating_publish", "sysadmin", period="2026-02")["published"] is True
    shown = act("openness_rating_show", None, organization="water")
    department = shown["department"]
    assert department["score"] == 55.0 and department["band"] == "yellow"
    late = next(m for m in department["measures"] if m["key"] == "datasets_on_time")
    assert [e["dataset"] for e in late["evidence"] if not e["on_time"]] == ["zakupki-b",
                                                                          "zakupki-c"]
    history = act("openness_rating_history", None, organization="water")["history"]
    assert [(h["period"], h["score"]) for h in history] == [("2026-02", 55.0)]
    act("openness_rating_publish", "sysadmin", period="2026-02", published=False)
    with pytest.raises(tk.NotAuthorized):
        act("openness_rating_show", None, period="2026-02")


def test_no_personal_data_in_answers(computed):
    act("openness_rating_publish", "sysadmin", period="2026-02")
    text = str(act("openness_rating_show", None, organization="water"))
    for secret in ("Fuqaro", "f@example.uz", "+998", "citizen", "Savol citizen"):
        assert secret not in text


def test_methodology_is_public(computed):
    method = act("openness_rating_methodology", None)
    assert method["weights"] == {"timeliness": 1.0, "responsiveness": 1.0, "activity": 1.0}
    assert method["minimum_sample"] == 3 and method["last_computed"]
    assert [b["band"] for b in method["bands"]] == ["green", "yellow", "red"]
    assert len(method["sources"]) == 7


@pytest.fixture
def runtime_weight():
    """config_option_update keeps the value in system_info and in CKAN's cache of configured
    values (ckan.lib.app_globals), beyond the test: put both back afterwards."""
    key = "ckanext.transparency.rating.weight.timeliness"
    before = tk.config.get(key)
    yield key
    from ckan.lib import app_globals
    from ckan.model.system_info import delete_system_info
    delete_system_info(key)
    app_globals._CONFIG_CACHE.pop(key, None)
    tk.config[key] = before


def test_a_sysadmin_sets_the_weights(runtime_weight, computed, ckan_config):
    with pytest.raises(tk.NotAuthorized):
        act("config_option_update", "water_editor",
            **{"ckanext.transparency.rating.weight.timeliness": 2})
    with pytest.raises(tk.ValidationError) as error:
        act("config_option_update", "sysadmin",
            **{"ckanext.transparency.rating.weight.timeliness": -1})
    assert "ckanext.transparency.rating.weight.timeliness" in error.value.error_dict
    act("config_option_update", "sysadmin",
        **{"ckanext.transparency.rating.weight.timeliness": 2})
    method = act("openness_rating_methodology", None)
    assert method["weights"]["timeliness"] == 2.0
    march = helpers.call_action("openness_rating_compute", period="2026-03")
    assert march["method"]["weights"]["timeliness"] == 2.0
    # the February snapshot keeps the weights it was computed with
    feb = act("openness_rating_show", "sysadmin", period="2026-02")
    assert feb["method"]["weights"]["timeliness"] == 1.0
    act("config_option_update", "sysadmin",
        **{"ckanext.transparency.rating.weight.timeliness": 1})


def test_bad_parameters(computed):
    with pytest.raises(tk.ValidationError) as error:
        act("openness_rating_show", "sysadmin", period="Q3")
    assert "period" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("openness_rating_show", "sysadmin", kind="week")
    assert "kind" in error.value.error_dict
    with pytest.raises(tk.ObjectNotFound):
        act("openness_rating_show", "sysadmin", period="2025-05")
    with pytest.raises(tk.ObjectNotFound):
        act("openness_rating_history", "sysadmin", organization="nowhere")
