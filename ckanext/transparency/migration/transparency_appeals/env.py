"""Alembic environment of the transparency_appeals plugin (the shape of ckanext/activity's)."""
import os

from alembic import context
from sqlalchemy import engine_from_config, pool

name = os.path.basename(os.path.dirname(__file__))
config = context.config


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      version_table=f"{name}_alembic_version")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, version_table=f"{name}_alembic_version")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
