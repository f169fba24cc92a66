"""Put a published results report into the open data catalog: one dataset of the responsible
department with the report as CSV, XLSX and PDF files."""
from __future__ import annotations

import io

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.transparency.core.context import site_context
from ckanext.transparency.i18n.site_language import in_every_language, in_site_language

from . import report_files
from .dictization import title_text

NAME_PREFIX = "muhokama-hisoboti-"


def dataset_name(consultation) -> str:
    return (NAME_PREFIX + consultation.name)[:100]


def publish(consultation, report: dict) -> str:
    """Create the dataset (or add the files to the one of the same name); returns its id.
    Its title and description are in every language (the plain title in Uzbek, as fluent
    keeps it); its files and their names in the site's language."""
    with in_site_language():
        return _publish(consultation, report)


IRREGULAR = "http://publications.europa.eu/resource/authority/frequency/IRREG"


def _publish(consultation, report: dict) -> str:
    context = site_context()
    url = tk.url_for("consultations.read", name=consultation.name, _external=True)
    name = dataset_name(consultation)
    try:
        package = tk.get_action("package_show")(dict(context), {"id": name})
    except tk.ObjectNotFound:
        package = tk.get_action("package_create")(dict(context), {
            "name": name,
            "title_translated": in_every_language(
                lambda: tk._("Report on the public discussion: {title}").format(
                    title=title_text(consultation))[:200]),
            "notes_translated": in_every_language(lambda: tk._(
                "Proposals and comments received during the public discussion of the draft, "
                "with the department's answer to each. The draft and the discussion: {url}"
            ).format(url=url)),
            "owner_org": consultation.owner_org,
            "url": url,
            "license_id": "cc-by",
            "tags": [{"name": "muhokama"}, {"name": "consultation"}],
            # published when a discussion ends, as drafts come: DCAT's dct:accrualPeriodicity
            "extras": [{"key": "frequency", "value": IRREGULAR}],
        })
    present = {r.get("format", "").lower() for r in package.get("resources", [])}
    for fmt in ("csv", "xlsx", "pdf"):
        if fmt in present:
            continue
        filename = f"{consultation.name}-report.{fmt}"
        data = report_files.render(report, fmt)
        tk.get_action("resource_create")(dict(context), {
            "package_id": package["id"], "name": filename, "format": fmt.upper(),
            "mimetype": report_files.MIMETYPES[fmt].split(";")[0],
            "upload": FileStorage(stream=io.BytesIO(data), filename=filename,
                                  content_type=report_files.MIMETYPES[fmt])})
    return package["id"]
