"""What a reader meets in a real browser is in the language of the page, data aside: text added
by JavaScript, the pages shown after a form is sent (errors and confirmations), the pages of
citizens, editors and sysadmins, the e-mails the portal sends and the headers of its PDF and
XLSX files, in the four languages (ckanext.transparency.i18n.pagecheck reads them all).

One portal (`ckan run` on the test database, e-mail to a local SMTP sink) and one Chromium
serve the whole module; its data is made once."""
from __future__ import annotations

import datetime as dt
import io
import re
import urllib.request
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from pypdf import PdfReader

import ckan.model as model
from ckan.common import config
from ckan.lib import jobs
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.consultations.settings import today as consultations_today
from ckanext.transparency.i18n import catalogs, pagecheck

from .. import live
from ..smtp import SmtpSink
from ..plugins.xdist_workers import own_path

pytestmark = pytest.mark.system

VAR = Path(__file__).resolve().parents[2] / "var" / "i18n-rendered"
PASSWORD = "Toshkent-2026-sahifalar"
LOCALES = catalogs.LOCALES

ANONYMOUS_PAGES = (  # tests/i18n/test_pages.py reads more pages, without running their scripts
    "/", "/dataset/", "/dataset/{dataset}/resource/{resource}", "/organization/{org}",
    "/open-data", "/appeals/statistics", "/dialogue/event/{event}", "/consultations/{closed}",
    "/rating",
)
CITIZEN_PAGES = ("/dialogue/event/{event}", "/consultations/{draft}", "/user/{citizen}")
EDITOR_PAGES = (
    "/appeals/inbox", "/appeals/inbox/{appeal}", "/dialogue/moderation",
    "/consultations/{draft}/moderation", "/appeals/receptions/new", "/dialogue/event/new",
    "/consultations/new", "/dashboard/datasets", "/dataset/{dataset}/resource/new",
    "/organization/{org}",
)
SYSADMIN_PAGES = ("/ckan-admin", "/ckan-admin/config", "/ckan-admin/trash", "/user/",
                  "/about/edit")

_made: dict = {}


def _prefix(locale: str) -> str:
    return "" if locale == "en" else f"/{locale}"


@pytest.fixture(scope="module")
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def portal(smtp_sink, linked_table):
    """The base URL of the portal on the test configuration, sending its e-mail to the sink."""
    VAR.mkdir(parents=True, exist_ok=True)
    ini = own_path(VAR / "rendered.ini")
    ini.write_text(f"[app:main]\nuse = config:{config['__file__']}\nWTF_CSRF_ENABLED = true\n"
                   f"smtp.server = {smtp_sink.address}\n"
                   "ckanext.transparency.appeals.rate_limit = 0\n")  # every appeal is from here
    with live.serve(live.threaded, str(ini), own_path(VAR / "server.log")) as base:
        yield base


@pytest.fixture(scope="module")
def linked_table():
    table = "kod,nomi\n1,Toshkent\n2,Samarqand\n".encode()
    with live.files_served({"hisobot.csv": table}) as base:
        yield base


@pytest.fixture(scope="module")
def chromium(browser):
    return browser


