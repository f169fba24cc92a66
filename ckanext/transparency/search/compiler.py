"""The Solr query language, parsed by luqum, compiled to a SQL condition on the index table.

Semantics follow Solr's standard (lucene) parser and dismax/edismax as CKAN uses them:
  - an unfielded term searches the free-text vector, restricted to the weight letters of the
    `qf` fields (dismax) or all of `text` (the default field); a fielded term matches its field
    by kind (fields.py): exact for strings, canonical words for text, typed for dates/numbers;
  - `+` must, `-`/NOT must not; plain clauses follow q.op (AND) or, at the top of a dismax
    query, the minimum-should-match rule `mm`;
  - phrases, `*`/`?` wildcards, `[a TO b]`/`{a TO b}` ranges with Solr date math, `*:*`.
Everything else is a SearchQueryError that names the problem.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import threading
from dataclasses import dataclass, field as dc_field
from typing import Any

from luqum import tree
from luqum.exceptions import ParseError
from luqum.parser import parser as _lucene_parser

from ckan.lib.search.common import SearchQueryError

from . import datemath, fields
from .document import DATE_FORMAT
from .text import normalize, tokenize

_parse_lock = threading.Lock()  # luqum's PLY parser keeps state while it parses
_FIELD_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
_ESCAPE_RE = re.compile(r"\\(.)")
_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_LETTERS = "ABCD"
_FREE_TEXT = None  # the field of an unfielded term

TO_TS = "transparency_search.to_ts"
TO_NUM = "transparency_search.to_num"


_LOCAL_PARAMS_RE = re.compile(r"""^\s*\{!((?:[^}'"]|'[^']*'|"[^"]*")*)\}""")
_LOCAL_PARAM_RE = re.compile(r"""([\w.]+)(?:=('[^']*'|"[^"]*"|[^\s'"]+))?""")


def local_params(text: str) -> tuple[dict[str, list[str]], str]:
    """Solr local parameters at the start of a query, `{!type k=v ...}rest`: ({k: [v, ...]},
    rest). A bare first word is the parser type. CKAN lets only configured parsers through."""
    match = _LOCAL_PARAMS_RE.match(text)
    if not match:
        return {}, text
    found: dict[str, list[str]] = {}
    for position, (key, value) in enumerate(_LOCAL_PARAM_RE.findall(match.group(1))):
        if not value:
            if position:
                raise SearchQueryError(f"Local parameter {key!r} has no value")
            key, value = "type", key
        found.setdefault(key, []).append(value.strip("'\"") if value[:1] in "'\"" else value)
    if "type" in found:
        found["type"] = found["type"][-1]
    return found, text[match.end():]


def parse(text: str, param: str) -> tree.Item:
    if re.search(r"(?:^|[^\\])\{!", text):
        raise SearchQueryError(f"Local parameters ({{!...}}) are only allowed at the start of '{param}'")
    if re.search(r"(?<![\w\\])_(query|val)_\s*:", text):
        raise SearchQueryError(f"Magic fields (_query_, _val_) are not supported in '{param}'")
    try:
        with _parse_lock:
            return _lucene_parser.parse(text)
    except ParseError as error:
        raise SearchQueryError(f"Syntax error in search {param} {text!r}: {error}") from None


def unescape(text: str) -> str:
    return _ESCAPE_RE.sub(r"\1", text)


def min_should_match(spec: str | None, clauses: int) -> int:
    """Solr's mm: "3", "-1", "75%", "-25%", or conditional "2<-1 5<80%"."""
    if clauses == 0:
        return 0
    spec = (spec or "100%").strip()

    def one(expr: str) -> int:
        try:
            if expr.endswith("%"):
                share = float(expr[:-1]) / 100
                value = (clauses - math.floor(clauses * -share) if share < 0
                         else math.floor(clauses * share))
            else:
                number = int(expr)
                value = clauses + number if number < 0 else number
        except ValueError:
            raise SearchQueryError(f"Invalid mm (minimum should match) value {spec!r}") from None
        return value

    if "<" in spec:
        required = clauses
        for condition in spec.split():
            threshold, _, expr = condition.partition("<")
            try:
                if clauses > int(threshold):
                    required = one(expr)
            except ValueError:
                raise SearchQueryError(f"Invalid mm (minimum should match) value {spec!r}") from None
    else:
        required = one(spec)
    return max(1, min(clauses, required))


def _tsquery_lexeme(word: str, letters: str, prefix: bool = False) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    suffix = ("*" if prefix else "") + ("" if letters == _LETTERS else letters)
    return quoted + (":" + suffix if suffix else "")


@dataclass
class Options:
    mode: str = "lucene"          # "lucene" or "dismax" (dismax and edismax)
    default_and: bool = True      # q.op
    qf: dict[str, float] = dc_field(default_factory=dict)
    df: str = "text"
    mm: str | None = None
    now: dt.datetime | None = None


class Compiler:
    """Compiles one parsed query; collects its parameters and the free-text ranking queries."""

    def __init__(self, options: Options, params: dict[str, Any]):
        self.options = options
        self.params = params
        self.rank_queries: list[str] = []
        self.letters, self.weights = self._letters_and_weights(options)

    # -- helpers -----------------------------------------------------------------------------
    def _param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    @staticmethod
    def _field(name: str) -> str:
        """A field name as a SQL literal; names are checked against _FIELD_NAME_RE first."""
        if not _FIELD_NAME_RE.match(name):
            raise SearchQueryError(f"{name!r} is not a field name")
        return f"'{name}'"

    @staticmethod
    def _letters_and_weights(options: Options) -> tuple[str, list[float]]:
        if options.mode != "dismax" or not options.qf:
            return _LETTERS, [0.1, 0.2, 0.4, 1.0]
        by_letter = {letter: 0.0 for letter in _LETTERS}
        for name, weight in options.qf.items():
            if name == "text":
                for letter in _LETTERS:
                    by_letter[letter] = max(by_letter[letter], weight)
            else:
                letter = fields.weight_letter(name)
                if letter:
                    by_letter[letter] = max(by_letter[letter], weight)
        top = max(by_letter.values()) or 1.0
        letters = "".join(letter for letter in _LETTERS if by_letter[letter] > 0)
        return letters, [by_letter[letter] / top for letter in "DCBA"]

    def rank_sql(self) -> str:
        if not self.rank_queries:
            return "0.0::float4"
        query = " | ".join(f"({q})" for q in self.rank_queries)
        weights = "{" + ",".join(f"{w:.4f}" for w in self.weights) + "}"
        return f"ts_rank('{weights}'::float4[], d.tsv, {self._param(query)}::tsquery)"

    # -- entry --------------------------------------------------------------------------------
    def compile(self, node: tree.Item) -> str:
        if self.options.mode == "dismax":
            return self._boolean(node, top=True) if isinstance(node, tree.UnknownOperation) \
                else self._node(node, _FREE_TEXT)
        return self._node(node, _FREE_TEXT)

    def _node(self, node: tree.Item, field: str | None) -> str | None:
        if isinstance(node, tree.SearchField):
            if field is not _FREE_TEXT:
                raise SearchQueryError(f"A field inside a field ({field}:{node.name}:...) is not valid")
            return self._search_field(node)
        if isinstance(node, (tree.Group, tree.FieldGroup)):
            return self._node(node.expr, field)
        if isinstance(node, tree.AndOperation):
            parts = [p for p in (self._clause(c, field)[1] for c in node.children) if p]
            return "(" + " AND ".join(parts) + ")" if parts else None
        if isinstance(node, tree.OrOperation):
            parts = [self._clause(c, field)[1] for c in node.children]
            parts = [p for p in parts if p]
            return "(" + " OR ".join(parts) + ")" if parts else None
        if isinstance(node, tree.UnknownOperation):
            return self._boolean(node, field=field)
        if isinstance(node, (tree.Not, tree.Prohibit)):
            inner = self._node(node.a, field)
            return f"(NOT {inner})" if inner else None
        if isinstance(node, tree.Plus):
            return self._node(node.a, field)
        if isinstance(node, tree.Boost):
            return self._node(node.expr, field)
        if isinstance(node, tree.Word):
            return self._word(node.value, field)
        if isinstance(node, tree.Phrase):
            return self._phrase(unescape(node.value[1:-1]), field)
        if isinstance(node, tree.Range):
            return self._range(field, node.low.value, node.high.value,
                               node.include_low, node.include_high)
        if isinstance(node, tree.From):
            return self._range(field, node.a.value, "*", node.include, True)
        if isinstance(node, tree.To):
            return self._range(field, "*", node.a.value, True, node.include)
        if isinstance(node, tree.Regex):
            return self._regex(node.value[1:-1], field)
        if isinstance(node, tree.Fuzzy):
            raise SearchQueryError(f"Fuzzy search ({node}) is not supported; use * or ? wildcards")
        if isinstance(node, tree.Proximity):
            raise SearchQueryError(f"Proximity search ({node}) is not supported; use a phrase")
        raise SearchQueryError(f"Unsupported search syntax: {node}")

    def _clause(self, node: tree.Item, field: str | None) -> tuple[str, str | None]:
        """(occurrence, sql) of one operand: 'must', 'not' or 'plain'."""
        if isinstance(node, tree.Plus):
            return "must", self._node(node.a, field)
        if isinstance(node, (tree.Prohibit, tree.Not)):
            inner = self._node(node.a, field)
            return "not", inner
        if isinstance(node, tree.Word) and node.value.startswith("!") and len(node.value) > 1:
            return "not", self._word(node.value[1:], field)
        return "plain", self._node(node, field)

    def _boolean(self, node: tree.UnknownOperation, field: str | None = None,
                 top: bool = False) -> str | None:
        """Implicit operators, with Lucene's must / should / must-not rules."""
        children = self._explicit_symbols(list(node.children))
        if len(children) == 1 and not isinstance(children[0], tree.UnknownOperation):
            return self._node(children[0], field)
        must, must_not, should = [], [], []
        for child in children:
            occurrence, sql = self._clause(child, field)
            if not sql:
                continue
            {"must": must, "not": must_not, "plain": should}[occurrence].append(sql)
        if top and self.options.mode == "dismax":
            required = min_should_match(self.options.mm, len(should)) if should else 0
        elif self.options.default_and:
            must, should, required = must + should, [], 0
        else:
            required = 1 if should and not must else 0
        parts = list(must)
        if should and required:
            if required >= len(should):
                parts.extend(should)
            elif required == 1:
                parts.append("(" + " OR ".join(should) + ")")
            else:
                counted = " + ".join(f"({s})::int" for s in should)
                parts.append(f"(({' OR '.join(should)}) AND ({counted}) >= {required})")
        parts.extend(f"(NOT {s})" for s in must_not)
        if not parts:
            return None
        if not must and not should:
            parts.insert(0, "TRUE")
        return "(" + " AND ".join(parts) + ")"

    @staticmethod
    def _explicit_symbols(children: list[tree.Item]) -> list[tree.Item]:
        """Solr's && and || between terms (luqum reads them as words)."""
        for symbol, operation in (("&&", tree.AndOperation), ("||", tree.OrOperation)):
            while any(isinstance(c, tree.Word) and c.value == symbol for c in children):
                i = next(i for i, c in enumerate(children)
                         if isinstance(c, tree.Word) and c.value == symbol)
                if i == 0 or i == len(children) - 1:
                    raise SearchQueryError(f"'{symbol}' needs a term on both sides")
                children[i - 1:i + 2] = [operation(children[i - 1], children[i + 1])]
        return children

    # -- fields -------------------------------------------------------------------------------
    def _search_field(self, node: tree.SearchField) -> str | None:
        name = node.name
        if name == "*":
            if isinstance(node.expr, tree.Word) and node.expr.value == "*":
                return "TRUE"
            raise SearchQueryError("Only *:* may use * as a field name")
        if not _FIELD_NAME_RE.match(name):
            raise SearchQueryError(f"{name!r} is not a field name")
        return self._node(node.expr, unescape(name))

    def _free_text(self, tsquery: str) -> str:
        self.rank_queries.append(tsquery)
        return f"d.tsv @@ {self._param(tsquery)}::tsquery"

    def _free_text_letters(self, field: str | None) -> str:
        if field is _FREE_TEXT and self.options.mode == "dismax":
            return self.letters
        return _LETTERS

    def _is_free_text(self, field: str | None) -> bool:
        if field is _FREE_TEXT:
            return self.options.mode == "dismax" or self.options.df == "text"
        return field == "text"

    def _word(self, raw: str, field: str | None) -> str | None:
        if field is _FREE_TEXT and self.options.mode != "dismax" and self.options.df != "text":
            field = self.options.df
        has_wildcard = bool(re.search(r"(?<!\\)[*?]", raw))
        value = unescape(raw)
        if self._is_free_text(field):
            if has_wildcard:
                return self._free_text_wildcard(raw, field)
            words = tokenize(value)
            if not words:
                return None
            letters = self._free_text_letters(field)
            return self._free_text(" <-> ".join(_tsquery_lexeme(w, letters) for w in words))
        kind = fields.kind(field)
        if raw == "*":
            column = "tokens" if kind == fields.TEXT else "terms"
            return f"(d.{column} ? {self._field(field)})"
        if has_wildcard:
            return self._wildcard(raw, field)
        if kind == fields.TEXT:
            return self._text_words(tokenize(value), field)
        if kind in (fields.DATE, fields.INT):
            return self._range(field, raw, raw, True, True)
        return f"d.terms @> {self._param(json.dumps({field: [value]}))}::jsonb"

    def _phrase(self, value: str, field: str | None) -> str | None:
        if field is _FREE_TEXT and self.options.mode != "dismax" and self.options.df != "text":
            field = self.options.df
        if self._is_free_text(field):
            words = tokenize(value)
            if not words:
                return None
            letters = self._free_text_letters(field)
            return self._free_text(" <-> ".join(_tsquery_lexeme(w, letters) for w in words))
        if fields.kind(field) == fields.TEXT:
            return self._text_words(tokenize(value), field)
        if fields.kind(field) in (fields.DATE, fields.INT):
            return self._range(field, value, value, True, True)
        return f"d.terms @> {self._param(json.dumps({field: [value]}))}::jsonb"

    def _text_words(self, words: list[str], field: str) -> str | None:
        if not words:
            return None
        contains = f"d.tokens @> {self._param(json.dumps({field: sorted(set(words))}))}::jsonb"
        if len(words) == 1:
            return contains
        phrase = "% " + " ".join(words) + " %"
        return f"({contains} AND (d.texts->>{self._field(field)}) LIKE {self._param(phrase)})"

    # -- wildcards and regular expressions -------------------------------------------------------
    @staticmethod
    def _wildcard_regex(raw: str, canonical: bool, any_char: str) -> str:
        pieces = re.split(r"(?<!\\)([*?])", raw)
        out = []
        for piece in pieces:
            if piece == "*":
                out.append(any_char + "*")
            elif piece == "?":
                out.append(any_char)
            elif piece:
                text = unescape(piece)
                out.append(re.escape(normalize(text) if canonical else text))
        return "".join(out)

    def _free_text_wildcard(self, raw: str, field: str | None) -> str:
        letters = self._free_text_letters(field)
        stem = raw[:-1]
        if raw.endswith("*") and stem and not re.search(r"(?<!\\)[*?]", stem):
            words = tokenize(unescape(stem))
            if not words:
                return "TRUE"
            lexemes = [_tsquery_lexeme(w, letters) for w in words[:-1]]
            lexemes.append(_tsquery_lexeme(words[-1], letters, prefix=True))
            return self._free_text(" <-> ".join(lexemes))
        pattern = "^" + self._wildcard_regex(raw, True, ".") + "$"
        return (f"EXISTS (SELECT 1 FROM unnest(tsvector_to_array(d.tsv)) AS lexeme "
                f"WHERE lexeme ~ {self._param(pattern)})")

    def _wildcard(self, raw: str, field: str) -> str:
        if fields.kind(field) == fields.TEXT:
            pattern = " " + self._wildcard_regex(raw, True, "[^ |]") + " "
            return f"(d.texts->>{self._field(field)}) ~ {self._param(pattern)}"
        pattern = "^" + self._wildcard_regex(raw, False, ".") + "$"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.terms->{self._field(field)}) v "
                f"WHERE v ~ {self._param(pattern)})")

    def _regex(self, pattern: str, field: str | None) -> str:
        if field is _FREE_TEXT or field == "text":
            return (f"EXISTS (SELECT 1 FROM unnest(tsvector_to_array(d.tsv)) AS lexeme "
                    f"WHERE lexeme ~ {self._param('^(' + pattern + ')$')})")
        column = "tokens" if fields.kind(field) == fields.TEXT else "terms"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.{column}->{self._field(field)}) v "
                f"WHERE v ~ {self._param('^(' + pattern + ')$')})")

    # -- ranges -------------------------------------------------------------------------------
    def _range(self, field: str | None, low: str, high: str, include_low: bool,
               include_high: bool) -> str:
        if field is _FREE_TEXT or field == "text":
            raise SearchQueryError("A range needs a field, e.g. metadata_modified:[NOW-1YEAR TO NOW]")
        low, high = unescape(low), unescape(high)
        bounds = [b for b in (low, high) if b != "*"]
        kind = fields.kind(field)
        column = "tokens" if kind == fields.TEXT else "terms"
        if kind == fields.DATE:
            # single-valued, stored as fixed-width UTC text: compared as text, index-served
            value = f"(d.terms->{self._field(field)}->>0) COLLATE \"C\""
            convert = self._canonical_date
            single_valued = True
        elif kind == fields.INT:
            value, convert = f"{TO_NUM}(d.terms->{self._field(field)}->>0)", self._number
            single_valued = True
        elif bounds and all(datemath.looks_like_date(b) for b in bounds):
            value, convert, single_valued = f"{TO_TS}(v)", self._date, False
        elif bounds and all(_NUMBER_RE.match(b) for b in bounds):
            value, convert, single_valued = f"{TO_NUM}(v)", self._number, False
        else:
            value, convert, single_valued = 'v COLLATE "C"', str, False
        conditions = [f"{value} IS NOT NULL"]
        if low != "*":
            conditions.append(f"{value} {'>=' if include_low else '>'} {self._param(convert(low))}")
        if high != "*":
            conditions.append(f"{value} {'<=' if include_high else '<'} {self._param(convert(high))}")
        where = " AND ".join(conditions)
        if single_valued:
            return f"({where})"
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.{column}->{self._field(field)}) v "
                f"WHERE {where})")

    def _canonical_date(self, text: str) -> str:
        return self._date(text).astimezone(dt.timezone.utc).strftime(DATE_FORMAT)

    def _date(self, text: str) -> dt.datetime:
        try:
            return datemath.parse(text, self.options.now)
        except datemath.DateMathError as error:
            raise SearchQueryError(f"Invalid date in range: {error}") from None

    @staticmethod
    def _number(text: str) -> float:
        if not _NUMBER_RE.match(text):
            raise SearchQueryError(f"{text!r} is not a number")
        return float(text)
