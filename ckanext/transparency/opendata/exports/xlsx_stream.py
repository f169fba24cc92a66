"""A streaming XLSX writer: rows go out as they are written, in constant memory.

Worksheets with inline strings (no shared-string table to hold in memory), numbers as
numbers and dates as Excel dates; the ZIP container is written to a non-seekable stream (data
descriptors), so every chunk can be sent to the client at once. Files open in Excel, LibreOffice
and openpyxl.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from typing import Iterable, Iterator, Sequence

_EPOCH = dt.date(1899, 12, 30).toordinal()
# what a text cell cannot carry as it is: XML's special characters and the control characters
# XML 1.0 forbids (other than tab, newline, return)
_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

TEXT, NUMBER, DATE = "text", "number", "date"
# numbers written by the database as text (a CSV page): trusted, written as they are
DB_NUMBER = "db-number"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '{sheets}'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')
SHEET_CONTENT_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets>{sheets}</sheets></workbook>')
WORKBOOK_SHEET = '<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '{sheets}'
    '<Relationship Id="rId0" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>')
WORKBOOK_SHEET_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>')
# style 0: default; 1: bold (header); 2: date (yyyy-mm-dd)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
# the header row stays in view while scrolling
FROZEN_HEADER = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>')
SHEET_DATA = '<sheetData>'
SHEET_END = '</sheetData></worksheet>'


def escape(value) -> str:
    text = value if isinstance(value, str) else str(value)
    if not _SPECIAL.search(text):
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _FORBIDDEN.sub("", text.replace('"', "&quot;"))


def _date_serial(value) -> str | None:
    try:
        return str(dt.date.fromisoformat(str(value)[:10]).toordinal() - _EPOCH)
    except ValueError:
        return None


def _number_text(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    try:
        float(value)
    except (TypeError, ValueError):
        return None
    return str(value)


def _text_cell(value) -> str:
    if value is None:
        return "<c/>"
    return f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _number_cell(value) -> str:
    if value is None or value == "":
        return "<c/>"
    text = _number_text(value)
    return f"<c><v>{text}</v></c>" if text is not None else _text_cell(value)


def _date_cell(value) -> str:
    if not value:
        return "<c/>"
    serial = _date_serial(value)
    return f'<c s="2"><v>{serial}</v></c>' if serial is not None else _text_cell(value)


def _db_number_cell(value) -> str:
    return f"<c><v>{value}</v></c>" if value else "<c/>"


_CELLS = {TEXT: _text_cell, NUMBER: _number_cell, DATE: _date_cell, DB_NUMBER: _db_number_cell}


def _check_kinds(kinds: Sequence[str]) -> None:
    unknown = set(kinds) - set(_CELLS)
    if unknown:
        raise ValueError(f"unknown cell kinds: {sorted(unknown)}")


def row_writer(kinds: Sequence[str]):
    """A function (rows, last row number) -> (XML of the rows, new last row number).

    One function call per cell: fine for exports of thousands of rows. Large tables go through
    `csv_page_writer`, which formats whole rows at once."""
    _check_kinds(kinds)
    cells = [_CELLS[kind] for kind in kinds]

    def write(rows, number):
        out = []
        for row in rows:
            number += 1
            out.append(f'<row r="{number}">'
                       + "".join([cell(value) for cell, value in zip(cells, row)]) + "</row>")
        return "".join(out), number

    return write


class _Pipe(io.RawIOBase):
    """A write-only, non-seekable stream whose written bytes are collected and drained."""

    def __init__(self):
        super().__init__()
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise io.UnsupportedOperation("not seekable")

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


_CSV_TEMPLATES = {
    TEXT: '<c t="inlineStr"><is><t>%s</t></is></c>',
    DB_NUMBER: "<c><v>%s</v></c>",
    DATE: '<c t="d" s="2"><v>%s</v></c>',  # ISO 8601 date cells (ECMA-376 ST_CellType "d")
}
_EMPTY_CELLS = ('<c t="inlineStr"><is><t></t></is></c>', "<c><v></v></c>",
                '<c t="d" s="2"><v></v></c>')


def csv_page_writer(kinds: Sequence[str], chunk_rows: int = 1000):
    """A function (CSV text of a page of rows, as PostgreSQL's COPY writes it; last row number)
    -> iterator of (XML of up to `chunk_rows` rows, last row number so far).

    The whole page is escaped at once and each row is one %-format: the per-cell work of
    `row_writer` is what makes a large download slow. XML goes out in small chunks, so that a
    page's rows are not held as XML all at once."""
    template = ('<row r="%d">' + "".join(_CSV_TEMPLATES.get(k, _CSV_TEMPLATES[TEXT])
                                         for k in kinds) + "</row>")
    width = len(kinds)

    def finish(out: list[str]) -> str:
        xml = "".join(out)
        out.clear()
        for empty in _EMPTY_CELLS:
            xml = xml.replace(empty, "<c/>")
        return xml

    def write(text: str, number: int) -> Iterator[tuple[str, int]]:
        if _SPECIAL.search(text):
            text = _FORBIDDEN.sub("", text.replace("&", "&amp;").replace("<", "&lt;")
                                  .replace(">", "&gt;"))
        if '"' in text:
            rows = csv.reader(io.StringIO(text, newline=""))
        else:
            rows = (line.split(",") for line in text.split("\n") if line)
        del text
        out: list[str] = []
        for row in rows:
            if len(row) != width:
                row = (row + [""] * width)[:width]
            number += 1
            out.append(template % (number, *row))
            if len(out) >= chunk_rows:
                yield finish(out), number
        if out:
            yield finish(out), number

    return write


@dataclasses.dataclass
class Sheet:
    """One worksheet: a bold header row (none when `headers` is empty), then the rows of every
    page. `kinds` gives each column's kind (TEXT, NUMBER, DATE, DB_NUMBER). Pages are lists of
    rows of values, or with `csv_pages` CSV texts as PostgreSQL's COPY writes them."""
    name: str
    kinds: Sequence[str]
    pages: Iterable
    headers: Sequence[str] = ()
    csv_pages: bool = False


def workbook(sheets: Sequence[Sheet], chunk_rows: int = 2000) -> Iterator[bytes]:
    """XLSX bytes, chunk by chunk. What could fail is checked here, before the first byte: a
    download either is a valid file or gets an error status."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    names = [escape(s.name.replace("/", " ")[:31]) or f"Sheet{n}"
             for n, s in enumerate(sheets, 1)]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names repeat: {names}")
    for sheet in sheets:
        _check_kinds(sheet.kinds)
        if sheet.headers and len(sheet.headers) != len(sheet.kinds):
            raise ValueError(f"sheet {sheet.name}: {len(sheet.headers)} headers for "
                             f"{len(sheet.kinds)} columns")
    return _chunks(sheets, names, chunk_rows)


def _chunks(sheets: Sequence[Sheet], names: list[str], chunk_rows: int) -> Iterator[bytes]:
    pipe = _Pipe()
    book = zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
    numbers = range(1, len(sheets) + 1)
    parts = (
        ("[Content_Types].xml", CONTENT_TYPES.format(
            sheets="".join(SHEET_CONTENT_TYPE.format(n=n) for n in numbers))),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK.format(sheets="".join(
            WORKBOOK_SHEET.format(name=name, n=n) for n, name in zip(numbers, names)))),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(
            sheets="".join(WORKBOOK_SHEET_REL.format(n=n) for n in numbers))),
        ("xl/styles.xml", STYLES))
    for path, text in parts:
        book.writestr(path, text)
    for n, sheet in zip(numbers, sheets):
        part = book.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True)
        yield from _sheet_chunks(sheet, part, pipe, chunk_rows)
        part.close()
    book.close()
    yield pipe.drain()


def _sheet_chunks(sheet: Sheet, part, pipe: _Pipe, chunk_rows: int) -> Iterator[bytes]:
    start = SHEET_START
    number = 0
    if sheet.headers:
        header = "".join(f'<c t="inlineStr" s="1"><is><t>{escape(h)}</t></is></c>'
                         for h in sheet.headers)
        start += FROZEN_HEADER + SHEET_DATA + f'<row r="1">{header}</row>'
        number = 1
    else:
        start += SHEET_DATA
    part.write(start.encode())
    yield pipe.drain()
    if sheet.csv_pages:
        write_csv = csv_page_writer(sheet.kinds)
        for text in sheet.pages:
            for xml, number in write_csv(text, number):
                part.write(xml.encode())
                yield pipe.drain()
    else:
        write = row_writer(sheet.kinds)
        for page in sheet.pages:
            for offset in range(0, len(page), chunk_rows):
                xml, number = write(page[offset:offset + chunk_rows], number)
                part.write(xml.encode())
                yield pipe.drain()
    part.write(SHEET_END.encode())


def stream(headers: Sequence[str], kinds: Sequence[str], pages: Iterable,
           sheet_name: str = "Data", chunk_rows: int = 2000,
           csv_pages: bool = False) -> Iterator[bytes]:
    """A workbook of one sheet with a header row (see `Sheet`)."""
    return workbook([Sheet(sheet_name, kinds, pages, headers, csv_pages)], chunk_rows)
