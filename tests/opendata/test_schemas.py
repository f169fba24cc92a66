"""The five dataset types (ckanext-scheming) and their table schemas."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.transparency.opendata import tableschema
from ckanext.transparency.opendata.types import ANNUAL, FREQUENCY, TYPES

LANGUAGES = ("en", "uz", "uz_Cyrl", "ru")


def test_every_type_has_a_scheming_schema_with_labels_in_four_languages(with_request_context):
    assert set(TYPES) <= set(call_action("scheming_dataset_schema_list"))
    for dataset_type in TYPES:
        schema = call_action("scheming_dataset_schema_show", type=dataset_type)
        fields = {f["field_name"]: f for f in schema["dataset_fields"]}
        for common in ("owner_org", "frequency", "temporal_start", "temporal_end", "language",
                       "license_id", "maintainer", "maintainer_email", "table_schema"):
            assert common in fields, (dataset_type, common)
        for field in schema["dataset_fields"] + schema["resource_fields"]:
            assert set(LANGUAGES) <= set(field["label"]), (dataset_type, field["field_name"])
        assert {c["value"] for c in fields["frequency"]["choices"]} == {
            FREQUENCY + f for f in ("MONTHLY", "QUARTERLY", "ANNUAL", "IRREG")}


def test_each_type_has_a_table_schema_with_types_units_and_labels():
    schemas = tableschema.all_schemas()
    assert {s["dataset_type"] for s in schemas.values()} == set(TYPES)
    for schema in schemas.values():
        assert schema["fields"]
        for field in schema["fields"]:
            assert field["type"] in ("integer", "number", "string", "date", "datetime")
            assert set(LANGUAGES) <= set(field), (schema["name"], field["name"])
    budget = {f["name"]: f for f in schemas["budget"]["fields"]}
    assert budget["ijro_soʻm"]["unit"] == "UZS" and budget["ijro_soʻm"]["required"]
    assert budget["chorak"]["maximum"] == 4
    ocds = {f["name"] for f in schemas["ocds-releases"]["fields"]}
    assert {"ocid", "tender/procurementMethod", "awards/0/suppliers/0/name",
            "parties/0/identifier/id", "tender/items/0/classification/id",
            "tender/value/amount", "awards/0/value/amount", "contracts/0/dateSigned",
            "contracts/0/amendments/0/rationale"} <= ocds
    projects = {f["name"]: f for f in schemas["projects"]["fields"]}
    assert "implementation" in projects["holati_kodi"]["enum"]
    assert {"jismoniy_bajarilish_foizi", "sarflangan_soʻm", "bogʻliq_ocid"} <= set(projects)


INT8_MAX = 2 ** 63 - 1


def test_every_number_column_states_a_range_the_datastore_can_hold():
    """A value outside its column's range is refused by the check, before loading: an integer
    column is PostgreSQL's bigint, whose range a whole number must not leave."""
    for schema in tableschema.all_schemas().values():
        for field in schema["fields"]:
            if field["type"] not in ("integer", "number"):
                continue
            assert "minimum" in field and "maximum" in field, (schema["name"], field["name"])
            assert field["minimum"] <= field["maximum"], (schema["name"], field["name"])
            if field["type"] == "integer":
                assert -INT8_MAX - 1 <= field["minimum"] and field["maximum"] <= INT8_MAX


def test_headers_match_in_either_script_and_in_windows_1251_spelling():
    schema = tableschema.get("budget")
    assert tableschema.match_header(schema, "tasdiqlangan_reja_soʻm") == "tasdiqlangan_reja_soʻm"
    assert tableschema.match_header(schema, "тасдиқланган_режа_сўм") == "tasdiqlangan_reja_soʻm"
    assert tableschema.match_header(schema, "тасдикланган_режа_сўм") == "tasdiqlangan_reja_soʻm"
    assert tableschema.match_header(schema, "Утверждено") == "tasdiqlangan_reja_soʻm"
    assert tableschema.match_header(schema, "something else") is None


@pytest.mark.usefixtures("clean")
class TestTypedDatasets:

    @pytest.mark.parametrize("dataset_type", TYPES)
    def test_create_each_type_with_its_fields(self, make_dataset, dataset_type):
        dataset = make_dataset(dataset_type, temporal_start="2026-01-01")
        shown = call_action("package_show", id=dataset["id"])
        assert shown["type"] == dataset_type
        assert shown["frequency"].startswith(FREQUENCY)
        assert shown["license_id"] == "cc-by"  # the default licence
        assert shown["language"] == "uz-Latn"
        assert shown["temporal_start"] == "2026-01-01"
        assert shown["table_schema"] == tableschema.for_dataset(shown)["name"]
        assert tableschema.for_dataset(shown)["dataset_type"] == dataset_type

    def test_frequency_is_required_and_from_the_vocabulary(self, make_dataset):
        with pytest.raises(tk.ValidationError) as error:
            make_dataset(frequency="every now and then")
        assert "frequency" in error.value.error_dict
        with pytest.raises(tk.ValidationError) as error:
            make_dataset(frequency="")
        assert "frequency" in error.value.error_dict
        assert make_dataset(frequency=ANNUAL)["frequency"] == ANNUAL

    def test_a_department_is_required(self, make_dataset):
        with pytest.raises(tk.ValidationError) as error:
            make_dataset(owner_org="")
        assert "owner_org" in error.value.error_dict

    def test_table_schema_of_another_type_is_refused(self, make_dataset):
        with pytest.raises(tk.ValidationError) as error:
            make_dataset("budget-execution", table_schema="ocds-releases")
        assert "table_schema" in error.value.error_dict
        dataset = make_dataset("procurement", table_schema="contracts")
        assert tableschema.for_dataset(dataset)["name"] == "contracts"

    def test_table_schema_action(self, make_dataset):
        dataset = make_dataset("budget-execution")
        schema = call_action("opendata_table_schema", id=dataset["name"], language="ru")
        fields = {f["name"]: f for f in schema["fields"]}
        assert fields["ijro_soʻm"]["title"] == "Исполнено"
        assert fields["ijro_soʻm"]["unit"] == "UZS"
        assert fields["yil"]["constraints"]["required"] is True
        assert call_action("opendata_table_schema", name="projects")["name"] == "projects"
