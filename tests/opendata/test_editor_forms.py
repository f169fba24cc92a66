"""An editor publishes typed data unaided (issue #14, items 1-4 and 6): the choice of a typed
form, its defaults, the columns and templates, every problem of a refused file at once, the
licences of an Uzbek public body, types in words."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.opendata import tableschema, validation
from ckanext.transparency.opendata.types import MONTHLY, QUARTERLY

from .conftest import csv_text, datastore_rows, table_bytes
from .test_uploads import BUDGET_HEADER, GOOD_ROW


def _token(user: str) -> dict:
    return {"Authorization": call_action("api_token_create", user=user, name="t")["token"]}


def _selected(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


@pytest.mark.usefixtures("clean")
class TestChoosingAForm:

    def test_add_dataset_leads_to_the_chooser_of_typed_forms(self, app, editor, org):
        headers = _token(editor["name"])
        page = app.get("/dataset/", headers=headers).body
        assert 'href="/dataset/add"' in page
        page = app.get(f"/organization/{org['name']}", headers=headers).body
        assert f'href="/dataset/add?group={org["id"]}"' in page
        page = app.get("/ru/dataset/add", headers=headers).body
        for dataset_type in ("budget-execution", "procurement", "project-status",
                             "reception-schedule", "appeals-statistics"):
            assert f'href="/ru/{dataset_type}/new"' in page
        assert 'href="/ru/dataset/new"' in page
        assert "Исполнение бюджета" in page and "по кварталам и статьям бюджета" in page
        page = app.get("/ru/dashboard/datasets", headers=headers).body
        assert 'href="/ru/dataset/add"' in page and 'href="/ru/dataset/new"' not in page

    def test_the_chooser_asks_a_visitor_to_log_in(self, app):
        response = app.get("/dataset/add", status=403)
        assert "Log in as an editor" in response.body

    def test_a_typed_form_defaults_frequency_department_and_table(self, app, editor, org):
        page = app.get("/budget-execution/new", headers=_token(editor["name"])).body
        assert _selected(page, "field-frequency") == [QUARTERLY]
        assert _selected(page, "field-organizations") == [org["id"]]
        assert _selected(page, "field-table_schema") == ["budget"]
        assert 'href="/open-data/templates/budget.xlsx"' in page
        assert "Executed" in page and "amount (UZS)" in page
        monthly = app.get("/appeals-statistics/new", headers=_token(editor["name"])).body
        assert _selected(monthly, "field-frequency") == [MONTHLY]

    def test_an_editor_of_several_departments_is_asked_which(self, app, editor, org):
        first = factories.Organization(name="aaa-birinchi", title="Aaa birinchi",
                                       users=[{"name": editor["name"], "capacity": "editor"}])
        page = app.get("/budget-execution/new", headers=_token(editor["name"])).body
        assert _selected(page, "field-organizations") == [""]
        assert "Choose a department" in page
        page = app.get(f"/budget-execution/new?group={org['id']}",
                       headers=_token(editor["name"])).body
        assert _selected(page, "field-organizations") == [org["id"]]
        assert first["id"] != org["id"]

    def test_the_licences_of_a_public_body(self, app, editor, org):
        page = app.get("/budget-execution/new", headers=_token(editor["name"])).body
        offered = re.findall(r'<option value="([^"]*)"',
                             re.search(r'<select[^>]*id="field-license_id".*?</select>',
                                       page, re.S).group(0))
        assert sorted(offered) == ["cc-by", "cc-zero", "odc-odbl", "other"]
        assert _selected(page, "field-license_id") == ["cc-by"]
        assert "UK Open Government" not in page
        assert "CC BY 4.0" in page


@pytest.mark.usefixtures("clean")
class TestTemplates:

    def test_the_xlsx_template_in_the_editors_language(self, app):
        response = app.get("/ru/open-data/templates/projects.xlsx")
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="projects-template.xlsx"')
        book = openpyxl.load_workbook(io.BytesIO(response.data))
        data, example = book.worksheets[0], book["Пример"]
        schema = tableschema.get("projects")
        assert [c.value for c in data[1]] == [tableschema.label(f, "ru")
                                             for f in schema["fields"]]
        assert data.freeze_panes == "A2" and data.max_row == 1
        status = next(i for i, f in enumerate(schema["fields"]) if f["name"] == "holati_kodi")
        letter = openpyxl.utils.get_column_letter(status + 1)
        lists = [v for v in data.data_validations.dataValidation if v.type == "list"]
        assert any(f"{letter}2:{letter}1048576" in str(v.sqref) for v in lists)
        codes = [c.value for c in book["Lists"]["A"] if c.value]
        assert codes == schema["fields"][status]["enum"]
        assert data.column_dimensions[letter].width >= 12
        example_row = [c.value for c in example[2]]
        for field, value in zip(schema["fields"], example_row):
            assert validation.check_value(field, value)[1] is None, (field["name"], value)

    def test_number_formats_follow_the_types(self):
        from ckanext.transparency.opendata.exports import template
        fields = {f["name"]: f for f in tableschema.get("budget")["fields"]}
        assert template.number_format(fields["yil"]) == "0"
        assert template.number_format(fields["ijro_soʻm"]) == "#,##0"
        assert template.number_format(fields["ijro_foizi"]) == "#,##0.00"
        assert template.number_format(fields["tasnif_kodi"]) == "@"

    def test_the_csv_template_opens_in_the_readers_excel(self, app):
        text = app.get("/ru/open-data/templates/budget.csv").data.decode("utf-8")
        assert text.startswith("\ufeffГод;Квартал;")
        text = app.get("/en/open-data/templates/budget.csv").data.decode("utf-8")
        assert text.startswith("\ufeffFiscal year,Quarter,")
        assert app.get("/open-data/templates/nothing.xlsx", status=404)

    @pytest.mark.parametrize("language", ["uz", "uz_Cyrl", "ru", "en"])
    def test_a_filled_template_is_accepted(self, app, make_dataset, upload, language):
        book = openpyxl.load_workbook(io.BytesIO(
            app.get(f"/{language}/open-data/templates/budget.xlsx").data))
        sheet = book.worksheets[0]
        for quarter in (1, 2):
            sheet.append([2026, quarter, None, "4111100", "Ish haqi", 1000, 1100, 990, 90.0])
        out = io.BytesIO()
        book.save(out)
        resource = upload(make_dataset(), out.getvalue(), "b.xlsx")
        assert len(datastore_rows(resource["id"])) == 2


@pytest.mark.usefixtures("clean")
class TestTheUploadForm:

    def _post(self, app, dataset, editor, data: bytes):
        return app.post(
            f"/ru/dataset/{dataset['name']}/resource/new",
            data={"upload": (io.BytesIO(data), "b.csv"), "name": "2026-Q3",
                  "save": "go-metadata", "id": ""},
            headers=_token(editor["name"]), follow_redirects=True)

    def test_every_problem_at_once_by_column_in_the_editors_language(self, app, make_dataset,
                                                                     editor):
        dataset = make_dataset()
        rows = [GOOD_ROW.replace(",1000,", ",bir ming,"),
                GOOD_ROW.replace("2026,1,", "2026,7,"),
                GOOD_ROW.replace(",1000,", ",,")]
        page = self._post(app, dataset, editor,
                          csv_text(BUDGET_HEADER + "\n" + "\n".join(rows) + "\n")).body
        assert "Найдено проблем: 3" in page or "3 проблем" in page
        report = page[page.index('id="upload-problems"'):]
        assert "«chorak» (B)" in report and "«tasdiqlangan_reja_soʻm» (F)" in report
        assert "Строка 3" in report and "Строка 2" in report and "Строка 4" in report
        assert report.index("«chorak» (B)") < report.index("«tasdiqlangan_reja_soʻm» (F)")
        assert call_action("package_show", id=dataset["id"])["resources"] == []

    def test_the_form_lists_the_columns_and_a_good_file_says_what_was_loaded(
            self, app, make_dataset, editor):
        dataset = make_dataset()
        form = app.get(f"/dataset/{dataset['name']}/resource/new",
                       headers=_token(editor["name"])).body
        assert 'href="/open-data/templates/budget.xlsx"' in form
        assert "Classification code" in form
        page = self._post(app, dataset, editor, table_bytes("budget")).body
        resource = call_action("package_show", id=dataset["id"])["resources"][0]
        count = len(datastore_rows(resource["id"]))
        assert re.search(rf"{count} строк\w* загружен\w*", page), page[:3000]


@pytest.mark.usefixtures("clean")
def test_the_data_dictionary_names_types_in_words(app, make_dataset, upload):
    resource = upload(make_dataset(), table_bytes("budget"), "b.csv")
    page = app.get(f"/dataset/{resource['package_id']}/resource/{resource['id']}").body
    dictionary = page[page.index("Data Dictionary"):]
    assert "whole number" in dictionary and "int8" not in dictionary
