"""Turn an uploaded DOCX or ODT draft into Markdown: headings stay headings, paragraphs stay
paragraphs, so `articles.split` numbers them the same way as a typed text."""
from __future__ import annotations

import io
import re
import zipfile

import docx
from defusedxml import ElementTree

from ckan.plugins.toolkit import _

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
FORMATS = {".docx": "docx", ".odt": "odt"}
# A paragraph that names an article ("3-modda.", "5-модда", "Статья 2", "Article 4") is a
# heading even where the author did not use a heading style.
ARTICLE_LINE = re.compile(
    r"^\s*(\d+\s*[-‑–]?\s*(modda|модда|bob|боб)|(статья|глава|article|chapter)\s+\d+)\b",
    re.IGNORECASE)
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class ImportError_(ValueError):
    pass


def format_of(filename: str) -> str | None:
    lowered = (filename or "").lower()
    return next((fmt for ext, fmt in FORMATS.items() if lowered.endswith(ext)), None)


def _markdown(paragraphs: list[tuple[bool, str]]) -> str:
    out = []
    for is_heading, text in paragraphs:
        text = " ".join(text.split())
        if not text:
            continue
        if is_heading or ARTICLE_LINE.match(text):
            out.append(f"## {text}")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def docx_to_markdown(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    paragraphs = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        paragraphs.append((style.lower().startswith(("heading", "title")), paragraph.text))
    return _markdown(paragraphs)


def _odf_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{ODF_TEXT}}}c", "1")))
        elif tag in ("tab", "line-break"):
            parts.append(" ")
        elif tag not in ("note", "annotation"):
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def odt_to_markdown(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    paragraphs = []
    for element in root.iter():
        tag = element.tag
        if tag == f"{{{ODF_TEXT}}}h":
            paragraphs.append((True, _odf_text(element)))
        elif tag == f"{{{ODF_TEXT}}}p":
            paragraphs.append((False, _odf_text(element)))
    return _markdown(paragraphs)


def to_markdown(filename: str, data: bytes) -> tuple[str, str]:
    """(format, markdown) of an uploaded file; ImportError_ when it cannot be read."""
    fmt = format_of(filename)
    if fmt is None:
        raise ImportError_(_("Only DOCX and ODT files can be imported."))
    try:
        text = docx_to_markdown(data) if fmt == "docx" else odt_to_markdown(data)
    except Exception as error:  # a damaged or mislabelled file, whatever the library says
        raise ImportError_(_("The file could not be read as {format}.").format(
            format=fmt.upper())) from error
    if not text.strip():
        raise ImportError_(_("The file has no text."))
    return fmt, text
