"""The results report as CSV (UTF-8 with BOM, for Excel), XLSX and PDF."""
from __future__ import annotations

import csv
import io

import ckan.plugins.toolkit as tk
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from fpdf import FPDF
from fpdf.fonts import FontFace
from ckanext.transparency.spreadsheet import safe_cell, safe_row

from . import lifecycle, settings
from .dictization import DECISIONS, decision_label, proposal_kind_label

MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "pdf": "application/pdf"}


def _headers() -> list[str]:
    return [tk._("No."), tk._("Kind"), tk._("Article"), tk._("Proposal"), tk._("Support"),
            tk._("Decision"), tk._("Reason")]


def _article(row: dict) -> str:
    if not row.get("article"):
        return tk._("Whole draft")
    heading = row.get("article_heading")
    return f"{row['article']} {heading}".strip() if heading else row["article"]


def rows(report: dict) -> list[list]:
    return [[r["number"], proposal_kind_label(r["kind"]), _article(r), r["text"], r["support"],
             decision_label(r["decision"]), r["reason"] or ""] for r in report["proposals"]]


def summary(report: dict) -> list[tuple[str, int]]:
    counts = report["counts"]
    return [(tk._("Proposals and comments"), counts["total"])] + \
        [(decision_label(d), counts[d]) for d in DECISIONS] + \
        [(tk._("Not answered"), counts["unanswered"]),
         (tk._("Removed under the moderation rules"), counts["removed_by_moderation"])]


def _title(report: dict) -> str:
    return tk._("Report on the public discussion: {title}").format(
        title=report["consultation"]["title"])


def _subtitle(report: dict) -> str:
    c = report["consultation"]
    return tk._("{kind}, {organization}; discussion from {opens} to {closes}").format(
        kind=lifecycle.kind_label(c["kind"]), organization=c["organization"]["title"] or "",
        opens=c["opens_on"], closes=c["closes_on"])


def to_csv(report: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_headers())
    writer.writerows(safe_row(row) for row in rows(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: dict) -> bytes:

    book = Workbook()
    sheet = book.active
    sheet.title = tk._("Proposals")[:31]
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(report):
        sheet.append(safe_row(row))
    for column, width in zip("ABCDEFG", (6, 16, 24, 60, 10, 20, 60)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    totals = book.create_sheet(tk._("Summary")[:31])
    totals.append([safe_cell(_title(report))])
    totals.append([safe_cell(_subtitle(report))])
    totals.append([])
    for label, value in summary(report):
        totals.append([label, value])
    totals.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(report: dict) -> bytes:

    regular, bold = settings.pdf_fonts()
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.add_font("Body", "", regular)
    pdf.add_font("Body", "B", bold)
    pdf.set_title(_title(report))
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, _title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 10)
    pdf.multi_cell(0, 6, _subtitle(report), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(col_widths=(80, 20), width=120, align="LEFT", text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD")) as table:
        table.row([tk._("Outcome"), tk._("Count")])
        for label, value in summary(report):
            table.row([label, str(value)])
    pdf.ln(5)
    pdf.set_font("Body", "", 8)
    with pdf.table(col_widths=(8, 16, 26, 78, 15, 22, 78), line_height=4, text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD"), repeat_headings=1) as table:
        table.row(_headers())
        for row in rows(report):
            table.row([str(value) for value in row])
    pdf.ln(3)
    pdf.set_font("Body", "", 8)
    pdf.multi_cell(0, 4, tk._("Generated on {date} from the portal's data.").format(
        date=report["generated"][:10]), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}


def render(report: dict, fmt: str) -> bytes:
    return WRITERS[fmt](report)
