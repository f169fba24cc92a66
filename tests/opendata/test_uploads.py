"""Uploads to typed datasets are checked against the table schema before they are published."""
from __future__ import annotations

import io

import openpyxl
import pytest

import ckan.lib.uploader as uploader
import ckan.plugins.toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files
from ckanext.transparency.opendata.model import UpdateRecord

from .conftest import csv_text, datastore_rows, table_bytes

BUDGET_HEADER = ("yil,chorak,davr,tasnif_kodi,tasnif_nomi,tasdiqlangan_reja_soʻm,"
                 "aniqlangan_reja_soʻm,ijro_soʻm,ijro_foizi")
GOOD_ROW = "2026,1,2026-yil I chorak,4111100,Asosiy ish haqi,1000,1100,990,90.0"


def _problems(error) -> list[str]:
    return error.value.error_dict["upload"]


def _stored(resource: dict) -> bytes:
    path = uploader.get_resource_uploader(resource).get_path(resource["id"])
    with open(path, "rb") as f:
        return f.read()


@pytest.mark.usefixtures("clean")
class TestGoodFiles:

    @pytest.mark.parametrize("encoding", [files.UTF8, files.UTF8_BOM])
    def test_utf8_csv_is_published_and_loaded(self, make_dataset, upload, encoding):
        dataset = make_dataset()
        data = table_bytes("budget", encoding=encoding)
        resource = upload(dataset, data, "byudjet.csv")
        rows = datastore_rows(resource["id"])
        assert len(rows) == data.count(b"\r\n") - 1
        assert rows[0]["yil"] == 2026 and rows[0]["chorak"] == 1
        assert int(rows[0]["ijro_soʻm"]) > 0
        assert call_action("resource_show", id=resource["id"])["datastore_active"]

    def test_xlsx_is_published_and_loaded(self, make_dataset, upload):
        dataset = make_dataset("project-status")
        data = table_bytes("projects", fmt=files.XLSX, script="cyrl")
        resource = upload(dataset, data, "loyihalar.xlsx")
        rows = datastore_rows(resource["id"])
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        expected = list(sheet.iter_rows(values_only=True))
        assert len(rows) == len(expected) - 1
        assert rows[0]["loyiha_nomi"] == expected[1][1]  # Cyrillic text, unchanged
        assert rows[0]["boshlanish_sanasi"].startswith(expected[1][12].date().isoformat())
        assert resource["format"] == "XLSX"

    def test_windows_1251_file_is_read_as_cyrillic_and_stored_as_utf8(self, make_dataset,
                                                                        upload):
        dataset = make_dataset("reception-schedule")
        data = table_bytes("receptions", encoding=files.CP1251, script="cyrl", delimiter=";",
                           date_format="%d.%m.%Y")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        resource = upload(dataset, data, "qabul.csv")
        rows = datastore_rows(resource["id"])
        text = data.decode("cp1251").splitlines()
        first = text[1].split(";")
        assert rows[0]["sana"] == "2026-" + first[0][3:5] + "-" + first[0][:2]
        assert rows[0]["hafta_kuni"] == first[1]  # e.g. "Душанба", read as Cyrillic
        assert any("ў" in r["lavozim"] for r in rows)
        # the original file is kept as uploaded
        assert _stored(call_action("resource_show", id=resource["id"])) == data

    def test_russian_labels_and_decimal_commas_are_accepted(self, make_dataset, upload):
        dataset = make_dataset()
        data = csv_text("Год;Квартал;Код классификации;Наименование статьи;Утверждено;"
                        "Уточнено;Исполнено;Процент исполнения\n"
                        "2026;2;4111100;Основная заработная плата;1 000;1 100;990;90,0\n")
        resource = upload(dataset, data, "budget.csv")
        [row] = datastore_rows(resource["id"])
        assert row["tasdiqlangan_reja_soʻm"] == 1000 and float(row["ijro_foizi"]) == 90.0
        assert row["tasnif_nomi"] == "Основная заработная плата"

    def test_other_files_of_a_typed_dataset_are_not_checked(self, make_dataset, upload):
        dataset = make_dataset()
        resource = upload(dataset, b"%PDF-1.4 ...", "metodika.pdf", format="PDF")
        assert resource["format"] == "PDF"


