"""Benchmark of the XLSX writers alone (no database): ours against XlsxWriter's
constant_memory mode and PyExcelerate (which calls itself the fastest Python XLSX writer), on
the same generated rows.

    .venv/bin/python tests/bench/xlsx_writers.py [--rows 100000]

Rows have 10 columns (text, Cyrillic text, integers, numbers, dates), as tests/bench/downloads.py
fills. Measured, each writing the whole workbook to memory: `xlsx_stream.stream` with rows of
values (`row_writer`, the OCDS flat workbook's path), with CSV pages as PostgreSQL's COPY writes
them (`csv_page_writer`, the DataStore dump's path), and XlsxWriter with
{"constant_memory": True} and PyExcelerate writing the same rows of values (dates as dates).
Prints seconds and rows per second.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ckanext.transparency.opendata.exports import xlsx_stream  # noqa: E402

X = xlsx_stream
HEADERS = ["id", "code", "title", "region", "amount", "share", "count", "start", "end", "note"]
KINDS = [X.NUMBER, X.TEXT, X.TEXT, X.TEXT, X.NUMBER, X.NUMBER, X.NUMBER, X.DATE, X.DATE, X.TEXT]
PAGE = 10_000


def rows(count: int) -> list[list]:
    day = dt.date(2026, 1, 1)
    return [[n, f"KIRA-{n:06d}", f"Suv taʼminoti tarmogʻini qurish №{n}", "Самарқанд вилояти",
             1_500_000 + n * 7, round(n % 1000 / 10, 1), n % 97,
             (day + dt.timedelta(days=n % 365)).isoformat(),
             (day + dt.timedelta(days=n % 365 + 90)).isoformat(), "izoh" if n % 3 else None]
            for n in range(count)]


def pages(values: list[list]) -> list[list[list]]:
    return [values[i:i + PAGE] for i in range(0, len(values), PAGE)]


def csv_pages(values: list[list]) -> list[str]:
    out = []
    for page in pages(values):
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(
            ["" if v is None else v for v in row] for row in page)
        out.append(text.getvalue())
    return out


def ours(values: list[list]) -> int:
    return sum(len(chunk) for chunk in X.stream(HEADERS, KINDS, pages(values)))


def ours_csv(texts: list[str]) -> int:
    kinds = [X.DB_NUMBER if k == X.NUMBER else k for k in KINDS]
    return sum(len(chunk) for chunk in X.stream(HEADERS, kinds, texts, csv_pages=True))


def xlsxwriter_constant_memory(values: list[list]) -> int:
    import xlsxwriter
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet("Data")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for number, row in enumerate(values, 1):
        for column, (kind, value) in enumerate(zip(KINDS, row)):
            if value is None:
                continue
            if kind == X.DATE:
                sheet.write_datetime(number, column, dt.datetime.fromisoformat(value),
                                     date_format)
            else:
                sheet.write(number, column, value)
    book.close()
    return len(target.getvalue())


def pyexcelerate_workbook(values: list[list]) -> int:
    from pyexcelerate import Workbook
    dates = [column for column, kind in enumerate(KINDS) if kind == X.DATE]
    table = [HEADERS]
    for row in values:
        row = list(row)
        for column in dates:
            row[column] = dt.date.fromisoformat(row[column])
        table.append(row)
    book = Workbook()
    book.new_sheet("Data", data=table)
    target = io.BytesIO()
    book.save(target)
    return len(target.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    values = rows(args.rows)
    texts = csv_pages(values)
    print(f"{'writer':<34}{'s':>8}{'rows/s':>12}{'MB':>8}")
    for label, run, data in (("xlsx_stream, rows of values", ours, values),
                             ("xlsx_stream, CSV pages (dump)", ours_csv, texts),
                             ("XlsxWriter constant_memory", xlsxwriter_constant_memory, values),
                             ("PyExcelerate", pyexcelerate_workbook, values)):
        started = time.perf_counter()
        size = run(data)
        seconds = time.perf_counter() - started
        print(f"{label:<34}{seconds:>8.2f}{args.rows / seconds:>12,.0f}{size / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
