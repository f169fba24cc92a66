"""Checking a data file against its table schema: headers, types, required values, ranges and
code lists. Every problem names the row (as numbered in the file, the header being row 1) and
the column (as written in the file, with its spreadsheet letter)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Callable

import ckan.plugins.toolkit as tk

from . import tableschema
from .reading import RawTable

MAX_SHOWN = 50
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


@dataclasses.dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row and self.column is not None:
            return tk._("Row {row}, column {column}: {message}").format(
                row=self.row, column=self.column, message=self.message)
        if self.column is not None:
            return tk._("Column {column}: {message}").format(column=self.column,
                                                              message=self.message)
        return self.message


@dataclasses.dataclass
class CheckedTable:
    schema: dict
    fields: list[dict]  # the schema's fields present in the file, in file order
    columns: dict[str, str]  # field name -> the column as messages name it: «header» (letter)
    problems: list[Problem]  # the first MAX_SHOWN
    problem_count: int
    rows: int
    format: str
    encoding: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problem_count


class _Problems(list):
    """The first MAX_SHOWN problems and the count of all."""
    count = 0

    def append(self, problem: Problem) -> None:
        self.count += 1
        if len(self) < MAX_SHOWN:
            super().append(problem)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column(header: str, index: int) -> str:
    return f"«{header}» ({column_letter(index)})"


class CellError(ValueError):
    pass


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _SPACES.sub("", str(value))
    if _INTEGER.match(text):
        return int(text)
    raise CellError


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise CellError
    if isinstance(value, (int, float)):
        return value
    text = _SPACES.sub("", str(value))
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise CellError
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError
    return int(number) if _INTEGER.match(text) else number


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise CellError


def _datetime(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise CellError


def _string(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


PARSERS = {"integer": _integer, "number": _number, "date": _date, "datetime": _datetime,
           "string": _string}


def type_message(field: dict) -> str:
    return {
        "integer": tk._("expected a whole number"),
        "number": tk._("expected a number"),
        "date": tk._("expected a date (YYYY-MM-DD or DD.MM.YYYY)"),
        "datetime": tk._("expected a date and time (ISO 8601, e.g. 2026-03-01T10:00:00+05:00)"),
    }.get(field["type"], tk._("invalid value"))


def check_value(field: dict, value: Any) -> tuple[Any, str | None]:
    """The typed value, or None and what is wrong with it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, (tk._("a value is required") if field.get("required") else None)
    try:
        typed = PARSERS[field["type"]](value)
    except CellError:
        return None, tk._("«{value}»: {expected}").format(value=value,
                                                          expected=type_message(field))
    if "enum" in field and typed not in field["enum"]:
        return None, tk._("«{value}» is not one of: {allowed}").format(
            value=typed, allowed=", ".join(map(str, field["enum"])))
    if "pattern" in field and not re.search(field["pattern"], str(typed)):
        return None, tk._("«{value}» does not have the expected form").format(value=typed)
    if "minimum" in field and typed < field["minimum"]:
        return None, tk._("{value} is less than {minimum}").format(value=typed,
                                                                   minimum=field["minimum"])
    if "maximum" in field and typed > field["maximum"]:
        return None, tk._("{value} is more than {maximum}").format(value=typed,
                                                                   maximum=field["maximum"])
    return typed, None


def _check_headers(schema: dict, headers: list[str]) -> tuple[list[str | None], list[Problem]]:
    problems = []
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = tableschema.match_header(schema, header) if header else None
        if not header:
            problems.append(Problem(None, _column(header, index), tk._("the column has no name")))
        elif name is None:
            problems.append(Problem(None, _column(header, index), tk._(
                "unknown column: it is not in the table schema «{schema}»").format(
                    schema=tableschema.label(schema["title"], _language()))))
        elif name in seen:
            problems.append(Problem(None, _column(header, index), tk._(
                "the same column appears twice (also column {letter})").format(
                    letter=column_letter(seen[name]))))
            name = None
        else:
            seen[name] = index
        names.append(name)
    for field in schema["fields"]:
        if field["name"] not in seen and not field.get("optional"):
            problems.append(Problem(None, None, tk._(
                "Column «{name}» ({title}) is missing.").format(
                    name=field["name"], title=tableschema.label(field, _language()))))
    return names, problems


