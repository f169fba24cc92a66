"""A new department editor publishes budget execution unaided (issue #14): "Add dataset" offers
the typed forms, the form fills in what the type decides, the template downloads in the
editor's language, a file with three mistakes is refused with all three shown by column, the
corrected file is loaded and the page says how many rows; the dataset's own page then shows its
chart and the table behind it, on a desktop and on a phone."""
from __future__ import annotations

import io

import openpyxl
import pytest

from ckan.tests import factories

from .keyboard import fits_the_screen, press_enter_on, type_into

pytestmark = pytest.mark.system

PASSWORD = "Budget-2026-quarterly"
ROWS = [
    (2026, 1, "2026-yil I chorak", "4111100", "Asosiy ish haqi", 1000, 1100, 990, 90.0),
    (2026, 2, "2026-yil II chorak", "4111100", "Asosiy ish haqi", 1000, 1100, 1050, 95.5),
    (2026, 3, "2026-yil III chorak", "4211000", "Kommunal xizmatlar", 500, 520, 400, 76.9),
]


@pytest.fixture
def editor():
    user = factories.User(name="yangi-muharrir", password=PASSWORD)
    factories.Organization(name="moliya", title="Moliya boshqarmasi",
                           users=[{"name": user["name"], "capacity": "editor"}])
    return user


def _log_in(page, base: str, user: dict) -> None:
    page.goto(f"{base}/ru/user/login")
    type_into(page, "#field-login", user["name"])
    type_into(page, "#field-password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _filled(template: bytes, rows) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template))
    for row in rows:
        book.worksheets[0].append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(page, name: str, data: bytes, resource_name: str = "2026-Q3") -> None:
    page.evaluate(  # what the Upload button does before it opens the file chooser
        "document.getElementById('resource-url-upload').checked = true")
    page.set_input_files("#field-resource-upload", {
        "name": name, "buffer": data,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.fill("#field-name", resource_name)
    with page.expect_navigation():
        page.click("button[name=save].btn-primary")


def _sees_the_chart(page, base: str) -> None:
    """The dataset's page: the budget chart, its table by quarter, the way to the category."""
    page.goto(f"{base}/ru/dataset/byudjet-ijrosi-2026")
    figures = page.locator(".opendata-dataset-figures")
    assert figures.locator("svg.opendata-chart").is_visible()
    assert figures.locator("svg.opendata-chart title").first.text_content() == (
        "Утверждённый, уточнённый и исполненный бюджет по кварталам (сум)")
    quarters = figures.locator("table tbody th").all_inner_texts()
    assert quarters == ["I квартал 2026 г.", "II квартал 2026 г.", "III квартал 2026 г."]
    assert figures.locator("table tbody tr").first.locator("td").last.inner_text() == "90.0%"
    link = figures.locator(".opendata-category-link a")
    assert link.get_attribute("href") == "/ru/open-data/budget?dataset=byudjet-ijrosi-2026"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_editor_publishes_budget_execution_from_the_template(live_server, browser, editor,
                                                                screenshot):
    desk = browser.new_context(viewport={"width": 1280, "height": 900},
                               accept_downloads=True).new_page()
    _log_in(desk, live_server, editor)
    desk.goto(f"{live_server}/ru/dataset/")
    press_enter_on(desk, "a[href='/ru/dataset/add']")
    assert desk.locator("#dataset-kinds li").count() == 6
    screenshot(desk, "chooser-desktop")
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                is_mobile=True, has_touch=True,
                                storage_state=desk.context.storage_state()).new_page()
    phone.goto(f"{live_server}/ru/dataset/add")
    assert fits_the_screen(phone)
    screenshot(phone, "chooser-phone")

    press_enter_on(desk, "#choose-budget-execution")
    assert desk.url.endswith("/ru/budget-execution/new")
    assert desk.input_value("#field-frequency").endswith("/QUARTERLY")
    assert desk.locator("#field-organizations option:checked").inner_text() == (
        "Moliya boshqarmasi")
    desk.fill("#field-title", "Byudjet ijrosi 2026")
    desk.evaluate("document.getElementById('field-name').value = 'byudjet-ijrosi-2026'")
    desk.fill("#field-fiscal_year", "2026")
    desk.fill("#field-maintainer", "Moliya boshqarmasi")
    desk.fill("#field-maintainer_email", "moliya@example.uz")
    with desk.expect_navigation():
        desk.click("button[name=save]")
    assert "/resource/new" in desk.url

    assert desk.locator("#columns-budget").is_visible()
    with desk.expect_download() as download:
        desk.click("#template-xlsx-budget")
    template = open(download.value.path(), "rb").read()
    header = [c.value for c in openpyxl.load_workbook(io.BytesIO(template)).worksheets[0][1]]
    assert header[:2] == ["Год", "Квартал"]  # the editor's language

    mistakes = [ROWS[0][:5] + ("bir ming",) + ROWS[0][6:],  # not a number
                ROWS[1][:1] + (5,) + ROWS[1][2:],  # no quarter 5
                ROWS[2][:3] + (None,) + ROWS[2][4:]]  # the code is required
    _upload(desk, "byudjet.xlsx", _filled(template, mistakes))
    report = desk.locator("#upload-problems")
    text = report.inner_text()
    assert "Найдено проблем: 3" in text
    assert "«Квартал» (B)" in text and "«Код классификации» (D)" in text
    assert "«Утверждено» (F)" in text
    assert "Строка 2" in text and "Строка 3" in text and "Строка 4" in text
    screenshot(desk, "three-problems")

    _upload(desk, "byudjet.xlsx", _filled(template, ROWS))
    assert "3 строки загружены, период: 2026-Q1 – 2026-Q3." in desk.content()
    screenshot(desk, "loaded-desktop")
    _sees_the_chart(desk, live_server)
    screenshot(desk, "dataset-page-desktop")
    phone.goto(f"{live_server}/ru/dataset/byudjet-ijrosi-2026/resource/new")
    assert fits_the_screen(phone)
    screenshot(phone, "upload-form-phone")
    _upload(phone, "byudjet.xlsx", _filled(template, ROWS[:2]), "2026-Q2")
    assert "2 строки загружены, период: 2026-Q1 – 2026-Q2." in phone.content()
    assert fits_the_screen(phone)
    screenshot(phone, "loaded-phone")
    _sees_the_chart(phone, live_server)
    assert fits_the_screen(phone)
    chart = phone.locator(".opendata-dataset-figures svg.opendata-chart").bounding_box()
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= 390
    screenshot(phone, "dataset-page-phone")
    phone.context.close()
    desk.context.close()
