"""Alembic environment of the transparency_search plugin: see ../environment.py.

The index lives in its own PostgreSQL schema, version table included: like a Solr core, it is
not part of CKAN's tables, so `ckan db clean` and the test fixtures that drop CKAN's tables
leave it alone (they reflect the default schema only); `ckan search-index clear` empties it.
"""
from ckanext.transparency.migration.environment import run

run(schema="transparency_search")
