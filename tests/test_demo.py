"""The demo organization loaded by `ckan transparency demo`: real actions, real uploaded files."""
from __future__ import annotations

import collections
import csv
import io
import re

import openpyxl
import pytest

import ckan.lib.uploader as uploader
from ckan.tests.helpers import call_action

from ckanext.transparency.core.context import site_context
from ckanext.transparency.demo import files, loader
from ckanext.transparency.demo.datasets import DATASETS, FREQUENCY, KIND_TYPES
from ckanext.transparency.demo.organization import DEPARTMENTS
from ckanext.transparency.i18n.transliterate import for_cp1251, to_cyrillic

# the plugins of test.ini: the demo's datasets are typed (scheming, transparency_opendata) and
# their files are checked and loaded into the DataStore
CYRILLIC = re.compile("[а-яўқғҳё]", re.IGNORECASE)


# --- definitions and generated files (no database) ---------------------------------------------

def test_definitions_cover_the_programme():
    assert len(DEPARTMENTS) == 7
    assert len(DATASETS) >= 32
    names = [d.name for d in DATASETS]
    assert len(set(names)) == len(names)
    slug = re.compile(r"^[a-z0-9-]{2,100}$")
    assert all(slug.match(n) for n in names + [d.name for d in DEPARTMENTS])
    assert {d.org for d in DATASETS} == {d.name for d in DEPARTMENTS}
    kinds = {d.kind for d in DATASETS}
    assert {"budget", "procurement", "projects", "receptions", "appeals"} <= kinds
    assert {d.script for d in DATASETS} == {"latn", "cyrl"}
    assert all(d.frequency.startswith(FREQUENCY) for d in DATASETS)
    file_specs = [f for d in DATASETS for f in d.files]
    assert {f.format for f in file_specs} == {files.CSV, files.XLSX}
    assert {f.encoding for f in file_specs if f.format == files.CSV} == {
        files.UTF8, files.UTF8_BOM, files.CP1251}


def test_cyrillic_datasets_leave_no_latin_words_behind():
    allowed = {"OCDS", "ocds", "OC4IDS", "oc4ids", "I", "II", "III", "IV", "XLSX", "CSV", "UTF",
               "BOM", "Windows", "Excel", "JSON"}
    latin = re.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
    for spec in DATASETS:
        if spec.script != "cyrl":
            continue
        package = spec.package_dict()
        texts = [package["title"], package["maintainer"], *(t["name"] for t in package["tags"])]
        texts += [spec.resource_name(f) for f in spec.files]
        for text in texts:
            assert set(latin.findall(text)) <= allowed, text
        notes = re.sub("`[^`]*`", "", package["notes"])  # code spans stay as written
        assert set(latin.findall(notes)) <= allowed, spec.name


def test_generated_files_are_deterministic():
    for spec in DATASETS:
        for file in spec.files:
            first = files.render(spec.table(), file, spec.about())
            assert first == files.render(spec.table(), file, spec.about()), file.filename


def test_transliteration_of_demo_words():
    assert to_cyrillic("Oʻzbekiston Respublikasi") == "Ўзбекистон Республикаси"
    assert to_cyrillic("Murojaatlar: ariza, taklif va shikoyat") == (
        "Мурожаатлар: ариза, таклиф ва шикоят")
    assert to_cyrillic("investitsiya loyihalari, yoʻl, eʼlon, IV chorak") == (
        "инвестиция лойиҳалари, йўл, эълон, IV чорак")
    assert to_cyrillic("my.gov.uz orqali") == "my.gov.uz орқали"
    assert for_cp1251("Қашқадарё ҳудуди").encode("cp1251").decode("cp1251") == "Кашкадарё худуди"


# --- loaded into CKAN ---------------------------------------------------------------------------

_loaded: dict = {}