def _make_site(linked_table: str) -> dict:
    sysadmin = factories.Sysadmin(name="tekshiruvchi", fullname="Tekshiruvchi",
                                  password=PASSWORD)
    editor = factories.User(name="muharrir", fullname="Muharrir Aliyev", password=PASSWORD,
                            email="muharrir@example.uz")
    citizen = factories.User(name="fuqaro", fullname="Fuqaro Karimova", password=PASSWORD,
                             email="fuqaro@example.uz")
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                 description="Byudjet va moliya masalalari",
                                 users=[{"name": "muharrir", "capacity": "admin"}])
    dataset = factories.Dataset(name="yillik-hisobot", title="Yillik hisobot, 2026",
                                notes="Tashkilotning yillik hisoboti.", owner_org=org["id"],
                                tags=[{"name": "hisobot"}])
    resource = factories.Resource(package_id=dataset["id"], name="Hisobot jadvali",
                                  url=f"{linked_table}/hisobot.csv", format="CSV")
    editing = {"user": editor["name"], "ignore_auth": False}
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    event = call_action("event_create", context=dict(editing), kind="briefing",
                        title="Byudjet ijrosi boʻyicha brifing", owner_org=org["id"],
                        start=(now + dt.timedelta(days=7)).isoformat() + "Z",
                        description="Choraklik natijalar", location="Toshkent, 1-xona")
    today = consultations_today()
    draft = call_action("consultation_create", context=dict(editing), name="ochiqlik-nizomi",
                        title="Ochiqlik toʻgʻrisidagi nizom", summary="Loyiha", kind="decision",
                        owner_org=org["name"],
                        body="## 1-modda. Umumiy qoidalar\n\nNizom ochiqlik tartibini belgilaydi.\n",
                        opens_on=today.isoformat(),
                        closes_on=(today + dt.timedelta(days=15)).isoformat())
    closed = call_action("consultation_create", context=dict(editing), name="otgan-loyiha",
                         title="Oʻtgan loyiha", summary="Loyiha", kind="decision",
                         owner_org=org["name"], body="## 1-modda. Qoidalar\n\nMatn.\n",
                         opens_on=today.isoformat(),
                         closes_on=(today + dt.timedelta(days=15)).isoformat())
    model.Session.execute(sa.text(  # its discussion is over: the report can be published
        "UPDATE consultation SET opens_on = :opens, closes_on = :closes WHERE id = :id"),
        {"opens": today - dt.timedelta(days=30), "closes": today - dt.timedelta(days=10),
         "id": closed["id"]})
    model.Session.commit()
    call_action("consultation_report_publish", context=dict(editing), id=closed["id"])
    written = call_action("package_search", q="*:*", include_private=True)["results"]
    appeal = call_action("appeal_submit", context={"user": ""}, type="complaint",
                         topic="heating", owner_org=org["name"], subject="Radiatorlar sovuq",
                         text="Uyda harorat 14 daraja.", full_name="Karimova Dilnoza",
                         address="Yunusobod 4-12", consent=True)
    data = pagecheck.Data(pagecheck.strings_in([sysadmin, editor, citizen, org, dataset,
                                                resource, event, draft, closed, written]))
    data.add(license["title"] for license in call_action("license_list"))
    data.add(("kod", "nomi", "Toshkent", "Samarqand", "Radiatorlar sovuq",
              "Uyda harorat 14 daraja.", "Karimova Dilnoza", "Yunusobod 4-12"))
    names = {"dataset": dataset["name"], "resource": resource["id"], "org": org["name"],
             "event": event["name"], "draft": draft["name"], "appeal": appeal["number"],
             "citizen": citizen["name"], "closed": closed["name"]}
    return {"data": data, "names": names, "appeal": appeal}


@pytest.fixture
def site(with_plugins, reset_db, reset_index, portal, linked_table):
    """The module's data, made once in a clean database (the tests of the module add to it)."""
    if not _made:
        reset_db()
        reset_index()
        _made.update(_make_site(linked_table))
    return _made


def _signed_in(chromium, portal, name: str | None):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"\.(png|jpe?g|gif|svg|ico|woff2?|ttf)(\?|$)"),
                  lambda route: route.abort())  # no words in them; the pages come faster
    page = context.new_page()
    if name:
        page.goto(f"{portal}/user/login")
        page.fill("#field-login", name)
        page.fill("#field-password", PASSWORD)
        with page.expect_navigation():
            page.click("form button[type=submit].btn-primary")
        assert "/user/login" not in page.url, f"{name} could not sign in"
    return page


@pytest.fixture(scope="module")
def visitors(chromium, portal):
    """A browser page per role, signed in once (made on first use)."""
    pages: dict = {}

    def visitor(role: str):
        if role not in pages:
            pages[role] = _signed_in(chromium, portal, {
                "anonymous": None, "citizen": "fuqaro", "editor": "muharrir",
                "sysadmin": "tekshiruvchi"}[role])
        return pages[role]
    yield visitor
    for page in pages.values():
        page.context.close()


# CKAN starts its JavaScript modules once the page's translations have come (/api/i18n/<locale>)
_MODULES_STARTED = ("() => !window.ckan || !ckan.module || !document.querySelector('[data-module]')"
                    " || Object.keys(ckan.module.instances).length > 0")


def _settled(page) -> str:
    """The page's DOM once its scripts ran."""
    page.wait_for_load_state("load")
    page.wait_for_function(_MODULES_STARTED)
    return page.content()


def _rendered(page, address: str) -> str:
    page.goto(address, wait_until="load")
    return _settled(page)


