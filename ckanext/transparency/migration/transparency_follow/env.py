"""Alembic environment of this plugin: see ckanext/transparency/migration/environment.py.

Its tables live in CKAN's own schema, so the test fixtures that reset CKAN's database drop
them; tests/conftest.py applies these migrations again (MIGRATIONS there).
"""
from ckanext.transparency.migration.environment import run

run()