@pytest.mark.usefixtures("clean")
class TestBadFiles:

    def _refused(self, make_dataset, upload, data, filename="data.csv", dataset_type=None,
                 name=None):
        dataset = make_dataset(dataset_type or "budget-execution",
                               name=name or f"t-{dataset_type or 'budget'}-{len(data)}")
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, data, filename)
        assert call_action("package_show", id=dataset["id"])["resources"] == []
        assert UpdateRecord.for_package(dataset["id"]) == []
        return _problems(error)

    def test_missing_column(self, make_dataset, upload):
        header = BUDGET_HEADER.replace(",ijro_soʻm", "")
        row = GOOD_ROW.replace(",990", "")
        problems = self._refused(make_dataset, upload, csv_text(f"{header}\n{row}\n"))
        assert problems == ["Column «ijro_soʻm» (Executed) is missing."]

    def test_unknown_and_duplicate_columns(self, make_dataset, upload):
        data = csv_text(f"{BUDGET_HEADER},izoh,yil\n{GOOD_ROW},x,2026\n")
        problems = self._refused(make_dataset, upload, data)
        assert any(p.startswith("Column «izoh» (J): unknown column") for p in problems)
        assert any(p.startswith("Column «yil» (K): the same column appears twice (also "
                                "column A)") for p in problems)

    def test_wrong_types_name_row_and_column(self, make_dataset, upload):
        rows = [GOOD_ROW, GOOD_ROW.replace(",1000,", ",bir ming,"),
                GOOD_ROW.replace(",90.0", ",ninety")]
        problems = self._refused(make_dataset, upload,
                                 csv_text(BUDGET_HEADER + "\n" + "\n".join(rows) + "\n"))
        assert problems == [
            "Row 3, column «tasdiqlangan_reja_soʻm» (F): «bir ming»: expected a whole number",
            "Row 4, column «ijro_foizi» (I): «ninety»: expected a number",
        ]

    def test_required_value_missing(self, make_dataset, upload):
        row = GOOD_ROW.replace("2026,1,", "2026,,")
        problems = self._refused(make_dataset, upload, csv_text(f"{BUDGET_HEADER}\n{row}\n"))
        assert problems == ["Row 2, column «chorak» (B): a value is required"]

    def test_out_of_range_and_not_in_codelist(self, make_dataset, upload):
        problems = self._refused(make_dataset, upload, csv_text(
            f"{BUDGET_HEADER}\n{GOOD_ROW.replace('2026,1,', '2026,5,')}\n"))
        assert problems == ["Row 2, column «chorak» (B): 5 is more than 4"]
        data = table_bytes("projects").decode().replace(",implementation,", ",underway,", 1)
        problems = self._refused(make_dataset, upload, data.encode(), "p.csv",
                                 "project-status")
        assert len(problems) == 1
        assert problems[0].startswith("Row ") and "«underway» is not one of: identification" \
            in problems[0]

    def test_bad_dates(self, make_dataset, upload):
        data = table_bytes("receptions").decode().replace("2026-10-", "2026-13-", 1)
        problems = self._refused(make_dataset, upload, data.encode(), "r.csv",
                                 "reception-schedule")
        assert problems[0].startswith("Row 2, column «sana» (A): «2026-13-")
        assert "expected a date" in problems[0]

    def test_row_longer_than_the_header(self, make_dataset, upload):
        problems = self._refused(make_dataset, upload,
                                 csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW},extra\n"))
        assert problems == ["Row 2 has more cells than the header has columns."]

    def test_empty_and_header_only_files(self, make_dataset, upload):
        assert self._refused(make_dataset, upload, b"") == ["The file is empty."]
        problems = self._refused(make_dataset, upload, csv_text(BUDGET_HEADER + "\n"))
        assert problems == ["The file has a header but no rows of data."]

    def test_unreadable_encoding_is_not_guessed(self, make_dataset, upload):
        # Latin-1 text is neither UTF-8 nor Cyrillic: refused, not read as cp1252
        text = f"{BUDGET_HEADER}\n{GOOD_ROW.replace('Asosiy', 'Café')}\n"
        data = text.replace("soʻm", "som").encode("latin-1")
        problems = self._refused(make_dataset, upload, data)
        assert problems[0].startswith("The file could not be read as text")

    def test_corrupt_xlsx(self, make_dataset, upload):
        data = table_bytes("budget", fmt=files.XLSX)[:2000]
        problems = self._refused(make_dataset, upload, data, "b.xlsx")
        assert problems == ["The file is not a readable Excel (XLSX) workbook."]

    def test_many_problems_are_summarised(self, make_dataset, upload):
        rows = [GOOD_ROW.replace(",1000,", ",x,")] * 80
        problems = self._refused(make_dataset, upload,
                                 csv_text(BUDGET_HEADER + "\n" + "\n".join(rows) + "\n"))
        assert len(problems) == 51
        assert problems[-1] == "… and 30 more problems."


