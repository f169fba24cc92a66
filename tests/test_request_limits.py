"""Request bodies are limited (ckanext.transparency.max_body_mb), uploads to
ckan.max_resource_size; a larger request gets a 413 in the reader's language."""
from __future__ import annotations

import io
import json

import pytest

pytestmark = [pytest.mark.usefixtures("with_plugins", "clean_db"),
              pytest.mark.ckan_config("ckanext.transparency.max_body_mb", 1),
              pytest.mark.ckan_config("ckan.max_resource_size", 3)]

MB = 1024 * 1024


def test_a_large_json_body_is_refused_in_the_readers_language(app):
    body = json.dumps({"q": "x" * (2 * MB)})
    response = app.post("/ru/api/3/action/package_search", data=body,
                        content_type="application/json")
    assert response.status_code == 413
    error = response.json["error"]
    assert response.json["success"] is False
    assert "1 МБ" in error["message"]


def test_a_large_form_is_refused_with_a_page(app):
    response = app.post("/appeals/track", data={"number": "2026-000001",
                                                "code": "x" * (2 * MB)})
    assert response.status_code == 413
    assert "1 MB" in response.body and "<html" in response.body


def test_a_body_without_a_length_stops_at_the_limit(app):
    stream = io.BytesIO(json.dumps({"q": "x" * (2 * MB)}).encode())
    response = app.post("/api/3/action/package_search", input_stream=stream,
                        content_type="application/json",
                        environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413


def test_small_bodies_and_uploads_up_to_their_own_limit_pass(app):
    assert app.post("/api/3/action/package_search", json={"q": "water"}).status_code == 200
    upload = {"upload": (io.BytesIO(b"a,b\n" * (MB // 2)), "data.csv")}  # 2 MB
    response = app.post("/api/3/action/package_search", data=upload,
                        content_type="multipart/form-data")
    assert response.status_code != 413
    too_big = {"upload": (io.BytesIO(b"a,b\n" * (MB + MB // 4)), "data.csv")}  # 5 MB
    response = app.post("/api/3/action/package_search", data=too_big,
                        content_type="multipart/form-data")
    assert response.status_code == 413