def _report(found: dict, where: str) -> list[str]:
    return [f"{locale} {where}: {f.text!r} ({', '.join(f.words)})"
            for locale, findings in found.items() for f in findings]


def _crawl(page, portal, site, paths) -> list[str]:
    problems = []
    for path in paths:
        path = path.format(**site["names"])
        rendered = {locale: _rendered(page, f"{portal}{_prefix(locale)}{path}")
                    for locale in LOCALES}
        problems += _report(pagecheck.check_pages(rendered, site["data"]), path)
    return problems


@pytest.mark.parametrize("role, paths", [
    ("anonymous", ANONYMOUS_PAGES), ("citizen", CITIZEN_PAGES), ("editor", EDITOR_PAGES),
    ("sysadmin", SYSADMIN_PAGES)])
def test_pages_as_rendered_by_the_browser(portal, site, visitors, role, paths):
    problems = _crawl(visitors(role), portal, site, paths)
    assert not problems, "\n".join(problems)


# --- forms sent with bad and good input -----------------------------------------------------

def _send(page, form: str, fields: dict | None = None, files: dict | None = None) -> str:
    """Fill `form`'s fields, send it past the browser's own checks, return the page shown."""
    for selector, value in (fields or {}).items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, index=1)
        elif value is True:
            page.check(selector)
        else:
            page.fill(selector, value)
    for selector, (name, content) in (files or {}).items():
        page.set_input_files(selector, {"name": name, "mimeType": "application/octet-stream",
                                        "buffer": content})
    page.locator(form).evaluate("f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit], input[type=submit]").last.click()
    return _settled(page)


APPEAL = {"#field-type": 1, "#field-topic": 1, "#field-owner_org": 1,
          "#field-subject": "Suv bosimi past", "#field-text": "Uchinchi qavatga suv chiqmaydi.",
          "#field-full_name": "Toshpoʻlatov Anvar", "#field-address": "Chilonzor 7-12",
          "#field-consent": True}
TYPED = ("Suv bosimi past", "Uchinchi qavatga suv chiqmaydi.", "Toshpoʻlatov Anvar",
         "Chilonzor 7-12", "Qachon yangi suv quvuri quriladi?", "1-moddaga oʻzgartirish kiritilsin.",
         "Yangi mahalla", "WRONGCODE1", "2026-000001", "jadval.xlsx", "nobody",
         "Hokim oʻrinbosari", "Karimov Anvar", "1-xona")


def _form_results(page, role: str, portal, locale: str, site) -> dict[str, str]:
    """{what was sent: the page shown after it} for the forms of `role`."""
    prefix, names = portal + _prefix(locale), site["names"]
    shown = {}
    if role == "anonymous":
        page.goto(f"{prefix}/appeals/new")
        shown["appeal, empty"] = _send(page, "form.appeals-form")
        page.goto(f"{prefix}/appeals/new")
        shown["appeal"] = _send(page, "form.appeals-form", {
            **APPEAL, "#field-email": f"anvar-{locale.lower()}@example.uz"})
        page.goto(f"{prefix}/appeals/track")
        shown["tracking, wrong code"] = _send(page, "form[action$='/appeals/track']", {
            "#field-number": site["appeal"]["number"], "#field-code": "WRONGCODE1"})
        page.goto(f"{prefix}/user/login")
        shown["sign-in, wrong password"] = _send(page, "form:has(#field-password)", {
            "#field-login": "nobody", "#field-password": "wrong-password"})
    elif role == "citizen":
        for what, address, form, field, text in (
                ("question", f"/dialogue/event/{names['event']}", "form[action$='/ask']",
                 "form[action$='/ask'] textarea", "Qachon yangi suv quvuri quriladi?"),
                ("proposal", f"/consultations/{names['draft']}", "form[action*='/proposals']",
                 "form[action*='/proposals'] textarea", "1-moddaga oʻzgartirish kiritilsin.")):
            page.goto(prefix + address)
            shown[f"{what}, empty"] = _send(page, form)
            page.goto(prefix + address)
            shown[what] = _send(page, form, {field: text})
    elif role == "editor":
        page.goto(f"{prefix}/dataset/{names['dataset']}/resource/new")
        shown["upload, bad file"] = _send(page, "form#resource-edit", {
            "#field-name": "Yangi mahalla"}, files={"#field-resource-upload": (
                "jadval.xlsx", b"\x00\x01 not a spreadsheet")})
        page.goto(f"{prefix}/appeals/receptions/new")
        shown["reception, empty"] = _send(page, "form.appeals-form")
    return shown


