"""Alembic environment of the transparency_search plugin.

The index lives in its own PostgreSQL schema, version table included: like a Solr core, it is
not part of CKAN's tables, so `ckan db clean` and the test fixtures that drop CKAN's tables
leave it alone (they reflect the default schema only); `ckan search-index clear` empties it.
"""
import os

from alembic import context
from sqlalchemy import engine_from_config, pool, text

SCHEMA = os.path.basename(os.path.dirname(__file__))
config = context.config


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      version_table=f"{SCHEMA}_alembic_version", version_table_schema=SCHEMA)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        connection.commit()
        context.configure(connection=connection, version_table=f"{SCHEMA}_alembic_version",
                          version_table_schema=SCHEMA)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
