"""The query planner: CKAN's search parameters as one SQL statement over the index table.

`build_search` turns what CKAN's PackageSearchQuery sends a Solr (q, fq/fq_list, defType with
qf/pf/mm/bf/boost, sort, facet.*, rows, start) into a `SearchPlan`: one statement whose single
row holds the number of hits, the page of (index_id, score) and each facet's counts.
`where_clause` compiles queries (compiler.py) into the condition on the table, for searching and
for delete-by-query. Parameters it does not know are refused, never ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ckan.lib.search.common import SearchQueryError
from ckan.plugins import toolkit as tk

from . import compiler, fields, functions, syntax
from .document import TABLE

_SORT_RE = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s+(asc|desc)\s*$", re.I)
_FIELD_NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")
_SUPPORTED_PARAMS = {
    "q", "fq", "fq_list", "rows", "start", "sort", "fl", "wt", "defType", "qf", "mm", "tie",
    "df", "q.op", "facet", "facet.field", "facet.limit", "facet.mincount", "facet.sort",
    "search_handler", "indent", "echoParams", "omitHeader", "bf", "boost", "pf", "ps", "qs",
}

MAX_INT = 2**31 - 1  # Solr's rows and start are 32-bit integers
# The hits of a free-text query are ranked on their full vector in blocks of this many, in the
# order of a coarse score (see build_search).
CANDIDATES = 200


def as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _as_int(name: str, value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SearchQueryError(f"Parameter {name} must be a whole number, not {value!r}") from None


def _qf(value: str | None) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in (value or "").split():
        name, _, boost = item.partition("^")
        try:
            weights[name] = float(boost) if boost else 1.0
        except ValueError:
            raise SearchQueryError(f"Invalid qf entry {item!r}") from None
    return weights


def _order_by(sort: str | None) -> tuple[list[str], list[str]]:
    """ORDER BY terms over the matched set `m`, and the columns (s0, s1, ...) of `m` they read."""
    order: list[str] = []
    columns: list[str] = []
    for item in (sort or "score desc").split(","):
        if not item.strip():
            continue
        match = _SORT_RE.match(item)
        if not match:
            raise SearchQueryError(
                f'Invalid "sort" parameter {item.strip()!r}: give a field and asc or desc, '
                'e.g. "metadata_modified desc"')
        name, direction = match.group(1), match.group(2).upper()
        if name == "score":
            order.append(f"m.score {direction}")
            continue
        column = f"s{len(columns)}"
        kind = fields.kind(name)
        if kind == fields.TEXT:  # analysed text sorts by its words, as the index has them
            columns.append(f"(d.texts->>'{name}') AS {column}")
        else:
            columns.append(f"(d.terms->'{name}'->>0) AS {column}")
        # dates are fixed-width UTC text in the index: text order is time order
        expression = (f"{compiler.TO_NUM}(m.{column})" if kind == fields.INT
                      else f'm.{column} COLLATE "C"')
        order.append(f"{expression} {direction} NULLS LAST")
    return order, columns


def _ranks_by_text(order: list[str], rank: str) -> bool:
    """Whether the page is chosen first by a free-text rank (ts_rank of the vector)."""
    return bool(order) and order[0] == "m.score DESC" and "d.tsv" in rank


@dataclass
class SearchPlan:
    """One search as a single SQL statement: hits, the page of (index_id, score), facets."""
    sql: str
    params: dict[str, Any]
    facet_fields: list[str]
    start: int


def build_search(q: str, kwargs: dict[str, Any],
                 limits: syntax.Limits = syntax.Limits()) -> SearchPlan:
    unknown = set(kwargs) - _SUPPORTED_PARAMS
    if unknown:
        raise SearchQueryError(
            "Search parameters not supported by the PostgreSQL search engine: "
            + ", ".join(sorted(unknown)))
    rows = _as_int("rows", kwargs.get("rows"), 10)
    start = _as_int("start", kwargs.get("start"), 0)
    if rows < 0 or start < 0:
        raise SearchQueryError("rows and start must not be negative")
    if rows > MAX_INT or start > MAX_INT:
        raise SearchQueryError(tk._("rows and start must be at most {limit}").format(limit=MAX_INT))
    filters = [f for value in (kwargs.get("fq"), kwargs.get("fq_list"))
               for f in as_list(value) if f and str(f).strip()]
    params: dict[str, Any] = {}
    options = dict(kwargs, is_q=True, now=dt.datetime.now(dt.timezone.utc), limits=limits)
    condition, rank = where_clause([q] + filters, options, params)
    added = functions.score_terms(kwargs.get("bf"), options["now"], "bf")
    if added:
        rank = f"(({rank})::float8 + " + " + ".join(added) + ")"
    for factor in functions.score_terms(kwargs.get("boost"), options["now"], "boost"):
        rank = f"(({rank})::float8 * {factor})"

    facet_fields = as_list(kwargs.get("facet.field")) \
        if str(kwargs.get("facet", "false")).lower() == "true" else []
    for name in facet_fields:
        if not _FIELD_NAME_RE.match(name):
            raise SearchQueryError(f"{name!r} is not a field name")
    facet_limit = _as_int("facet.limit", kwargs.get("facet.limit"), 100)
    facet_mincount = _as_int("facet.mincount", kwargs.get("facet.mincount"), 0)
    facet_by_index = str(kwargs.get("facet.sort", "count")).lower() == "index"

    order, sort_columns = _order_by(kwargs.get("sort"))
    facet_columns = ["tokens" if fields.kind(f) == fields.TEXT else "terms" for f in facet_fields]
    # a jsonb column that facets read is taken whole, so it is decompressed once per row
    facet_reads = [f"d.{c}" for c in sorted(set(facet_columns))]
    page_order = ", ".join(order + ["m.seq ASC"])
    offset = start
    if _ranks_by_text(order, rank):
        # Every hit is counted and given a coarse score on the row's own small vector of
        # title, name, tags, groups and organization words. In that order the hits fall into
        # blocks of CANDIDATES; within a block they are ordered by the full rank, so the order
        # is the same whichever page is asked, and the full vector (out of line) and the sort
        # fields are read only for the blocks of this page.
        first, last = start // CANDIDATES, (start + max(rows, 1) - 1) // CANDIDATES
        offset = start - first * CANDIDATES
        columns = ["d.index_id", "d.seq", f"{rank.replace('d.tsv', 'd.head')} AS coarse",
                   *facet_reads]
        ranked = ", ".join(["d.index_id", "d.seq", "c.block", f"{rank} AS score", *sort_columns])
        page_rows = f"""(SELECT {ranked} FROM (
                           SELECT x.index_id, {first} + (row_number() OVER (
                               ORDER BY x.coarse DESC, x.seq ASC) - 1) / {CANDIDATES} AS block
                           FROM (SELECT m.index_id, m.coarse, m.seq FROM m
                                 ORDER BY m.coarse DESC, m.seq ASC
                                 LIMIT {(last - first + 1) * CANDIDATES}
                                 OFFSET {first * CANDIDATES}) x) c
                         JOIN {TABLE} d USING (index_id)) m"""
        page_order = "m.block ASC, " + page_order
    else:
        columns = ["d.index_id", "d.seq", f"{rank} AS score", *sort_columns, *facet_reads]
        page_rows = "m"
    selects = [
        "(SELECT count(*) FROM m)",
        f"""(SELECT coalesce(json_agg(json_build_array(p.index_id, p.score)), '[]')
             FROM (SELECT m.index_id, m.score FROM {page_rows} ORDER BY {page_order}
                   LIMIT {rows} OFFSET {offset}) p)""",
    ]
    # a facet's values come from a set-returning function in the select list: as a lateral
    # join, PostgreSQL puts a cache keyed on the whole (compressed) column before it, which
    # every hit misses and which made five facets over 11,000 hits take 1.5 times as long
    for name, column in zip(facet_fields, facet_columns):
        limit = "" if facet_limit < 0 else f"LIMIT {facet_limit}"
        facet_order = 'v COLLATE "C"' if facet_by_index else 'c DESC, v COLLATE "C"'
        selects.append(
            f"""(SELECT coalesce(json_agg(json_build_array(x.v, x.c)), '[]') FROM (
                  SELECT v, count(*) AS c FROM (
                      SELECT jsonb_array_elements_text(m.{column}->'{name}') AS v FROM m) m
                  GROUP BY v HAVING count(*) >= {max(facet_mincount, 1)}
                  ORDER BY {facet_order} {limit}) x)""")
    sql = (f"WITH m AS MATERIALIZED (SELECT {', '.join(columns)} FROM {TABLE} d "
           f"WHERE {condition}) SELECT {', '.join(selects)}")
    return SearchPlan(sql, params, facet_fields, start)


def where_clause(queries: list[str], options: dict[str, Any],
                 params: dict[str, Any]) -> tuple[str, str]:
    """The WHERE condition of q (first, when options["is_q"]) and the filter queries, and the
    rank expression of q."""
    parts: list[str] = []
    rank = "0.0::float4"
    for i, text in enumerate(queries):
        is_q = bool(i == 0 and options.get("is_q"))
        sql, query_rank = _compile_one(str(text) if text is not None else "", options, params, is_q)
        if sql:
            parts.append(sql)
        if is_q:
            rank = query_rank
    return (" AND ".join(parts) or "TRUE"), rank


def _compile_one(text: str, options: dict[str, Any], params: dict[str, Any],
                 is_q: bool) -> tuple[str | None, str]:
    local, text = compiler.local_params(text)
    parser = local.pop("type", None) or (options.get("defType") if is_q else None) or "lucene"
    settings = {**options, **{k: v[-1] for k, v in local.items()}}
    if parser == "bool":
        return _bool_query(local, options, params), "0.0::float4"
    if parser not in ("lucene", "dismax", "edismax"):
        raise SearchQueryError(
            f"The {parser!r} query parser is not supported by the PostgreSQL search engine")
    text = text.strip() or (local.get("v") or [""])[-1].strip() or "*:*"
    mode = "dismax" if parser in ("dismax", "edismax") else "lucene"
    opts = compiler.Options(
        mode=mode, edismax=parser == "edismax",
        default_and=str(settings.get("q.op", "AND")).upper() != "OR",
        qf=_qf(settings.get("qf")) if mode == "dismax" else {},
        pf=_qf(settings.get("pf")) if mode == "dismax" else {},
        df=settings.get("df") or "text", mm=settings.get("mm"), now=options.get("now"))
    limits = options.get("limits") or syntax.Limits()
    comp = compiler.Compiler(opts, params)
    node = compiler.parse(text, "q" if is_q else "fq", limits, parser, is_q)
    try:
        return comp.compile(node), comp.rank_sql()
    except RecursionError:
        raise SearchQueryError(tk._("The search {param} is nested too deeply").format(
            param="q" if is_q else "fq")) from None


def _bool_query(clauses: dict[str, list[str]], options: dict[str, Any],
                params: dict[str, Any]) -> str:
    """Solr's {!bool must=.. should=.. must_not=.. filter=..}: each value a lucene query."""
    unknown = set(clauses) - {"must", "should", "must_not", "filter"}
    if unknown:
        raise SearchQueryError(f"Unknown bool query parameters: {', '.join(sorted(unknown))}")
    lucene = {k: v for k, v in options.items() if k != "defType"}

    def compiled(name: str) -> list[str]:
        return [sql for value in clauses.get(name, [])
                for sql in [_compile_one(value, lucene, params, False)[0]] if sql]

    parts = compiled("must") + compiled("filter")
    parts += [f"(NOT {sql})" for sql in compiled("must_not")]
    should = compiled("should")
    if should:
        parts.append("(" + " OR ".join(should) + ")")
    return "(" + " AND ".join(parts or ["TRUE"]) + ")"
