"""Shared fixtures. CKAN's own pytest plugin (ckan.tests.pytest_ckan) provides the harness:
clean_db, clean_index, with_plugins, app, cli, ckan_config; `pytest --ckan-ini=test.ini`.

CKAN's factories.Resource picks a random format and address; a CSV or XLSX link is fetched when
it is created (opendata/uploads.py), so a test that needs just some resource pins format="PDF"."""
import copy
import functools
import importlib
import importlib.metadata
import os
import shutil
import sys

import pytest
import sqlalchemy as sa
import yaml
from alembic.script import ScriptDirectory
from passlib.hash import pbkdf2_sha512

import ckan.config.middleware
import ckan.model as model
import ckan.model.user as user_model
import ckan.plugins.core as plugins_core
import ckan.plugins.toolkit as toolkit
from ckan.common import config
from ckan.lib import app_globals, webassets_tools
from ckan.tests.helpers import CKANTestApp
from sqlalchemy.orm import close_all_sessions

from . import live
from .smtp import SmtpSink

# CKAN reads these over the ini file; a shell that sourced var/services.env would point the
# tests (which drop tables) at the main database. The test ini decides, nothing else.
for _name in ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL",
              "CKAN_REDIS_URL", "CKAN_SOLR_URL", "CKAN_SITE_URL", "CKAN_INI"):
    os.environ.pop(_name, None)

# A password's hash costs 0.1-0.2 s of CPU by design (25,000 rounds of PBKDF2); the suite
# creates thousands of users. Hashes with fewer rounds still verify (the rounds are stored).
user_model.pbkdf2_sha512 = pbkdf2_sha512.using(rounds=1000)

# Every test loads the plugins again (with_plugins), and a load cost seconds: CKAN looks each
# plugin up among the entry points of every installed distribution, and parses its config
# declarations and the scheming schemas with PyYAML's pure-Python parser. Within one test run
# the installed distributions do not change, and libyaml's parser gives the same documents.
plugins_core.entry_points = functools.cache(importlib.metadata.entry_points)
yaml.safe_load = functools.partial(yaml.load, Loader=yaml.CSafeLoader)


# A plugin's update_config names its template folders and assets relative to its own file, which
# CKAN's toolkit finds with inspect.stack(): that reads the source lines of every frame of the
# call stack, a hundred deep under pytest, and cost most of each plugin load. The caller's
# frame gives the same file.
def _add_served_directory(config_, relative_path: str, config_var: str) -> str:
    path = os.path.join(os.path.dirname(sys._getframe(2).f_code.co_filename), relative_path)
    if path not in config_.get(config_var, []):
        config_[config_var] = [path, *config_.get(config_var, [])]
    return path


def _add_resource(path: str, name: str) -> None:
    webassets_tools.create_library(
        name, os.path.join(os.path.dirname(sys._getframe(1).f_code.co_filename), path))


toolkit._add_served_directory = _add_served_directory
toolkit.add_resource = _add_resource


# Plugins whose migrations change tables in CKAN's own schema: resetting the database drops
# those changes, so they are applied again (ckanext/activity's own tests do the same).
MIGRATIONS = {"activity": "ckanext.activity", "transparency_consultations": "ckanext.transparency",
              "transparency_dialogue": "ckanext.transparency",
              "transparency_appeals": "ckanext.transparency",
              "transparency_opendata": "ckanext.transparency",
              "transparency_rating": "ckanext.transparency",
              "transparency_telegram": "ckanext.transparency",
              "transparency_follow": "ckanext.transparency"}


def _migrations(package: str, plugin: str) -> str:
    return os.path.join(os.path.dirname(importlib.import_module(package).__file__),
                        "migration", plugin)


@functools.cache
def _head(plugin: str, package: str) -> str:
    return ScriptDirectory(_migrations(package, plugin)).get_current_head()


def _tables(connection) -> set[str]:
    return set(connection.scalars(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))