@pytest.fixture
def demo(with_plugins, reset_db, reset_index):
    """The demo, loaded once for this module into a clean database and index."""
    if not _loaded:
        reset_db()
        reset_index()
        lines: list[str] = []
        _loaded["counts"] = loader.load(echo=lines.append)
        _loaded["output"] = lines
    return _loaded


def _stored(resource: dict) -> bytes:
    assert resource["url_type"] == "upload"
    path = uploader.get_resource_uploader(resource).get_path(resource["id"])
    with open(path, "rb") as f:
        return f.read()


def _all_datasets() -> list[dict]:
    result = call_action("package_search", q="*:*", rows=1000, include_private=True)
    return result["results"]


def _cells(data: bytes, file: files.FileSpec) -> list[list[str]]:
    if file.format == files.XLSX:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return [[str(c) for c in row if c is not None]
                for row in book.worksheets[0].iter_rows(values_only=True)]
    text = data.decode("cp1251" if file.encoding == files.CP1251 else "utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=file.delimiter))


class TestLoadedDemo:

    def test_departments_are_organizations_with_titles_in_four_languages(self, demo):
        assert demo["counts"]["departments created"] == 7
        for department in DEPARTMENTS:
            org = call_action("organization_show", id=department.name)
            assert org["title"] == department.title
            extras = {e["key"]: e["value"] for e in org["extras"]}
            assert extras["title_uz_Cyrl"] == department.title_uz_Cyrl
            assert CYRILLIC.search(extras["title_ru"])
            assert CYRILLIC.search(extras["description_ru"])
            assert re.fullmatch(r"[A-Z][A-Za-z ]+", extras["title_en"])
            assert extras["description_en"].startswith("A department of the Agency")
            assert org["description"]
            assert org["package_count"] >= 3

    def test_datasets_carry_russian_and_english_titles_and_descriptions(self, demo, app):
        for spec in DATASETS:
            dataset = call_action("package_show", id=spec.name)
            assert set(dataset["title_translated"]) == {"uz", "ru", "en"}, spec.name
            assert dataset["title_translated"]["uz"] == dataset["title"]
            assert CYRILLIC.search(dataset["title_translated"]["ru"])
            assert not CYRILLIC.search(dataset["title_translated"]["en"])
            assert CYRILLIC.search(dataset["notes_translated"]["ru"])
            assert dataset["notes_translated"]["en"]
            for resource in dataset["resources"]:
                assert resource["name_translated"]["en"].startswith("Data, ")
        spec = DATASETS[0]
        ru, en = spec.translations()["title_translated"].values()
        page = app.get(f"/ru/dataset/{spec.name}").get_data(as_text=True)
        assert ru in page and "Управление финансов и бюджета" in page
        assert en in app.get(f"/en/dataset/{spec.name}").get_data(as_text=True)
        # a Russian title is found by its words
        names = [d["name"] for d in call_action("package_search", q="внебюджетного фонда",
                                                  rows=5)["results"]]
        assert names[0].startswith("byudjetdan-tashqari-jamgarma")
        page = app.get("/ru/organization/").get_data(as_text=True)
        assert all(d.title_ru in page for d in DEPARTMENTS)

    def test_files_uploaded_before_translations_get_their_names(self, demo, app, tmp_path):
        """A demo loaded before its files had Russian and English names gets them when it is
        loaded again, and /ru/ and /en/ pages show them."""
        spec = DATASETS[0]
        context = site_context()
        for resource in call_action("package_show", id=spec.name)["resources"]:
            call_action("resource_patch", context=dict(context), id=resource["id"],
                        name_translated="")
        resources = call_action("package_show", id=spec.name)["resources"]
        assert not any(r.get("name_translated") for r in resources)
        page = app.get(f"/ru/dataset/{spec.name}").get_data(as_text=True)
        assert "Данные, " not in page
        stats = collections.Counter()
        loader.ensure_dataset(context, spec, tmp_path, stats)
        assert stats["files translated"] == len(spec.files)
        assert stats["files uploaded"] == 0
        for resource in call_action("package_show", id=spec.name)["resources"]:
            assert resource["name_translated"]["ru"].startswith("Данные, ")
            assert resource["name_translated"]["uz"] == resource["name"]
        assert "Данные, " in app.get(f"/ru/dataset/{spec.name}").get_data(as_text=True)
        assert "Data, " in app.get(f"/en/dataset/{spec.name}").get_data(as_text=True)

    def test_datasets_exist_with_metadata(self, demo):
        assert demo["counts"]["datasets created"] == len(DATASETS)
        assert demo["counts"]["files uploaded"] == sum(len(d.files) for d in DATASETS)
        found = {d["name"]: d for d in _all_datasets()}
        assert len(found) >= 30
        for spec in DATASETS:
            dataset = call_action("package_show", id=spec.name)
            assert dataset["organization"]["name"] == spec.org
            assert dataset["license_id"] == "cc-by"
            assert dataset["tags"]
            assert dataset["type"] == KIND_TYPES[spec.kind][0]
            assert dataset["table_schema"] == KIND_TYPES[spec.kind][1]
            assert dataset["frequency"] == spec.frequency
            assert dataset["language"] == ("uz-Cyrl" if spec.script == "cyrl" else "uz-Latn")
            assert dataset["frequency"].startswith(
                "http://publications.europa.eu/resource/authority/frequency/")
            if spec.script == "cyrl":
                assert CYRILLIC.search(dataset["title"]), dataset["title"]
            assert spec.name in found

    def test_every_dataset_has_readable_uploaded_files(self, demo):
        for spec in DATASETS:
            dataset = call_action("package_show", id=spec.name)
            resources = dataset["resources"]
            assert len(resources) == len(spec.files)
            table = spec.table()
            for resource, file in zip(resources, spec.files):
                assert resource["format"] == file.format
                data = _stored(resource)
                # the stored file is exactly the generated one
                assert data == files.render(table, file, spec.about()), file.filename
                cells = _cells(data, file)
                assert len(cells) == len(table.rows) + 1
                assert len(cells) >= 11
                if spec.script == "cyrl":
                    assert CYRILLIC.search(" ".join(cells[0] + cells[1])), file.filename

    def test_every_type_some_on_time_some_overdue(self, demo):
        from freezegun import freeze_time
        from ckanext.transparency.opendata.types import TYPES
        with freeze_time("2026-11-26"):  # the demo is set in late 2026
            schedule = call_action("opendata_schedule_list")
        assert {row["type"] for row in schedule} == set(TYPES)
        states = {row["name"]: row["state"] for row in schedule}
        assert len(states) == len(DATASETS)
        assert states["samarqand-byudjet-ijrosi-2026"] == "overdue"
        assert states["samarqand-murojaatlari-2026"] == "overdue"
        assert states["byudjet-ijrosi-2026"] == "on_time"
        assert states["byudjet-ijrosi-2025"] == "unscheduled"  # a closed year
        # the history is one update per period, most of them on time
        history = call_action("opendata_update_history", id="murojaatlar-statistikasi-2026")
        assert [h["period"] for h in history][::-1] == [f"2026-{m:02d}" for m in range(1, 11)]
        assert sum(h["on_time"] for h in history) >= 6
        # every data file was checked and loaded into the DataStore
        for spec in DATASETS:
            for resource in call_action("package_show", id=spec.name)["resources"]:
                assert resource["datastore_active"], resource["name"]

    def test_the_local_office_file_is_windows_1251(self, demo):
        resources = [r for spec in DATASETS for r, f in zip(
            call_action("package_show", id=spec.name)["resources"], spec.files)
            if f.encoding == files.CP1251]
        assert resources
        for resource in resources:
            data = _stored(resource)
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            text = data.decode("cp1251")
            header = text.splitlines()[0].split(";")
            assert header[:2] == ["йил", "чорак"] or header[:2] == ["йил", "ой"]
            # ў is in the code page and survives; қ ғ ҳ are typed as к г х, as such offices do
            assert "ў" in text and not re.search("[қғҳ]", text, re.IGNORECASE)

    def test_bom_and_plain_utf8_files(self, demo):
        seen = set()
        for spec in DATASETS:
            resources = call_action("package_show", id=spec.name)["resources"]
            for resource, file in zip(resources, spec.files):
                if file.format == files.CSV and file.encoding != files.CP1251:
                    data = _stored(resource)
                    assert data.startswith(b"\xef\xbb\xbf") == (file.encoding == files.UTF8_BOM)
                    data.decode("utf-8-sig")
                    seen.add(file.encoding)
        assert seen == {files.UTF8, files.UTF8_BOM}

    def test_a_cyrillic_word_finds_latin_and_cyrillic_datasets(self, demo):
        # мурожаатлар = murojaatlar: one word in two scripts
        names = {d["name"] for d in call_action(
            "package_search", q="мурожаатлар", rows=100)["results"]}
        assert "murojaatlar-statistikasi-2025" in names  # Latin title
        assert "murojaatlar-statistikasi-2026" in names  # Cyrillic title
        names = {d["name"] for d in call_action(
            "package_search", q="qabul kunlari", rows=100)["results"]}
        assert "ichimlik-suvi-qabul-kunlari-2026-iv-chorak" in names  # Cyrillic title

    def test_search_by_organization(self, demo):
        result = call_action("package_search", fq="organization:samarqand-hududiy-boshqarmasi",
                             rows=100)
        expected = [d.name for d in DATASETS if d.org == "samarqand-hududiy-boshqarmasi"]
        assert result["count"] == len(expected)

    def test_a_second_load_creates_nothing(self, demo):
        before = (len(_all_datasets()),
                  len(call_action("organization_list")),
                  sum(len(d["resources"]) for d in _all_datasets()))
        lines: list[str] = []
        counts = loader.load(echo=lines.append)
        assert counts.get("datasets created", 0) == 0
        assert counts["datasets present"] == len(DATASETS)
        assert counts["departments unchanged"] == 7
        assert counts.get("files uploaded", 0) == 0
        after = (len(_all_datasets()),
                 len(call_action("organization_list")),
                 sum(len(d["resources"]) for d in _all_datasets()))
        assert after == before
        assert any("demo:" in line for line in lines)

    def test_reload_repairs_a_changed_department_and_a_missing_file(self, demo):
        department = DEPARTMENTS[0]
        site = {"user": call_action("get_site_user")["name"]}  # the activity plugin needs one
        call_action("organization_patch", context=dict(site), id=department.name, title="Renamed",
                    extras=[{"key": "title_ru", "value": "x"}, {"key": "phone", "value": "1"}])
        spec = DATASETS[0]
        dataset = call_action("package_show", id=spec.name)
        call_action("resource_delete", context=dict(site), id=dataset["resources"][-1]["id"])
        # a dataset loaded before the demo had translations
        call_action("package_patch", context=dict(site), id=spec.name, title_translated={},
                    notes_translated={})

        counts = loader.load(echo=lambda line: None)
        assert counts["departments updated"] == 1
        assert counts["files uploaded"] == 1
        assert counts["datasets translated"] == 1
        assert call_action("package_show", id=spec.name)["title_translated"] == {
            "uz": spec.package_dict()["title"], **spec.translations()["title_translated"]}
        org = call_action("organization_show", id=department.name)
        extras = {e["key"]: e["value"] for e in org["extras"]}
        assert org["title"] == department.title
        assert extras["title_ru"] == department.title_ru
        assert extras["phone"] == "1"  # not the demo's to remove
        # (other features' demos may add datasets of their own to a department)
        assert org["package_count"] >= sum(1 for d in DATASETS if d.org == department.name)
        resources = call_action("package_show", id=spec.name)["resources"]
        assert [r["name"] for r in resources] == [spec.resource_name(f) for f in spec.files]
