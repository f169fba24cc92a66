"""Metadata in several languages, kept as ckanext-fluent keeps it.

ckanext-fluent's release on PyPI (1.0.0, 2015) runs on Python 2 only, so the portal carries the
few validators it needs under fluent's names (ckanext-dcat recognises a multilingual field by a
validator whose name starts with "fluent"), with fluent's storage and API shape:

- `<field>_translated` beside the plain `<field>` (`title_translated` beside `title`, a
  resource's `name_translated` beside `name`): a dict {language: text} in the Action API,
  accepted as a dict, as its JSON text, or from a form as one input per language
  (`title_translated-ru`); stored as JSON text (an extra of the dataset, a field of the
  resource).
- Languages are BCP 47 tags (as dct:title's language in DCAT): `uz`, `uz-Cyrl`, `ru`, `en`
  (`uz_Cyrl`, the portal's locale name, is accepted and stored as `uz-Cyrl`).
- The plain field stays the Uzbek text, a plain string for CKAN core, search and other
  extensions. It is the Uzbek entry of the dict: given only `title_translated`, `title` is its
  `uz` text; given `title`, the dict's `uz` is `title`.

Pages show the reader's language and fall back to Uzbek (i18n/display.py); Uzbek Cyrillic is
the `uz-Cyrl` text when one is given, else the Uzbek text transliterated.
"""
from __future__ import annotations

import json
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckanext.scheming.validation import scheming_validator

from ..search import fields as search_fields
from ..search import text as search_text

SUFFIX = "_translated"
UZBEK = "uz"


def language_tag(locale: str) -> str:
    """The BCP 47 tag of a CKAN locale: uz_Cyrl -> uz-Cyrl."""
    return locale.replace("_", "-")


def languages() -> tuple[str, ...]:
    return tuple(language_tag(loc) for loc in tk.aslist(tk.config.get("ckan.locales_offered"))
                 ) or ("uz", "uz-Cyrl", "ru", "en")


