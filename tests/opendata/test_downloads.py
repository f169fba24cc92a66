"""Downloads at CKAN's dump address: XLSX (ours), CSV with a BOM and JSON (CKAN's), with the
same rows and values as the DataStore, Cyrillic intact."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files

from .conftest import datastore_rows, table_bytes


@pytest.fixture
def table(make_dataset, upload):
    dataset = make_dataset("project-status")
    resource = upload(dataset, table_bytes("projects", fmt=files.XLSX, script="cyrl"), "p.xlsx")
    fields = [f["id"] for f in call_action("datastore_search", resource_id=resource["id"],
                                           limit=0)["fields"] if f["id"] != "_id"]
    return resource["id"], fields, datastore_rows(resource["id"])


def _xlsx(app, url: str) -> list[tuple]:
    response = app.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
    return list(book.worksheets[0].iter_rows(values_only=True))


def _cell(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _same(stored, cell) -> bool:
    if stored is None or stored == "":
        return cell is None or cell == ""
    if isinstance(cell, (int, float)):
        return float(stored) == float(cell)
    if isinstance(cell, (dt.date, dt.datetime)):  # a real date cell
        return str(stored)[:10] == _cell(cell)[:10]
    return stored == cell


def _text_rows(rows: list[dict], fields: list[str]) -> list[list[str]]:
    """The rows as the CSV of PostgreSQL's COPY writes them."""
    def text(value):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return [[text(row[name]) for name in fields] for row in rows]


@pytest.mark.usefixtures("clean")
class TestDumpFormats:

    def test_xlsx_has_every_row_and_value_with_labels(self, app, table):
        resource_id, fields, rows = table
        sheet = _xlsx(app, f"/datastore/dump/{resource_id}?format=xlsx")
        assert len(sheet) == len(rows) + 1
        assert sheet[0][:3] == ("Project ID", "Title", "Sector")  # the reader's language (en)
        for row, line in zip(rows, sheet[1:]):
            for name, cell in zip(fields, line):
                assert _same(row[name], cell), (name, row[name], cell)
        assert any("ў" in str(c) or "қ" in str(c) for c in sheet[1])  # Cyrillic intact

    def test_xlsx_pages_through_large_tables(self, app, table, monkeypatch):
        from ckanext.transparency.opendata.exports import dump
        monkeypatch.setattr(dump, "PAGE", 5)
        resource_id, fields, rows = table
        sheet = _xlsx(app, f"/datastore/dump/{resource_id}?format=xlsx&labels=false")
        assert [line[0] for line in sheet[1:]] == [r["loyiha_raqami"] for r in rows]
        sheet = _xlsx(app, f"/datastore/dump/{resource_id}?format=xlsx&limit=7&offset=2")
        assert [line[0] for line in sheet[1:]] == [r["loyiha_raqami"] for r in rows[2:9]]

    def test_xlsx_in_russian_and_with_column_names(self, app, table):
        resource_id, fields, _ = table
        sheet = _xlsx(app, f"/ru/datastore/dump/{resource_id}?format=xlsx")
        assert sheet[0][:2] == ("ID проекта", "Название проекта")
        sheet = _xlsx(app, f"/datastore/dump/{resource_id}?format=xlsx&labels=false")
        assert list(sheet[0]) == fields

    def test_xlsx_follows_filters_sort_fields_and_limit(self, app, table):
        resource_id, fields, rows = table
        status = rows[0]["holati_kodi"]
        expected = sorted((r for r in rows if r["holati_kodi"] == status),
                          key=lambda r: -r["umumiy_qiymati_soʻm"])[:3]
        filters = json.dumps({"holati_kodi": status})
        sheet = _xlsx(app, f"/datastore/dump/{resource_id}?format=xlsx&labels=false"
                           f"&filters={filters}&sort=umumiy_qiymati_soʻm desc&limit=3"
                           f"&fields=loyiha_raqami,umumiy_qiymati_soʻm")
        assert sheet == [("loyiha_raqami", "umumiy_qiymati_soʻm")] + [
            (r["loyiha_raqami"], r["umumiy_qiymati_soʻm"]) for r in expected]

    def test_csv_with_bom_opens_in_excel_and_has_every_row(self, app, table):
        resource_id, fields, rows = table
        response = app.get(f"/datastore/dump/{resource_id}?format=csv&bom=true")
        assert response.data.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert lines[0][1:] == fields
        assert len(lines) == len(rows) + 1
        assert [line[2] for line in lines[1:]] == [r["loyiha_nomi"] for r in rows]

    def test_json_has_every_row(self, app, table):
        resource_id, fields, rows = table
        data = json.loads(app.get(f"/datastore/dump/{resource_id}?format=json").data)
        assert len(data["records"]) == len(rows)
        assert [r[2] for r in data["records"]] == [r["loyiha_nomi"] for r in rows]

    def test_csv_with_labels_has_headers_in_the_readers_language(self, app, table):
        resource_id, fields, rows = table
        response = app.get(f"/datastore/dump/{resource_id}?format=csv&labels=true&bom=true")
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.data.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert lines[0][:3] == ["Project ID", "Title", "Sector"]
        assert len(lines[0]) == len(fields)  # no _id column
        assert lines[1:] == _text_rows(rows, fields)
        russian = app.get(f"/ru/datastore/dump/{resource_id}?format=csv&labels=true").data
        assert russian.decode("utf-8").splitlines()[0].startswith("ID проекта,Название проекта")
        cyrillic = app.get(f"/uz_Cyrl/datastore/dump/{resource_id}?format=csv&labels=true").data
        assert cyrillic.decode("utf-8").splitlines()[0].startswith("Лойиҳа рақами,")

    def test_csv_with_labels_pages_through_large_tables(self, app, table, monkeypatch):
        from ckanext.transparency.opendata.exports import dump
        monkeypatch.setattr(dump, "PAGE", 4)
        resource_id, fields, rows = table
        text = app.get(f"/datastore/dump/{resource_id}?format=csv&labels=1").data.decode()
        assert list(csv.reader(io.StringIO(text)))[1:] == _text_rows(rows, fields)
        text = app.get(f"/datastore/dump/{resource_id}?format=tsv&labels=1&limit=5&offset=3"
                       ).data.decode()
        lines = list(csv.reader(io.StringIO(text), dialect="excel-tab"))
        assert lines[0][0] == "Project ID"
        assert lines[1:] == _text_rows(rows, fields)[3:8]

    def test_json_with_labels_keeps_ids_and_adds_labels(self, app, table):
        resource_id, fields, rows = table
        data = json.loads(app.get(f"/uz/datastore/dump/{resource_id}?format=json&labels=true").data)
        assert [f["id"] for f in data["fields"]] == fields
        assert data["fields"][0]["label"] == "Loyiha raqami"
        assert [dict(zip(fields, r)) for r in data["records"]] == [
            {k: v for k, v in row.items() if k != "_id"} for row in rows]

    def test_without_labels_the_text_formats_stay_ckans(self, app, table):
        resource_id, fields, rows = table
        for fmt in ("csv", "tsv", "json", "xml"):
            response = app.get(f"/datastore/dump/{resource_id}?format={fmt}")
            assert response.status_code == 200
            assert b"Project ID" not in response.data
        first = app.get(f"/datastore/dump/{resource_id}?format=csv").data.decode().splitlines()[0]
        assert first == ",".join(["_id"] + fields)

    def test_bad_parameters_get_a_clear_error(self, app, table):
        resource_id, _, _ = table
        response = app.get(f"/datastore/dump/{resource_id}?format=csv&labels=true&limit=x")
        assert response.status_code == 400
        assert "limit" in response.body
        response = app.get("/datastore/dump/no-such-table?format=csv&labels=true")
        assert response.status_code == 404

    def test_the_resource_page_offers_every_download(self, app, table):
        resource_id, _, _ = table
        resource = call_action("resource_show", id=resource_id)
        page = app.get(f"/ru/dataset/{resource['package_id']}/resource/{resource_id}").body
        dump = f"/ru/datastore/dump/{resource_id}"
        for query in ("format=xlsx", "format=csv&amp;bom=true&amp;labels=true&amp;excel=true",
                      "format=json", "format=xml"):
            assert f'href="{dump}?{query}"' in page, query

    def test_private_tables_are_not_found(self, app, make_dataset, upload):
        dataset = make_dataset("budget-execution", private=True)
        resource = upload(dataset, table_bytes("budget"), "b.csv")
        response = app.get(f"/datastore/dump/{resource['id']}?format=xlsx")
        assert response.status_code == 404


