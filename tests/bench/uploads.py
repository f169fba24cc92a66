"""Benchmark of checking uploads to typed datasets: peak memory of the largest accepted CSV and
XLSX, and the time to refuse bombs.

    .venv/bin/python tests/bench/uploads.py [--rows 100000] [--max-mb 100] [--unpacked-mb 100]

Generates, in a temporary folder, budget-execution files at the limits (the defaults are those
of `ckanext.transparency.opendata.max_rows`, the portal's `ckan.max_resource_size` and
`ckanext.transparency.opendata.xlsx_max_unpacked_mb`): a CSV of ROWS rows padded to just under
MAX-MB, an XLSX of ROWS rows unpacking to just under UNPACKED-MB, a 0.6 MB XLSX stating 500,000
rows, the same sheet without its stated size, a workbook unpacking to ten times the limit and a
CSV of twice MAX-MB. Each check runs in a fresh process (the reading and checking that
uploads.py does before loading: encoding, rows streamed through the table schema, typed records
spooled for COPY), which prints its wall time, its RSS after imports and its peak RSS. Where it
makes sense the naive path (the whole file read, decoded and parsed into lists, as before issue
#12) runs on the same file for comparison. Target: peak RSS under 300 MB for every accepted
file. No database is needed.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HEADER = ["yil", "chorak", "davr", "tasnif_kodi", "tasnif_nomi", "tasdiqlangan_reja_soʻm",
          "aniqlangan_reja_soʻm", "ijro_soʻm", "ijro_foizi"]
MB = 1024 * 1024
PAD = "Asosiy ish haqi va ijtimoiy tolovlar "


def _row(number: int, text: str) -> list:
    return [2026, number % 4 + 1, "2026-yil I chorak", str(4111100 + number % 1000),
            text, 1000 + number, 1100 + number, 990 + number, 90.0]


def make_csv(path: Path, rows: int, size: int) -> None:
    base = len(",".join(map(str, _row(0, "")))) + 2
    pad = max(10, size // rows - base - 1)
    text = (PAD * (pad // len(PAD) + 1))[:pad]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for number in range(rows):
            f.write(",".join(map(str, _row(number, text))) + "\r\n")


def _cell(value) -> str:
    if isinstance(value, (int, float)):
        return f"<c t=\"n\"><v>{value}</v></c>"
    return f"<c t=\"inlineStr\"><is><t>{value}</t></is></c>"


def make_xlsx(path: Path, rows: int, unpacked: int | None, dimension: bool = True,
              text: str | None = None, same_rows: bool = False, width: int = 9) -> None:
    """A workbook written straight into the zip (inline strings): quick at any size. With
    `same_rows` every row is the first one, so it packs as small as a bomb does."""
    from openpyxl import Workbook
    base = io.BytesIO()
    book = Workbook()
    book.active.append(["x"])
    book.save(base)
    if text is None:
        plain = len("".join(_cell(v) for v in _row(0, ""))) + 11
        pad = max(10, (unpacked or 0) // rows - plain - 1)
        text = (PAD * (pad // len(PAD) + 1))[:pad]
    with zipfile.ZipFile(base) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item.filename))
                continue
            with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="'
                            b'http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                if dimension:
                    sheet.write(f'<dimension ref="A1:I{rows + 1}"/>'.encode())
                sheet.write(b"<sheetData><row>" + "".join(_cell(h) for h in HEADER).encode()
                            + b"</row>")
                for number in range(rows):
                    if same_rows:
                        line = ("<row>" + "".join(_cell(v) for v in _row(0, text)[:width])
                                + "</row>").encode()
                        sheet.write(line * rows)
                        break
                    sheet.write(("<row>" + "".join(_cell(v) for v in _row(number, text))
                                 + "</row>").encode())
                sheet.write(b"</sheetData></worksheet>")


def _status_mb(key: str) -> float:
    """VmRSS or VmHWM (peak RSS) of this process; unlike getrusage's maximum, VmHWM is not
    inherited from the parent across exec."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(key)


