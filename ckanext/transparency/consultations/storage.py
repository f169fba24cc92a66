"""Files of a draft (the original document and attachments) under CKAN's storage path."""
from __future__ import annotations

import mimetypes
import os
import shutil

import ckan.plugins.toolkit as tk

from . import settings


def _directory(consultation_id: str) -> str:
    root = tk.config.get("ckan.storage_path")
    if not root:
        raise tk.ValidationError({"upload": [tk._("File storage is not configured "
                                                  "(ckan.storage_path).")]})
    return os.path.join(root, "consultations", consultation_id)


def path(consultation_id: str, attachment_id: str) -> str:
    return os.path.join(_directory(consultation_id), attachment_id)


def read_upload(upload) -> tuple[str, bytes, str]:
    """(filename, content, mimetype) of an uploaded file (werkzeug FileStorage or cgi field),
    refusing one over the configured size."""
    filename = os.path.basename(getattr(upload, "filename", "") or "").strip()
    if not filename:
        raise tk.ValidationError({"upload": [tk._("No file was uploaded.")]})
    stream = getattr(upload, "stream", None) or getattr(upload, "file", None)
    limit = settings.max_upload_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise tk.ValidationError({"upload": [tk._("The file is larger than {mb} MB.").format(
            mb=limit // (1024 * 1024))]})
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return filename, data, mimetype


def save(consultation_id: str, attachment_id: str, data: bytes) -> None:
    directory = _directory(consultation_id)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, attachment_id), "wb") as out:
        out.write(data)


def remove(consultation_id: str, attachment_id: str | None = None) -> None:
    target = path(consultation_id, attachment_id) if attachment_id else \
        _directory(consultation_id)
    if os.path.isdir(target):
        shutil.rmtree(target, ignore_errors=True)
    elif os.path.exists(target):
        os.remove(target)
