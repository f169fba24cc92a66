"""The organization's text on the About page, in the page's language.

`ckanext.transparency.about_<locale>` (uz, uz_Cyrl, ru, en) is Markdown, stored like
`ckan.site_about` (config_option_update). Uzbek Cyrillic is transliterated from Uzbek Latin when
not written; a language without a text of its own shows `ckan.site_about`, else the portal's
built-in text in that language.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from markupsafe import Markup

from ckanext.transparency.i18n.display import department_title, page_locale
from ckanext.transparency.i18n.transliterate import to_cyrillic

LOCALES = ("uz", "uz_Cyrl", "ru", "en")
OPTIONS = tuple(f"ckanext.transparency.about_{locale}" for locale in LOCALES)


def _option(locale: str) -> str:
    return (tk.config.get(f"ckanext.transparency.about_{locale}") or "").strip()


def configured(locale: str) -> str:
    """The Markdown a sysadmin set for `locale` (Uzbek Cyrillic derived from Uzbek), or ''."""
    text = _option(locale) if locale in LOCALES else ""
    if not text and locale == "uz_Cyrl":
        text = to_cyrillic(_option("uz"))
    return text or (tk.config.get("ckan.site_about") or "").strip()


def built_in() -> str:
    title = tk.config.get("ckan.site_title")
    return tk._(
        "**{site}** is the official open-government portal of the organization. It carries out "
        "the organization's openness programme: it publishes open data on a fixed schedule, "
        "holds open dialogue with citizens, receives electronic appeals and answers them within "
        "the deadlines set by law, puts draft regulations to public discussion and rates the "
        "openness of every department.\n\n"
        "Each department's page lists its data and its contacts. Appeals to the organization are "
        "sent through the portal or brought to a reception day of its management."
    ).format(site=tk._(title) if title else "")  # the portal's title is in the catalogs


def text_html(locale: str | None = None) -> Markup:
    """The organization's text, rendered (CKAN's render_markdown: unsafe HTML is removed)."""
    return tk.h.render_markdown(configured(locale or page_locale()) or built_in())


def departments() -> list[dict]:
    """The departments (CKAN organizations), by name, titled in the page's language."""
    # names only: with all_fields CKAN stops at 25 (ckan.group_and_organization_list_all_fields_max)
    names = tk.get_action("organization_list")({"ignore_auth": True}, {"sort": "name asc"})
    return [{"name": name, "title": department_title(name)} for name in names]


def appeal_deadlines() -> dict:
    """The legal deadlines the appeals feature applies (its declared options)."""
    option = "ckanext.transparency.appeals.deadline."
    return {key: tk.config.get(option + key) for key in
            ("application_days", "complaint_days", "proposal_months", "extension_months")}


def get_helpers() -> dict:
    return {"transparency_about_text": text_html,
            "transparency_about_departments": departments,
            "transparency_appeal_deadlines": appeal_deadlines}
