"""A draft's title in uz, ru and en (uz_Cyrl spelled from uz unless given): the migration that
adds it to drafts entered before, the actions and API, the pages and the feed in the reader's
language, the editors' form, the search, and the e-mails, report files and catalog dataset in
the site's language, with the department's name in the same language."""
from __future__ import annotations

import io

import feedparser
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from openpyxl import load_workbook

import ckan.model as model
import ckan.plugins.toolkit as tk
import ckan.tests.factories as factories
import ckan.tests.helpers as helpers


from .conftest import act, days
from .test_pages import login

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")

UZ = "Ochiqlik toʻgʻrisidagi nizom"
CYRILLIC = "Очиқлик тўғрисидаги низом"
RU = "Положение об открытости"
EN = "Regulation on openness"
DEPARTMENT = {"uz": "Moliya boshqarmasi", "uz_Cyrl": "Молия бошқармаси",
              "ru": "Управление финансов", "en": "Finance Department"}


@pytest.fixture
def department():
    return factories.Organization(name="moliya", title=DEPARTMENT["uz"], extras=[
        {"key": "title_ru", "value": DEPARTMENT["ru"]},
        {"key": "title_en", "value": DEPARTMENT["en"]}])


@pytest.fixture
def translated(make_draft):
    return make_draft(name="ochiqlik", title=UZ, title_translated={"ru": RU, "en": EN})


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.body, "html.parser")


def test_the_api_takes_and_returns_every_language(editor, translated, make_draft):
    assert translated["title_translated"] == {"uz": UZ, "ru": RU, "en": EN}
    assert act("consultation_show", None, id="ochiqlik")["title_translated"] == {
        "uz": UZ, "ru": RU, "en": EN}
    changed = act("consultation_update", editor, id="ochiqlik",
                  title_translated={"ru": "Положение", "uz_Cyrl": "Низом"})
    assert changed["title_translated"] == {"uz": UZ, "ru": "Положение", "uz-Cyrl": "Низом"}
    only = make_draft(title=None, title_translated={"uz": "Tarjimadan", "ru": "Из перевода"})
    assert only["title"] == "Tarjimadan"
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_update", editor, id="ochiqlik", title_translated="[1]")
    assert "title_translated" in error.value.error_dict


def test_search_finds_a_draft_by_its_russian_or_english_title(translated, make_draft):
    make_draft(title="Boshqa loyiha")
    for words in ("открытости", "openness"):
        found = act("consultation_list", None, q=words)["results"]
        assert [d["name"] for d in found] == ["ochiqlik"], words


def test_the_migration_keeps_a_draft_entered_before(department, editor, migrate_db_for):
    migrate_db_for("transparency_consultations", "c0a1d2e3f401", forward=False)
    with model.meta.engine.begin() as connection:
        assert "title_translated" not in {c["name"] for c in sa.inspect(connection)
                                          .get_columns("consultation")}
        connection.execute(sa.text(
            "INSERT INTO consultation (id, name, title, summary, kind, owner_org, body, "
            "source_format, opens_on, closes_on, created, modified, search_text) VALUES "
            "('old', 'eski-nizom', 'Eski nizom', '', 'decision', :org, 'Matn', "
            "'markdown', :opens, :closes, now(), now(), 'eski nizom')"),
            {"org": department["id"], "opens": days(3), "closes": days(30)})
    migrate_db_for("transparency_consultations")
    model.Session.remove()
    old = act("consultation_show", None, id="eski-nizom")
    assert old["title"] == "Eski nizom" and old["title_translated"] == {"uz": "Eski nizom"}
    changed = act("consultation_update", editor, id="eski-nizom",
                  title_translated={"en": "Old regulation"})
    assert changed["title_translated"] == {"uz": "Eski nizom", "en": "Old regulation"}


@pytest.mark.parametrize("locale, title", [("uz", UZ), ("uz_Cyrl", CYRILLIC), ("ru", RU),
                                           ("en", EN)])
def test_pages_show_the_readers_language(app, translated, make_draft, locale, title):
    untranslated = make_draft(title="Suv quvurlari")
    page = soup(app.get(f"/{locale}/consultations/{untranslated['name']}"))
    assert page.find_all("h1")[-1].get_text(strip=True) == (
        "Сув қувурлари" if locale == "uz_Cyrl" else "Suv quvurlari")
    page = soup(app.get(f"/{locale}/consultations/ochiqlik"))
    assert page.find_all("h1")[-1].get_text(strip=True) == title
    assert DEPARTMENT[locale] in page.get_text()
    index = soup(app.get(f"/{locale}/consultations"))
    item = index.find("a", href=lambda href: href and href.endswith("/consultations/ochiqlik"))
    assert item.get_text(strip=True) == title
    assert DEPARTMENT[locale] in item.find_parent("li").get_text()
    feed = feedparser.parse(app.get(f"/{locale}/consultations/feed.atom").data)
    entry = next(e for e in feed.entries if e.link.endswith("/consultations/ochiqlik"))
    assert entry.title == title and entry.author == DEPARTMENT[locale]


def test_the_form_gives_the_title_in_every_language(app, editor, translated):
    login(app, editor)
    form = soup(app.get("/consultations/ochiqlik/edit"))
    assert form.find(id="field-title_translated-en")["value"] == EN
    assert form.find("label", attrs={"for": "field-title_translated-ru"})
    app.post("/consultations/ochiqlik/edit", data={
        "title": UZ, "name": "ochiqlik", "kind": "decision", "owner_org": translated["owner_org"],
        "opens_on": translated["opens_on"], "closes_on": translated["closes_on"],
        "title_translated-ru": "Новое положение", "title_translated-en": "",
        "title_translated-uz-Cyrl": ""})
    assert act("consultation_show", None, id="ochiqlik")["title_translated"] == {
        "uz": UZ, "ru": "Новое положение"}


def test_e_mails_use_the_sites_language_the_dataset_every_language_the_report_the_readers(
        app, ckan_config, monkeypatch, translated, editor, citizen, freezer, smtp):
    monkeypatch.setitem(ckan_config, "ckan.locale_default", "ru")
    proposal = act("consultation_proposal_create", citizen, consultation_id=translated["id"],
                   text="Muddatni uzaytirish")
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
    act("consultation_proposal_answer", editor, id=proposal["id"], decision="accepted",
        reason="Qabul qilindi")
    (recipients, message), = smtp.messages
    assert recipients == [citizen["email"]] and RU in message.get_content()
    freezer.move_to(days(16))
    with app.flask_app.test_request_context():
        act("consultation_report_publish", editor, id=translated["id"])
    public = act("consultation_report_show", None, id="ochiqlik")
    dataset = helpers.call_action("package_show", id=public["package_id"])
    # the dataset is titled and described in every language; its plain title is the Uzbek one
    assert dataset["title"] == "Jamoatchilik muhokamasi hisoboti: " + UZ
    assert dataset["title_translated"]["ru"] == "Отчёт об общественном обсуждении: " + RU
    assert dataset["title_translated"]["en"].endswith(EN)
    assert "обсуждения" in dataset["notes_translated"]["ru"]
    for locale in ("ru", "en", "uz_Cyrl"):
        book = load_workbook(io.BytesIO(app.get(f"/{locale}/consultations/ochiqlik/report.xlsx")
                                        .data))
        cells = " ".join(str(c) for sheet in book.worksheets
                         for row in sheet.iter_rows(values_only=True) for c in row if c)
        assert ({"ru": RU, "en": EN, "uz_Cyrl": CYRILLIC}[locale] in cells
                and DEPARTMENT[locale] in cells), locale
