"""`ckan transparency search rebuild` reads a batch of datasets with a few statements
(search/show_many.py) and writes, field by field, the documents CKAN's own per-dataset
rebuild writes (package_show, then index_package) for every kind of dataset the portal has."""
import json

import pytest
import sqlalchemy

import ckan.lib.search as search
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories, helpers

from ckanext.transparency.demo.datasets import DATASETS
from ckanext.transparency.opendata.model import ScheduleState
from ckanext.transparency.search import document, fields, rebuild
from ckanext.transparency.search.document import STORED, TABLE
from ckanext.transparency.search.install import make_connection

TYPED = ("budget", "procurement", "appeals")  # demo kinds: three of the portal's types


def _documents(site_id: str) -> dict[str, dict]:
    """Each indexed dataset's stored document (less the time of indexing, its two JSON
    dicts parsed) and the columns searches read, by dataset name."""
    with make_connection()._cursor() as cursor:
        cursor.execute(
            f"""SELECT s.doc, d.terms - 'indexed_ts', d.tokens, d.texts, d.tsv::text, d.keys,
                       d.flags
                FROM {TABLE} d JOIN {STORED} s USING (index_id) WHERE d.site_id = %s""",
            (site_id,))
        found = {}
        for doc, *columns in cursor.fetchall():
            doc = document.unpacked(doc)
            doc.pop("indexed_ts")
            for field in ("data_dict", "validated_data_dict"):
                doc[field] = json.loads(doc[field])
            found[doc["name"]] = {**doc, "columns of the row": columns}
        return found


def _differences(expected: dict[str, dict], found: dict[str, dict]) -> list[tuple]:
    return [(name, field, expected[name].get(field), found.get(name, {}).get(field))
            for name in expected
            for field in sorted(set(expected[name]) | set(found.get(name, {})))
            if expected[name].get(field) != found.get(name, {}).get(field)]


def _schedules() -> list[tuple]:
    return model.Session.execute(sqlalchemy.select(ScheduleState.__table__).order_by(
        ScheduleState.__table__.c.package_id)).fetchall()


@pytest.fixture
def varied_datasets():
    """Datasets of CKAN's type and of the portal's, with what package_show dictizes."""
    admin = factories.Sysadmin()
    context = {"user": admin["name"], "ignore_auth": True}
    org = factories.Organization(name="moliya")
    economy = factories.Group(name="iqtisodiyot", title="Iqtisodiyot")
    society = factories.Group(name="jamiyat", title="Jamiyat", image_url="jamiyat.png")
    vocabulary = helpers.call_action("vocabulary_create", name="mavzular",
                                     tags=[{"name": "soliq"}])
    made = [
        factories.Dataset(
            name="hisobotlar", title="  Byudjet hisobotlari", owner_org=org["id"],
            notes="Ҳисоботлар choraklar boʻyicha", license_id="cc-by",
            tags=[{"name": "byudjet"}, {"name": "soliq", "vocabulary_id": vocabulary["id"]}],
            extras=[{"key": "frequency", "value": "QUARTERLY"}, {"key": "kod", "value": "7"}],
            groups=[{"name": economy["name"]}, {"name": society["name"]}],
            resources=[{"url": "http://example.uz/a.csv", "format": "CSV", "name": "Jadval"},
                       {"url": "https://example.uz/b.xlsx", "format": "XLSX", "description": "Izoh"}]),
        factories.Dataset(name="yopiq", owner_org=org["id"], private=True,
                          groups=[{"name": economy["name"]}]),
        factories.Dataset(name="ochirilgan", owner_org=org["id"]),
        factories.Dataset(name="litsenziyasiz", owner_org=org["id"], license_id="notspecified"),
    ]
    for kind in TYPED:
        spec = next(s for s in DATASETS if s.kind == kind)
        if model.Group.get(spec.org) is None:
            factories.Organization(name=spec.org)
        table = spec.table()
        made.append(helpers.call_action("package_create", context=dict(context), **{
            **spec.package_dict(), "groups": [{"name": society["name"]}],
            "resources": [dict(spec.resource_dict(file, table),
                               url=f"http://example.uz/{file.filename}")
                          for file in spec.files]}))
    helpers.call_action("package_delete", context=dict(context), id=made[2]["id"])
    return [d["id"] for d in made]


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_batched_rebuild_writes_what_ckan_writes_dataset_by_dataset(varied_datasets,
                                                                    ckan_config):
    site_id = ckan_config["ckan.site_id"]
    search.clear_all()
    model.Session.remove()  # read from the database, as a fresh `ckan search-index rebuild`
    search.rebuild(package_ids=varied_datasets, quiet=True)
    expected = _documents(site_id)
    assert len(expected) == 6 and "ochirilgan" not in expected  # the deleted one is left out
    assert len(expected["hisobotlar"]["groups"]) == 2
    assert expected["hisobotlar"]["vocab_mavzular"] == ["soliq"]
    russian_title = fields.language_field("title", "ru")  # i18n/fluent.py's index field
    assert sum(russian_title in doc for doc in expected.values()) == len(TYPED)

    schedules = _schedules()
    assert len(schedules) == len(TYPED)
    model.Session.execute(sqlalchemy.delete(ScheduleState.__table__))
    model.Session.commit()

    search.clear_all()
    model.Session.remove()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sqlalchemy.event.listen(model.meta.engine, "before_cursor_execute", listener)
    try:  # with a dataset gone since the ids were listed: reported, the others indexed
        indexed, errors = rebuild.index_batch([*varied_datasets, "no-such-dataset"], force=True)
    finally:
        sqlalchemy.event.remove(model.meta.engine, "before_cursor_execute", listener)
    assert indexed == len(varied_datasets)
    assert len(errors) == 1 and errors[0].startswith("no-such-dataset: NotFound")
    assert _differences(expected, _documents(site_id)) == []
    assert _schedules() == schedules  # the opendata plugin's, kept for its daily re-index
    # per table for the batch, not per dataset: CKAN's path takes about ten a dataset, and
    # the opendata plugin two for each typed one (IIndexBatches: two for the batch)
    assert len([s for s in statements if "transparency_opendata" in s]) == 2, statements
    assert len(statements) <= 12, statements
    with pytest.raises(tk.ObjectNotFound):  # without --force, as CKAN's rebuild
        rebuild.index_batch([*varied_datasets, "no-such-dataset"])
