"""Text the portal stores for everybody (the titles and descriptions of the datasets it makes
itself) is written in the site's default language, whoever or whatever triggered it: a staff
member reading the site in Russian, or a command with no page language at all."""
from __future__ import annotations

from contextlib import contextmanager

import flask_babel

import ckan.plugins.toolkit as tk


@contextmanager
def in_site_language():
    with flask_babel.force_locale(tk.config.get("ckan.locale_default") or "en"):
        yield
