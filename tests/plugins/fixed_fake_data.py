"""The same fake data on every run, for CKAN's own tests (`make test-ckan-search` loads this
plugin with `-p fixed_fake_data`).

CKAN's factories draw titles, notes and e-mails from one module-level Faker, unseeded, so each
run has other words. `ckan.tests.lib.search.test_query::TestPackageQuery::test_overall` expects
`title:peace` to find nothing, and the English word list Faker draws the title of its second
dataset from contains "peace": about one run in two hundred failed, as it would on Solr. Each
test now starts Faker's shared random generator from a seed of its own id, so a test sees the
same data whatever ran before it."""
from __future__ import annotations

import zlib

import faker
import pytest


@pytest.fixture(autouse=True)
def _fake_data_seeded_by_test(request: pytest.FixtureRequest) -> None:
    faker.Faker.seed(zlib.crc32(request.node.nodeid.encode()))
