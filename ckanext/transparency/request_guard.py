"""Input no part of the portal can use is refused before any view runs, with a 400 and a
message in the reader's language: a NUL character or a lone UTF-16 surrogate anywhere (the
database and UTF-8 cannot hold them), and Action API JSON nested deeper than any action needs
(Python's parser would run out of stack: a 500)."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

import ckan.plugins.toolkit as tk
from flask import Response

MAX_DEPTH = 64
_UNUSABLE = re.compile("[\x00\ud800-\udfff]")
_JSON_SYNTAX = re.compile(rb'[\[\]{}"\\]')


def too_deep(raw: bytes) -> bool:
    """Whether JSON text nests deeper than MAX_DEPTH (counted without parsing it)."""
    depth, in_string, escaped_at = 0, False, -1
    for match in _JSON_SYNTAX.finditer(raw):
        char, position = match.group(), match.start()
        if in_string:
            if position == escaped_at:
                continue
            if char == b"\\":
                escaped_at = position + 1
            elif char == b'"':
                in_string = False
        elif char == b'"':
            in_string = True
        elif char in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in (b"]", b"}"):
            depth -= 1
    return False


def unusable(value: Any) -> bool:
    """Whether a NUL or a lone surrogate is in `value` (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _UNUSABLE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _is_api() -> bool:
    return tk.request.path.startswith("/api/")


def _refuse(message: str) -> Response:
    if _is_api():
        body = {"help": tk.request.base_url, "success": False,
                "error": {"__type": "Bad request", "message": message}}
        return Response(json.dumps(body), status=400,
                        content_type="application/json;charset=utf-8")
    return tk.abort(400, message)


def _broken_characters() -> Response:
    return _refuse(tk._("The request contains characters that cannot be used (a NUL "
                        "character or a broken Unicode character)."))


def _texts(multi_dict) -> Iterable[str]:
    for key, values in multi_dict.lists():
        yield key
        yield from (v for v in values if isinstance(v, str))


def check() -> Response | None:
    """A Flask before_request hook."""
    request = tk.request
    if any(unusable(text) for text in _texts(request.args)):
        return _broken_characters()
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.mimetype == "application/json" or (
            _is_api() and request.mimetype not in ("application/x-www-form-urlencoded",
                                                   "multipart/form-data")):
        raw = request.get_data(cache=True)
        if _is_api() and too_deep(raw):
            return _refuse(tk._("The JSON data is nested more than {n} levels deep.").format(
                n=MAX_DEPTH))
        try:
            data = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            return None  # CKAN answers malformed JSON itself
        return _broken_characters() if unusable(data) else None
    texts = list(_texts(request.form))
    if any(unusable(text) for text in texts):
        return _broken_characters()
    if _is_api() and any(too_deep(text.encode()) for text in texts):
        # CKAN reads a form with one key as that key's JSON
        return _refuse(tk._("The JSON data is nested more than {n} levels deep.").format(
            n=MAX_DEPTH))
    return None
