"""What happens to a query text before luqum parses it, and the limits a query must keep.

- Solr's `&&`, `||` and `!` become AND, OR and NOT (luqum reads them as words).
- The dismax parser is forgiving, as Solr's DisMaxQParser is: unbalanced quotes are dropped,
  dangling or doubled `+`/`-` removed, and the other special characters escaped, so that
  `(water`, `budget [draft]` or `budget?` are plain words. Unlike Solr a trailing `*` stays a
  prefix search.
- A query longer than max_query_length, nested deeper than max_depth, with more than
  max_clauses terms, a word over max_word_length characters or a NUL character is refused with
  a SearchQueryError that says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from luqum import tree

from ckan.lib.search.common import SearchQueryError
from ckan.plugins import toolkit as tk


@dataclass(frozen=True)
class Limits:
    max_query_length: int = 5000
    max_depth: int = 50
    max_clauses: int = 1024
    max_word_length: int = 255


_SYMBOLS = {"&&": " AND ", "||": " OR ", "!": " NOT "}
_DISMAX_ESCAPED = set('\\!():^[]{}~?/')
_CONSECUTIVE_OPERATORS_RE = re.compile(r"\s+[+-](?:\s*[+-]+)+")
_DANGLING_OPERATORS_RE = re.compile(r"\s+[-+\s]+$")


def rewrite_symbols(text: str) -> str:
    """&&, || and ! outside phrases, regular expressions and escapes, as words luqum reads."""
    out: list[str] = []
    i, n = 0, len(text)
    at_term_start = True
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            out.append(text[i:i + 2])
            i += 2
            at_term_start = False
            continue
        if c == '"' or (c == "/" and at_term_start):
            end = i + 1
            while end < n and text[end] != c:
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
            at_term_start = False
            continue
        symbol = text[i:i + 2] if text[i:i + 2] in _SYMBOLS else c if c == "!" else None
        if symbol:
            out.append(_SYMBOLS[symbol])
            i += len(symbol)
            at_term_start = True
            continue
        out.append(c)
        at_term_start = c.isspace() or c in "(+-:"
        i += 1
    return "".join(out)


def dismax_escape(text: str) -> str:
    """Solr's DisMaxQParser: strip unbalanced quotes, escape the special characters but
    + - " (and, here, *), drop doubled and dangling + and -."""
    if text.count('"') % 2:
        text = text.replace('"', "")
    escaped = "".join("\\" + c if c in _DISMAX_ESCAPED else c for c in text)
    escaped = _CONSECUTIVE_OPERATORS_RE.sub(" ", escaped)
    return _DANGLING_OPERATORS_RE.sub("", escaped)


def check_text(text: str, param: str, limits: Limits, is_q: bool) -> None:
    if "\x00" in text:
        raise SearchQueryError(tk._("The search {param} contains a NUL character").format(
            param=param))
    if is_q and len(text) > limits.max_query_length:
        raise SearchQueryError(
            tk._("The search {param} is {length} characters long; at most {limit} are allowed")
            .format(param=param, length=len(text), limit=limits.max_query_length))
    depth = deepest = 0
    escaped = False
    for c in text:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth -= 1
    if deepest > limits.max_depth:
        raise SearchQueryError(
            tk._("The search {param} nests parentheses {depth} deep; at most {limit} levels are "
                 "allowed").format(param=param, depth=deepest, limit=limits.max_depth))


def check_tree(node: tree.Item, param: str, limits: Limits) -> None:
    """Depth, number of terms and word length of a parsed query, without recursion."""
    stack = [(node, 1)]
    terms = 0
    while stack:
        item, depth = stack.pop()
        if depth > limits.max_depth:
            raise SearchQueryError(
                tk._("The search {param} nests operators more than {limit} deep").format(
                    param=param, limit=limits.max_depth))
        if isinstance(item, (tree.Word, tree.Phrase, tree.Regex)):
            terms += 1
            if terms > limits.max_clauses:
                raise SearchQueryError(
                    tk._("The search {param} has more than {limit} terms").format(
                        param=param, limit=limits.max_clauses))
            longest = max((len(w) for w in re.split(r"\s+", item.value)), default=0)
            if longest > limits.max_word_length:
                raise SearchQueryError(
                    tk._("A word of {length} characters in the search {param} is too long; at "
                         "most {limit} characters are allowed").format(
                        length=longest, param=param, limit=limits.max_word_length))
        stack.extend((child, depth + 1) for child in item.children)
