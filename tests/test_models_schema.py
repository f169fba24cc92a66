"""The models say what the migrations make: after every plugin's migrations, alembic finds no
difference between each feature's tables in the models and in the database; and a database at
the schema the portal had before the models took one style, with a row in every table, keeps
every row when upgraded to the newest revisions."""
from __future__ import annotations

import datetime as dt
import decimal
import importlib

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import ckan.model as model
import ckan.tests.factories as factories
from ckan.model.base import BaseModel


pytestmark = pytest.mark.usefixtures("clean_db")

MODELS = {"transparency_appeals": "appeals", "transparency_consultations": "consultations",
          "transparency_dialogue": "dialogue", "transparency_opendata": "opendata",
          "transparency_rating": "rating", "transparency_telegram": "telegram",
          "transparency_follow": "follow"}

# each plugin's newest revision before the models took one style
BEFORE = {"transparency_appeals": "0004_applicant_consent_and_purge",
          "transparency_consultations": "0002_draft_title_translated",
          "transparency_dialogue": "0002_event_title_translated",
          "transparency_opendata": "0001_opendata",
          "transparency_rating": "0001_rating",
          "transparency_telegram": "0001_telegram_tables",
          "transparency_follow": "0001_follow"}
# tables made by the migrations after BEFORE (the upgrade creates them)
ADDED_SINCE = {"telegram_follower_link"}


def tables_of(plugin: str) -> set[str]:
    module = importlib.import_module(f"ckanext.transparency.{MODELS[plugin]}.model")
    return {value.__table__.name for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, BaseModel)
            and value.__module__ == module.__name__}


def differences(tables: set[str]) -> list:
    def only_these(name, type_, parent_names):
        return type_ != "table" or name in tables

    def of_these(item, name, type_, reflected, compare_to):
        return type_ != "table" or name in tables

    with model.meta.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_name": only_these, "include_object": of_these, "compare_type": True,
            "compare_server_default": True})
        return compare_metadata(context, BaseModel.metadata)


@pytest.mark.parametrize("plugin", sorted(MODELS))
def test_the_models_match_the_migrated_tables(plugin):
    tables = tables_of(plugin)
    assert tables
    assert differences(tables) == []


def test_every_feature_model_is_in_one_style():
    for plugin in MODELS:
        module = importlib.import_module(f"ckanext.transparency.{MODELS[plugin]}.model")
        classes = [value for value in vars(module).values() if isinstance(value, type)
                   and issubclass(value, BaseModel) and value.__module__ == module.__name__]
        assert classes, plugin
        for cls in classes:
            assert issubclass(cls, model.DomainObject), cls
            assert "__table__" in vars(cls) and "__tablename__" not in vars(cls), cls
            assert set(cls.__table__.columns.keys()) <= set(cls.__annotations__), cls


def sample(column: sa.Column, table: str):
    """A value of the column's type (a text names where it comes from)."""
    type_ = column.type.python_type if not isinstance(column.type, sa.JSON) else dict
    return {str: f"{table}.{column.name}", int: 3, bool: True, float: 1.5,
            decimal.Decimal: decimal.Decimal("1.5"), dt.date: dt.date(2026, 11, 30),
            dt.datetime: dt.datetime(2026, 11, 30, 20, 15), dt.time: dt.time(9, 30),
            dict: {"kept": table}}[type_]


def row_for(table: sa.Table, parents: dict[str, str]) -> dict:
    row = {column.name: sample(column, table.name) for column in table.columns}
    for fk in table.foreign_keys:
        referred = fk.column.table.name
        row[fk.parent.name] = parents.get(referred, f"{referred}.{fk.column.name}")
    if table.name == "transparency_follow":  # an account's follow or an address's, not both
        row["email"] = None
    return row


def test_an_upgrade_keeps_every_row_of_every_table(with_plugins, migrate_db_for):
    parents = {"group": factories.Organization()["id"], "user": factories.User()["id"]}
    for plugin, revision in BEFORE.items():
        migrate_db_for(plugin, revision, forward=False)
    names = set().union(*(tables_of(plugin) for plugin in MODELS))
    before = sa.MetaData()
    with model.meta.engine.begin() as connection:
        before.reflect(connection, only=[n for n in names if sa.inspect(connection).has_table(n)],
                       resolve_fks=True)
        rows = {}
        for table in before.sorted_tables:
            if table.name in names:
                rows[table.name] = row_for(table, parents)
                connection.execute(table.insert().values(rows[table.name]))
    assert set(rows) == names - ADDED_SINCE

    for plugin in BEFORE:
        migrate_db_for(plugin)

    with model.meta.engine.connect() as connection:
        assert all(sa.inspect(connection).has_table(name) for name in ADDED_SINCE)
        for name, row in rows.items():
            kept = connection.execute(sa.text(f'SELECT * FROM "{name}"')).mappings().all()
            assert row in [{key: stored[key] for key in row} for stored in kept], name
