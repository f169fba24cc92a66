"""Published data is never lost to a rejected upload; a file's kind comes from its content;
sizes and row counts are checked before a file is parsed (issue #12, items 1-3)."""
from __future__ import annotations

import io
import time

import openpyxl
import pytest

import ckan.plugins.toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files
from ckanext.transparency.opendata import tableschema
from ckanext.transparency.opendata.model import UpdateRecord
from ckanext.transparency.plugins.opendata import OpendataPlugin

from .conftest import csv_text, datastore_rows, table_bytes, workbook
from .test_uploads import BUDGET_HEADER, GOOD_ROW, _problems, _stored

TOO_BIG = "1234567890123456789012345"  # 25 digits: more than PostgreSQL's bigint holds
BAD_AMOUNT = GOOD_ROW.replace(",990,", f",{TOO_BIG},")


@pytest.fixture
def unbounded_amounts(monkeypatch):
    """The budget schema as it was before it stated ranges: a value passes the check that
    PostgreSQL then refuses while loading."""
    for field in tableschema.get("budget")["fields"]:
        if field["name"] == "ijro_soʻm":
            monkeypatch.delitem(field, "maximum")


def _sheet(data: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def published(app, resource_id: str) -> dict:
    """Everything a reader sees of a resource's data: its metadata, its stored file (or link),
    its table, views and dumps."""
    resource = call_action("resource_show", id=resource_id)
    csv_dump = app.get(f"/datastore/dump/{resource_id}")
    xlsx_dump = app.get(f"/datastore/dump/{resource_id}?format=xlsx")
    assert csv_dump.status_code == 200 and xlsx_dump.status_code == 200
    return {
        "resource": {key: resource.get(key) for key in (
            "url", "url_type", "size", "hash", "mimetype", "format", "last_modified",
            "datastore_active")},
        "file": _stored(resource) if resource.get("url_type") == "upload" else None,
        "fields": call_action("datastore_info", id=resource_id)["fields"],
        "rows": datastore_rows(resource_id),
        "views": call_action("resource_view_list", id=resource_id),
        "csv_dump": csv_dump.get_data(),
        "xlsx_dump": _sheet(xlsx_dump.get_data()),  # its zip has a timestamp; its cells not
    }


@pytest.mark.usefixtures("with_views", "unbounded_amounts")
class TestAFileThatFailsWhileLoading:

    def test_leaves_file_table_views_and_dumps_as_they_were(self, app, make_dataset, upload):
        dataset = make_dataset()
        resource = upload(dataset, table_bytes("budget"), "byudjet.csv")
        before = published(app, resource["id"])
        assert before["resource"]["datastore_active"] is True and before["views"]
        bad = csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW}\n{BAD_AMOUNT}\n")
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, bad, "byudjet-yangi.csv", resource_id=resource["id"])
        assert _problems(error) == [
            "Row 3, column «ijro_soʻm» (H): the value is outside the range the database can "
            "store"]
        assert published(app, resource["id"]) == before
        assert len(UpdateRecord.for_package(dataset["id"])) == 1

    def test_the_editor_reads_the_error_in_their_language(self, app, make_dataset, upload,
                                                          editor):
        dataset = make_dataset()
        resource = upload(dataset, table_bytes("budget"), "byudjet.csv")
        before = published(app, resource["id"])
        token = call_action("api_token_create", user=editor["name"], name="t")["token"]
        bad = csv_text(f"{BUDGET_HEADER}\n{BAD_AMOUNT}\n")
        response = app.post(
            f"/ru/dataset/{dataset['name']}/resource/{resource['id']}/edit",
            data={"upload": (io.BytesIO(bad), "byudjet.csv"), "name": "byudjet.csv",
                  "id": resource["id"], "save": ""},
            headers={"Authorization": token})
        page = response.get_data(as_text=True)
        assert ("Строка 2, столбец «ijro_soʻm» (H): значение выходит за пределы того, что "
                "может хранить база данных") in page
        assert published(app, resource["id"]) == before

    def test_a_new_resource_that_fails_is_not_created(self, make_dataset, upload):
        dataset = make_dataset()
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, csv_text(f"{BUDGET_HEADER}\n{BAD_AMOUNT}\n"), "byudjet.csv")
        assert _problems(error)[0].startswith("Row 2, column «ijro_soʻm» (H)")
        assert call_action("package_show", id=dataset["id"])["resources"] == []


@pytest.mark.usefixtures("with_views")
def test_a_good_replacement_is_published_whole(app, make_dataset, upload):
    dataset = make_dataset()
    resource = upload(dataset, table_bytes("budget"), "byudjet.csv")
    new = csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW}\n")
    upload(dataset, new, "byudjet.csv", resource_id=resource["id"])
    after = published(app, resource["id"])
    assert after["file"] == new and len(after["rows"]) == 1
    assert after["resource"]["datastore_active"] is True and after["views"]
    assert after["xlsx_dump"][1][:2] == (2026, 1)


@pytest.mark.usefixtures("clean")
def test_the_schema_range_refuses_a_too_large_number_before_loading(make_dataset, upload):
    dataset = make_dataset()
    with pytest.raises(tk.ValidationError) as error:
        upload(dataset, csv_text(f"{BUDGET_HEADER}\n{BAD_AMOUNT}\n"), "byudjet.csv")
    assert _problems(error) == [
        f"Row 2, column «ijro_soʻm» (H): {TOO_BIG} is more than 1000000000000000"]