def _behind_head(connection, tables: set[str]) -> list[str]:
    """The plugins whose tables are not at their newest migration: CKAN's reset drops them only
    the first time (afterwards it deletes rows), and re-running six plugins' migrations to find
    nothing to do cost 2.4 of the 2.7 seconds of every clean_db."""
    present = [plugin for plugin in MIGRATIONS if f"{plugin}_alembic_version" in tables]
    versions = dict(connection.execute(sa.text(" UNION ALL ".join(
        f"SELECT '{plugin}', version_num FROM {plugin}_alembic_version"
        for plugin in present))).all()) if present else {}
    return [plugin for plugin, package in MIGRATIONS.items()
            if versions.get(plugin) != _head(plugin, package)]


def _delete_rows(connection, tables: set[str]) -> None:
    """What CKAN's reset does after its first (which drops every table): the rows of the tables
    on CKAN's metadata deleted, children first; the plugins' alembic versions, CKAN's tracking
    tables and the search index (clean_index empties it) are left. CKAN asks the database
    whether each table exists and deletes from each in a round trip of its own: 0.11-0.15 s,
    against 0.05 s for one batch; a TRUNCATE of every table took 0.35 s (new files for each)."""
    connection.exec_driver_sql("".join(
        f'DELETE FROM "{table.name}";' for table in reversed(model.repo.metadata.sorted_tables)
        if table.name in tables and table.name != "alembic_version"))


def _upgrade(plugin: str, package: str) -> None:
    # Tests migrate with CKAN's migrate_db_for, which refuses a plugin that is not loaded; the
    # reset upgrades every plugin's tables, loaded or not, so it points model.repo at them.
    original = model.repo._alembic_ini
    model.repo._alembic_ini = os.path.join(_migrations(package, plugin), "alembic.ini")
    try:
        model.repo.upgrade_db()
    finally:
        model.repo._alembic_ini = original


@pytest.fixture(scope="session")
def reset_db(reset_db):
    def reset():
        if not model.repo.tables_created_and_initialised:
            reset_db()  # a process's first: every table dropped, CKAN's migrated again
        close_all_sessions()
        model.Session.remove()
        with model.meta.engine.begin() as connection:
            tables = _tables(connection)
            _delete_rows(connection, tables)
            behind = _behind_head(connection, tables)
        for plugin in behind:
            _upgrade(plugin, MIGRATIONS[plugin])
    return reset


# CKAN's with_plugins unloads every plugin after each test and loads them again before the next,
# and its app fixture builds the whole web application for each test: together a third of the
# CPU time of a folder such as tests/dialogue. The plugins hold no state of their own, so a
# test whose configuration is the one they were loaded with (nearly every test) gets them as
# they are, and the application built on the same configuration and the same plugins.
_loaded: dict = {"settings": None, "plugins": None, "app_key": None, "app": None}


def _plugin_instances() -> tuple[int, ...]:
    return tuple(id(service) for service in plugins_core._PLUGINS_SERVICE.values())


@pytest.fixture
def with_plugins(ckan_config, monkeypatch, request):
    """CKAN's `with_plugins` (the names of `with_plugins` marks are added to ckan.plugins),
    loading the plugins only when the configuration differs from the last load's."""
    added = [name for mark in request.node.iter_markers("with_plugins") for name in mark.args]
    listed = ckan_config["ckan.plugins"]
    listed = listed.split() if isinstance(listed, str) else list(listed)
    monkeypatch.setitem(ckan_config, "ckan.plugins", listed + added)
    settings = copy.deepcopy(dict(ckan_config))
    if (settings != _loaded["settings"] or plugins_core._PLUGINS != listed + added
            or _plugin_instances() != _loaded["plugins"]):
        plugins_core.load_all()
        _loaded.update(settings=settings, plugins=_plugin_instances())
    yield


@pytest.fixture
def make_app(ckan_config):
    """CKAN's `make_app`, reusing the application built for an earlier test on the same
    configuration and plugins (each test gets its own client, so no cookie crosses over)."""
    app_globals._CONFIG_CACHE.clear()

    def make() -> CKANTestApp:
        config["testing"] = True
        settings = copy.deepcopy(dict(config))
        if (settings, _plugin_instances()) != _loaded["app_key"]:
            # CKAN's make_app loads the plugins of the configuration again
            app = ckan.config.middleware.make_app(config)
            _loaded.update(app=app, app_key=(settings, _plugin_instances()))
        return CKANTestApp(_loaded["app"])
    return make


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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run: Playwright's sync API allows one instance per
    thread, so the browser tests of every folder share it."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()
