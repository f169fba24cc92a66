"""OCDS 1.1.5 release packages (valid against the local schema and codelists), OC4IDS project
packages and the DCAT-AP catalog."""
from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
import rdflib

import ckan.plugins.toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files
from ckanext.transparency.opendata.exports import ocds, ocds_validate, xlsx_stream
from ckanext.transparency.opendata.types import MONTHLY

from .conftest import datastore_rows, table_bytes


@pytest.fixture
def procurement(make_dataset, upload):
    dataset = make_dataset("procurement", name="xaridlar")
    resource = upload(dataset, table_bytes("ocds-releases", script="cyrl"), "ocds.csv")
    return dataset, datastore_rows(resource["id"])


def test_unflatten_and_flatten_are_inverse():
    row = {"ocid": "ocds-kira01-1", "tag": "tender", "tender/items/0/id": "1",
           "tender/items/0/classification/id": "0172", "parties/0/roles": "supplier;tenderer",
           "awards/0/suppliers/0/name": "X", "awards/0/value/amount": 10, "empty": ""}
    release = ocds.unflatten(row)
    assert release["tender"]["items"][0]["classification"]["id"] == "0172"
    assert release["parties"][0]["roles"] == ["supplier", "tenderer"]
    assert release["tag"] == ["tender"]
    assert "empty" not in release
    flat = ocds.flatten(release)
    assert flat["parties/0/roles"] == "supplier;tenderer"
    assert flat["awards/0/suppliers/0/name"] == "X"


def test_the_validator_finds_schema_and_codelist_errors():
    bad = {"uri": "x", "publisher": {"name": "p"}, "publishedDate": "yesterday",
           "version": "1.1", "releases": [{"ocid": "o", "id": "1", "date": "2026-01-01T00:00:00Z",
                                           "tag": ["tender"], "initiationType": "tender",
                                           "tender": {"id": "t", "status": "finished"}}]}
    errors = ocds_validate.errors(bad)
    assert any("publishedDate" in e for e in errors)
    assert any("finished" in e and "tenderStatus.csv" in e for e in errors)


def test_the_xlsx_writer_takes_zero_columns_and_fails_before_the_first_byte():
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_stream.stream([], [], [[[], []]]))))
    assert book.sheetnames == ["Data"]
    with pytest.raises(ValueError):  # raised by the call: nothing was sent yet
        xlsx_stream.workbook([xlsx_stream.Sheet("a", ["bogus"], [])])
    with pytest.raises(ValueError):
        xlsx_stream.workbook([xlsx_stream.Sheet("a", [xlsx_stream.TEXT], [], ["x", "y"])])


@pytest.mark.usefixtures("clean")
class TestOcds:

    def test_release_package_is_valid_ocds_1_1_5(self, procurement):
        dataset, rows = procurement
        package = call_action("ocds_release_package", id=dataset["name"])
        assert ocds_validate.schema_errors(package) == []
        assert ocds_validate.codelist_errors(package) == []
        assert len(package["releases"]) == len(rows)
        assert package["uri"].endswith(f"/dataset/{dataset['name']}/ocds.json")
        assert package["version"] == "1.1"
        release = package["releases"][0]
        assert release["ocid"] == rows[0]["ocid"]
        assert release["buyer"]["id"] in {p["id"] for p in release["parties"]}
        awarded = [r for r in package["releases"] if r.get("awards")]
        assert awarded and isinstance(awarded[0]["awards"][0]["value"]["amount"], int)
        assert {p["identifier"]["scheme"] for r in awarded for p in r["parties"]
                if "identifier" in p} == {"UZ-STIR"}
        # Cyrillic names are kept as published
        assert any("«" in r["buyer"]["name"] or r["buyer"]["name"] for r in package["releases"])

    def test_procurement_plan_gives_planning_releases(self, make_dataset, upload):
        from ckanext.transparency.demo.tables import build
        dataset = make_dataset("procurement", name="reja", table_schema="procurement-plan")
        table = build("procurement_plan", "t", "latn", year=2026, buyer="Agentlik",
                      buyer_code="KIRA", items=("common",), count=10)
        upload(dataset, files.render(table, files.FileSpec("p.csv")), "p.csv")
        package = call_action("ocds_release_package", id="reja")
        assert ocds_validate.errors(package) == []
        assert {tuple(r["tag"]) for r in package["releases"]} == {("planning",)}

    def test_ocds_json_and_flat_xlsx_addresses(self, app, procurement):
        dataset, rows = procurement
        response = app.get(f"/dataset/{dataset['name']}/ocds.json")
        assert response.status_code == 200
        data = json.loads(response.data)
        assert ocds_validate.errors(data) == []
        response = app.get(f"/dataset/{dataset['name']}/ocds.xlsx")
        sheet = list(openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
                     .worksheets[0].iter_rows(values_only=True))
        assert "ocid" in sheet[0] and "tender/value/amount" in sheet[0]
        assert len(sheet) == len(rows) + 1

    def test_ocds_validate_command(self, cli, procurement):
        from ckan.cli.cli import ckan
        result = cli.invoke(ckan, ["transparency", "ocds-validate", "xaridlar"])
        assert result.exit_code == 0, result.output
        assert result.output.strip().endswith("releases, 0 errors")

    def test_other_types_have_no_ocds(self, app, make_dataset):
        make_dataset("budget-execution", name="byudjet")
        response = app.get("/dataset/byudjet/ocds.json")
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        assert "Not a procurement dataset." in page and "[" not in page.split("</h1>")[-1]


