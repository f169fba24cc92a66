"""Shared fixtures. CKAN's own pytest plugin (ckan.tests.pytest_ckan) provides the harness:
clean_db, clean_index, with_plugins, app, cli, ckan_config; `pytest --ckan-ini=test.ini`.

CKAN's factories.Resource picks a random format and address; a CSV or XLSX link is fetched when
it is created (opendata/uploads.py), so a test that needs just some resource pins format="PDF"."""
import importlib
import os

import pytest

import ckan.model as model

from . import live
from .smtp import SmtpSink

# CKAN reads these over the ini file; a shell that sourced var/services.env would point the
# tests (which drop tables) at the main database. The test ini decides, nothing else.
for _name in ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL",
              "CKAN_REDIS_URL", "CKAN_SOLR_URL", "CKAN_SITE_URL", "CKAN_INI"):
    os.environ.pop(_name, None)

# Plugins whose migrations change tables in CKAN's own schema: resetting the database drops
# those changes, so they are applied again (ckanext/activity's own tests do the same).
MIGRATIONS = {"activity": "ckanext.activity", "transparency_consultations": "ckanext.transparency",
              "transparency_dialogue": "ckanext.transparency",
              "transparency_appeals": "ckanext.transparency",
              "transparency_opendata": "ckanext.transparency",
              "transparency_rating": "ckanext.transparency"}


def _upgrade(plugin: str, package: str) -> None:
    directory = os.path.dirname(importlib.import_module(package).__file__)
    original = model.repo._alembic_ini
    model.repo._alembic_ini = os.path.join(directory, "migration", plugin, "alembic.ini")
    try:
        model.repo.upgrade_db()
    finally:
        model.repo._alembic_ini = original


@pytest.fixture(scope="session")
def reset_db(reset_db):
    def reset():
        reset_db()
        for plugin, package in MIGRATIONS.items():
            _upgrade(plugin, package)
    return reset


@pytest.fixture
def linked_csv():
    """The base URL of a server of small CSV files (any name ending in .csv listed here): a
    linked CSV is fetched and loaded when its resource is saved, and tests reach no internet."""
    table = "kod,nomi\n1,Toshkent\n2,Samarqand\n".encode()
    with live.files_served({name: table for name in ("hisobot.csv", "byudjet.csv", "a.csv")}) \
            as base:
        yield base


@pytest.fixture
def smtp(ckan_config, monkeypatch):
    """CKAN's mailer delivers to a real local SMTP server; `smtp.messages` holds what came."""
    with SmtpSink() as sink:
        monkeypatch.setitem(ckan_config, "smtp.server", sink.address)
        yield sink
