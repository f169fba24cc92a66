"""A failed replacement of any resource's data loses nothing published (issue #12, item 1): files
uploaded to untyped datasets and linked files (fetched from a local web server) are loaded into
a staging table before the resource is saved, and swapped in only with it."""
from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import ckan.plugins.toolkit as tk
from ckan.tests.helpers import call_action

from ckanext.transparency.plugins.opendata import OpendataPlugin

from .conftest import csv_text, datastore_rows
from .test_upload_safety import published
from .test_uploads import _problems

GOOD = csv_text("tuman,maktablar,oʻquvchilar\nChilonzor,41,52000\nYunusobod,38,47500\n")
NEW = csv_text("tuman,maktablar,oʻquvchilar\nSergeli,25,31000\n")
EXTRA_VALUE = csv_text("tuman,maktablar,oʻquvchilar\nChilonzor,41,52000\n"
                       "Yunusobod,38,47,500\n")
EXTRA_VALUE_ERROR = ("Row 3, column D: a value beyond the 3 columns of the header: a value "
                     "holding a comma or quote may need to be put in double quotes")
SAME_HEADER = csv_text("tuman,maktablar,tuman\nChilonzor,41,52000\n")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PAGE = b"<!DOCTYPE html><html><body><h1>Statistika</h1></body></html>"


@pytest.fixture
def plain_dataset(with_views, org, editor):
    return call_action("package_create", context={"user": editor["name"]},
                       name="maktablar", title="Maktablar", owner_org=org["id"])


@pytest.fixture
def put(editor):
    """resource_create / resource_patch as the editor, with an uploaded file or a link."""
    def do(dataset: dict, resource_id: str | None = None, data: bytes | None = None,
           filename: str = "maktablar.csv", **fields) -> dict:
        from werkzeug.datastructures import FileStorage
        if data is not None:
            fields["upload"] = FileStorage(stream=io.BytesIO(data), filename=filename)
        context = {"user": editor["name"], "ignore_auth": False}
        if resource_id:
            return call_action("resource_patch", context=context, id=resource_id, **fields)
        return call_action("resource_create", context=context, package_id=dataset["id"],
                           name=fields.pop("name", filename), **fields)
    return do


class Files:
    """A local web server answering each path with what the test put there."""

    def __init__(self):
        self.answers: dict[str, tuple[int, str, bytes, float]] = {}
        files = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, mimetype, body, pause = files.answers.get(
                    self.path, (404, "text/plain", b"not found", 0))
                self.send_response(status)
                self.send_header("Content-Type", mimetype)
                if not pause:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for byte in body if pause else [body]:
                    self.wfile.write(bytes([byte]) if pause else byte)
                    self.wfile.flush()
                    time.sleep(pause)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, body: bytes, mimetype: str = "text/csv", status: int = 200,
            pause: float = 0) -> str:
        self.answers[path] = (status, mimetype, body, pause)
        return f"http://127.0.0.1:{self.server.server_port}{path}"


@pytest.fixture
def web():
    files = Files()
    yield files
    files.server.shutdown()
    files.server.server_close()


def _values(resource_id: str) -> list[tuple]:
    return [(r["tuman"], r["maktablar"], r["oʻquvchilar"]) for r in datastore_rows(resource_id)]


