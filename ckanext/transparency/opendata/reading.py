"""Reading an uploaded data file (CSV or XLSX) into a header and rows of cells.

CSV text is decoded as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1251 when
the bytes are not UTF-8 and decode to Cyrillic text; never as cp1252 or any other guess.
"""
from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import re
import zipfile
from typing import Any

import ckan.plugins.toolkit as tk

CSV, XLSX = "CSV", "XLSX"
UTF8, UTF8_BOM, UTF16, CP1251 = "utf-8", "utf-8-sig", "utf-16", "cp1251"


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why, in the editor's language."""


@dataclasses.dataclass
class RawTable:
    headers: list[str]
    rows: list[list[Any]]
    format: str
    encoding: str | None = None


def detect_format(filename: str, declared: str | None = None, data: bytes = b"") -> str | None:
    """CSV, XLSX or None (not a file the table schemas apply to)."""
    declared = (declared or "").strip().upper()
    if data[:4] == b"PK\x03\x04" or declared == XLSX or filename.lower().endswith(".xlsx"):
        return XLSX
    if declared in (CSV, "TSV", "TEXT/CSV") or filename.lower().endswith((".csv", ".tsv",
                                                                        ".txt")):
        return CSV
    return None


_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")


def _is_cyrillic_text(text: str) -> bool:
    """Whether bytes read as Windows-1251 give Cyrillic words. Latin-1 or cp1252 text read so
    gives Cyrillic letters inside Latin words ("Café" -> "Cafй"), which real Cyrillic text
    does not have."""
    words = [w for w in _WORD.findall(text) if _CYRILLIC.search(w)]
    if not words:
        return False
    mixed = sum(1 for w in words if _LATIN.search(w))
    return mixed <= 0.05 * len(words)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), UTF8_BOM
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), UTF16
        if b"\x00" not in data:
            try:
                return data.decode("utf-8"), UTF8
            except UnicodeDecodeError:
                text = data.decode("cp1251")
                if _is_cyrillic_text(text):
                    return text, CP1251
    except UnicodeDecodeError:
        pass
    raise UnreadableFile(tk._(
        "The file could not be read as text: save it as CSV in UTF-8 (recommended) or "
        "Windows-1251 and upload it again."))


def _delimiter(text: str) -> str:
    sample = text[:8192]
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(data: bytes) -> RawTable:
    text, encoding = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [row for row in reader]
    except csv.Error as error:
        raise UnreadableFile(tk._("The CSV file is malformed: {error}").format(error=error))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile(tk._("The file is empty."))
    return RawTable([h.strip() for h in rows[0]], rows[1:], CSV, encoding)


def read_xlsx(data: bytes) -> RawTable:
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        raise UnreadableFile(tk._("The file is not a readable Excel (XLSX) workbook."))
    while rows and all(c is None or str(c).strip() == "" for c in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile(tk._("The file is empty."))
    headers = rows[0]
    while headers and headers[-1] is None:
        headers.pop()
    return RawTable(["" if h is None else str(h).strip() for h in headers],
                    [row[:len(headers)] + [None] * (len(headers) - len(row))
                     for row in rows[1:]], XLSX)


def read(data: bytes, file_format: str) -> RawTable:
    return read_xlsx(data) if file_format == XLSX else read_csv(data)