@pytest.mark.usefixtures("clean")
class TestOc4ids:

    def test_project_package(self, app, make_dataset, upload):
        dataset = make_dataset("project-status", name="loyihalar")
        resource = upload(dataset, table_bytes("projects"), "p.csv")
        rows = datastore_rows(resource["id"])
        data = json.loads(app.get("/dataset/loyihalar/oc4ids.json").data)
        assert len(data["projects"]) == len(rows)
        project = data["projects"][0]
        assert project["id"] == rows[0]["loyiha_raqami"]
        assert project["status"] in {"identification", "preparation", "implementation",
                                     "completion", "maintenance", "decommissioning",
                                     "decommissioned", "cancelled"}
        assert project["budget"]["amount"]["currency"] == "UZS"

    def test_dates_are_date_times_and_nothing_is_null(self, app, make_dataset, upload):
        dataset = make_dataset("project-status", name="loyihalar")
        upload(dataset, table_bytes("projects"), "p.csv")
        data = json.loads(app.get("/dataset/loyihalar/oc4ids.json").data)

        def walk(value, path=""):
            assert value is not None and value != "", path
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, f"{path}/{key}")
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(item, f"{path}/{index}")
        for project in data["projects"]:
            walk(project)
        dates = [p[part][key] for p in data["projects"] for part in ("period", "completion")
                 for key in ("startDate", "endDate") if key in p.get(part, {})]
        assert dates
        for value in dates:  # RFC 3339 with a zone, as OC4IDS's `date-time` wants
            assert dt.datetime.fromisoformat(value).tzinfo is not None, value


@pytest.mark.usefixtures("clean")
class TestDcat:

    def test_catalog_and_dataset_rdf_carry_the_frequency(self, app, make_dataset):
        make_dataset("appeals-statistics", name="murojaatlar", frequency=MONTHLY)
        response = app.get("/dataset/murojaatlar.ttl")
        assert response.status_code == 200
        graph = rdflib.Graph().parse(data=response.data, format="turtle")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        assert (None, dct.accrualPeriodicity, rdflib.URIRef(MONTHLY)) in graph
        catalog = rdflib.Graph().parse(data=app.get("/catalog.jsonld").data, format="json-ld")
        assert (None, dct.accrualPeriodicity, rdflib.URIRef(MONTHLY)) in catalog
        catalog = rdflib.Graph().parse(data=app.get("/catalog.xml").data, format="xml")
        assert len(catalog) > 5

    def test_checksums_name_their_algorithm_and_formats_are_iris(self, app, make_dataset,
                                                                 editor, linked_csv):
        dataset = make_dataset("appeals-statistics", name="murojaatlar", frequency=MONTHLY)
        call_action("resource_create", context={"user": editor["name"]},
                    package_id=dataset["id"], url=f"{linked_csv}/a.csv",
                    format="CSV", mimetype="text/csv",
                    hash="9e107d9d372bb6826bd81d3542a419d6")  # MD5, as ckanext-xloader writes
        graph = rdflib.Graph().parse(data=app.get("/dataset/murojaatlar.ttl").data,
                                     format="turtle")
        spdx = rdflib.Namespace("http://spdx.org/rdf/terms#")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        [checksum] = graph.objects(None, spdx.checksum)
        assert graph.value(checksum, spdx.algorithm) == spdx.checksumAlgorithm_md5
        assert set(graph.objects(None, dct["format"])) == {rdflib.URIRef(
            "http://publications.europa.eu/resource/authority/file-type/CSV")}
        assert set(graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#mediaType"))) \
            == {rdflib.URIRef("https://www.iana.org/assignments/media-types/text/csv")}


def _demo_file(name: str) -> tuple[bytes, str]:
    """The first file of a demo dataset, and its name."""
    from ckanext.transparency.demo.datasets import DATASETS
    [spec] = [d for d in DATASETS if d.name == name]
    return files.render(spec.table(), spec.files[0], spec.about()), spec.files[0].filename


@pytest.mark.usefixtures("clean")
class TestNoStandardForm:

    def test_a_procurement_table_of_another_shape_has_no_ocds_package(self, app, make_dataset,
                                                                      upload):
        dataset = make_dataset("procurement", name="yetkazuvchilar", table_schema="suppliers")
        upload(dataset, *_demo_file("yetkazib-beruvchilar-2025"))
        for suffix in ("ocds.json", "ocds.xlsx"):
            response = app.get(f"/dataset/yetkazuvchilar/{suffix}")
            assert response.status_code == 404
            assert "no OCDS form" in response.get_data(as_text=True)
        with pytest.raises(tk.ObjectNotFound):
            call_action("ocds_release_package", id="yetkazuvchilar")

    def test_the_validate_command_says_so_too(self, cli, make_dataset, upload):
        from ckan.cli.cli import ckan
        dataset = make_dataset("procurement", name="yetkazuvchilar", table_schema="suppliers")
        upload(dataset, *_demo_file("yetkazib-beruvchilar-2025"))
        result = cli.invoke(ckan, ["transparency", "ocds-validate", "yetkazuvchilar"])
        assert result.exit_code == 1
        assert "no OCDS form" in result.output and "Traceback" not in result.output

    def test_a_project_table_of_another_shape_has_no_oc4ids_package(self, app, make_dataset,
                                                                    upload):
        dataset = make_dataset("project-status", name="moliya", table_schema="project-finance")
        upload(dataset, *_demo_file("loyihalar-moliyalashtirish-2026"))
        response = app.get("/dataset/moliya/oc4ids.json")
        assert response.status_code == 404
        assert "no OC4IDS form" in response.get_data(as_text=True)
        with pytest.raises(tk.ObjectNotFound):
            call_action("oc4ids_project_package", id="moliya", language="ru")
        with pytest.raises(tk.ValidationError) as error:
            call_action("oc4ids_project_package", id="moliya", language="xx")
        assert "language" in error.value.error_dict