class TestAnUploadedFile:

    def test_is_loaded_as_text_columns_with_its_views(self, app, plain_dataset, put):
        resource = put(plain_dataset, data=GOOD)
        assert _values(resource["id"]) == [("Chilonzor", "41", "52000"),
                                           ("Yunusobod", "38", "47500")]
        after = published(app, resource["id"])
        assert after["resource"]["datastore_active"] is True and after["views"]
        assert after["file"] == GOOD and after["resource"]["format"] == "CSV"
        assert OpendataPlugin().can_upload(resource["id"]) is False

    @pytest.mark.parametrize("data, filename, message", [
        (EXTRA_VALUE, "maktablar.csv", EXTRA_VALUE_ERROR),
        (SAME_HEADER, "maktablar.csv",
         "Column «tuman» (C): the same header as column A: every column needs its own name"),
        (PDF, "hisobot.pdf", "The file is declared as CSV but is not a table"),
        (PAGE, "maktablar.csv", "The file is declared as CSV but is not a table"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, "maktablar.csv",
         "The file could not be read as text"),
    ])
    def test_a_failed_replacement_changes_nothing(self, app, plain_dataset, put, data,
                                                  filename, message):
        resource = put(plain_dataset, data=GOOD)
        before = published(app, resource["id"])
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], data=data, filename=filename)
        assert _problems(error)[0].startswith(message)
        assert published(app, resource["id"]) == before

    def test_a_document_cannot_take_a_tables_place_whatever_its_format(self, app,
                                                                       plain_dataset, put):
        resource = put(plain_dataset, data=GOOD)
        before = published(app, resource["id"])
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], data=PDF, filename="hisobot.pdf", format="PDF")
        assert _problems(error) == [
            "The file is not a table: upload a CSV or XLSX file (a document can be added as a "
            "new resource)."]
        assert published(app, resource["id"]) == before

    def test_a_failure_after_loading_while_saving_keeps_the_table(self, app, plain_dataset,
                                                                 put):
        resource = put(plain_dataset, data=GOOD)
        before = published(app, resource["id"])
        with pytest.raises(tk.ValidationError) as error:  # CKAN refuses it after the load
            put(plain_dataset, resource["id"], data=NEW, created="not a date")
        assert "created" in error.value.error_dict
        assert published(app, resource["id"]) == before

    def test_a_good_replacement_replaces_everything(self, app, plain_dataset, put):
        resource = put(plain_dataset, data=GOOD)
        put(plain_dataset, resource["id"], data=NEW, filename="maktablar-2026.csv")
        after = published(app, resource["id"])
        assert after["file"] == NEW and after["resource"]["url"].endswith("maktablar-2026.csv")
        assert _values(resource["id"]) == [("Sergeli", "25", "31000")]
        assert after["csv_dump"].decode("utf-8-sig").splitlines()[1:] == ["1,Sergeli,25,31000"]
        assert after["xlsx_dump"][1:] == [("Sergeli", "25", "31000")]
        assert after["views"]

    def test_a_new_resource_that_fails_is_not_created(self, plain_dataset, put):
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, data=EXTRA_VALUE)
        assert _problems(error) == [EXTRA_VALUE_ERROR]
        assert call_action("package_show", id=plain_dataset["id"])["resources"] == []

    def test_a_document_is_saved_without_a_table(self, plain_dataset, put):
        resource = put(plain_dataset, data=PDF, filename="hisobot.pdf")
        assert resource["datastore_active"] is False and resource["format"] == "PDF"

    def test_the_editor_reads_the_error_in_their_language(self, app, plain_dataset, put,
                                                          editor):
        resource = put(plain_dataset, data=GOOD)
        before = published(app, resource["id"])
        token = call_action("api_token_create", user=editor["name"], name="t")["token"]
        response = app.post(
            f"/ru/dataset/{plain_dataset['name']}/resource/{resource['id']}/edit",
            data={"upload": (io.BytesIO(EXTRA_VALUE), "maktablar.csv"), "name": "maktablar",
                  "id": resource["id"], "save": ""},
            headers={"Authorization": token})
        assert response.status_code == 200
        assert ("Строка 3, столбец D: значение за пределами 3 столбцов заголовка"
                in response.get_data(as_text=True))
        assert published(app, resource["id"]) == before


