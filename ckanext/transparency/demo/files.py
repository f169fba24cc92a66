"""Writing a demo table as a file: CSV (UTF-8, UTF-8 with BOM, or Windows-1251 as local offices
send them) or XLSX (openpyxl). The bytes depend only on the table and the options, so every run
produces identical files."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Sequence
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ckanext.transparency.i18n.transliterate import for_cp1251

from .tables import DATE, DECIMAL, INT, MONEY, PERCENT, Column, Table

CSV, XLSX = "CSV", "XLSX"
UTF8, UTF8_BOM, CP1251 = "utf-8", "utf-8-sig", "cp1251"
MIMETYPES = {
    CSV: "text/csv",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Timestamp written into XLSX packages, so that a file does not change from run to run.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)


@dataclasses.dataclass(frozen=True)
class FileSpec:
    """How one resource's file is written."""
    filename: str
    format: str = CSV
    encoding: str = UTF8
    delimiter: str = ","
    date_format: str = "%Y-%m-%d"

    @property
    def mimetype(self) -> str:
        return MIMETYPES[self.format]


def _text(column: Column, value: Any, date_format: str) -> str:
    if value is None or value == "":
        return ""
    if column.kind in (PERCENT, DECIMAL):
        return f"{value:.1f}"
    if column.kind in (INT, MONEY):
        return str(int(value))
    if column.kind == DATE:
        return value.strftime(date_format)
    return str(value)


def csv_bytes(table: Table, spec: FileSpec) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=spec.delimiter, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_text(c, v, spec.date_format) for c, v in zip(table.columns, row)])
    text = out.getvalue()
    if spec.encoding == CP1251:
        # strict: a character the code page lacks is a bug in the demo, not something to hide
        return for_cp1251(text).encode(CP1251)
    return text.encode(spec.encoding)


NUMBER_FORMATS = {MONEY: "#,##0", INT: "0", PERCENT: "0.0", DECIMAL: "0.0"}


def xlsx_bytes(table: Table, spec: FileSpec, about: Sequence[str] = ()) -> bytes:

    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet[:31]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_format = "DD.MM.YYYY" if spec.date_format.startswith("%d") else "YYYY-MM-DD"
    for row in table.rows:
        sheet.append([None if v == "" else v for v in row])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        number_format = date_format if column.kind == DATE else NUMBER_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        longest = max([len(column.name)] + [len(_text(column, r[index - 1], spec.date_format))
                                            for r in table.rows[:200]])
        sheet.column_dimensions[letter].width = min(60, longest + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if about:
        notes = book.create_sheet("Izoh")
        for line in about:
            notes.append([line])
        notes.column_dimensions["A"].width = 100
    book.properties.creator = book.properties.lastModifiedBy = "Ochiq maʼlumotlar portali"
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip_times(out.getvalue())


_MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip_times(package: bytes) -> bytes:
    """The same package with every date set to FIXED_TIME: zip entries carry the write time,
    and openpyxl stamps the document's `modified` property when saving."""
    source = zipfile.ZipFile(io.BytesIO(package))
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED_RE.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)
    return out.getvalue()


def render(table: Table, spec: FileSpec, about: Sequence[str] = ()) -> bytes:
    if spec.format == XLSX:
        return xlsx_bytes(table, spec, about)
    return csv_bytes(table, spec)


def write(directory: Path, table: Table, spec: FileSpec, about: Sequence[str] = ()) -> Path:
    path = Path(directory) / spec.filename
    path.write_bytes(render(table, spec, about))
    return path
