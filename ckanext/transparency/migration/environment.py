"""The alembic environment shared by the migration folders of the extension's plugins.

Each folder's env.py calls `run()`. A plugin's version table is `<plugin>_alembic_version`;
a plugin whose tables live in a schema of their own (the search index) passes that schema,
which holds its version table too and is created when missing.
"""
from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool, text

from ckan.model.meta import metadata


def run(schema: str | None = None) -> None:
    config = context.config
    fileConfig(config.config_file_name)
    plugin = os.path.basename(os.path.dirname(os.path.abspath(config.config_file_name)))
    options = {"target_metadata": metadata, "version_table": f"{plugin}_alembic_version",
               "version_table_schema": schema}
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                          **options)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        if schema:
            connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
            connection.commit()
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
