"""`ckan transparency demo`: load the demo organization, its departments, datasets and files.

Idempotent: departments are created or brought back to their definition; a dataset that already
exists (by name) is left as it is, except that a file it lacks (by resource name) is uploaded.
Files are generated into a temporary directory and uploaded through `resource_create`, so they
land in CKAN's file storage like any upload and are loaded into the DataStore (opendata/uploads.py).
"""
from __future__ import annotations

import collections
import tempfile
import time
from pathlib import Path
from typing import Callable

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ..cli import _site_context
from ..opendata import demo as opendata_demo
from . import files, organization
from .datasets import DATASETS, DatasetSpec
from .tables import Table
from ckanext.transparency.consultations import demo as consultations_demo
from ckanext.transparency.dialogue import demo as dialogue_demo
from ckanext.transparency.appeals import demo as appeals_demo
from ckanext.transparency.rating import demo as rating_demo


def _upload(context: dict, spec: DatasetSpec, package_id: str, file: files.FileSpec,
            table: Table, directory: Path) -> dict:
    path = files.write(directory, table, file, spec.about())
    data = dict(spec.resource_dict(file, table), package_id=package_id)
    with path.open("rb") as stream:
        data["upload"] = FileStorage(stream=stream, filename=file.filename,
                                     content_type=file.mimetype)
        return tk.get_action("resource_create")(dict(context), data)


def ensure_dataset(context: dict, spec: DatasetSpec, directory: Path,
                   stats: collections.Counter) -> None:
    """Create the dataset unless it exists, then upload the files it lacks."""
    try:
        package = tk.get_action("package_show")(dict(context), {"id": spec.name})
    except tk.ObjectNotFound:
        package = tk.get_action("package_create")(dict(context), spec.package_dict())
        stats["datasets created"] += 1
    else:
        if package.get("state") == "deleted":
            stats["datasets deleted"] += 1  # an administrator's decision: left alone
            return
        stats["datasets present"] += 1
    present = {r.get("name") for r in package.get("resources", [])}
    missing = [f for f in spec.files if spec.resource_name(f) not in present]
    if not missing:
        return
    table = spec.table()
    for file in missing:
        _upload(context, spec, package["id"], file, table, directory)
        stats["files uploaded"] += 1
        stats[f"files {file.format}"] += 1
        if file.encoding == files.CP1251:
            stats["files Windows-1251"] += 1


def _summary(departments: collections.Counter, stats: collections.Counter) -> list[str]:
    def counts(prefix: str, source: collections.Counter) -> str:
        parts = [f"{n} {key[len(prefix):]}" for key, n in sorted(source.items())
                 if key.startswith(prefix) and n]
        return ", ".join(parts) or "none"

    uploaded = stats["files uploaded"]
    details = f"{stats['files CSV']} CSV, {stats['files XLSX']} XLSX, " \
              f"{stats['files Windows-1251']} of them Windows-1251"
    return [
        f"demo: {organization.AGENCY['uz']}",
        f"  departments: {counts('', departments)}",
        f"  datasets: {counts('datasets ', stats)}",
        f"  files uploaded: {uploaded} ({details})" if uploaded else "  files uploaded: none",
    ]


def load(echo: Callable[[str], object] = print) -> dict[str, int]:
    """Load the demo; print a summary through `echo` and return the counts
    ("departments created", "datasets present", "files uploaded", "files XLSX", ...)."""
    started = time.monotonic()
    context = _site_context()
    departments = collections.Counter(organization.ensure(context, d)
                                      for d in organization.DEPARTMENTS)
    stats: collections.Counter = collections.Counter()
    with tempfile.TemporaryDirectory(prefix="transparency-demo-") as directory:
        for spec in DATASETS:
            try:
                ensure_dataset(context, spec, Path(directory), stats)
            except Exception:
                echo(f"demo: failed on dataset {spec.name}")
                raise
    opendata_demo.load(DATASETS, echo)
    for line in _summary(departments, stats):
        echo(line)
    stats.update(consultations_demo.load(context, echo))
    stats.update(dialogue_demo.load(context, echo))
    stats["appeals created"] = appeals_demo.load(echo=echo)
    stats.update(rating_demo.load(echo))  # last: the rating reads the records made above
    echo(f"  done in {time.monotonic() - started:.1f} s")
    return {**{f"departments {k}": n for k, n in departments.items()},
            **{k: n for k, n in stats.items() if n}}
