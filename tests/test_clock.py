"""The site's day: ckan.display_timezone; the appeals' and consultations' own time zone options
still work while set, with a deprecation warning."""
from __future__ import annotations

import datetime as dt
import logging
import zoneinfo

import pytest

from ckanext.transparency.appeals import present
from ckanext.transparency.consultations import settings
from ckanext.transparency.core import clock


@pytest.mark.ckan_config("ckan.display_timezone", "Pacific/Kiritimati")
@pytest.mark.ckan_config("ckanext.transparency.appeals.timezone", "")
@pytest.mark.ckan_config("ckanext.transparency.consultations.timezone", "")
def test_the_features_count_days_in_the_site_time_zone():
    kiritimati = zoneinfo.ZoneInfo("Pacific/Kiritimati")  # UTC+14: its day is rarely UTC's
    assert clock.site_timezone() == clock.site_timezone("appeals") == kiritimati
    assert settings.timezone() == kiritimati
    assert present.today() == settings.today() == dt.datetime.now(kiritimati).date()


@pytest.mark.ckan_config("ckan.display_timezone", "Pacific/Kiritimati")
@pytest.mark.ckan_config("ckanext.transparency.appeals.timezone", "Pacific/Pago_Pago")
def test_a_deprecated_option_still_set_wins_with_a_warning(caplog, monkeypatch):
    monkeypatch.setattr(clock.log, "disabled", False)
    clock._warn.cache_clear()
    with caplog.at_level(logging.WARNING, logger=clock.__name__):
        zone = clock.site_timezone("appeals")
    assert zone == zoneinfo.ZoneInfo("Pacific/Pago_Pago")
    assert "ckanext.transparency.appeals.timezone is deprecated" in caplog.text
    assert present.today() == dt.datetime.now(zone).date()
    assert clock.site_timezone("consultations") != zone  # each feature its own option
