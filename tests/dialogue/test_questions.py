"""Questions from the public: moderation by the published rules, one vote per account,
answers live (with the time in the recording) or in writing, and nobody's name shown."""
from __future__ import annotations

import email

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.dialogue import model as m
from ckanext.transparency.dialogue import notifications

from .conftest import act, at


def test_a_question_waits_for_moderation_and_only_its_author_sees_it(roles, event):
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Yangi maktab qachon quriladi?")
    assert question["status"] == "pending" and question["mine"] is True
    assert question["number"] == 1
    assert act("event_question_list", None, event_id=event["id"])["count"] == 0
    mine = act("event_question_list", roles["citizen"], event_id=event["id"], status="mine")
    assert [q["text"] for q in mine["results"]] == ["Yangi maktab qachon quriladi?"]
    assert act("event_question_list", roles["neighbour"], event_id=event["id"],
               status="mine")["count"] == 0
    queue = act("event_question_list", roles["dept_editor"], event_id=event["id"],
                status="pending")
    assert [q["id"] for q in queue["results"]] == [question["id"]]
    assert act("dialogue_moderation_queue", roles["dept_editor"])["count"] == 1
    assert act("dialogue_moderation_queue", roles["other_editor"])["count"] == 0
    for outsider in (None, roles["citizen"], roles["dept_member"], roles["other_editor"]):
        with pytest.raises(tk.NotAuthorized):
            act("event_question_list", outsider, event_id=event["id"], status="pending")


def test_one_question_is_shown_to_whom_its_status_allows(roles, event):
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Yangi maktab qachon quriladi?")
    assert act("event_question_show", roles["citizen"], id=question["id"])["mine"] is True
    shown = act("event_question_show", roles["dept_editor"], id=question["id"])
    assert shown["text"] == "Yangi maktab qachon quriladi?" and "user_id" not in shown
    for outsider in (None, roles["neighbour"], roles["other_editor"]):
        with pytest.raises(tk.ObjectNotFound):
            act("event_question_show", outsider, id=question["id"])
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    assert act("event_question_show", None, id=question["id"])["status"] == "published"
    with pytest.raises(tk.ObjectNotFound):
        act("event_question_show", None, id="no-such-question")


def test_rejection_names_a_published_rule_and_tells_the_author(roles, event, mail_server):
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Bu savol mavzuga aloqasiz")
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_moderate", roles["dept_editor"], id=question["id"],
            decision="reject")
    assert "reason" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_moderate", roles["dept_editor"], id=question["id"],
            decision="reject", reason="i_dont_like_it")
    assert "reason" in error.value.error_dict
    rejected = act("event_question_moderate", roles["dept_editor"], id=question["id"],
                   decision="reject", reason="off_topic", note="Murojaatlar xizmatiga yozing")
    assert rejected["status"] == "rejected" and rejected["rejection_reason"] == "off_topic"
    assert act("event_question_list", None, event_id=event["id"])["count"] == 0
    own = act("event_question_list", roles["citizen"], event_id=event["id"], status="mine")
    assert own["results"][0]["moderation_note"] == "Murojaatlar xizmatiga yozing"
    notes = model.Session.query(m.Notification).all()
    assert [(n.kind, n.question_id) for n in notes] == [("rejected", question["id"])]
    assert notifications.send_pending() == {"sent": 1, "failed": 0}
    messages = mail_server.get_smtp_messages()
    assert len(messages) == 1 and messages[0][2] == ["citizen@example.uz"]
    body = email.message_from_string(messages[0][3]).get_payload(decode=True).decode()
    assert "Off topic" in body and "Murojaatlar xizmatiga yozing" in body
    assert notifications.send_pending() == {"sent": 0, "failed": 0}  # sent once


def test_rules_of_asking(roles, event, event_factory):
    act("event_question_create", roles["citizen"], event_id=event["id"],
        text="Birinchi savolim: narxlar?")
    with pytest.raises(tk.ValidationError) as error:  # the same author, the same question
        act("event_question_create", roles["citizen"], event_id=event["id"],
            text="birinchi SAVOLIM — narxlar")
    assert "text" in error.value.error_dict
    for text in ("qisqa", "x" * 1001, ""):
        with pytest.raises(tk.ValidationError) as error:
            act("event_question_create", roles["citizen"], event_id=event["id"], text=text)
        assert "text" in error.value.error_dict
    with pytest.raises(tk.NotAuthorized):
        act("event_question_create", None, event_id=event["id"], text="Anonim savol bormi?")
    with pytest.raises(tk.ObjectNotFound):
        act("event_question_create", roles["citizen"], event_id="no-such-event",
            text="Bunday tadbir yoʻq-ku?")
    closed = event_factory(title="Savolsiz tadbir", questions_open=False)
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_create", roles["citizen"], event_id=closed["id"],
            text="Savol qabul qilinmaydimi?")
    assert "event_id" in error.value.error_dict
    for n in range(4):
        act("event_question_create", roles["citizen"], event_id=event["id"],
            text=f"Qoʻshimcha savol raqami {n}")
    with pytest.raises(tk.ValidationError) as error:  # five per account and event by default
        act("event_question_create", roles["citizen"], event_id=event["id"],
            text="Oltinchi savol boʻladimi?")
    assert "text" in error.value.error_dict


