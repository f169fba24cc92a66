"""Loading a data file that no table schema applies to (a file of an untyped dataset, or a
linked file) into a staging DataStore table of text columns, as xloader loads it: one column per
header, values as written (surrounding spaces removed), empty cells as nulls. What xloader
would fail on (a header the DataStore cannot take, a value beyond the header) is refused with
the row and column it concerns."""
from __future__ import annotations

import datetime as dt
from typing import Any, IO

import ckan.plugins.toolkit as tk

from ckanext.datastore.helpers import is_valid_field_name

from . import datastore, reading
from .validation import Problem, column_letter

MAX_NAME_BYTES = 63  # PostgreSQL's longest identifier


def _column(header: str, index: int) -> str:
    return f"«{header}» ({column_letter(index)})" if header else column_letter(index)


def _refused(problem: Problem) -> reading.UnreadableFile:
    return reading.UnreadableFile(str(problem))


def _name(header: str) -> str:
    return header.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip()


def column_names(headers: list[str]) -> list[str]:
    """The DataStore column of each header (the header, cut to what PostgreSQL keeps); a
    header the DataStore cannot take is refused."""
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise reading.UnreadableFile(tk._("The file is empty."))
    names: list[str] = []
    for index, header in enumerate(headers):
        name = _name(header)
        if not name:
            raise _refused(Problem(None, column_letter(index), tk._(
                "the column has no header: give every column a name in the first row")))
        if not is_valid_field_name(name):
            raise _refused(Problem(None, _column(header, index), tk._(
                "a header may not start with «_» or contain «\"» or control characters")))
        if name in names:
            raise _refused(Problem(None, _column(header, index), tk._(
                "the same header as column {letter}: every column needs its own name").format(
                    letter=column_letter(names.index(name)))))
        names.append(name)
    return names


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


def _records(raw: reading.RawTable, names: list[str], records: datastore.RecordFile) -> None:
    width = len(names)
    records.names = names
    for number, row in enumerate(raw.rows, start=2):
        for index in range(width, len(row)):
            if _text(row[index]) is not None:
                raise _refused(Problem(number, column_letter(index), tk._(
                    "a value beyond the {count} columns of the header: a value holding a "
                    "comma or quote may need to be put in double quotes").format(count=width)))
        cells = list(row[:width]) + [None] * (width - len(row))
        records.write(dict(zip(names, map(_text, cells))))


def _load_failed(failure: datastore.LoadFailed, names: list[str]) -> reading.UnreadableFile:
    if failure.record is None:
        return reading.UnreadableFile(tk._(
            "The data could not be stored in the database; nothing was changed."))
    column = (_column(failure.field, names.index(failure.field))
              if failure.field in names else None)
    return _refused(Problem(failure.record + 1, column,
                            tk._("the database could not store this value")))


def stage(stream: IO[bytes], kind: str) -> datastore.StagedTable:
    """The file loaded into a staging table; UnreadableFile says why it cannot be."""
    raw = reading.open_table(stream, kind, reading.Limits.from_config())
    records = datastore.RecordFile()
    try:
        try:
            names = column_names(raw.headers)
            _records(raw, names, records)
        finally:
            raw.rows.close()  # the reader gives the stream back at its start
        staged = datastore.StagedTable(datastore.text_fields(names))
        try:
            staged.load(records)
        except datastore.LoadFailed as failure:
            staged.discard()
            raise _load_failed(failure, names)
        except BaseException:
            staged.discard()
            raise
    finally:
        records.close()
    return staged
