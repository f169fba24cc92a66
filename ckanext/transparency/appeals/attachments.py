"""Attachments of an appeal: checked by their content's type and by size, kept under
`ckan.storage_path/appeals/` and served to the department's staff only."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
from typing import Any

import magic
from werkzeug.utils import secure_filename

import ckan.plugins.toolkit as tk
from ckan.model import types as _types

from . import model


@dataclasses.dataclass
class Checked:
    filename: str
    content_type: str
    content: bytes


def _is_file(value: Any) -> bool:
    return hasattr(value, "read") and hasattr(value, "filename")


def collect(data_dict: dict) -> list:
    """The uploads of a submission: `attachments` (a list) or `attachment`, `attachment_1`..."""
    files = []
    for key, value in data_dict.items():
        if key == "attachments" or key == "attachment" or key.startswith("attachment_"):
            for item in value if isinstance(value, list) else [value]:
                if _is_file(item) and item.filename:
                    files.append(item)
                elif item not in (None, ""):
                    raise tk.ValidationError({"attachments": [tk._("Not a file upload")]})
    return files


def check(files: list) -> list[Checked]:
    c = tk.config
    allowed = set(c.get("ckanext.transparency.appeals.attachment_types"))
    max_bytes = c.get("ckanext.transparency.appeals.attachment_max_mb") * 1024 * 1024
    if len(files) > c.get("ckanext.transparency.appeals.attachment_max_count"):
        raise tk.ValidationError({"attachments": [tk._("Too many attachments (at most {n})")
                                                  .format(n=c.get(
                                                      "ckanext.transparency.appeals."
                                                      "attachment_max_count"))]})
    checked = []
    for upload in files:
        content = upload.read(max_bytes + 1)
        if len(content) > max_bytes:
            raise tk.ValidationError({"attachments": [tk._("{name}: larger than {n} MB").format(
                name=upload.filename, n=max_bytes // (1024 * 1024))]})
        if not content:
            raise tk.ValidationError({"attachments": [tk._("{name}: the file is empty").format(
                name=upload.filename)]})
        content_type = magic.from_buffer(content, mime=True)
        if content_type not in allowed:
            raise tk.ValidationError({"attachments": [
                tk._("{name}: files of this type are not accepted (accepted: {types})").format(
                    name=upload.filename, types=", ".join(sorted(allowed)))]})
        filename = secure_filename(upload.filename) or "attachment"
        checked.append(Checked(filename, content_type, content))
    return checked


def _directory(appeal_id: str) -> str:
    return os.path.join(tk.config.get("ckan.storage_path") or "", "appeals", appeal_id)


def path(appeal_id: str, attachment_id: str) -> str:
    return os.path.join(_directory(appeal_id), attachment_id)


def store(appeal_id: str, checked: list[Checked]) -> None:
    if not checked:
        return
    os.makedirs(_directory(appeal_id), exist_ok=True)
    for item in checked:
        attachment_id = _types.make_uuid()
        with open(path(appeal_id, attachment_id), "wb") as out:
            out.write(item.content)
        model.session().execute(model.Attachment.__table__.insert().values(
            id=attachment_id, appeal_id=appeal_id, filename=item.filename,
            content_type=item.content_type, size=len(item.content),
            sha256=hashlib.sha256(item.content).hexdigest(), created=dt.datetime.utcnow()))


def remove(appeal_id: str, attachment_id: str) -> None:
    """Delete a stored file (and the appeal's directory once it is empty)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(path(appeal_id, attachment_id))
    with contextlib.suppress(OSError):
        os.rmdir(_directory(appeal_id))
