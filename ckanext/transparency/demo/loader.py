"""`ckan transparency demo`: load the demo organization, its departments, datasets and files.

Idempotent: departments are created or brought back to their definition; a dataset that already
exists (by name) is left as it is, except that a file it lacks (by resource name) is uploaded
and the Russian and English title and description are added when it has none.
Files are generated into a temporary directory and uploaded through `resource_create`, so they
land in CKAN's file storage like any upload and are loaded into the DataStore (opendata/uploads.py).
Then each loaded plugin's demo steps run (IDemoData), in the order of what they read.
"""
from __future__ import annotations

import collections
import tempfile
import time
from pathlib import Path
from typing import Callable

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from ckanext.transparency.core.context import site_context
from ckanext.transparency.core.demo import DemoStep, in_order
from ckanext.transparency.core.interfaces import IDemoData

from . import files, organization
from .datasets import DATASETS, DatasetSpec
from .tables import Table


def _upload(context: dict, spec: DatasetSpec, package_id: str, file: files.FileSpec,
            table: Table, directory: Path) -> dict:
    path = files.write(directory, table, file, spec.about())
    data = dict(spec.resource_dict(file, table), package_id=package_id)
    with path.open("rb") as stream:
        data["upload"] = FileStorage(stream=stream, filename=file.filename,
                                     content_type=file.mimetype)
        return tk.get_action("resource_create")(dict(context), data)


def _translate_resources(context: dict, spec: DatasetSpec, package: dict,
                         stats: collections.Counter) -> None:
    """Give the files a demo uploaded before it had translations their Russian and English
    names (only the names change: the files are not loaded again)."""
    untranslated = {r.get("name"): r for r in package.get("resources", [])
                    if not r.get("name_translated")}
    for file in spec.files:
        resource = untranslated.get(spec.resource_name(file))
        if resource is not None:
            tk.get_action("resource_patch")(dict(context), {
                "id": resource["id"],
                "name_translated": spec.resource_name_translated(file)})
            stats["files translated"] += 1


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
        if "title_translated" not in package:  # loaded before the demo had translations
            package = tk.get_action("package_patch")(
                dict(context), {"id": package["id"], **spec.translations()})
            stats["datasets translated"] += 1
    _translate_resources(context, spec, package, stats)
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


def steps() -> list[DemoStep]:
    """The demo steps of the loaded plugins (IDemoData), each after those it reads."""
    return in_order(step for plugin in p.PluginImplementations(IDemoData)
                    for step in plugin.demo_steps())


def load(echo: Callable[[str], object] = print) -> dict[str, int]:
    """Load the demo; print a summary through `echo` and return the counts
    ("departments created", "datasets present", "files uploaded", "files XLSX", ...)."""
    started = time.monotonic()
    context = site_context()
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
    for line in _summary(departments, stats):
        echo(line)
    for step in steps():
        stats.update(step.load(dict(context), echo))
    echo(f"  done in {time.monotonic() - started:.1f} s")
    return {**{f"departments {k}": n for k, n in departments.items()},
            **{k: n for k, n in stats.items() if n}}
