"""Text the portal writes for people it cannot ask (the titles and descriptions of datasets it
makes itself, e-mails to authors, subscribers and editors) is in the site's default language,
whoever or whatever triggered it: a staff member reading the site in Russian, a background job
or a command, which have no page language at all (and would otherwise write English).

    with in_site_language(): ...        or        @in_site_language()

`in_language(locale)` does the same for a reader whose language is known (an applicant's).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable

import flask
import flask_babel

import ckan.config.middleware as middleware
import ckan.plugins.toolkit as tk


def in_site_language():
    return in_language(None)


def in_every_language(write: Callable[[], str]) -> dict[str, str]:
    """What `write()` says in each language the portal offers, as a fluent `<field>_translated`
    dict ({"uz": ..., "ru": ..., "en": ...}) for a dataset the portal makes itself. Uzbek
    Cyrillic is left to the pages, which transliterate the Uzbek text."""
    offered = tk.aslist(tk.config.get("ckan.locales_offered")) or ["uz", "ru", "en"]
    written = {}
    for locale in offered:
        if locale == "uz_Cyrl":
            continue
        with in_language(locale):
            written[locale.replace("_", "-")] = write()
    return written


@contextmanager
def in_language(locale: str | None):
    """Text in `locale` (one the portal offers), else in the site's language."""
    offered = tk.config.get("ckan.locales_offered") or []
    if not locale or (offered and locale not in offered):
        locale = tk.config.get("ckan.locale_default") or "en"
    if flask.has_app_context():
        with flask_babel.force_locale(locale), _page_language(locale):
            yield
        return
    # Commands and the jobs worker run outside Flask: lend them a request of the app, as
    # CKAN's own url_for does there (ckan.config.middleware keeps one for it).
    internal = middleware._internal_test_request_context
    if internal is None:
        yield
        return
    with internal.app.test_request_context(base_url=tk.config.get("ckan.site_url")), \
            flask_babel.force_locale(locale), _page_language(locale):
        yield


@contextmanager
def _page_language(locale: str):
    """`h.lang()` (which content in the reader's language follows: i18n/display.py) says
    `locale` too, and the request's own language again afterwards."""
    if not flask.has_request_context():
        yield
        return
    environ = flask.request.environ
    before = environ.get("CKAN_LANG")
    environ["CKAN_LANG"] = locale
    try:
        yield
    finally:
        if before is None:
            environ.pop("CKAN_LANG", None)
        else:
            environ["CKAN_LANG"] = before
