"""Uzbek content in the reader's script, at display time.

Stored text stays as its author wrote it (the API returns it so); pages show Uzbek text in the
script of their locale: Latin turned Cyrillic on uz_Cyrl pages, Cyrillic turned Latin on uz
pages (`transliterate.in_script`, which leaves Russian and English text, names in quotes and
codes alone). Datasets, departments and groups are converted in the dicts CKAN hands to its
page templates (the `for_view` hooks, as ckanext-multilingual translates them); everything else
through the `uz_script` filter (`h.transparency_script`) where a template shows content.

Where the automatic spelling is wrong, an editor gives the other script's text explicitly: a
field `<name>_uz_Cyrl` or `<name>_uz` (a top-level field or an extra, as the departments'
`title_uz_Cyrl`) is shown instead of `<name>` on pages of that locale.

Other languages the same way: a dataset's or resource's `<name>_translated` text in the page's
language (i18n/fluent.py), a department's extra `<name>_ru` or `<name>_en`; without one, the
page shows the Uzbek text.
"""
from __future__ import annotations

import re
from typing import Any, Optional

import ckan.model as model
import ckan.plugins.toolkit as tk
from markupsafe import Markup

from ..search.text import normalize
from . import fluent
from .transliterate import in_script, is_foreign, is_uzbek, to_cyrillic, to_latin

LOCALES = ("uz", "uz_Cyrl")
DATASET_FIELDS = ("title", "notes")
GROUP_FIELDS = ("title", "display_name", "description")
RESOURCE_FIELDS = ("name", "description")


def page_locale() -> str:
    try:
        return tk.h.lang() or ""
    except (RuntimeError, AttributeError):  # outside a request
        return ""


def _explicit(data: dict, field: str, locale: str) -> Optional[str]:
    key = f"{field}_{locale}"
    if data.get(key):
        return data[key]
    for extra in data.get("extras") or ():
        if isinstance(extra, dict) and extra.get("key") == key and extra.get("value"):
            return extra["value"]
    return None


_MARKUP_RE = re.compile(r"(<[^>]*>|&#?\w+;)")


def text(value: Any, language: Optional[str] = None, locale: Optional[str] = None) -> Any:
    """A content string in the page's script (see the module's docstring); of rendered HTML
    (Markup) only the text between the tags."""
    locale = locale or page_locale()
    if not isinstance(value, Markup):
        return in_script(value, locale, language)
    if not is_uzbek(_MARKUP_RE.sub(" ", value), language):
        return value
    parts = _MARKUP_RE.split(str(value))
    return Markup("".join(part if i % 2 else in_script(part, locale, "uz")
                          for i, part in enumerate(parts)))


def given_text(data: dict, field: str, locale: str) -> Optional[str]:
    """The text of `field` given for `locale` (a translation, or an explicit spelling in the
    other script), None when the Uzbek text is to be shown."""
    if fluent.language_tag(locale) != fluent.UZBEK:
        translated = fluent.text_in(data, field, locale)
        if translated:
            return translated
    return _explicit(data, field, locale)


def offered_locales() -> tuple[str, ...]:
    return tuple(tk.aslist(tk.config.get("ckan.locales_offered"))) or (
        "uz", "uz_Cyrl", "ru", "en")


def translated(record: dict, field: str, locale: Optional[str] = None) -> str:
    """A record's `field` (an event's or draft's title, as the API gives it with its
    `<field>_translated`) in the reader's language, else its Uzbek text in the reader's
    script."""
    locale = locale or page_locale()
    return (given_text(record, field, locale)
            or in_script(record.get(field) or "", locale))


def titles(data: dict, field: str = "title") -> dict[str, str]:
    """A content field in every offered locale, as a page of that locale shows it (`translated`;
    a record without the field falls back to its name). `data`: a dict as `given_text` reads it
    (a dataset's `title_translated` may be its stored JSON)."""
    if not data.get(field):
        data = dict(data, **{field: data.get("name") or ""})
    return {locale: translated(data, field, locale) for locale in offered_locales()}


def _convert(data: dict, fields: tuple, locale: str, language: Optional[str] = None) -> None:
    for field in fields:
        explicit = given_text(data, "title" if field == "display_name" else field, locale)
        if explicit:
            data[field] = explicit
        elif isinstance(data.get(field), str):
            data[field] = in_script(data[field], locale, language)
        translated = data.get(field + fluent.SUFFIX)
        if isinstance(translated, dict) and isinstance(data.get(field), str):
            # what CKAN's h.get_translated picks on this page (it reads uz for uz_Cyrl)
            data[field + fluent.SUFFIX] = {**translated, locale: data[field]}


def group_title(group: Any, locale: Optional[str] = None) -> str:
    """A department's name in `locale` (the page's by default): its extra `title_<locale>`,
    else its Uzbek title in the locale's script. `group`: a dict with its extras, or CKAN's
    model.Group."""
    locale = locale or page_locale()
    if not isinstance(group, dict):
        group = {"name": group.name, "title": group.title,
                 "extras": [{"key": k, "value": v} for k, v in (group.extras or {}).items()]}
    return (given_text(group, "title", locale)
            or in_script(group.get("title") or group.get("name") or "", locale))