def measure(path: str, kind: str, mode: str, limits: dict) -> dict:
    """Runs in its own process: check one file, streamed or naively."""
    from ckanext.transparency.opendata import datastore, reading, tableschema, validation
    schema = tableschema.get("budget")
    limits = reading.Limits(**limits)
    baseline = _status_mb("VmRSS")
    started = time.perf_counter()
    outcome = "accepted"
    with open(path, "rb") as stream:
        try:
            if mode == "stream":
                records = datastore.RecordFile()
                raw = reading.open_table(stream, kind, limits)
                table = validation.check(schema, raw, records.write)
                records.close()
            else:
                table = validation.check(schema, _naive(stream.read(), kind), [].append)
            if not table.ok:
                outcome = f"{table.problem_count} problems"
        except reading.UnreadableFile as error:
            outcome = f"refused: {error}"
    return {"seconds": time.perf_counter() - started, "baseline_mb": baseline,
            "peak_mb": _status_mb("VmHWM"), "outcome": outcome}


def _naive(data: bytes, kind: str):
    """The path before issue #12: the whole file in memory, then every row in a list."""
    import csv

    from ckanext.transparency.opendata.reading import RawTable
    if kind == "XLSX":
        from openpyxl import load_workbook
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return RawTable([str(h) for h in rows[0]], iter(rows[1:]), kind)


def run(path: Path, kind: str, mode: str, limits: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", str(path), kind, mode,
                          json.dumps(limits)], check=True, text=True, capture_output=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--max-mb", type=int, default=100)
    parser.add_argument("--unpacked-mb", type=int, default=100)
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        path, kind, mode, limits = args.measure
        print(json.dumps(measure(path, kind, mode, json.loads(limits))))
        return
    limits = {"max_bytes": args.max_mb * MB, "max_rows": args.rows,
              "max_unpacked_bytes": args.unpacked_mb * MB}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = {
            "largest accepted CSV": (folder / "a.csv", "CSV"),
            "largest accepted XLSX": (folder / "a.xlsx", "XLSX"),
            "XLSX stating 500,000 rows": (folder / "b.xlsx", "XLSX"),
            "XLSX of 500,000 rows, size not stated": (folder / "c.xlsx", "XLSX"),
            f"XLSX unpacking to {10 * args.unpacked_mb} MB": (folder / "d.xlsx", "XLSX"),
            f"CSV of {2 * args.max_mb} MB": (folder / "e.csv", "CSV"),
        }
        make_csv(files["largest accepted CSV"][0], args.rows, args.max_mb * MB - 3 * MB)
        make_xlsx(files["largest accepted XLSX"][0], args.rows, args.unpacked_mb * MB - 6 * MB)
        # rows of one cell: within the unpacked limit, so the row limit has to refuse them
        make_xlsx(folder / "b.xlsx", 500_000, None, text="x", same_rows=True, width=1)
        make_xlsx(folder / "c.xlsx", 500_000, None, dimension=False, text="x",
                  same_rows=True, width=1)
        make_xlsx(folder / "d.xlsx", args.rows, 10 * args.unpacked_mb * MB, same_rows=True)
        make_csv(folder / "e.csv", args.rows, 2 * args.max_mb * MB)
        print(f"limits: {args.rows} rows, {args.max_mb} MB a file, {args.unpacked_mb} MB "
              "unpacked (XLSX)")
        print(f"{'file':42} {'MB':>7} {'path':>6} {'seconds':>8} {'RSS after imports':>18} "
              f"{'peak RSS':>9}  outcome")
        for label, (path, kind) in files.items():
            modes = ["stream"]
            if label.startswith("largest") and not args.no_naive:
                modes.append("naive")
            for mode in modes:
                result = run(path, kind, mode, limits)
                print(f"{label:42} {path.stat().st_size / MB:7.1f} {mode:>6} "
                      f"{result['seconds']:8.2f} {result['baseline_mb']:15.0f} MB "
                      f"{result['peak_mb']:6.0f} MB  {result['outcome'][:70]}", flush=True)


if __name__ == "__main__":
    main()
