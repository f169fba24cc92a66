"""Reading an uploaded data file (CSV or XLSX) into a header and a stream of rows.

What a file is comes from its content (and its declared format), never from its name. Sizes are
checked before anything is parsed: the file against `ckan.max_resource_size`, an XLSX's
unpacked size and row count from its zip directory and sheet dimension against
`ckanext.transparency.opendata.xlsx_max_unpacked_mb` and `max_rows`. Rows are then read one at a
time, so memory does not grow with the file.

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
from typing import IO, Any, Iterator

import ckan.plugins.toolkit as tk
from openpyxl import load_workbook

CSV, XLSX = "CSV", "XLSX"
UTF8, UTF8_BOM, UTF16, CP1251 = "utf-8", "utf-8-sig", "utf-16", "cp1251"
MB = 1024 * 1024
CHUNK = MB
CYRILLIC_SAMPLE = MB  # Windows-1251 is told from other 8-bit text by this much of it
MAX_COLUMNS = 256

_ZIP, _OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCUMENTS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")  # documentation, not data
_MARKUP = (b"<!doctype html", b"<html", b"<?xml")  # web pages and XML, not tables
DATA_FORMATS = {"CSV", "TSV", "TEXT/CSV", "TXT", "XLSX", "XLS"}


class UnreadableFile(Exception):
    """The file cannot be read or is refused; the message says why, in the editor's language."""


@dataclasses.dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int

    @classmethod
    def from_config(cls) -> "Limits":
        return cls(max_bytes=tk.config.get("ckan.max_resource_size") * MB,
                   max_rows=tk.config.get("ckanext.transparency.opendata.max_rows"),
                   max_unpacked_bytes=tk.config.get(
                       "ckanext.transparency.opendata.xlsx_max_unpacked_mb") * MB)


@dataclasses.dataclass
class RawTable:
    headers: list[str]
    rows: Iterator[list[Any]]
    format: str
    encoding: str | None = None


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}"


