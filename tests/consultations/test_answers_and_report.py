"""Official answers with e-mail to the author (a real SMTP sink), the results report, its
files and its dataset in the catalog, and adoption with the adopted-text diff."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

import ckan.plugins.toolkit as tk
import ckan.tests.helpers as helpers

from ckanext.transparency.consultations import report_files

from .conftest import act, days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins", "with_request_context")


@pytest.fixture
def discussed(open_draft, citizen, other_citizen, editor):
    """An open draft with three published proposals and one removed by moderation."""
    made = []
    for user, text, article in ((citizen, "Muddatni 30 kunga uzaytirish", "2.1"),
                                (other_citizen, "Hisobotni PDF shaklida ham berish", None),
                                (citizen, "Таклифлар жавобини SMS орқали юбориш", "1")):
        proposal = act("consultation_proposal_create", user, consultation_id=open_draft["id"],
                       text=text, article_number=article)
        act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
        made.append(proposal)
    spam = act("consultation_proposal_create", other_citizen, consultation_id=open_draft["id"],
               text="Reklama")
    act("consultation_proposal_moderate", editor, id=spam["id"], action="reject", reason="spam")
    act("consultation_proposal_vote", other_citizen, id=made[0]["id"])
    act("consultation_proposal_vote", editor, id=made[0]["id"])
    return open_draft, made


def answer_all(editor, proposals):
    for proposal, decision in zip(proposals, ("accepted", "partially_accepted", "rejected")):
        act("consultation_proposal_answer", editor, id=proposal["id"], decision=decision,
            reason=f"Sabab: {decision}")


def test_answer_notifies_the_author_by_email(discussed, editor, citizen, smtp):
    draft, proposals = discussed
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_answer", editor, id=proposals[0]["id"], decision="accepted",
            reason="")
    assert "reason" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_answer", editor, id=proposals[0]["id"], decision="maybe",
            reason="x")
    assert "decision" in error.value.error_dict
    answered = act("consultation_proposal_answer", editor, id=proposals[0]["id"],
                   decision="partially_accepted", reason="Muddat 20 kunga uzaytiriladi")
    assert answered["author_notified"] is True
    assert answered["decision"] == "partially_accepted"
    (recipients, message), = smtp.messages
    assert recipients == [citizen["email"]]
    body = message.get_body().get_content()
    assert "Partially accepted" in body and "Muddat 20 kunga uzaytiriladi" in body
    assert f"/consultations/{draft['name']}" in body
    assert "No. 1" in message["Subject"]


def test_rejection_by_moderation_tells_the_author_why(open_draft, editor, citizen, smtp):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   text="Mavzuga aloqasiz")
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="reject",
        reason="off_topic", note="Murojaatlar xizmatiga yozing")
    (recipients, message), = smtp.messages
    assert recipients == [citizen["email"]]
    assert "Off topic" in message.get_body().get_content()
    assert "Murojaatlar xizmatiga yozing" in message.get_body().get_content()


def test_report_needs_closing_moderation_and_every_answer(discussed, editor, citizen, freezer):
    draft, proposals = discussed
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_report_publish", editor, id=draft["id"])
    assert "after the discussion closes" in str(error.value.error_dict)
    act("consultation_proposal_create", citizen, consultation_id=draft["id"], text="Kech")
    freezer.move_to(days(16))
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_report_publish", editor, id=draft["id"])
    assert "await moderation" in str(error.value.error_dict)
    assert "no answer" in str(error.value.error_dict)
    with pytest.raises(tk.ValidationError) as error:  # adoption needs the report
        act("consultation_adopt", editor, id=draft["id"], adopted_text="Matn",
            adopted_on=days(16))
    assert "report" in str(error.value.error_dict)
    with pytest.raises(tk.NotAuthorized):
        act("consultation_report_publish", citizen, id=draft["id"])


def test_report_its_files_and_its_dataset(discussed, editor, freezer, department, smtp):
    draft, proposals = discussed
    pending = act("consultation_moderation_queue", editor, id=draft["id"])
    assert pending["count"] == 0
    answer_all(editor, proposals)
    freezer.move_to(days(16))
    preview = act("consultation_report_show", editor, id=draft["id"])
    assert preview["published"] is None
    report = act("consultation_report_publish", editor, id=draft["id"])
    assert report["counts"] == {"total": 3, "accepted": 1, "partially_accepted": 1,
                                "rejected": 1, "unanswered": 0, "removed_by_moderation": 1}
    first = report["proposals"][0]
    assert (first["number"], first["article"], first["support"], first["decision"],
            first["reason"]) == (1, "2.1", 2, "accepted", "Sabab: accepted")
    assert first["article_heading"] == "2-modda. Muhokama"
    assert all("author" not in key for row in report["proposals"] for key in row)
    assert act("consultation_show", id=draft["id"])["status"] == "report_published"
    public = act("consultation_report_show", None, id=draft["name"])
    assert public["counts"] == report["counts"] and set(public["files"]) == {"csv", "xlsx",
                                                                              "pdf"}
    # frozen: no more answers or moderation
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_answer", editor, id=proposals[0]["id"], decision="rejected",
            reason="Changed my mind")
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_report_publish", editor, id=draft["id"])
    assert "id" in error.value.error_dict

    rows = list(csv.reader(io.StringIO(report_files.to_csv(public).decode("utf-8-sig"))))
    assert rows[0] == ["No.", "Kind", "Article", "Proposal", "Support", "Decision", "Reason"]
    assert rows[1] == ["1", "Proposal", "Paragraph 1 of article 2", "Muddatni 30 kunga uzaytirish",
                       "2", "Accepted", "Sabab: accepted"]
    assert rows[3][2] == "1-modda. Umumiy qoidalar" and rows[3][3].startswith("Таклифлар")
    assert report_files.to_csv(public).startswith(b"\xef\xbb\xbf")
    book = load_workbook(io.BytesIO(report_files.to_xlsx(public)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[2]][:5] == [1, "Proposal", "Paragraph 1 of article 2",
                                               "Muddatni 30 kunga uzaytirish", 2]
    summary = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)
               if len(row) > 1 and row[1] is not None}
    assert summary["Accepted"] == 1 and summary["Removed under the moderation rules"] == 1
    pdf = report_files.to_pdf(public)
    assert pdf.startswith(b"%PDF") and b"DejaVu" in pdf

    dataset = helpers.call_action("package_show", id=public["package_id"])
    assert dataset["owner_org"] == department["id"]
    assert sorted(r["format"] for r in dataset["resources"]) == ["CSV", "PDF", "XLSX"]
    assert all(r["url_type"] == "upload" for r in dataset["resources"])
    found = helpers.call_action("package_search", q="muhokama")
    assert public["package_id"] in [d["id"] for d in found["results"]]


def test_adoption_after_the_report_with_a_diff(discussed, editor, freezer):
    draft, proposals = discussed
    answer_all(editor, proposals)
    freezer.move_to(days(16))
    act("consultation_report_publish", editor, id=draft["id"])
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_adopt", editor, id=draft["id"], adopted_text="Matn",
            adopted_on=days(30))
    assert "adopted_on" in error.value.error_dict
    adopted_text = draft["body"].replace("kamida 15 kun", "kamida 20 kun")
    adopted = act("consultation_adopt", editor, id=draft["id"], adopted_text=adopted_text,
                  adopted_on=days(16), adopted_reference="No. 12-b")
    assert adopted["status"] == "adopted" and adopted["adopted_reference"] == "No. 12-b"
    from ckanext.transparency.consultations import diff
    segments = diff.segments(draft["body"], adopted["adopted_text"])
    assert {"op": "delete", "text": "15"} in segments
    assert {"op": "insert", "text": "20"} in segments
    assert diff.summary(draft["body"], adopted["adopted_text"]) == \
        {"changed": 1, "added": 0, "removed": 0}
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_update", editor, id=draft["id"], title="Too late")
    assert "id" in error.value.error_dict


@pytest.mark.ckan_config("ckan.locale_default", "uz")
def test_the_report_dataset_is_in_the_sites_language(app, discussed, editor, freezer, smtp):
    """The editor reads the site in Russian; the catalog's dataset is the site's, in Uzbek."""
    import flask_babel
    draft, proposals = discussed
    answer_all(editor, proposals)
    freezer.move_to(days(16))
    with app.flask_app.test_request_context(), flask_babel.force_locale("ru"):
        act("consultation_report_publish", editor, id=draft["id"])
    public = act("consultation_report_show", None, id=draft["name"])
    dataset = helpers.call_action("package_show", id=public["package_id"])
    assert dataset["title"].startswith("Jamoatchilik muhokamasi hisoboti: ")


def test_report_files_carry_no_live_formula(open_draft, citizen, editor, freezer):
    attacks = ['=HYPERLINK("http://evil.example","Bosing")', "=cmd|' /C calc'!A0",
               "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0"]
    for text in attacks:
        proposal = act("consultation_proposal_create", citizen,
                       consultation_id=open_draft["id"], text=text)
        act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
        act("consultation_proposal_answer", editor, id=proposal["id"], decision="rejected",
            reason="-1+cmd|' /C calc'!A0")
    freezer.move_to(days(16))
    act("consultation_report_publish", editor, id=open_draft["id"])
    report = act("consultation_report_show", None, id=open_draft["id"])

    rows = list(csv.reader(io.StringIO(report_files.to_csv(report).decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:]] == ["'" + text for text in attacks]
    assert {row[6] for row in rows[1:]} == {"'-1+cmd|' /C calc'!A0"}
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    book = load_workbook(io.BytesIO(report_files.to_xlsx(report)))
    cells = [cell for row in book.worksheets[0].iter_rows(min_row=2) for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    assert [row[3] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)] == [
        "'" + text for text in attacks]
