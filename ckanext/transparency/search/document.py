"""From a Solr document (what CKAN's PackageSearchIndex sends) to one row of the index table.

Columns of a row:
  doc     every field as given, from which `fl` returns the stored ones (in STORED: its
          JSON, compressed by `packed`)
  terms   {field: [exact values]} of string, date and int fields: matching and facets
  tokens  {field: [canonical words]} of text fields: fielded word matching
  texts   {field: " w1 w2 | w3 "}: the words of text fields in order, for phrases and wildcards
  tsv     the weighted free-text vector (tsvector literal)
  keys    ["field=value", ...] of string fields (fields.key), for matching with a GIN index
  flags   the same for fields.FLAG_FIELDS, without an index
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import zlib
from typing import Any, Iterable, Sequence

from . import fields
from .text import positions, tokenize

TABLE = "transparency_search.document"  # the columns above but doc, which is kept in STORED
STORED = "transparency_search.stored"

# Positions between two values or fields, so that a phrase never spans them (Solr's
# positionIncrementGap), and PostgreSQL's limits on tsvector positions.
POSITION_GAP = 100
MAX_POSITION = 16383
MAX_POSITIONS_PER_WORD = 255
# PostgreSQL refuses a lexeme over 2046 bytes and a tsvector over 1 MB: a longer word (a hash,
# a base64 blob pasted into notes) is left out of the index, and the vector stops growing
# before its limit.
MAX_LEXEME_BYTES = 2046
MAX_VECTOR_BYTES = 1_000_000
# Autocomplete fields (Solr's copyField title -> title_ngram, name -> name_ngram, analysed
# into every 2 to 10 letter piece): answered from the source field with a trigram index.
NGRAM_FIELDS = {"name_ngram": "name", "title_ngram": "title"}
NGRAM_SIZES = range(2, 11)
VALUE_SEPARATOR = " | "


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v is not None]
    return [value]


def _json_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")  # PostgreSQL text and jsonb cannot hold NUL
    if isinstance(value, dt.datetime):
        if value.tzinfo:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat() + "Z"
    if isinstance(value, dt.date):
        return value.isoformat() + "T00:00:00Z"
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


DATE_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def canonical_date(value: Any) -> str:
    """A date as fixed-width UTC text, so that text order is time order (and an index on the
    text serves ranges and sorting); a value that is not a date is kept as it is."""
    text = str(value)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if parsed.tzinfo:
        parsed = parsed.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return parsed.strftime(DATE_FORMAT)


def solr_date(value: Any) -> Any:
    """A date as Solr stores and returns it: UTC, milliseconds, Z (2014-06-10T08:24:12.782Z)."""
    canonical = canonical_date(value)
    if canonical == str(value) and not canonical.endswith("Z"):
        return value  # not a date
    seconds, _, fraction = canonical[:-1].partition(".")
    millis = fraction[:3].rstrip("0")
    return f"{seconds}.{millis}Z" if millis else f"{seconds}Z"


def exact_string(value: Any) -> str:
    """How Solr writes a value of a string field (booleans lower case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _quote_lexeme(word: str) -> str:
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return "'" + word + "'"


def fits(term: str) -> bool:
    # a character is at most 4 bytes: most terms are decided without encoding them
    return len(term) * 4 <= MAX_LEXEME_BYTES or len(term.encode("utf-8")) <= MAX_LEXEME_BYTES


class _VectorBuilder:
    """Builds a tsvector literal with positions and weights chosen here, not by a parser."""

    def __init__(self) -> None:
        self.position = 1
        self.size = 0
        self.positions: dict[str, list[str]] = {}

    def add(self, slots: Iterable[Sequence[str]], letter: str) -> None:
        """Terms by position: all terms of a slot share its position. Past PostgreSQL's last
        position every slot takes that one, as to_tsvector does: the words stay findable."""
        positions = self.positions
        position, size = self.position, self.size  # locals: this loop runs for every word
        mark = f"{MAX_POSITION}{letter}"
        for terms in slots:
            if position <= MAX_POSITION:
                mark = f"{position}{letter}"
            for term in terms:
                marks = positions.get(term)
                if marks is None:
                    length = len(term.encode("utf-8"))
                    if length > MAX_LEXEME_BYTES:
                        continue
                    size += length + 8
                    if size > MAX_VECTOR_BYTES:
                        self.position, self.size = position, size
                        return
                    positions[term] = [mark]
                    size += 4
                elif len(marks) < MAX_POSITIONS_PER_WORD:
                    marks.append(mark)
                    size += 4
            position += 1
        self.position, self.size = position + POSITION_GAP, size

    def literal(self) -> str:
        return " ".join(f"{_quote_lexeme(w)}:{','.join(p)}" for w, p in self.positions.items())


def build_row(solr_doc: dict[str, Any]) -> dict[str, Any]:
    doc = {k: _json_value(v) for k, v in solr_doc.items() if v is not None}
    doc.setdefault("indexed_ts", _json_value(dt.datetime.now(dt.timezone.utc)))
    for field, value in doc.items():
        if fields.kind(field) == fields.DATE and not isinstance(value, list):
            doc[field] = solr_date(value)
    terms: dict[str, list[str]] = {}
    tokens: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    vector = _VectorBuilder()
    weighted: dict[str, list[list[str]]] = collections.defaultdict(list)
    catch_all: list[list[str]] = []

    for field, value in doc.items():
        if not fields.is_indexed(field):
            continue
        values = _as_list(value)
        kind = fields.kind(field)
        letter = fields.weight_letter(field)
        if kind == fields.TEXT:
            slots_per_value = [positions(str(v), fields.language(field)) for v in values]
            tokens[field] = sorted({t for slots in slots_per_value for slot in slots
                                    for t in slot if fits(t)})
            texts[field] = " " + VALUE_SEPARATOR.join(
                " ".join(slot[0] for slot in slots if fits(slot[0])) for slots in slots_per_value) + " "
        else:
            canonical = canonical_date if kind == fields.DATE else exact_string
            terms[field] = [canonical(v) for v in values]
            if not letter and not fields.copied_to_text(field):
                continue  # an id, a date, a state: matched by its terms only, not as words
            slots_per_value = [positions(exact_string(v)) for v in values]
        for slots in slots_per_value:
            if letter:
                weighted[letter].append(slots)
            elif fields.copied_to_text(field):
                catch_all.append(slots)

    # The heaviest fields go into the vector first, so that a long text, whose words past the
    # vector's size are left out, never crowds out a title or a tag. The catch-all `text`
    # field holds every copied source; those with a weight of their own are in already, the
    # rest go in with weight D.
    for letter in sorted(weighted):
        for slots in weighted[letter]:
            vector.add(slots, letter)
    for slots in catch_all:
        vector.add(slots, "D")
    urls = [exact_string(u) for f in ("url", "ckan_url", "download_url", "res_url")
            for u in _as_list(doc.get(f))]
    if urls:
        tokens["urls"] = sorted({w for u in urls for w in tokenize(u)})
    keys: list[str] = []
    flags: list[str] = []
    for field, values in terms.items():
        if fields.kind(field) == fields.STRING:
            for value in dict.fromkeys(values):
                element = fields.key(field, value)
                if element is not None:
                    (flags if field in fields.FLAG_FIELDS else keys).append(element)

    return {
        "index_id": str(doc["index_id"]),
        "site_id": exact_string(doc.get("site_id", "")),
        "doc": packed(doc),
        "terms": json.dumps(terms),
        "tokens": json.dumps(tokens),
        "texts": json.dumps(texts),
        "tsv": vector.literal(),
        "keys": keys,
        "flags": flags,
    }


def packed(doc: dict[str, Any]) -> bytes:
    """A document as STORED keeps it: its JSON compressed with zlib (fastest level). That costs
    the rebuild a third of what PostgreSQL's own compression of a jsonb column did, and takes
    less room (3.0 kB a dataset against 4.8 kB): data_dict and validated_data_dict repeat each
    other further apart than PostgreSQL's compressor looks back."""
    return zlib.compress(json.dumps(doc).encode("utf-8"), 1)


def stored_json(stored: bytes | memoryview) -> bytes:
    """The JSON of a document from STORED. One kept since before migration 0006 is its JSON
    as it was, until it is indexed again (a zlib stream starts with "x", JSON with "{")."""
    data = bytes(stored)
    return data if data.startswith(b"{") else zlib.decompress(data)


def unpacked(stored: bytes | memoryview) -> dict[str, Any]:
    """A document from STORED."""
    return json.loads(stored_json(stored))


def stored_fields(doc: dict[str, Any], wanted: Iterable[str] | None) -> dict[str, Any]:
    """The fields of a stored document that `fl` asks for (all stored ones for None or *)."""
    if wanted is None:
        return {k: v for k, v in doc.items() if fields.is_stored(k)}
    return {k: doc[k] for k in wanted if k in doc and fields.is_stored(k)}