def _language() -> str:
    try:
        return tk.h.lang() or "en"
    except (TypeError, RuntimeError, AttributeError):
        return "en"


def check(schema: dict, raw: RawTable,
          on_record: Callable[[dict], None] | None = None) -> CheckedTable:
    """Check the rows one at a time; `on_record` gets each typed record while no problem has
    been found (a file with problems is not loaded, so its records are not needed)."""
    names, header_problems = _check_headers(schema, raw.headers)
    problems = _Problems()
    for problem in header_problems:
        problems.append(problem)
    by_name = {f["name"]: f for f in schema["fields"]}
    columns = [(index, by_name[name]) for index, name in enumerate(names) if name]
    width = len(raw.headers)
    count = 0
    for number, row in enumerate(raw.rows, start=2):
        count += 1
        if len(row) > width and any(str(c).strip() for c in row[width:] if c is not None):
            problems.append(Problem(number, None, tk._(
                "Row {row} has more cells than the header has columns.").format(row=number)))
        record = {}
        for index, field in columns:
            value = row[index] if index < len(row) else None
            typed, message = check_value(field, value)
            if message:
                problems.append(Problem(number, _column(raw.headers[index], index), message))
            record[field["name"]] = typed
        if on_record is not None and not problems.count:
            on_record(record)
    if not count:
        problems.append(Problem(None, None, tk._("The file has a header but no rows of data.")))
    return CheckedTable(schema, [field for _, field in columns],
                        {field["name"]: _column(raw.headers[index], index)
                         for index, field in columns},
                        list(problems), problems.count, count, raw.format, raw.encoding)


class Message(str):
    """A problem's message as the API shows it ("Row 3, column «x» (C): ..."), which keeps
    the problem itself and the count of all, for the upload form to group them by column."""
    problem: Problem | None = None
    total: int = 0


def _message(text: str, problem: Problem | None, total: int) -> Message:
    message = Message(text)
    message.problem, message.total = problem, total
    return message


def summary(problems: list[Problem], total: int | None = None) -> list[str]:
    """The problems as messages for the editor, the first MAX_SHOWN of them."""
    total = len(problems) if total is None else total
    messages = [_message(str(p), p, total) for p in problems[:MAX_SHOWN]]
    if total > MAX_SHOWN:
        messages.append(_message(tk._("… and {count} more problems.").format(
            count=total - MAX_SHOWN), None, total))
    return messages


def grouped(messages: list[str]) -> dict:
    """The messages of a refused upload for the form: those about the whole file, then per
    column (in the file's order) the rows and what is wrong with each."""
    whole_file, by_column, more = [], {}, []
    for message in messages:
        problem = getattr(message, "problem", None)
        if problem is None:
            (more if getattr(message, "total", 0) else whole_file).append(str(message))
        elif problem.column is None or not problem.row:
            whole_file.append(str(problem))
        else:
            by_column.setdefault(problem.column, []).append(
                {"row": problem.row, "message": problem.message})
    columns = sorted(by_column.items(), key=lambda item: _letter_order(item[0]))
    total = max([getattr(m, "total", 0) for m in messages] + [len(messages) - len(more)])
    return {"total": total, "file": whole_file, "more": more,
            "columns": [{"column": c, "problems": sorted(p, key=lambda x: x["row"])}
                        for c, p in columns]}


def _letter_order(column: str) -> tuple[int, str]:
    letters = column.rsplit("(", 1)[-1].rstrip(")")
    return len(letters), letters
