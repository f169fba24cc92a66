"""Request size limits: bodies up to ckanext.transparency.max_body_mb, uploads (multipart
forms) up to ckan.max_resource_size; refused with a 413 in the reader's language before
anything reads the body."""
from __future__ import annotations

from flask import Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

import ckan.plugins.toolkit as tk

MB = 1024 * 1024


def body_limit() -> int:
    """The largest body this request may carry, bytes."""
    if request.mimetype == "multipart/form-data":
        # the file may be as large as ckan.max_resource_size; the other fields come with it
        return (tk.config.get("ckan.max_resource_size") + 1) * MB
    return tk.config.get("ckanext.transparency.max_body_mb") * MB


def check_size() -> None:
    limit = body_limit()
    # without a Content-Length (chunked) the body stream stops at the limit as it is read
    request.max_content_length = limit
    if (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()


def too_large(error: RequestEntityTooLarge) -> tuple[Response | str, int]:
    limit = body_limit()
    if request.content_length and request.content_length <= limit:  # one field was too long
        message = tk._("A field of the form is too long.")
    else:
        message = tk._("The request is too large: at most {limit} MB can be sent at once."
                       ).format(limit=max(1, limit // MB))
    if request.blueprint == "api":
        return jsonify({"success": False, "error": {"__type": "Request Entity Too Large",
                                                    "message": message}}), 413
    return tk.render("error_document_template.html", {"code": 413, "content": message}), 413
