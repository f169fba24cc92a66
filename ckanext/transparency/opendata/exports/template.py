"""Blank data files of a table schema for editors to fill in: an XLSX workbook (the header row
in the editor's language, frozen; column widths; number formats; drop-down lists of the code
lists; an example row on a sheet of its own, so that it is never published by mistake) and a
CSV file (BOM, the list separator of the editor's Excel). What they produce is what the upload
check accepts: headers are matched by their label in any of the portal's languages."""
from __future__ import annotations

import csv
import datetime as dt
import io

import ckan.plugins.toolkit as tk
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ckanext.transparency.core.clock import site_today

from .. import tableschema
from . import filenames
from .dump import list_separator

ROWS = 1048576  # the drop-downs reach the last row of a sheet
FORMATS = {"integer": "0", "number": "#,##0.00", "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm", "string": "@"}
AMOUNT = "#,##0"  # an integer with a unit (soʻm, people) reads better grouped


def number_format(field: dict) -> str:
    if field["type"] == "integer" and field.get("unit"):
        return AMOUNT
    return FORMATS.get(field["type"], "@")


def example_value(schema: dict, field: dict, today: dt.date):
    """A value the check accepts: the field's own `example`, else one made from its type and
    constraints (the period columns get the last quarter's)."""
    if "example" in field:
        return field["example"]
    if "enum" in field:
        return field["enum"][0]
    period = schema.get("period") or {}
    if field["name"] == period.get("year"):
        return today.year
    if field["name"] in (period.get("quarter"), period.get("month")):
        return 1
    low, high = field.get("minimum"), field.get("maximum")

    def within(value):
        value = max(value, low) if low is not None else value
        return min(value, high) if high is not None else value
    if field["type"] == "integer":
        return within(1000)
    if field["type"] == "number":
        return within(12.5)
    if field["type"] == "date":
        return today
    if field["type"] == "datetime":
        return dt.datetime.combine(today, dt.time(9, 0))
    return tableschema.label(field, "uz")


def _headers(schema: dict, language: str) -> list[str]:
    return [tableschema.label(f, language) for f in schema["fields"]]


def xlsx(schema: dict, language: str) -> bytes:
    book = Workbook()
    data = book.active
    data.title = tk._("Data")[:31]
    example = book.create_sheet(tk._("Example")[:31])
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    headers = _headers(schema, language)
    bold, shaded = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    today = site_today()
    lists_used = 0
    for sheet in (data, example):
        sheet.append(headers)
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font, cell.fill = bold, shaded
    example.append([example_value(schema, f, today) for f in schema["fields"]])
    for index, field in enumerate(schema["fields"], start=1):
        letter = get_column_letter(index)
        width = max(len(headers[index - 1]), len(str(example.cell(2, index).value))) + 4
        for sheet in (data, example):
            sheet.column_dimensions[letter].width = min(max(width, 12), 60)
            sheet.column_dimensions[letter].number_format = number_format(field)
        example.cell(2, index).number_format = number_format(field)
        if "enum" in field:
            lists_used += 1
            list_letter = get_column_letter(lists_used)
            for row, code in enumerate(field["enum"], start=1):
                lists.cell(row, lists_used, code)
            choice = DataValidation(
                type="list", allow_blank=not field.get("required"),
                formula1=f"=Lists!${list_letter}$1:${list_letter}${len(field['enum'])}",
                showErrorMessage=True, errorTitle=headers[index - 1][:32],
                error=tk._("Choose one of the codes of the list.")[:255])
            choice.add(f"{letter}2:{letter}{ROWS}")
            data.add_data_validation(choice)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(schema: dict, language: str) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, delimiter=list_separator(language), lineterminator="\r\n").writerow(
        _headers(schema, language))
    return out.getvalue().encode("utf-8")


def filename(schema: dict, extension: str) -> str:
    return f"{filenames.slug(schema['name'])}-template.{extension}"
