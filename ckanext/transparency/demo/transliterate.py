"""Moved to ckanext.transparency.i18n.transliterate (the UI catalogs use it too)."""
from ckanext.transparency.i18n.transliterate import (  # noqa: F401
    CP1251_SUBSTITUTES, for_cp1251, to_cyrillic,
)
