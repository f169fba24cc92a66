"""An event's title in uz, ru and en (uz_Cyrl spelled from uz unless given): the migration that
adds it to events entered before, the actions and API, the pages, feeds and e-mails in the
reader's (or the site's) language, the editors' form and the search."""
from __future__ import annotations

import feedparser
import icalendar
import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.tests.helpers as helpers

from ckanext.transparency.dialogue import notifications

from .conftest import act, at
from .test_pages import login, soup

UZ = "Suv taʼminoti boʻyicha brifing"
RU = "Брифинг о водоснабжении"
EN = "Briefing on water supply"
CYRILLIC = "Сув таъминоти бўйича брифинг"
DEPARTMENT = {"uz": "Moliya", "ru": "Финансовый отдел", "en": "Finance Department"}


@pytest.fixture
def translated(roles, event_factory):
    act("organization_patch", roles["sysadmin"], id=roles["department"]["id"], extras=[
        {"key": "title_ru", "value": DEPARTMENT["ru"]},
        {"key": "title_en", "value": DEPARTMENT["en"]}])
    return event_factory(title=UZ, title_translated={"ru": RU, "en": EN})


def test_the_api_takes_and_returns_every_language(roles, translated):
    assert translated["title"] == UZ
    assert translated["title_translated"] == {"uz": UZ, "ru": RU, "en": EN}
    shown = act("event_show", None, id=translated["id"])
    assert shown["title_translated"] == {"uz": UZ, "ru": RU, "en": EN}
    changed = act("event_update", roles["dept_editor"], id=translated["id"],
                  title_translated='{"ru": "Брифинг", "uz-Cyrl": "Сув брифинги"}')
    assert changed["title_translated"] == {"uz": UZ, "ru": "Брифинг", "uz-Cyrl": "Сув брифинги"}
    assert changed["title"] == UZ  # not given: kept
    only = act("event_create", roles["dept_editor"], kind="briefing", start=at(days=3),
               owner_org=roles["department"]["id"],
               title_translated={"uz": "Faqat tarjimalar", "en": "Translations only"})
    assert only["title"] == "Faqat tarjimalar"
    assert only["title_translated"] == {"uz": "Faqat tarjimalar", "en": "Translations only"}
    with pytest.raises(helpers.logic.ValidationError) as error:
        act("event_update", roles["dept_editor"], id=translated["id"],
            title_translated={"de": "Wasser"})
    assert "title_translated" in error.value.error_dict


def test_the_migration_keeps_an_event_entered_before(roles, migrate_db_for):
    migrate_db_for("transparency_dialogue", "0001_dialogue_tables", forward=False)
    with model.meta.engine.begin() as connection:
        assert "title_translated" not in {c["name"] for c in sa.inspect(connection)
                                          .get_columns("dialogue_event")}
        connection.execute(sa.text(
            "INSERT INTO dialogue_event (id, name, kind, title, owner_org, start, \"end\", "
            "created, modified) VALUES ('old-event', 'eski-brifing', 'briefing', "
            "'Eski brifing', :org, now(), now() + interval '1 hour', now(), now())"),
            {"org": roles["department"]["id"]})
    migrate_db_for("transparency_dialogue")
    model.Session.remove()
    old = act("event_show", None, id="eski-brifing")
    assert old["title"] == "Eski brifing" and old["title_translated"] == {"uz": "Eski brifing"}
    changed = act("event_update", roles["dept_editor"], id="eski-brifing",
                  title_translated={"ru": "Старый брифинг"})
    assert changed["title_translated"] == {"uz": "Eski brifing", "ru": "Старый брифинг"}


@pytest.mark.parametrize("locale, title, department", [
    ("uz", UZ, DEPARTMENT["uz"]), ("uz_Cyrl", CYRILLIC, "Молия"),
    ("ru", RU, DEPARTMENT["ru"]), ("en", EN, DEPARTMENT["en"])])
def test_pages_show_the_readers_language(app, translated, event_factory, locale, title,
                                        department):
    prefix = f"/{locale}"
    untranslated = event_factory(title="Suv quvurlari", start=at(days=30))
    page = soup(app.get(f"{prefix}/dialogue/event/{untranslated['name']}"))
    assert page.find_all("h1")[-1].get_text(strip=True) == (
        "Сув қувурлари" if locale == "uz_Cyrl" else "Suv quvurlari")
    page = soup(app.get(f"{prefix}/dialogue/event/{translated['name']}"))
    assert page.find_all("h1")[-1].get_text(strip=True) == title
    link = page.find("a", href=lambda href: href and href.endswith("/organization/finance"))
    assert link.get_text(strip=True) == department
    calendar = soup(app.get(f"{prefix}/dialogue/"))
    assert title in calendar.get_text() and department in calendar.get_text()
    feed = feedparser.parse(app.get(f"{prefix}/dialogue/feed.atom").data)
    entry = next(e for e in feed.entries if e.link == translated["url"])
    assert entry.title.startswith(title) and entry.author == department
    ics = icalendar.Calendar.from_ical(app.get(f"{prefix}/dialogue/calendar.ics").data)
    entry = next(c for c in ics.walk("VEVENT") if str(c["url"]) == translated["url"])
    assert str(entry["summary"]) == title and department in str(entry["description"])


def test_the_form_gives_the_title_in_every_language(app, roles, translated):
    login(app, roles["dept_editor"])
    form = soup(app.get(f"/dialogue/event/{translated['name']}/edit"))
    assert form.find(id="field-title_translated-ru")["value"] == RU
    assert form.find("label", attrs={"for": "field-title_translated-en"})
    app.post(f"/dialogue/event/{translated['name']}/edit", data={
        "title": UZ, "kind": "briefing", "owner_org": roles["department"]["id"],
        "start": "2031-03-08T10:00", "title_translated-ru": "Новый брифинг",
        "title_translated-en": "", "title_translated-uz-Cyrl": ""})
    assert act("event_show", None, id=translated["id"])["title_translated"] == {
        "uz": UZ, "ru": "Новый брифинг"}


def test_search_finds_an_event_by_its_russian_or_english_title(roles, translated, event_factory):
    event_factory(title="Boshqa uchrashuv")
    for words in ("водоснабжении", "water supply"):
        found = act("event_list", None, q=words)["results"]
        assert [e["id"] for e in found] == [translated["id"]], words


def test_e_mails_use_the_sites_language(ckan_config, monkeypatch, smtp, roles, translated):
    question = act("event_question_create", roles["citizen"], event_id=translated["id"],
                   text="Yangi quvurlar qachon yotqiziladi?")
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    monkeypatch.setitem(ckan_config, "ckan.locale_default", "ru")
    act("event_update", roles["dept_editor"], id=translated["id"], status="cancelled")
    assert notifications.send_pending()["sent"] == 1
    [(recipients, message)] = smtp.messages
    assert recipients == ["citizen@example.uz"] and RU in message["Subject"]
