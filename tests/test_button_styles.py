"""Buttons are styled by classes CKAN 2.12's stylesheet has: Bootstrap 5 dropped Bootstrap 3's
`btn-default`, and a button with only that class is drawn as plain text."""
from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__import__("ckan").__file__).parent / "public" / "base" / "css" / "main.css"
TEMPLATES = Path(__file__).resolve().parent.parent / "ckanext" / "transparency" / "templates"


def test_no_template_styles_a_button_with_a_class_the_stylesheet_lacks():
    stylesheet = CSS.read_text(encoding="utf-8")
    used = set()
    for template in TEMPLATES.rglob("*.html"):
        for classes in re.findall(r'class="([^"]*\bbtn\b[^"]*)"', template.read_text("utf-8")):
            names = (name.strip("'") for name in classes.split())  # also in {{ a if b else c }}
            used |= {name for name in names if name.startswith("btn-") and "{" not in name}
    missing = sorted(name for name in used if f".{name}" not in stylesheet)
    assert missing == []
