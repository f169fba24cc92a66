"""What a person without a mouse does: Tab to a control, type, choose, press Enter."""
from __future__ import annotations

import pytest

MAX_TABS = 80


def tab_to(page, selector: str) -> None:
    """Press Tab until `selector` has the focus: it can be reached without a mouse."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    pytest.fail(f"{selector} is not reachable with the Tab key")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_first(page, selector: str) -> None:
    """The first option of a select after its placeholder."""
    tab_to(page, selector)
    page.keyboard.press("ArrowDown")


def tick(page, selector: str) -> None:
    """Tick a checkbox with the space bar."""
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.is_checked(selector)


def press_enter_on(page, selector: str) -> None:
    """Activate a link or button and wait for the page it leads to."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def track(page, address: str, number: str, code: str) -> None:
    """Open the tracking form at `address` and ask for the appeal."""
    page.goto(address)
    type_into(page, "#field-number", number)
    type_into(page, "#field-code", code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth + 1")
