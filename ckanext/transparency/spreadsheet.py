"""Cells a spreadsheet program must not run: every CSV, TSV and XLSX file the portal writes
passes its text through `safe_cell` (OWASP, "CSV injection")."""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """`value`, or text that a spreadsheet would read as a formula behind a single quote.
    Numbers, and text that is only a number ("-5"), stay as they are."""
    if (isinstance(value, str) and value.startswith(FORMULA_START)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def _risky(delimiter: str) -> re.Pattern:
    starts = re.escape("".join(FORMULA_START))
    return re.compile(f'(?:^|[{re.escape(delimiter)}\\n])"?[{starts}]')


_RISKY = {",": _risky(","), "\t": _risky("\t")}


def safe_delimited(text: str, delimiter: str, text_columns: Iterable[bool]) -> str:
    """A page of delimited rows as PostgreSQL's COPY writes them (CSV, or CSV with tabs), its
    text columns made safe. A page without a suspect cell comes back unchanged."""
    if not _RISKY[delimiter].search(text):
        return text
    texts = list(text_columns)
    special = (delimiter, '"', "\n", "\r")  # what COPY quotes (csv.writer leaves a lone CR)

    def field(value: str) -> str:
        if any(c in value for c in special):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(
        delimiter.join(field(safe_cell(v) if i >= len(texts) or texts[i] else v)
                       for i, v in enumerate(row)) + "\n"
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
