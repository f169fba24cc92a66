"""Solr function queries for the `bf` (added to the score) and `boost` (multiplies it)
parameters that CKAN passes through: numeric fields, constants, NOW and date math, and the
functions sites use for recency, e.g. `recip(ms(NOW,metadata_modified),3.16e-11,1,1)`.

A function outside this set is left out with a logged warning, never an error: CKAN sends
these parameters, and a ranking hint must not break a search.
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import re
from typing import Any, Callable

from . import datemath, fields

log = logging.getLogger(__name__)

TO_TS = "transparency_search.to_ts"
TO_NUM = "transparency_search.to_num"
_TOKEN_RE = re.compile(r"\s*(?:(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|"
                       r"(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*(?:/[A-Z]+)?(?:[+-]\d+[A-Z]+)*)|"
                       r"(?P<punct>[(),]))")
_FUNCTIONS: dict[str, tuple[int, int, Callable[..., str]]] = {
    # name: (least, most arguments, SQL)
    "recip": (4, 4, lambda x, m, a, b: f"({a} / nullif({m} * {x} + {b}, 0))"),
    "ms": (1, 2, lambda a, b="0": f"({a} - {b})"),
    "log": (1, 1, lambda x: f"log(greatest({x}, 1e-300))"),
    "ln": (1, 1, lambda x: f"ln(greatest({x}, 1e-300))"),
    "sqrt": (1, 1, lambda x: f"sqrt(greatest({x}, 0))"),
    "abs": (1, 1, lambda x: f"abs({x})"),
    "linear": (3, 3, lambda x, m, c: f"({m} * {x} + {c})"),
    "sum": (1, 20, lambda *xs: "(" + " + ".join(xs) + ")"),
    "add": (1, 20, lambda *xs: "(" + " + ".join(xs) + ")"),
    "product": (1, 20, lambda *xs: "(" + " * ".join(xs) + ")"),
    "mul": (1, 20, lambda *xs: "(" + " * ".join(xs) + ")"),
    "div": (2, 2, lambda a, b: f"({a} / nullif({b}, 0))"),
    "max": (1, 20, lambda *xs: "greatest(" + ", ".join(xs) + ")"),
    "min": (1, 20, lambda *xs: "least(" + ", ".join(xs) + ")"),
}


class Unsupported(ValueError):
    pass


class _Parser:
    def __init__(self, text: str, now: dt.datetime):
        self.tokens = self._tokenize(text)
        self.position = 0
        self.now = now

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens, position = [], 0
        while position < len(text.rstrip()):
            match = _TOKEN_RE.match(text, position)
            if not match:
                raise Unsupported(f"cannot read {text[position:]!r}")
            kind = match.lastgroup
            tokens.append((kind, match.group(kind)))
            position = match.end()
        return tokens

    def _next(self) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise Unsupported("unexpected end")
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> str:
        kind, value = self._next()
        if kind == "number":
            number = float(value)
            if not math.isfinite(number):
                raise Unsupported(f"{value} is out of range")
            return repr(number)
        if kind != "name":
            raise Unsupported(f"unexpected {value!r}")
        if self.position < len(self.tokens) and self.tokens[self.position] == ("punct", "("):
            self.position += 1
            arguments = [self.expression()]
            while self._next() == ("punct", ","):
                arguments.append(self.expression())
            self.position -= 1
            if self._next() != ("punct", ")"):
                raise Unsupported("missing )")
            return self._function(value, arguments)
        if value.upper().startswith("NOW"):
            try:
                instant = datemath.parse(value.upper(), self.now)
            except datemath.DateMathError as error:
                raise Unsupported(str(error)) from None
            return repr(instant.timestamp() * 1000)
        return self._field(value)

    @staticmethod
    def _function(name: str, arguments: list[str]) -> str:
        if name not in _FUNCTIONS:
            raise Unsupported(f"function {name}() is not supported")
        least, most, sql = _FUNCTIONS[name]
        if not least <= len(arguments) <= most:
            raise Unsupported(f"{name}() takes {least} to {most} arguments")
        return sql(*arguments)

    @staticmethod
    def _field(name: str) -> str:
        value = f"(d.terms->'{name}'->>0)"
        if fields.kind(name) == fields.DATE:
            return f"coalesce(extract(epoch from {TO_TS}({value})) * 1000, 0)"
        return f"coalesce({TO_NUM}({value}), 0)"

    def parse(self) -> str:
        sql = self.expression()
        if self.position != len(self.tokens):
            raise Unsupported("unexpected text after the function")
        return sql


def _split(value: str) -> list[tuple[str, float]]:
    """Space-separated functions, each with an optional ^boost (spaces inside () kept)."""
    items, depth, current = [], 0, ""
    for c in value:
        depth += c == "("
        depth -= c == ")"
        if c.isspace() and depth == 0:
            items.append(current)
            current = ""
        else:
            current += c
    items.append(current)
    found = []
    for item in filter(None, items):
        function, _, boost = item.rpartition("^") if re.search(r"\^[\d.]+$", item) else (item, "", "")
        found.append((function, float(boost) if boost else 1.0))
    return found


def score_terms(values: Any, now: dt.datetime, param: str) -> list[str]:
    """SQL expressions (float) for the functions of `bf` or `boost`; the ones not supported
    are logged and left out."""
    expressions = []
    for value in values if isinstance(values, (list, tuple)) else [values]:
        for function, weight in _split(str(value or "")):
            try:
                sql = _Parser(function, now).parse()
            except (Unsupported, ValueError, RecursionError) as error:
                log.warning("Search: %s=%r left out (%s)", param, function[:200], error)
                continue
            expressions.append(f"({sql})::float8 * {weight!r}" if weight != 1.0 else f"({sql})::float8")
    return expressions
