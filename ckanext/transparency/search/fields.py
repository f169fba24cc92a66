"""The index schema: CKAN's Solr schema.xml (ckan/config/solr/schema.xml), as data.

Each field has a kind that decides how it is matched:
  string  exact, case-sensitive values (Solr "string"); also every unknown field (`*`)
  text    analysed words (Solr "text"/"text_general"), matched in canonical form (text.py)
  date    ISO dates, compared as timestamps
  int     numbers
and whether it is stored (returned by `fl`). Free text goes through one weighted tsvector;
the weight letter of a field says how much a match in it counts.
"""
from __future__ import annotations

import functools

from . import text

STRING, TEXT, DATE, INT = "string", "text", "date", "int"

_TEXT_FIELDS = {
    "title", "notes", "author", "author_email", "maintainer", "maintainer_email",
    "res_name", "res_description", "text", "urls", "title_ngram", "name_ngram",
    "depends_on", "dependency_of", "derives_from", "has_derivation", "links_to",
    "linked_from", "child_of", "parent_of",
    # the other languages' titles and descriptions (i18n/fluent.py: before_index); those in a
    # language of text.LANGUAGES are in fields of their own (language_field)
    "title_translated", "notes_translated",
}
# `title_translated_ru`: the text of `title_translated` in one language, analysed as that
# language (text.stems); matched, weighted and copied to `text` as its source field is.
TRANSLATED_MARK = "_translated_"
_INT_FIELDS = {"views_total", "views_recent", "resources_accessed_total",
               "resources_accessed_recent"}
_DATE_FIELDS = {"metadata_created", "metadata_modified", "indexed_ts"}
_NOT_STORED = {"text", "urls", "permission_labels", "title_string", "views_total",
               "views_recent", "resources_accessed_total", "resources_accessed_recent",
               "depends_on", "dependency_of", "derives_from", "has_derivation", "links_to",
               "linked_from", "child_of", "parent_of"}
_STORED_STRINGS = {
    "index_id", "id", "site_id", "entity_type", "dataset_type", "state", "name", "revision_id",
    "version", "url", "ckan_url", "download_url", "license", "license_id", "tags", "groups",
    "organization", "capacity", "res_format", "res_url", "res_type", "data_dict",
    "validated_data_dict", "_version_", "title_string", "permission_labels",
}
_NOT_INDEXED = {"data_dict", "validated_data_dict"}

# Sources copied into the catch-all `text` field (Solr copyField rules).
TEXT_COPY_SOURCES = ("name", "title", "title_translated", "notes", "notes_translated", "tags",
                     "groups", "organization", "res_name", "res_description", "maintainer", "author",
                     "license", "url", "ckan_url", "download_url", "res_url", "text")
TEXT_COPY_PREFIXES = ("extras_", "res_extras_", "vocab_")

# Weight letters of the free-text tsvector: A counts most, D is the rest of `text`.
WEIGHT_LETTER = {
    "name": "A", "title": "A", "name_ngram": "A", "title_ngram": "A", "title_translated": "A",
    "tags": "B", "groups": "B", "organization": "B",
    "notes": "C", "notes_translated": "C", "res_name": "C", "res_description": "C",
}
EXTRAS_LETTER = "C"


# Exact values of string fields are also kept as "field=value" text in arrays, whose GIN index
# answers a match without reading the row again (a jsonb containment is always rechecked on the
# row). Fields that nearly every document shares (CKAN filters every search on them) go in an
# array of their own without an index: checked on the rows that the other conditions found,
# rather than read from an index as a list of nearly all documents.
FLAG_FIELDS = frozenset({"capacity", "state", "site_id", "entity_type", "dataset_type"})
MAX_KEY_BYTES = 1000  # a longer value is matched through the jsonb of terms only


def key(field: str, value: str) -> str | None:
    """The array element of an exact string value, None when it is too long for one."""
    text = f"{field}={value}"
    if len(text) * 4 > MAX_KEY_BYTES and len(text.encode("utf-8")) > MAX_KEY_BYTES:
        return None
    return text


def language_field(field: str, language: str) -> str:
    """The index field of `field`'s text in `language` (title -> title_translated_ru)."""
    return f"{field}{TRANSLATED_MARK}{language}"


# The answers below depend on the field's name only; they are asked for every field of every
# document indexed, so they are remembered.
_by_name = functools.lru_cache(maxsize=4096)


@_by_name
def _split_language(field: str) -> tuple[str, str | None]:
    """(source field, language) of a language field, (field, None) of any other."""
    source, mark, language = field.rpartition(TRANSLATED_MARK)
    if mark and source and language in text.LANGUAGES:
        return source, language
    return field, None


def language(field: str) -> str | None:
    """The language of a field's text when the field says it (title_translated_ru -> ru)."""
    return _split_language(field)[1]


@_by_name
def kind(field: str) -> str:
    field = _split_language(field)[0]
    if field in _TEXT_FIELDS or field.startswith(("extras_", "res_extras_")):
        return TEXT
    if field in _DATE_FIELDS or field.endswith("_date"):
        return DATE
    if field in _INT_FIELDS:
        return INT
    return STRING


def is_indexed(field: str) -> bool:
    return field not in _NOT_INDEXED


@_by_name
def is_stored(field: str) -> bool:
    field = _split_language(field)[0]
    if field in _NOT_STORED:
        return False
    return (field in _STORED_STRINGS or field in _TEXT_FIELDS or field in _DATE_FIELDS
            or field.endswith("_date") or field.startswith(("extras_", "res_extras_", "vocab_")))


@_by_name
def weight_letter(field: str) -> str | None:
    """The tsvector weight of a free-text field, None where it is only in the catch-all."""
    field = _split_language(field)[0]
    if field in WEIGHT_LETTER:
        return WEIGHT_LETTER[field]
    if field.startswith(("extras_", "res_extras_", "vocab_")):
        return EXTRAS_LETTER
    return None


@_by_name
def copied_to_text(field: str) -> bool:
    field = _split_language(field)[0]
    return field in TEXT_COPY_SOURCES or field.startswith(TEXT_COPY_PREFIXES)
