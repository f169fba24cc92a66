"""Every machine-readable export of the demo passes its standard's own validator, offline:
OCDS 1.1.5 (libcoveocds, `ocdskit compile`, a flatten-tool round trip of the flat XLSX),
OC4IDS 0.9.5 (libcoveoc4ids), DCAT-AP 3.0.0 (pyshacl with the standard's shapes), iCalendar
(icalendar) and Atom (feedparser) for every calendar and feed a page links to."""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import rdflib
from bs4 import BeautifulSoup

from ckan.tests.helpers import call_action

from ckanext.transparency.demo import loader
from ckanext.transparency.demo.datasets import DATASETS, KIND_TYPES

from . import validators

pytestmark = pytest.mark.system

_loaded: dict = {}
EXTENSION_SCHEMA = (Path(validators.OCDS).parent / "oc4ids" / "transparency-extension.json")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
# pages whose links to calendars and feeds are followed
PAGES = ("/", "/dialogue", "/dialogue/archive", "/consultations", "/appeals",
         "/appeals/receptions", "/open-data")


@pytest.fixture
def demo(with_plugins, reset_db, reset_index):
    """The demo, loaded once for this module into a clean database and index."""
    if not _loaded:
        reset_db()
        reset_index()
        loader.load(echo=lambda line: None)
        _loaded["done"] = True
    return _loaded


@pytest.fixture(scope="module")
def standards():
    with tempfile.TemporaryDirectory() as folder:
        for source in validators.DATA.iterdir():
            (Path(folder) / source.name).symlink_to(source)
        local = validators.LocalStandards(Path(folder))
        yield local
        local.close()


def _names(kind_type: str, table_schemas: tuple[str, ...]) -> list[str]:
    return [d.name for d in DATASETS
            if KIND_TYPES[d.kind][0] == kind_type and KIND_TYPES[d.kind][1] in table_schemas]


OCDS_DATASETS = _names("procurement", ("ocds-releases", "procurement-plan"))
OTHER_PROCUREMENT = [d.name for d in DATASETS if KIND_TYPES[d.kind][0] == "procurement"
                     and d.name not in OCDS_DATASETS]
OC4IDS_DATASETS = _names("project-status", ("projects",))
OTHER_PROJECTS = [d.name for d in DATASETS if KIND_TYPES[d.kind][0] == "project-status"
                  and d.name not in OC4IDS_DATASETS]


def test_the_demo_has_datasets_of_every_standard():
    assert "davlat-xaridlari-2025" in OCDS_DATASETS
    assert {"yetkazib-beruvchilar-2025", "shartnomalar-reyestri-2026"} <= set(OTHER_PROCUREMENT)
    assert "investitsiya-loyihalari-holati-2026" in OC4IDS_DATASETS
    assert "loyihalar-moliyalashtirish-2026" in OTHER_PROJECTS


@pytest.mark.usefixtures("demo")
class TestOcds:

    def test_every_release_package_passes_libcoveocds_and_ocdskit(self, app, standards):
        for name in OCDS_DATASETS:
            response = app.get(f"/dataset/{name}/ocds.json")
            assert response.status_code == 200, name
            package = json.loads(response.data)
            assert package["releases"], name
            assert validators.libcoveocds_errors(package, standards) == [], name
            assert validators.ocdskit_compile_errors(package) == [], name

    def test_a_table_in_csv_and_xlsx_gives_each_release_once(self, app):
        dataset = call_action("package_show", id="davlat-xaridlari-2025")
        assert {r["format"] for r in dataset["resources"]} >= {"CSV", "XLSX"}
        package = json.loads(app.get("/dataset/davlat-xaridlari-2025/ocds.json").data)
        keys = [(r["ocid"], r["id"]) for r in package["releases"]]
        assert len(keys) == len(set(keys)) == 120

    def test_the_flat_xlsx_unflattens_to_the_json_package(self, app, standards):
        for name in OCDS_DATASETS:
            package = json.loads(app.get(f"/dataset/{name}/ocds.json").data)
            response = app.get(f"/dataset/{name}/ocds.xlsx")
            assert response.status_code == 200, name
            assert validators.flattentool_roundtrip(response.data, standards) == package, name

    def test_tables_of_other_shapes_have_no_ocds_form(self, app):
        for name in OTHER_PROCUREMENT:
            for suffix in ("ocds.json", "ocds.xlsx"):
                response = app.get(f"/dataset/{name}/{suffix}")
                assert response.status_code == 404, (name, suffix)
                assert "no OCDS form" in response.get_data(as_text=True)
                assert not response.data.startswith(b"PK")
            page = app.get(f"/dataset/{name}").get_data(as_text=True)
            assert f"/dataset/{name}/ocds" not in page