def as_dict(value: Any) -> dict:
    """A stored or given translation as a dict; {} for anything else."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def text_in(data: dict, field: str, locale: str) -> Optional[str]:
    """The text of `field` in the language of `locale`, None when none is given."""
    value = as_dict(data.get(field + SUFFIX)).get(language_tag(locale))
    return value if isinstance(value, str) and value.strip() else None


def _form_values(key: tuple, data: dict) -> Optional[dict]:
    extras = data.get(key[:-1] + ("__extras",))
    if not isinstance(extras, dict):
        return None
    prefix = key[-1] + "-"
    found = {name[len(prefix):]: extras.pop(name) for name in list(extras)
             if name.startswith(prefix)}
    return found or None


def _clean(value: Any) -> tuple[dict, list[str]]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError:
            return {}, [tk._("Translations must be a JSON object, such as "
                             "{\"ru\": \"...\", \"en\": \"...\"}")]
    if not isinstance(value, dict):
        return {}, [tk._("Translations must be a JSON object, such as "
                         "{\"ru\": \"...\", \"en\": \"...\"}")]
    offered = languages()
    clean, errors = {}, []
    for lang, text in value.items():
        tag = language_tag(lang) if isinstance(lang, str) else lang
        if tag not in offered:
            errors.append(tk._("Unknown language \"{language}\": use one of {languages}")
                          .format(language=lang, languages=", ".join(offered)))
        elif text is not None and not isinstance(text, str):
            errors.append(tk._("The \"{language}\" text must be a string").format(language=lang))
        elif text and text.strip():
            clean[tag] = text.strip()
    return clean, errors


@scheming_validator
def fluent_text(field: dict, schema: dict):
    """`<field>_translated`: a dict {language: text}, stored as JSON text (see the module)."""
    def validator(key, data, errors, context):
        if errors[key]:
            return
        value = data.get(key)
        if value is tk.missing or value is None or value == "":
            value = _form_values(key, data) or {}
        value, problems = _clean(value)
        if problems:
            errors[key].extend(problems)
            return
        core = key[:-1] + (key[-1][:-len(SUFFIX)],)
        plain = data.get(core)
        if isinstance(plain, str) and plain.strip():
            value[UZBEK] = plain
        if not set(value) - {UZBEK}:  # nothing beside the plain field's text
            data.pop(key, None)
            raise tk.StopOnError
        data[key] = json.dumps(value, ensure_ascii=False)
    return validator


def fluent_text_output(value: Any) -> dict:
    if isinstance(value, dict):
        return value
    parsed = as_dict(value)
    if not parsed and isinstance(value, str) and value:
        return {UZBEK: value}  # a plain string stored before: the Uzbek text
    return parsed


@scheming_validator
def fluent_core_text(field: dict, schema: dict):
    """The plain field (`title`): when empty, the Uzbek text of its `_translated` dict."""
    def validator(key, data, errors, context):
        if isinstance(data.get(key), str) and data[key].strip():
            return
        uzbek = as_dict(data.get(key[:-1] + (key[-1] + SUFFIX,))).get(UZBEK)
        if isinstance(uzbek, str) and uzbek.strip():
            data[key] = uzbek.strip()
    return validator


# -- the portal's own records (events, drafts): a `<field>_translated` column -----------------
def fluent_translations(key, data, errors, context):
    """`<field>_translated` of an action schema (not scheming's): the dict the API takes, as for
    datasets; kept without its Uzbek text, which is the plain field's. Absent when not given."""
    value = data.get(key)
    if value is tk.missing or value is None or value == "":
        value = _form_values(key, data)
        if value is None:
            data.pop(key, None)
            raise tk.StopOnError
    value, problems = _clean(value)
    if problems:
        errors[key].extend(problems)
        raise tk.StopOnError
    value.pop(UZBEK, None)
    data[key] = value


def uzbek_into_plain(data_dict: dict, field: str) -> dict:
    """`data_dict` with `field` taken from its `_translated` dict's Uzbek text when not given
    itself (a client may send only `title_translated`, as it may for a dataset)."""
    if isinstance(data_dict.get(field), str) and data_dict[field].strip():
        return data_dict
    uzbek = as_dict(data_dict.get(field + SUFFIX)).get(UZBEK)
    if isinstance(uzbek, str) and uzbek.strip():
        return dict(data_dict, **{field: uzbek})
    return data_dict


def record_translations(plain: Optional[str], stored: Any) -> dict:
    """A record's `<field>_translated` for the API: the Uzbek text (its plain field) and the
    other languages given."""
    result = {UZBEK: plain} if plain else {}
    result.update({tag: text for tag, text in as_dict(stored).items()
                   if tag != UZBEK and isinstance(text, str) and text})
    return result


def get_validators() -> dict:
    return {"fluent_text": fluent_text, "fluent_text_output": fluent_text_output,
            "fluent_core_text": fluent_core_text, "fluent_translations": fluent_translations}


# -- the search index ---------------------------------------------------------------------------
INDEXED = {"title": "title_translated", "notes": "notes_translated"}


def _by_language(translations: list[dict], field: str, others: str) -> dict[str, list[str]]:
    """Index fields of the non-Uzbek texts of `field`: a language that the search engine
    analyses in its own way (Russian, English) in a field of that language, any other (an
    explicit uz-Cyrl text) in `others`."""
    found: dict[str, list[str]] = {}
    for texts in translations:
        for lang, text in texts.items():
            if lang != UZBEK and isinstance(text, str):
                index_field = (search_fields.language_field(field, lang)
                               if lang in search_text.LANGUAGES else others)
                found.setdefault(index_field, []).append(text)
    return found


def before_index(pkg_dict: dict) -> dict:
    """The other languages' titles and descriptions, and resource names, in the index: a Russian
    title is found as the Uzbek one is, with Russian analysis (`title_translated_ru`,
    `notes_translated_ru`, `res_name_translated_ru`, the same for English, and
    `title_translated`, `notes_translated`, `res_name` for an explicit Uzbek Cyrillic text: see
    search/fields.py), not as JSON text in an extra."""
    try:
        validated = json.loads(pkg_dict.get("validated_data_dict") or "{}")
    except ValueError:
        return pkg_dict
    for field, index_field in INDEXED.items():
        pkg_dict.pop("extras_" + field + SUFFIX, None)
        for name in [index_field, *(search_fields.language_field(field, lang)
                                    for lang in search_text.LANGUAGES)]:
            pkg_dict.pop(name, None)
        pkg_dict.update(_by_language([as_dict(validated.get(field + SUFFIX))], field,
                                     index_field))
    names = _by_language([as_dict(res.get("name" + SUFFIX))
                          for res in validated.get("resources") or () if isinstance(res, dict)],
                         "res_name", "res_name")
    if "res_name" in names:
        pkg_dict["res_name"] = list(pkg_dict.get("res_name") or []) + names.pop("res_name")
    pkg_dict.update(names)
    return pkg_dict


# -- forms ---------------------------------------------------------------------------------------
def form_languages() -> list[tuple[str, str]]:
    """(tag, name) of the languages a form asks for beside Uzbek, the plain field's."""
    names = {"uz-Cyrl": tk._("Uzbek, Cyrillic"), "ru": tk._("Russian"), "en": tk._("English")}
    return [(tag, names.get(tag, tag)) for tag in languages() if tag != UZBEK]


def form_values(data: dict, field: str) -> dict:
    """The texts a form shows: as submitted (after an error), else as stored."""
    values = as_dict(data.get(field))
    for tag in languages():
        if f"{field}-{tag}" in data:
            values[tag] = data[f"{field}-{tag}"]
    return values


def get_helpers() -> dict:
    return {"transparency_fluent_languages": form_languages,
            "transparency_fluent_values": form_values}