class TestALinkedFile:

    def test_is_fetched_and_loaded_when_linked(self, app, plain_dataset, put, web):
        resource = put(plain_dataset, url=web.put("/maktablar.csv", GOOD), name="maktablar")
        assert _values(resource["id"])[0] == ("Chilonzor", "41", "52000")
        after = published(app, resource["id"])
        assert after["resource"]["datastore_active"] is True and after["views"]
        assert after["resource"]["format"] == "CSV"

    @pytest.mark.parametrize("path, body, mimetype, status, message", [
        ("/yoq.csv", b"", "text/plain", 404,
         "The data could not be fetched from {url}: the address answered 404 Not Found. "
         "Nothing was changed."),
        ("/buzuq.csv", EXTRA_VALUE, "text/csv", 200, EXTRA_VALUE_ERROR),
        ("/sahifa", PAGE, "text/html; charset=utf-8", 200,
         "The address gives a web page, not a data file: link the CSV or XLSX file itself."),
        ("/hisobot.pdf", PDF, "application/pdf", 200,
         "The file is declared as CSV but is not a table: upload a CSV or XLSX file."),
    ])
    def test_a_failed_replacement_changes_nothing(self, app, plain_dataset, put, web, path,
                                                  body, mimetype, status, message):
        resource = put(plain_dataset, url=web.put("/maktablar.csv", GOOD), name="maktablar")
        before = published(app, resource["id"])
        url = web.put(path, body, mimetype, status)
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], url=url)
        assert error.value.error_dict["url"] == [message.format(url=url)]
        assert published(app, resource["id"]) == before

    @pytest.mark.ckan_config("ckanext.transparency.opendata.fetch_timeout", 1)
    def test_a_slow_answer_is_given_up_on_time(self, app, plain_dataset, put, web):
        resource = put(plain_dataset, url=web.put("/maktablar.csv", GOOD), name="maktablar")
        before = published(app, resource["id"])
        url = web.put("/sekin.csv", GOOD, pause=0.2)  # a byte every 0.2 s: over a minute
        started = time.monotonic()
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], url=url)
        assert time.monotonic() - started < 5
        assert error.value.error_dict["url"] == [
            f"The data could not be fetched from {url}: no complete answer within 1 seconds. "
            "Nothing was changed."]
        assert published(app, resource["id"]) == before

    def test_a_good_replacement_replaces_everything(self, app, plain_dataset, put, web):
        resource = put(plain_dataset, url=web.put("/maktablar.csv", GOOD), name="maktablar")
        url = web.put("/maktablar-2026.csv", NEW)
        put(plain_dataset, resource["id"], url=url)
        after = published(app, resource["id"])
        assert after["resource"]["url"] == url
        assert _values(resource["id"]) == [("Sergeli", "25", "31000")]
        assert after["csv_dump"].decode("utf-8-sig").splitlines()[1:] == ["1,Sergeli,25,31000"]
        assert after["views"]

    def test_an_unchanged_link_is_not_fetched_again(self, plain_dataset, put, web):
        url = web.put("/maktablar.csv", GOOD)
        resource = put(plain_dataset, url=url, name="maktablar")
        web.put("/maktablar.csv", b"", status=404)
        put(plain_dataset, resource["id"], description="Maktablar soni")
        assert len(datastore_rows(resource["id"])) == 2

    def test_a_link_to_a_web_page_without_a_table_is_just_saved(self, plain_dataset, put,
                                                                web):
        resource = put(plain_dataset, url=web.put("/sahifa", PAGE, "text/html"),
                       name="sahifa")
        assert resource["datastore_active"] is False

    def test_a_new_link_that_cannot_be_fetched_is_not_created(self, plain_dataset, put, web):
        url = web.put("/yoq.csv", b"", status=404)
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, url=url, name="maktablar")
        assert error.value.error_dict["url"][0].startswith(
            f"The data could not be fetched from {url}: the address answered 404")
        assert call_action("package_show", id=plain_dataset["id"])["resources"] == []


class TestATableLoadedBefore:
    """The published state made without the portal's loader (as xloader left it): what a failed
    replacement must not touch is the file or link and the table."""

    @staticmethod
    def _table(resource_id: str) -> None:
        site_user = call_action("get_site_user")["name"]
        call_action("datastore_create", context={"user": site_user}, resource_id=resource_id,
                    force=True,
                    fields=[{"id": n, "type": "text"}
                            for n in ("tuman", "maktablar", "oʻquvchilar")],
                    records=[{"tuman": "Chilonzor", "maktablar": "41", "oʻquvchilar": "52000"}])

    def test_an_uploaded_file_stays(self, app, plain_dataset, put):
        resource = put(plain_dataset, data=PDF, filename="maktablar.pdf")
        self._table(resource["id"])
        before = published(app, resource["id"])
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], data=EXTRA_VALUE, filename="maktablar.csv")
        assert "upload" in error.value.error_dict
        after = published(app, resource["id"])
        assert after["file"] == PDF and after == before

    def test_a_link_stays(self, app, plain_dataset, put, web):
        url = web.put("/hisobot", PAGE, "text/html")
        resource = put(plain_dataset, url=url, name="maktablar")
        self._table(resource["id"])
        before = published(app, resource["id"])
        with pytest.raises(tk.ValidationError) as error:
            put(plain_dataset, resource["id"], url=web.put("/yoq.csv", b"", status=404))
        assert "url" in error.value.error_dict
        after = published(app, resource["id"])
        assert after["resource"]["url"] == url and after == before
