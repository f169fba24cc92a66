"""Queries parsed and compiled on several threads at once (a web worker's threads, a jobs
worker) come out as they do one at a time: luqum's parser keeps its lexer's state per thread."""
from __future__ import annotations

import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor

from ckanext.transparency.search import compiler, planner

NOW = dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc)
QUERIES = [
    ("budget AND (moliya OR xarajat) -draft", {"defType": "edismax", "qf": "title^4 text"}),
    ('title:"byudjet ijrosi" +tags:budget', {}),
    ("metadata_modified:[NOW-1YEAR TO NOW] AND num_resources:{0 TO 10]", {}),
    ("organization:finance && !tags:private || groups:economy", {}),
    ("name:bud* AND notes:/xar.*/", {}),
    ("Мурожаатлар статистикаси ойлар бўйича", {"defType": "dismax", "qf": "title notes",
                                                "mm": "2<-1"}),
]


def _compiled(query: str, settings: dict) -> tuple[tuple[str, str], dict]:
    params: dict = {}
    options = dict(settings, is_q=True, now=NOW)
    return planner.where_clause([query], options, params), params


def test_parsing_and_compiling_on_threads_at_once_gives_what_one_thread_gives():
    expected = [_compiled(q, s) for q, s in QUERIES]
    trees = [repr(compiler.parse(q, "q", parser=s.get("defType", "lucene"))) for q, s in QUERIES]
    work = [i % len(QUERIES) for i in range(60 * len(QUERIES))]

    def both(i: int) -> tuple[str, tuple]:
        query, settings = QUERIES[i]
        return (repr(compiler.parse(query, "q", parser=settings.get("defType", "lucene"))),
                _compiled(query, settings))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(both, work))
    finally:
        sys.setswitchinterval(interval)
    assert len({query for query, _ in QUERIES}) == len(QUERIES)
    for i, (tree, compiled) in zip(work, results):
        assert tree == trees[i], QUERIES[i][0]
        assert compiled == expected[i], QUERIES[i][0]