def department_title(department: Any) -> str:
    """A department ({"id", "name", "title"} as the sections hand it to pages, or its id or
    name) by its name in the page's language (`group_title`)."""
    key = department if isinstance(department, str) else (
        (department.get("id") or department.get("name")) if isinstance(department, dict) else None)
    group = model.Group.get(key) if key else None
    if group is None:
        return text(department.get("title") or "") if isinstance(department, dict) else ""
    return group_title(group)


def group_for_view(group: dict, locale: Optional[str] = None) -> dict:
    """A department's or group's dict for its pages, in the reader's language and script."""
    locale = locale or page_locale()
    if locale and isinstance(group, dict):
        _convert(group, GROUP_FIELDS, locale)
    return group


def dataset_for_view(dataset: dict, locale: Optional[str] = None) -> dict:
    """A dataset's dict for its pages and search results, in the reader's language and script:
    title, description, tags, resources, department and groups."""
    locale = locale or page_locale()
    if not locale or not isinstance(dataset, dict):
        return dataset
    language = dataset.get("language") if isinstance(dataset.get("language"), str) else None
    _convert(dataset, DATASET_FIELDS, locale, language)
    for tag in dataset.get("tags") or ():
        if isinstance(tag, dict) and tag.get("display_name"):
            tag["display_name"] = in_script(tag["display_name"], locale, language)
    for resource in dataset.get("resources") or ():
        if isinstance(resource, dict):
            _convert(resource, RESOURCE_FIELDS, locale, language)
    department = dataset.get("organization")
    if isinstance(department, dict):
        if "extras" not in department and department.get("id"):
            # a dataset carries its department without the extras that hold its translations
            group = model.Group.get(department["id"])
            if group is not None:
                department = dataset["organization"] = dict(
                    department, extras=[{"key": k, "value": v} for k, v in group.extras.items()])
        group_for_view(department, locale)
    for group in dataset.get("groups") or ():
        group_for_view(group, locale)
    return dataset


# -- tags: one word whichever script it was written in -----------------------------------------
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def _word_language(word: str) -> Optional[str]:
    """A tag is one word, which often shows no sign of its language: Uzbek unless it shows
    signs of Russian or English."""
    return None if is_foreign(word) else "uz"


def other_script(word: str) -> Optional[str]:
    """The same Uzbek word in the other script, None for a Russian or English word."""
    if _word_language(word) is None:
        return None
    other = to_latin(word) if _CYRILLIC_RE.search(word) else to_cyrillic(word)
    return other if other != word else None


def merge_facet_items(items: list[dict], locale: Optional[str] = None,
                      words: bool = False) -> list[dict]:
    """Facet items that are one word in two scripts ("murojaatlar" 6, "мурожаатлар" 5) as one
    ("мурожаатлар" 11 on uz_Cyrl pages), shown in the reader's script; `words`: the items are
    tags (see `_word_language`). The count is the sum: a dataset tagged in both scripts counts
    twice."""
    locale = locale or page_locale()
    cyrillic_reader = locale == "uz_Cyrl"
    merged: dict[str, dict] = {}
    for item in items:
        key = normalize(item["name"]) if words else item["name"]
        if key in merged:
            kept = merged[key]
            kept["count"] += item["count"]
            kept["active"] = kept.get("active") or item.get("active")
            if bool(_CYRILLIC_RE.search(item["name"])) == cyrillic_reader:
                kept["name"] = kept["display_name"] = item["name"]  # in the reader's script
        else:
            merged[key] = dict(item)
    result = list(merged.values())
    for item in result:
        shown = item.get("display_name") or item["name"]
        language = _word_language(shown) if words else None
        item["display_name"] = in_script(shown, locale, language)
    return result


@tk.chained_helper
def get_facet_items_dict(next_helper, facet: str, search_facets=None, limit=None,
                         exclude_active: bool = False) -> list[dict]:
    """CKAN's, with a tag written in both scripts as one entry in the reader's script, and the
    names of departments and groups in the reader's script."""
    locale = page_locale()
    if locale not in LOCALES:
        return next_helper(facet, search_facets, limit, exclude_active)
    items = merge_facet_items(next_helper(facet, search_facets, 0, exclude_active), locale,
                              words=facet == "tags")
    items.sort(key=lambda it: (-it["count"], it["display_name"].lower()))
    if limit is None:
        try:
            limit = int(tk.request.args.get(f"_{facet}_limit",
                                            tk.config.get("search.facets.default")))
        except ValueError:
            limit = int(tk.config.get("search.facets.default"))
    return items[:limit] if limit else items


_TAG_CLAUSE_RE = re.compile(r'(?<![\w.])tags:"((?:[^"\\]|\\.)*)"')


def tags_in_both_scripts(fq: str) -> str:
    """A filter query whose `tags:"word"` clauses also match the word in the other script."""
    def both(match: re.Match) -> str:
        other = other_script(match.group(1))
        if not other:
            return match.group(0)
        return f'(tags:"{match.group(1)}" OR tags:"{other}")'
    return _TAG_CLAUSE_RE.sub(both, fq)


def get_helpers() -> dict:
    return {"transparency_script": text, "get_facet_items_dict": get_facet_items_dict,
            "transparency_department": department_title, "transparency_translated": translated}