def test_one_vote_per_account_and_not_for_oneself(roles, event, published_question):
    qid = published_question["id"]
    assert act("event_question_vote", roles["neighbour"], id=qid) == {
        "id": qid, "votes": 1, "voted": True}
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_vote", roles["neighbour"], id=qid)
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_vote", roles["citizen"], id=qid)  # the author
    assert "id" in error.value.error_dict
    with pytest.raises(tk.NotAuthorized):
        act("event_question_vote", None, id=qid)
    act("event_question_vote", roles["dept_member"], id=qid)
    listed = act("event_question_list", roles["neighbour"], event_id=event["id"])
    assert listed["results"][0]["votes"] == 2 and listed["results"][0]["voted"] is True
    assert act("event_question_vote", roles["neighbour"], id=qid, remove=True)["votes"] == 1
    assert act("event_question_vote", roles["neighbour"], id=qid)["votes"] == 1 + 1
    pending = act("event_question_create", roles["neighbour"], event_id=event["id"],
                  text="Hali tekshirilmagan savol")
    with pytest.raises(tk.ObjectNotFound):  # not published: nothing to vote for
        act("event_question_vote", roles["citizen"], id=pending["id"])


def test_questions_sort_by_votes_and_never_show_who_asked(roles, event):
    ids = []
    for text in ("Birinchi savol matni", "Ikkinchi savol matni"):
        question = act("event_question_create", roles["citizen"], event_id=event["id"],
                       text=text)
        act("event_question_moderate", roles["dept_editor"], id=question["id"],
            decision="publish")
        ids.append(question["id"])
    act("event_question_vote", roles["neighbour"], id=ids[1])
    listed = act("event_question_list", None, event_id=event["id"])
    assert [q["id"] for q in listed["results"]] == [ids[1], ids[0]]
    text = str(listed) + str(act("event_question_list", roles["dept_editor"],
                                 event_id=event["id"]))
    assert roles["citizen"]["id"] not in text and "citizen" not in text
    assert "user_id" not in text
    assert [q["number"] for q in act("event_question_list", None, event_id=event["id"],
                                     sort="number")["results"]] == [1, 2]


def test_answers_live_with_the_time_in_the_recording_or_in_writing(roles, event_factory):
    event = event_factory(start=at(hours=-2), end=at(hours=-1))
    questions = []
    for text in ("Jonli javob kutilayotgan savol", "Yozma javob kutilayotgan savol",
                 "Javobsiz qolgan savol"):
        question = act("event_question_create", roles["citizen"], event_id=event["id"],
                       text=text)
        act("event_question_moderate", roles["dept_editor"], id=question["id"],
            decision="publish")
        questions.append(question)
    with pytest.raises(tk.ValidationError) as error:  # not live before the event is held or live
        act("event_question_answer", roles["dept_editor"], id=questions[0]["id"],
            answer="Javob", mode="live", recording_time="12:34")
    assert "mode" in error.value.error_dict
    act("event_update", roles["dept_editor"], id=event["id"], status="held")
    live = act("event_question_answer", roles["dept_editor"], id=questions[0]["id"],
               answer="Yil oxirigacha", mode="live", recording_time="1:02:03")
    assert live["answer_mode"] == "live" and live["recording_time"] == 3723
    written = act("event_question_answer", roles["dept_editor"], id=questions[1]["id"],
                  answer="Yozma javob: 2026-yilda", mode="written")
    assert written["recording_time"] is None
    for bad, field in (({"recording_time": "12:99", "mode": "live"}, "recording_time"),
                       ({"recording_time": "5:00", "mode": "written"}, "recording_time"),
                       ({"mode": "sung"}, "mode"), ({"answer": ""}, "answer")):
        with pytest.raises(tk.ValidationError) as error:
            act("event_question_answer", roles["dept_editor"], id=questions[2]["id"],
                **{"answer": "Javob", **bad})
        assert field in error.value.error_dict
    for outsider in (roles["citizen"], roles["dept_member"], roles["other_editor"], None):
        with pytest.raises(tk.NotAuthorized):
            act("event_question_answer", outsider, id=questions[2]["id"], answer="Javob")
    answered = act("event_question_list", None, event_id=event["id"], status="answered")
    unanswered = act("event_question_list", None, event_id=event["id"], status="unanswered")
    assert {q["id"] for q in answered["results"]} == {questions[0]["id"], questions[1]["id"]}
    assert [q["text"] for q in unanswered["results"]] == ["Javobsiz qolgan savol"]
    # the answers are in the archive's search, and the author is told once
    found = act("event_list", None, archive=True, q="йил охиригача")["results"]
    assert [e["id"] for e in found] == [event["id"]]
    act("event_question_answer", roles["dept_editor"], id=questions[0]["id"],
        answer="Yil oxirigacha (aniqlashtirildi)", mode="live", recording_time=3723)
    kinds = [n.kind for n in model.Session.query(m.Notification)]
    assert kinds.count("answered") == 2
    # voting ends with the event; an answered question cannot be rejected
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_vote", roles["neighbour"], id=questions[2]["id"])
    assert "id" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_moderate", roles["dept_editor"], id=questions[0]["id"],
            decision="reject", reason="spam")
    assert "id" in error.value.error_dict


def test_a_pending_question_is_published_before_it_is_answered(roles, event):
    question = act("event_question_create", roles["citizen"], event_id=event["id"],
                   text="Hali moderatsiyada turgan savol")
    with pytest.raises(tk.ValidationError) as error:
        act("event_question_answer", roles["dept_editor"], id=question["id"], answer="Javob")
    assert "id" in error.value.error_dict