@pytest.mark.usefixtures("clean")
class TestReadableDownloads:
    """Issue #14, item 7: files named after the dataset and resource, a readable sheet, CSV in
    the list separator of the reader's Excel, one charset."""

    @pytest.fixture
    def budget(self, make_dataset, upload):
        dataset = make_dataset(name="byudjet-ijrosi-2026", title="Byudjet ijrosi 2026")
        return upload(dataset, table_bytes("budget"), "b.csv", name="2026-Q3")

    def test_files_are_named_after_the_dataset_and_resource(self, app, budget):
        for fmt in ("xlsx", "csv", "tsv"):
            response = app.get(f"/datastore/dump/{budget['id']}?format={fmt}")
            assert response.headers["Content-Disposition"] == (
                f'attachment; filename="byudjet-ijrosi-2026_2026-Q3.{fmt}"')
        book = openpyxl.load_workbook(io.BytesIO(
            app.get(f"/datastore/dump/{budget['id']}?format=xlsx").data), read_only=True)
        assert book.sheetnames == ["2026-Q3"]

    def test_cyrillic_names_are_transliterated_to_ascii(self, app, make_dataset, upload):
        dataset = make_dataset(name="loyihalar", title="Лойиҳалар")
        resource = upload(dataset, table_bytes("budget"), "b.csv", name="Чорак ҳисоботи: 2026/3")
        response = app.get(f"/datastore/dump/{resource['id']}?format=xlsx")
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="loyihalar_Chorak-hisoboti-2026-3.xlsx"')
        book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
        assert book.sheetnames == ["Чорак ҳисоботи  2026 3"]

    def test_content_type_names_its_charset_once(self, app, budget):
        for fmt in ("csv", "tsv"):
            content_type = app.get(
                f"/datastore/dump/{budget['id']}?format={fmt}&labels=true").headers[
                    "Content-Type"]
            assert content_type.count("charset") == 1, content_type

    @pytest.mark.parametrize("language, separator", [
        ("ru", ";"), ("uz", ";"), ("uz_Cyrl", ";"), ("en", ",")])
    def test_csv_for_excel_uses_the_locales_list_separator(self, app, budget, language,
                                                           separator):
        response = app.get(f"/{language}/datastore/dump/{budget['id']}"
                           "?format=csv&bom=true&labels=true&excel=true")
        assert response.data.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")),
                                delimiter=separator))
        assert len(lines[0]) == 9 and len(lines) == len(datastore_rows(budget["id"])) + 1
        rates = [line[8] for line in lines[1:]]  # ijro_foizi, numbers with decimals
        decimal = "," if separator == ";" else "."
        assert any(decimal in rate for rate in rates), rates
        assert not any(({",", "."} - {decimal}) & set(rate) for rate in rates), rates