def size_of(stream: IO[bytes]) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def file_kind(stream: IO[bytes], declared: str | None = None) -> str | None:
    """CSV, XLSX, or None for documentation (PDF, images, office documents) that no table
    schema applies to. A file declared as data whose content is not, or whose content is
    neither data nor a known kind of document, is refused."""
    declared = (declared or "").strip().upper()
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(_ZIP):
        try:
            names = set(zipfile.ZipFile(stream).namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            stream.seek(0)
        if "xl/workbook.xml" in names:
            return XLSX
        if declared in DATA_FORMATS or not names:
            raise UnreadableFile(tk._("The file is not a readable Excel (XLSX) workbook."))
        return None  # a Word, OpenDocument or other office document
    if head.startswith(_OLE2):
        if declared in ("DOC", "PPT"):
            return None
        raise UnreadableFile(tk._(
            "The file is an old Excel (XLS) or other legacy Office file: save it as XLSX or "
            "CSV and upload it again."))
    text_start = stream.read(512).removeprefix(codecs.BOM_UTF8).lstrip().lower()
    stream.seek(0)
    if head.startswith(_DOCUMENTS) or text_start.startswith(_MARKUP):
        if declared in DATA_FORMATS:
            raise UnreadableFile(tk._(
                "The file is declared as {format} but is not a table: upload a CSV or XLSX "
                "file.").format(format=declared))
        return None
    return CSV  # text, or refused as unreadable when it is read


def check_size(stream: IO[bytes], limits: Limits) -> None:
    size = size_of(stream)
    if size > limits.max_bytes:
        raise UnreadableFile(tk._(
            "The file is {size} MB; files of up to {limit} MB are accepted.").format(
                size=_megabytes(size), limit=_megabytes(limits.max_bytes)))


def open_table(stream: IO[bytes], kind: str, limits: Limits) -> RawTable:
    """The header of the file and an iterator over its rows (as numbered in the file from 2),
    trailing blank rows left out. The iterator raises UnreadableFile past `limits.max_rows`."""
    check_size(stream, limits)
    return open_xlsx(stream, limits) if kind == XLSX else open_csv(stream, limits)


def _too_many_rows(limits: Limits) -> UnreadableFile:
    return UnreadableFile(tk._(
        "The file has more than {limit} rows of data; split it or ask the portal's "
        "administrators to raise the limit.").format(limit=limits.max_rows))


def _without_trailing_blanks(rows: Iterator[list[Any]], limits: Limits) -> Iterator[list[Any]]:
    """The rows up to the last one with a value; blank rows are counted, not kept, until a
    row with a value follows them."""
    blanks = count = 0
    for row in rows:
        if not any(c is not None and str(c).strip() for c in row):
            blanks += 1
            continue
        count += blanks + 1
        if count > limits.max_rows:
            raise _too_many_rows(limits)
        for _ in range(blanks):
            yield []
        blanks = 0
        yield row


# --- CSV -------------------------------------------------------------------------------------

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


def _not_text() -> UnreadableFile:
    return UnreadableFile(tk._(
        "The file could not be read as text: save it as CSV in UTF-8 (recommended) or "
        "Windows-1251 and upload it again."))


def detect_encoding(stream: IO[bytes]) -> str:
    """The encoding of a CSV file, read chunk by chunk (the stream is left at its start)."""
    head = stream.read(4)
    stream.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        encoding = UTF8_BOM
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = UTF16
    else:
        encoding = UTF8
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            if encoding != UTF16 and b"\x00" in chunk:
                raise _not_text()
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return encoding
    except UnicodeDecodeError:
        if encoding != UTF8:
            raise _not_text()
        stream.seek(0)
        if _is_cyrillic_text(stream.read(CYRILLIC_SAMPLE).decode(CP1251, errors="replace")):
            return CP1251
        raise _not_text()
    finally:
        stream.seek(0)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def open_csv(stream: IO[bytes], limits: Limits) -> RawTable:
    encoding = detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    delimiter = _delimiter(text.readline())
    text.seek(0)
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[list[str]]:
        try:
            yield from reader
        except csv.Error as error:
            raise UnreadableFile(tk._("The CSV file is malformed: {error}").format(error=error))

    lines = rows()
    headers = next(lines, None)
    if headers is None:
        text.detach()
        raise UnreadableFile(tk._("The file is empty."))

    def data() -> Iterator[list[str]]:
        try:
            yield from _without_trailing_blanks(lines, limits)
        finally:
            text.detach()  # the upload's stream stays open for CKAN to store it
            stream.seek(0)

    return RawTable([h.strip() for h in headers], data(), CSV, encoding)


# --- XLSX ------------------------------------------------------------------------------------

def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(tk._("The file is not a readable Excel (XLSX) workbook."))


def check_workbook(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a workbook whose zip directory says it unpacks to more than the limit, before
    any of it is unpacked."""
    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(stream).infolist())
    except zipfile.BadZipFile:
        raise _not_a_workbook()
    finally:
        stream.seek(0)
    if unpacked > limits.max_unpacked_bytes:
        raise UnreadableFile(tk._(
            "The workbook unpacks to {size} MB; workbooks of up to {limit} MB unpacked are "
            "accepted. Save the data as CSV, or split it.").format(
                size=_megabytes(unpacked), limit=_megabytes(limits.max_unpacked_bytes)))


def open_xlsx(stream: IO[bytes], limits: Limits) -> RawTable:
    check_workbook(stream, limits)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        raise _not_a_workbook()
    if sheet.max_row is not None and sheet.max_row - 1 > limits.max_rows:
        book.close()
        raise _too_many_rows(limits)
    if sheet.max_column is not None and sheet.max_column > MAX_COLUMNS:
        book.close()
        raise UnreadableFile(tk._("The sheet has more than {limit} columns.").format(
            limit=MAX_COLUMNS))
    sheet.reset_dimensions()  # a sheet's stated size may be wrong: rows are counted as read
    try:
        headers = list(next(sheet.iter_rows(max_row=1, values_only=True), None) or [])
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, EOFError):
        book.close()
        raise _not_a_workbook()
    while headers and headers[-1] is None:
        headers.pop()
    if not headers:
        book.close()
        raise UnreadableFile(tk._("The file is empty."))
    if len(headers) > MAX_COLUMNS:
        book.close()
        raise UnreadableFile(tk._("The sheet has more than {limit} columns.").format(
            limit=MAX_COLUMNS))

    def cells() -> Iterator[list[Any]]:
        # cells right of the header are not read: no row is wider than the header
        try:
            for row in sheet.iter_rows(min_row=2, max_col=len(headers), values_only=True):
                yield list(row)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, EOFError):
            raise _not_a_workbook()

    lines = cells()

    def data() -> Iterator[list[Any]]:
        try:
            for row in _without_trailing_blanks(lines, limits):
                yield row[:len(headers)] + [None] * (len(headers) - len(row))
        finally:
            book.close()
            stream.seek(0)

    return RawTable(["" if h is None else str(h).strip() for h in headers], data(), XLSX)