@pytest.mark.usefixtures("clean")
class TestReplacingAFile:

    def test_a_bad_new_version_leaves_the_previous_one_published(self, make_dataset, upload):
        dataset = make_dataset()
        good = table_bytes("budget")
        resource = upload(dataset, good, "byudjet.csv")
        before = datastore_rows(resource["id"])
        with pytest.raises(tk.ValidationError) as error:
            upload(dataset, csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW.replace('2026,1,', 'x,1,')}\n"),
                   "byudjet.csv", resource_id=resource["id"])
        assert "upload" in error.value.error_dict
        assert datastore_rows(resource["id"]) == before
        assert _stored(call_action("resource_show", id=resource["id"])) == good
        assert len(UpdateRecord.for_package(dataset["id"])) == 1

    def test_a_good_new_version_replaces_the_table(self, make_dataset, upload):
        dataset = make_dataset()
        resource = upload(dataset, table_bytes("budget"), "byudjet.csv")
        upload(dataset, csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW}\n"), "byudjet.csv",
               resource_id=resource["id"])
        assert len(datastore_rows(resource["id"])) == 1
        assert len(UpdateRecord.for_package(dataset["id"])) == 2

    def test_the_editor_sees_the_problems_on_the_form(self, app, make_dataset, editor):
        dataset = make_dataset()
        data = csv_text(f"{BUDGET_HEADER}\n{GOOD_ROW.replace(',1000,', ',bir ming,')}\n")
        response = app.post(
            f"/dataset/{dataset['name']}/resource/new",
            data={"upload": (io.BytesIO(data), "b.csv"), "name": "b", "save": "go-metadata",
                  "id": ""},
            environ_overrides={"REMOTE_USER": editor["name"]},
            headers={"Authorization": call_action(
                "api_token_create", user=editor["name"], name="t")["token"]})
        page = response.get_data(as_text=True)
        assert "Column «tasdiqlangan_reja_soʻm» (F)" in page
        assert "Row 2: «bir ming»: expected a whole number" in page
        assert call_action("package_show", id=dataset["id"])["resources"] == []


@pytest.mark.usefixtures("clean")
def test_xloader_leaves_every_resource_to_us(make_dataset, upload, editor):
    from ckanext.transparency.plugins.opendata import OpendataPlugin
    dataset = make_dataset()
    uploaded = upload(dataset, table_bytes("budget"), "b.csv")
    linked = call_action("resource_create", context={"user": editor["name"]},
                         package_id=dataset["id"], url="http://example.uz/b.pdf", format="PDF")
    plugin = OpendataPlugin()
    assert plugin.can_upload(uploaded["id"]) is False
    assert plugin.can_upload(linked["id"]) is False  # loaded here too (uploads.py)