_SHOWS_AN_ERROR = re.compile(r'class="[^"]*\b(error-explanation|alert-danger|alert-error|is-invalid|'
                             r'invalid-feedback|has-error)\b')


@pytest.mark.parametrize("role", ["anonymous", "citizen", "editor"])
def test_pages_shown_after_forms_are_sent(portal, site, visitors, role):
    page = visitors(role)
    site["data"].add(TYPED)
    problems = []
    for locale in LOCALES:
        for what, html in _form_results(page, role, portal, locale, site).items():
            problems += _report({locale: pagecheck.check_page(html, locale, site["data"])},
                                what)
            if "," in what:  # bad input: the form is shown again with its errors
                assert _SHOWS_AN_ERROR.search(html), (locale, what)
            if what == "appeal":  # registered: its number is on the confirmation
                assert "appeals-number" in html, locale
    assert not problems, "\n".join(problems)


# --- e-mails and files ------------------------------------------------------------------------

def test_emails_are_in_the_language_they_were_asked_in(portal, site, visitors, smtp_sink,
                                                        ckan_config, monkeypatch):
    page = visitors("anonymous")
    for locale in LOCALES:
        page.goto(f"{portal}{_prefix(locale)}/appeals/new")
        _send(page, "form.appeals-form", {
            **APPEAL, "#field-email": f"pochta-{locale.lower()}@example.uz"})
    monkeypatch.setitem(ckan_config, "smtp.server", smtp_sink.address)
    jobs.Worker().work(burst=True)  # what `ckan jobs worker` does with the queued e-mails
    problems = []
    for locale in LOCALES:
        address = f"pochta-{locale.lower()}@example.uz"
        letters = [m for to, m in smtp_sink.messages if address in to]
        assert letters, f"no e-mail to {address}"
        for letter in letters:
            body = letter.get_body(("plain",)).get_content()
            for text in (str(letter["subject"]), body):
                words = pagecheck.wrong_words(pagecheck._NOT_TEXT.sub(" ", text), locale)
                words = [w for w in words if not site["data"].has_word(w)]
                if words:
                    problems.append(f"{locale} e-mail {letter['subject']!r}: {words}")
    assert not problems, "\n".join(problems)


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read()


def test_pdf_and_xlsx_headers_are_in_the_language_of_the_page(portal, site):
    draft = site["names"]["closed"]
    problems = []
    for locale in LOCALES:
        base = f"{portal}{_prefix(locale)}"
        book = openpyxl.load_workbook(io.BytesIO(_download(
            f"{base}/consultations/{draft}/report.xlsx")), read_only=True)
        texts = list(book.sheetnames)
        texts += [str(c) for c in next(book.worksheets[0].iter_rows(values_only=True)) if c]
        texts += [str(row[0]) for row in book.worksheets[1].iter_rows(values_only=True)
                  if row and row[0]]
        for table in ("budget", "receptions"):  # the blank data files editors fill in
            template = openpyxl.load_workbook(io.BytesIO(_download(
                f"{base}/open-data/templates/{table}.xlsx")), read_only=True)
            texts += [sheet.title for sheet in template.worksheets
                      if sheet.sheet_state == "visible"]  # a hidden one keeps the codes
            texts += [str(c) for c in next(template.worksheets[0].iter_rows(values_only=True))
                      if c]
        pdf = PdfReader(io.BytesIO(_download(f"{base}/consultations/{draft}/report.pdf")))
        texts += pdf.pages[0].extract_text().splitlines()
        for text in texts:
            words = [w for w in pagecheck.wrong_words(pagecheck._NOT_TEXT.sub(" ", text), locale)
                     if not site["data"].has_word(w)]
            if words:
                problems.append(f"{locale} file: {text!r} {words}")
    assert not problems, "\n".join(problems)


def test_the_check_sees_text_that_only_javascript_adds(portal, site, visitors):
    """The guard of this module: a word a script writes is read (and would be flagged)."""
    page = visitors("anonymous")
    page.goto(f"{portal}/uz_Cyrl/about", wait_until="load")
    page.evaluate("() => { const note = document.createElement('p');"
                  " note.textContent = 'Reorder resource view'; document.body.append(note); }")
    found = pagecheck.check_page(_settled(page), "uz_Cyrl", site["data"])
    assert "Reorder resource view" in [f.text for f in found]
