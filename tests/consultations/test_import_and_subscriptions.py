"""DOCX/ODT import into numbered articles, attachments, and e-mail to subscribers of new drafts."""
from __future__ import annotations

import io
import zipfile

import pytest
from werkzeug.datastructures import FileStorage

import ckan.plugins.toolkit as tk

from ckanext.transparency.consultations import articles, subscriptions

from .conftest import act, days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins", "with_request_context")


def docx_file() -> bytes:
    import docx
    document = docx.Document()
    document.add_paragraph("Ushbu nizom agentlik tomonidan tasdiqlanadi.")
    document.add_heading("1-modda. Umumiy qoidalar", level=2)
    document.add_paragraph("Birinchi band.")
    document.add_paragraph("Ikkinchi band.")
    document.add_paragraph("2-модда. Муҳокама")  # an article line without a heading style
    document.add_paragraph("Лойиҳа 15 кун муҳокама қилинади.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_file() -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        '<text:h text:outline-level="1">1-modda. Maqsad</text:h>'
        '<text:p>Birinchi<text:s/>band <text:span>davomi</text:span>.</text:p>'
        '<text:h text:outline-level="1">2-modda. Muddat</text:h>'
        '<text:p>Ikkinchi band.</text:p>'
        '</office:text></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def upload(data: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename)


def test_markdown_split_rules():
    units = articles.split("Bir.\n\nIkki.\n")
    assert [(u.number, u.level, u.text) for u in units] == [("1", 1, "Bir."), ("2", 1, "Ikki.")]
    units = articles.split("# A\ntext a\n\n## B ##\n\nb1\n\nb2")
    assert [(u.number, u.heading, u.text) for u in units] == [
        ("1", "A", ""), ("1.1", "", "text a"), ("2", "B", ""), ("2.1", "", "b1"),
        ("2.2", "", "b2")]


def test_docx_import_keeps_the_original(make_draft, editor):
    draft = make_draft(body=None, upload=upload(docx_file(), "nizom.docx"))
    assert draft["source_format"] == "docx"
    assert [(a["number"], a["heading"]) for a in draft["articles"] if a["level"] == 1] == [
        ("0", ""), ("1", "1-modda. Umumiy qoidalar"), ("2", "2-модда. Муҳокама")]
    assert [a["text"] for a in draft["articles"] if a["number"].startswith("1.")] == [
        "Birinchi band.", "Ikkinchi band."]
    (original,) = draft["attachments"]
    assert original["filename"] == "nizom.docx" and original["size"] > 1000


def test_odt_import(make_draft):
    draft = make_draft(body=None, upload=upload(odt_file(), "nizom.odt"))
    assert draft["source_format"] == "odt"
    assert [(a["number"], a["heading"] or a["text"]) for a in draft["articles"]] == [
        ("1", "1-modda. Maqsad"), ("1.1", "Birinchi band davomi."),
        ("2", "2-modda. Muddat"), ("2.1", "Ikkinchi band.")]


@pytest.mark.parametrize("data, filename, message", [
    (b"not a zip", "nizom.docx", "could not be read as DOCX"),
    (b"%PDF-1.4", "nizom.pdf", "Only DOCX and ODT"),
])
def test_bad_files_are_refused(make_draft, data, filename, message):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(body=None, upload=upload(data, filename))
    assert message in str(error.value.error_dict["upload"])


@pytest.mark.ckan_config("ckanext.transparency.consultations.max_upload_mb", "0")
def test_oversized_upload_is_refused(make_draft):
    with pytest.raises(tk.ValidationError) as error:
        make_draft(body=None, upload=upload(docx_file(), "nizom.docx"))
    assert "larger than" in str(error.value.error_dict["upload"])


def test_attachments(app, open_draft, editor, citizen):
    added = act("consultation_attachment_create", editor, id=open_draft["id"],
                upload=upload(b"a,b\n1,2\n", "jadval.csv"))
    with pytest.raises(tk.NotAuthorized):
        act("consultation_attachment_create", citizen, id=open_draft["id"],
            upload=upload(b"x", "x.txt"))
    (attachment,) = act("consultation_show", id=open_draft["id"])["attachments"]
    assert attachment["id"] == added["id"]
    response = app.get(f"/consultations/{open_draft['name']}/attachments/{added['id']}")
    assert response.data == b"a,b\n1,2\n"
    assert act("consultation_attachment_show", None, id=open_draft["name"],
               attachment_id=added["id"])["filename"] == "jadval.csv"
    act("consultation_attachment_delete", editor, id=open_draft["id"],
        attachment_id=added["id"])
    assert act("consultation_show", id=open_draft["id"])["attachments"] == []


def test_an_attachment_is_reached_only_through_its_own_draft(app, make_draft, editor):
    first, second = make_draft(), make_draft()
    added = act("consultation_attachment_create", editor, id=first["id"],
                upload=upload(b"maxfiy emas", "ilova.txt"))
    with pytest.raises(tk.ObjectNotFound):
        act("consultation_attachment_show", None, id=second["id"], attachment_id=added["id"])
    for draft_name in (second["name"], "no-such-draft"):
        page = app.get(f"/consultations/{draft_name}/attachments/{added['id']}")
        assert page.status_code == 404


@pytest.mark.ckan_config("ckanext.transparency.consultations.max_upload_mb", "1")
def test_a_change_with_a_refused_attachment_leaves_the_draft_as_it_was(open_draft, editor):
    too_big = upload(b"x" * (1024 * 1024 + 1), "katta.pdf")
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_update", editor, id=open_draft["id"], title="Yangi sarlavha",
            attachment=too_big)
    assert "attachment" in error.value.error_dict
    unchanged = act("consultation_show", id=open_draft["id"])
    assert unchanged["title"] == open_draft["title"] and unchanged["attachments"] == []
    changed = act("consultation_update", editor, id=open_draft["id"], title="Yangi sarlavha",
                  attachment=upload(b"jadval", "jadval.csv"))
    assert changed["title"] == "Yangi sarlavha"
    assert [a["filename"] for a in changed["attachments"]] == ["jadval.csv"]


def test_subscribers_get_an_email_about_a_new_draft(make_draft, citizen, other_citizen,
                                                     department, smtp):
    act("consultation_subscribe", citizen, organization=department["name"])
    act("consultation_subscribe", citizen)  # twice covered: still one e-mail
    act("consultation_subscribe", other_citizen, kind="internal")
    with pytest.raises(tk.NotAuthorized):
        act("consultation_subscribe", None)
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_subscribe", citizen, organization="no-such-department")
    assert "organization" in error.value.error_dict
    draft = make_draft(title="Yangi qaror loyihasi")
    assert subscriptions.notify_subscribers(draft["id"]) == 1
    assert subscriptions.notify_subscribers(draft["id"]) == 0  # announced once
    (recipients, message), = smtp.messages
    assert recipients == [citizen["email"]]
    assert "Yangi qaror loyihasi" in message["Subject"]
    assert f"/consultations/{draft['name']}" in message.get_body().get_content()
    internal = make_draft(kind="internal", closes_on=days(10))
    assert subscriptions.notify_subscribers(internal["id"]) == 2
