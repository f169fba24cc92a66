"""Uploaded event materials (recordings, slides, documents) under
`<ckan.storage_path>/dialogue/<material id>/<file name>`, served by the dialogue blueprint."""
from __future__ import annotations

import os
import shutil

import ckan.lib.munge as munge
import ckan.plugins.toolkit as tk

CHUNK = 1024 * 1024


def allowed_extensions() -> set[str]:
    value = tk.config.get("ckanext.transparency.dialogue.upload_extensions") or ""
    return {e.strip().lower().lstrip(".") for e in value.split() if e.strip()}


def max_bytes() -> int:
    return int(tk.config.get("ckanext.transparency.dialogue.upload_max_mb") or 0) * CHUNK


def directory(material_id: str) -> str:
    root = tk.config.get("ckan.storage_path")
    if not root:
        raise tk.ValidationError({"upload": [tk._("File uploads are not configured")]})
    return os.path.join(root, "dialogue", material_id)


def safe_name(filename: str) -> str:
    name = munge.munge_filename(os.path.basename(filename or "")) or "file"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed_extensions():
        raise tk.ValidationError({"upload": [tk._(
            "This kind of file cannot be uploaded; allowed: {types}").format(
            types=", ".join(sorted(allowed_extensions())))]})
    return name


def save(material_id: str, upload) -> tuple[str, int]:
    """Store a werkzeug FileStorage (or file-like with .filename); returns (name, size)."""
    name = safe_name(getattr(upload, "filename", ""))
    folder = directory(material_id)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    limit, size = max_bytes(), 0
    stream = getattr(upload, "stream", upload)
    with open(path + "~", "wb") as output:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if limit and size > limit:
                output.close()
                os.remove(path + "~")
                raise tk.ValidationError({"upload": [tk._("The file is too large")]})
            output.write(chunk)
    if size == 0:
        os.remove(path + "~")
        raise tk.ValidationError({"upload": [tk._("The file is empty")]})
    os.replace(path + "~", path)
    return name, size


def path_of(material_id: str, name: str) -> str | None:
    path = os.path.join(directory(material_id), os.path.basename(name))
    return path if os.path.isfile(path) else None


def remove(material_id: str) -> None:
    shutil.rmtree(directory(material_id), ignore_errors=True)
