"""Alembic environment of the transparency_consultations plugin (the shape of ckanext/activity's).

Its tables live in CKAN's own schema, so the test fixtures that reset CKAN's database drop them;
tests/conftest.py applies these migrations again (see MIGRATIONS there).
"""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from ckan.model.meta import metadata

config = context.config
fileConfig(config.config_file_name)
target_metadata = metadata
name = os.path.basename(os.path.dirname(__file__))
TABLE_PREFIX = "consultation"


def include_object(object, object_name, type_, reflected, compare_to):
    if type_ == "table":
        return object_name.startswith(TABLE_PREFIX)
    return True


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      version_table=f"{name}_alembic_version", include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          version_table=f"{name}_alembic_version",
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
