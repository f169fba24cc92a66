"""The results report as CSV (UTF-8 with BOM, for Excel), XLSX and PDF."""
from __future__ import annotations

import csv
import io

import ckan.plugins.toolkit as tk
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from fpdf import FPDF
from fpdf.fonts import FontFace
from ckanext.transparency.i18n import display
from ckanext.transparency.spreadsheet import safe_cell, safe_row

from . import articles, lifecycle, settings
from .dictization import DECISIONS, decision_label, proposal_kind_label

MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "pdf": "application/pdf"}


def _headers() -> list[str]:
    return [tk._("No."), tk._("Kind"), tk._("Article"), tk._("Proposal"), tk._("Support"),
            tk._("Decision"), tk._("Reason")]


def _article(row: dict) -> str:
    """In words, with the article's heading when the proposal is on the article itself."""
    label, heading = articles.label(row.get("article")), row.get("article_heading")
    if not heading or "." in (row.get("article") or ""):
        return label
    return heading if articles.heading_has_number(row["article"], heading) \
        else f"{label}: {heading}"


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
        title=display.translated(report["consultation"], "title"))


def _subtitle(report: dict) -> str:
    c = report["consultation"]
    return tk._("{kind}, {organization}; discussion from {opens} to {closes}").format(
        kind=lifecycle.kind_label(c["kind"]), organization=display.department_title(c["organization"]),
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


class _Report(FPDF):
    """Landscape A4 with the page number and count at the foot of every page."""

    def footer(self):
        self.set_y(-10)
        self.set_font("Body", "", 8)
        self.cell(0, 5, tk._("Page {page} of {pages}").format(page=self.page_no(),
                                                               pages="{nb}"), align="C")


PDF_FONT_SIZE = 8
TEXT_COLUMNS = (3, 6)  # the proposal and the reason: they take the width the others leave
CELL_PADDING = 2.5  # mm, both sides and the rule together


def _col_widths(pdf: FPDF, table: list[list[str]]) -> list[float]:
    """Each short column as wide as its longest word (so "Қўллаб-қувватлаш" is never cut),
    the two text columns share the rest of the page."""
    available = pdf.epw
    widest = []
    for index in range(len(table[0])):
        words = [w for row in table for w in str(row[index]).split()] or [""]
        pdf.set_font("Body", "B", PDF_FONT_SIZE)
        width = max(pdf.get_string_width(w) for w in str(table[0][index]).split() or [""])
        pdf.set_font("Body", "", PDF_FONT_SIZE)
        width = max([width] + [pdf.get_string_width(w) for w in words])
        widest.append(width + CELL_PADDING)
    fixed = sum(w for i, w in enumerate(widest) if i not in TEXT_COLUMNS)
    text = max((available - fixed) / len(TEXT_COLUMNS), 40)
    return [text if i in TEXT_COLUMNS else w for i, w in enumerate(widest)]


def _letterhead(pdf: FPDF, report: dict) -> None:
    c = report["consultation"]
    pdf.set_font("Body", "B", 11)
    pdf.multi_cell(0, 6, display.department_title(c["organization"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(80, 80, 80)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(4)
    pdf.set_font("Body", "B", 14)
    pdf.multi_cell(0, 7, _title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Body", "", 10)
    pdf.multi_cell(0, 6, _subtitle(report), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, tk._("Generated on {date} from the portal's data.").format(
        date=report["generated"][:10]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def to_pdf(report: dict) -> bytes:

    regular, bold = settings.pdf_fonts()
    pdf = _Report(orientation="landscape", format="A4")
    pdf.add_font("Body", "", regular)
    pdf.add_font("Body", "B", bold)
    pdf.set_title(_title(report))
    pdf.set_author(display.department_title(report["consultation"]["organization"]))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    _letterhead(pdf, report)
    pdf.set_font("Body", "", 10)
    with pdf.table(col_widths=(80, 20), width=120, align="LEFT", text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD")) as table:
        table.row([tk._("Outcome"), tk._("Count")])
        for label, value in summary(report):
            table.row([label, str(value)])
    pdf.ln(5)
    cells = [_headers()] + [[str(value) for value in row] for row in rows(report)]
    widths = _col_widths(pdf, cells)
    pdf.set_font("Body", "", PDF_FONT_SIZE)
    with pdf.table(col_widths=widths, width=min(sum(widths), pdf.epw), line_height=4, text_align="LEFT",
                   headings_style=FontFace(emphasis="BOLD"), repeat_headings=1) as table:
        for row in cells:
            table.row(row)
    return bytes(pdf.output())


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}


def render(report: dict, fmt: str) -> bytes:
    return WRITERS[fmt](report)
