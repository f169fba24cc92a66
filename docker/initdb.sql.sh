#!/bin/sh
# Runs once in the postgres container: CKAN's roles and databases.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE ckan_default LOGIN PASSWORD '${CKAN_DB_PASSWORD}';
CREATE ROLE datastore_default LOGIN PASSWORD '${DATASTORE_RO_PASSWORD}';
CREATE DATABASE ckan_default OWNER ckan_default ENCODING 'UTF8';
CREATE DATABASE datastore_default OWNER ckan_default ENCODING 'UTF8';
SQL
