"""Attachments (type by content, size, count), e-mail of the number and code through CKAN's
mailer, per-address rate limits."""
from __future__ import annotations

import io
import os

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from ckanext.transparency.appeals import attachments, model as appeals_model

from .conftest import SECRET, code, run_jobs, stored, submit

pytestmark = pytest.mark.usefixtures("people")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(content: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=name)


def test_a_pdf_is_stored_for_staff():
    receipt = submit(attachment_1=upload(PDF, "../../etc/passwd scan.pdf"))
    appeal = stored(receipt["number"])
    [item] = appeals_model.attachments(appeal["id"])
    assert item["content_type"] == "application/pdf" and item["size"] == len(PDF)
    assert "/" not in item["filename"]
    with open(attachments.path(appeal["id"], item["id"]), "rb") as stored_file:
        assert stored_file.read() == PDF
    shown = helpers.call_action("appeal_attachment_show", context={"user": "water_editor"},
                                id=receipt["number"], attachment=item["id"])
    assert os.path.exists(shown["path"])


@pytest.mark.parametrize("content, name", [
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 8, "invoice.pdf"),  # an .exe
    (b"<html><script>alert(1)</script></html>", "photo.png"),
    (b"", "empty.pdf"),
])
def test_wrong_content_is_refused_whatever_the_name(content, name):
    with pytest.raises(tk.ValidationError) as error:
        submit(attachment_1=upload(content, name))
    assert "attachments" in error.value.error_dict
    assert helpers.call_action("appeal_statistics")["total"] == 0


@pytest.mark.ckan_config("ckanext.transparency.appeals.attachment_max_mb", 1)
def test_size_is_limited():
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(tk.ValidationError) as error:
        submit(attachment_1=upload(big, "big.pdf"))
    assert "attachments" in error.value.error_dict


def test_count_is_limited():
    files = {f"attachment_{i}": upload(PDF, f"{i}.pdf") for i in range(1, 5)}
    with pytest.raises(tk.ValidationError) as error:
        submit(**files)
    assert "attachments" in error.value.error_dict


def test_not_a_file_is_refused():
    with pytest.raises(tk.ValidationError) as error:
        submit(attachment_1="just a string")
    assert "attachments" in error.value.error_dict


def test_number_and_code_are_mailed(smtp, caplog):
    receipt = submit()
    assert smtp.messages == []  # not in the request: by the jobs worker
    run_jobs()
    [(recipients, message)] = smtp.messages
    assert recipients == [SECRET["email"]]
    body = message.get_payload(decode=True).decode()
    assert receipt["number"] in body and code(receipt) in body
    assert receipt["number"] in str(message["Subject"])
    assert SECRET["email"] not in caplog.text  # CKAN's "Sent email to ..." is dropped


def test_no_mail_without_an_address(smtp):
    submit(email="")
    run_jobs()
    assert smtp.messages == []


def test_the_applicant_is_told_of_forwarding(smtp):
    number = submit()["number"]
    helpers.call_action("appeal_forward", context={"user": "water_editor"}, id=number,
                        to="Ministry of Energy")
    run_jobs()
    assert len(smtp.messages) == 2
    assert "Ministry of Energy" in smtp.messages[1][1]["Subject"]



def test_the_applicant_is_written_to_in_the_language_of_the_appeal(app, smtp):
    """Sent through the Russian pages, answered by staff reading in English: in Russian."""
    with app.flask_app.test_request_context("/ru/appeals/new",
                                            environ_base={"CKAN_LANG": "ru"}):
        number = submit()["number"]
    helpers.call_action("appeal_answer", context={"user": "water_editor"}, id=number,
                        outcome="explained", answer="Suv quvuri taʼmirlandi.")
    run_jobs()
    subjects = [str(message["Subject"]) for _, message in smtp.messages]
    assert subjects[0] == f"Ваше обращение {number} зарегистрировано"
    assert subjects[-1].startswith(f"Ваше обращение {number}: ")
    assert "answered" not in subjects[-1]


@pytest.mark.ckan_config("ckanext.transparency.appeals.rate_limit", 2)
def test_rate_limit_per_address(app):
    with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}):
        submit(subject="First")
        submit(subject="Second")
        with pytest.raises(tk.ValidationError) as error:
            submit(subject="Third")
        assert "__before" in error.value.error_dict
        # staff registering appeals are not limited
        submit(subject="Staff", context={"user": "water_editor"})
    with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.8"}):
        submit(subject="Another address")
    # an idempotent retry does not count against the limit
    with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        for _ in range(4):
            submit(subject="Retry", submission_key="retry-key-0123456789")