@pytest.mark.usefixtures("demo")
class TestOc4ids:

    def test_every_project_package_passes_libcoveoc4ids(self, app, standards):
        extension = jsonschema.Draft4Validator(json.loads(EXTENSION_SCHEMA.read_text()))
        for name in OC4IDS_DATASETS:
            for prefix in ("/uz", "/ru", "/uz_Cyrl", "/en"):
                response = app.get(f"{prefix}/dataset/{name}/oc4ids.json")
                assert response.status_code == 200, name
                package = json.loads(response.data)
                assert validators.libcoveoc4ids_errors(package, standards) == [], name
                ids = [p["id"] for p in package["projects"]]
                assert len(ids) == len(set(ids)), name
                for project in package["projects"]:
                    assert list(extension.iter_errors(project)) == [], project["id"]

    def test_sectors_are_codes_and_labels_in_the_readers_language(self, app):
        name = "investitsiya-loyihalari-holati-2026"
        labels = {}
        for prefix, language in (("/uz", "uz"), ("/ru", "ru"), ("/uz_Cyrl", "uz_Cyrl")):
            package = json.loads(app.get(f"{prefix}/dataset/{name}/oc4ids.json").data)
            water = [p for p in package["projects"] if p.get("sector") == ["waterAndWaste"]]
            assert water
            labels[language] = {p["transparency:sectorLabel"] for p in water}
        assert "Ichimlik suvi taʼminoti" in labels["uz"]
        assert "Питьевое водоснабжение" in labels["ru"]
        assert "Ичимлик суви таъминоти" in labels["uz_Cyrl"]

    def test_tables_of_other_shapes_have_no_oc4ids_form(self, app):
        for name in OTHER_PROJECTS:
            response = app.get(f"/dataset/{name}/oc4ids.json")
            assert response.status_code == 404, name
            assert "no OC4IDS form" in response.get_data(as_text=True)
            page = app.get(f"/dataset/{name}").get_data(as_text=True)
            assert f"/dataset/{name}/oc4ids.json" not in page


@pytest.mark.usefixtures("demo")
class TestDcat:

    def test_the_catalog_passes_the_dcat_ap_3_shapes(self, app):
        response = app.get("/catalog.ttl")
        assert response.status_code == 200
        assert validators.shacl_violations(response.data, "turtle") == []

    def test_every_dataset_passes_the_dcat_ap_3_shapes(self, app):
        names = [d["name"] for d in call_action("package_search", q="*:*", rows=1000)["results"]]
        assert len(names) >= len(DATASETS)
        for name in names:
            response = app.get(f"/dataset/{name}.ttl")
            assert response.status_code == 200, name
            assert validators.shacl_violations(response.data, "turtle") == [], name

    def test_the_datasets_the_portal_writes_itself_have_a_frequency(self, app):
        graph = rdflib.Graph().parse(data=app.get("/catalog.ttl").data, format="turtle")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        written = [d for d in call_action("package_search", q="*:*", rows=1000)["results"]
                   if {"poll", "consultation"} & {t["name"] for t in d["tags"]}]
        assert {"poll", "consultation"} <= {t["name"] for d in written for t in d["tags"]}
        for dataset in written:
            subject = rdflib.URIRef(f"http://test.ckan.net/dataset/{dataset['id']}")
            assert graph.value(subject, dct.accrualPeriodicity) == rdflib.URIRef(
                EU + "frequency/IRREG"), dataset["name"]

    def test_vocabulary_values_are_iris_of_the_vocabularies(self, app):
        graph = rdflib.Graph().parse(data=app.get("/catalog.ttl").data, format="turtle")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
        spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
        expected = {dct["format"]: EU + "file-type/", dcat.mediaType: IANA,
                    dct.language: EU + "language/", dct.accrualPeriodicity: EU + "frequency/"}
        for predicate, namespace in expected.items():
            values = set(graph.objects(None, predicate))
            assert values, predicate
            for value in values:
                assert isinstance(value, rdflib.URIRef) and value.startswith(namespace), value
        assert {str(v).rsplit("/", 1)[1] for v in graph.objects(None, dct.language)} <= {
            "UZB", "RUS", "ENG"}
        for checksum in graph.objects(None, spdx.checksum):
            assert graph.value(checksum, spdx.algorithm) is not None
        # every dataset has its frequency, those the portal writes itself too
        for dataset in graph.subjects(rdflib.RDF.type, dcat.Dataset):
            assert graph.value(dataset, dct.accrualPeriodicity) is not None, dataset
        [catalog] = graph.subjects(rdflib.RDF.type, dcat.Catalog)
        languages = {d.language for d in graph.objects(catalog, dct.description)}
        assert languages == {"uz", "uz-Cyrl", "ru", "en"}
        publisher = graph.value(catalog, dct.publisher)
        foaf = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
        assert {n.language for n in graph.objects(publisher, foaf.name)} == languages


def _linked(app, kinds: tuple[str, ...]) -> set[str]:
    """Addresses of calendars and feeds that the pages link to."""
    found = set()
    for page in PAGES:
        html = app.get(page).get_data(as_text=True)
        for tag in BeautifulSoup(html, "html.parser").find_all(["a", "link"], href=True):
            address = urlsplit(tag["href"])
            if re.search(r"\.(" + "|".join(kinds) + r")$", address.path):
                found.add(address.path + (f"?{address.query}" if address.query else ""))
    return found


@pytest.mark.usefixtures("demo")
class TestCalendarsAndFeeds:

    def test_every_linked_calendar_is_valid_icalendar(self, app):
        calendars = _linked(app, ("ics",))
        assert {"/appeals/receptions.ics", "/dialogue/calendar.ics"} <= {
            c.split("?")[0] for c in calendars}
        for address in calendars:
            response = app.get(address)
            assert response.status_code == 200, address
            assert validators.ical_errors(response.data) == [], address

    def test_every_linked_feed_is_valid_atom(self, app):
        feeds = _linked(app, ("atom",))
        assert len(feeds) >= 2
        for address in feeds:
            response = app.get(address)
            assert response.status_code == 200, address
            assert validators.atom_errors(response.data) == [], address