@pytest.mark.usefixtures("clean")
class TestKindFromContent:

    @pytest.mark.parametrize("filename", ["budget.json", "budget", "budget.pdf"])
    def test_invalid_rows_are_refused_whatever_the_name(self, make_dataset, upload, filename):
        dataset = make_dataset()
        data = csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW.replace(',1000,', ',bir ming,')}\n")
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, data, filename)
        assert _problems(error) == [
            "Row 2, column «tasdiqlangan_reja_soʻm» (F): «bir ming»: expected a whole number"]
        assert call_action("package_show", id=dataset["id"])["resources"] == []

    def test_a_csv_without_extension_is_checked_and_loaded(self, make_dataset, upload):
        dataset = make_dataset()
        resource = upload(dataset, csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW}\n"), "budget")
        assert resource["format"] == "CSV" and resource["datastore_active"]
        assert datastore_rows(resource["id"])[0]["ijro_soʻm"] == 990
        assert OpendataPlugin().can_upload(resource["id"]) is False

    def test_an_xlsx_named_csv_is_read_as_a_workbook(self, make_dataset, upload):
        dataset = make_dataset()
        data = table_bytes("budget", fmt=files.XLSX)
        resource = upload(dataset, data, "byudjet.csv")
        assert len(datastore_rows(resource["id"])) == len(_sheet(data)) - 1

    @pytest.mark.parametrize("data, filename, declared, message", [
        (b"\x00\x01\x02binary\xff\xfe data" * 20, "budget.csv", None,
         "The file could not be read as text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "budget.xls", None,
         "The file is an old Excel (XLS)"),
        (b"%PDF-1.4 not a table", "budget.csv", "CSV",
         "The file is declared as CSV but is not a table"),
        (b"PK\x03\x04 broken zip", "budget.xlsx", None,
         "The file is not a readable Excel (XLSX) workbook."),
    ])
    def test_an_unreadable_or_unexpected_file_is_refused(self, make_dataset, upload, data,
                                                         filename, declared, message):
        dataset = make_dataset()
        fields = {"format": declared} if declared else {}
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, data, filename, **fields)
        assert _problems(error)[0].startswith(message)


@pytest.mark.usefixtures("clean")
class TestLimitsBeforeParsing:

    @pytest.mark.ckan_config("ckanext.transparency.opendata.max_rows", 3)
    def test_rows_past_the_limit_are_refused(self, make_dataset, upload):
        dataset = make_dataset()
        three = csv_text(BUDGET_HEADER + "\n" + "\n".join([GOOD_ROW] * 3) + "\n\n\n")
        assert len(datastore_rows(upload(dataset, three, "b.csv")["id"])) == 3
        four = csv_text(BUDGET_HEADER + "\n" + "\n".join([GOOD_ROW] * 4) + "\n")
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, four, "b.csv")
        assert _problems(error) == [
            "The file has more than 3 rows of data; split it or ask the portal's "
            "administrators to raise the limit."]

    @pytest.mark.ckan_config("ckan.max_resource_size", 1)
    def test_a_file_over_the_size_limit_is_refused_unread(self, make_dataset, upload):
        dataset = make_dataset()
        data = csv_text(BUDGET_HEADER + "\n" + "\n".join([GOOD_ROW] * 20000) + "\n")
        assert len(data) > 1024 * 1024
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, data, "b.csv")
        assert _problems(error) == [
            f"The file is {len(data) / 1024 / 1024:.1f} MB; files of up to 1.0 MB are "
            "accepted."]

    @pytest.mark.ckan_config("ckanext.transparency.opendata.xlsx_max_unpacked_mb", 1000)
    def test_a_sheet_stating_too_many_rows_is_refused_at_once(self, make_dataset, upload):
        dataset = make_dataset()
        header = BUDGET_HEADER.split(",")
        bomb = workbook(header, GOOD_ROW.split(","), 500_000, dimension="A1:I500001")
        assert len(bomb) < 2 * 1024 * 1024
        started = time.monotonic()
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, bomb, "b.xlsx")
        assert time.monotonic() - started < 5
        assert _problems(error)[0].startswith("The file has more than 100000 rows")

    @pytest.mark.ckan_config("ckanext.transparency.opendata.max_rows", 50)
    def test_a_sheet_hiding_its_size_is_refused_when_the_count_passes(self, make_dataset,
                                                                      upload):
        dataset = make_dataset()
        header = BUDGET_HEADER.split(",")
        lying = workbook(header, GOOD_ROW.split(","), 51, dimension="A1:I3")
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, lying, "b.xlsx")
        assert _problems(error)[0].startswith("The file has more than 50 rows")

    @pytest.mark.ckan_config("ckanext.transparency.opendata.xlsx_max_unpacked_mb", 1)
    def test_a_workbook_unpacking_past_the_limit_is_refused_unpacked(self, make_dataset,
                                                                    upload):
        dataset = make_dataset()
        bomb = workbook(BUDGET_HEADER.split(","), GOOD_ROW.split(","), 20000)
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, bomb, "b.xlsx")
        assert _problems(error)[0].startswith("The workbook unpacks to ")
        assert "workbooks of up to 1.0 MB unpacked are accepted" in _problems(error)[0]
