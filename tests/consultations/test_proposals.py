"""Proposals: anchoring, bad input, support votes, moderation with reasons, reports, duplicates."""
from __future__ import annotations

import pytest

import ckan.plugins.toolkit as tk

from .conftest import act

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")


def propose(draft, user, **data):
    return act("consultation_proposal_create", user, consultation_id=draft["id"], **data)


def approve(editor, proposal):
    return act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")


def test_anchored_to_an_article_a_paragraph_or_the_whole_draft(open_draft, citizen, editor):
    whole = propose(open_draft, citizen, text="Umuman qoʻllab-quvvatlayman")
    article = propose(open_draft, citizen, text="1-moddaga taklif", article_number="1")
    paragraph = propose(open_draft, citizen, text="1.2 bandni oʻzgartirish kerak",
                        article_number="1.2", kind="comment")
    assert (whole["article_number"], article["article_number"],
            paragraph["article_number"]) == (None, "1", "1.2")
    assert [p["number"] for p in (whole, article, paragraph)] == [1, 2, 3]
    assert paragraph["kind"] == "comment" and paragraph["state"] == "pending"
    for proposal in (whole, article, paragraph):
        approve(editor, proposal)
    listed = act("consultation_proposal_list", consultation_id=open_draft["id"],
                 article_number="1")
    assert [p["number"] for p in listed["results"]] == [2, 3]


def test_bad_input(open_draft, citizen):
    with pytest.raises(tk.ValidationError) as error:
        propose(open_draft, citizen, text="Taklif", article_number="9.9")
    assert "article_number" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        propose(open_draft, citizen, text="x" * 5001)
    assert "5000" in str(error.value.error_dict["text"])
    with pytest.raises(tk.ValidationError) as error:
        propose(open_draft, citizen, text="   ")
    assert "text" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        propose(open_draft, citizen, text="Taklif", kind="petition")
    assert "kind" in error.value.error_dict
    with pytest.raises(tk.ObjectNotFound):
        act("consultation_proposal_create", citizen, consultation_id="nope", text="Taklif")


def test_script_is_stored_as_plain_text(open_draft, citizen, editor):
    text = '<script>alert("x")</script> <img src=x onerror=alert(1)>'
    proposal = propose(open_draft, citizen, text=text)
    assert proposal["text"] == text  # kept as typed; pages escape it (see test_pages)


def test_pending_proposals_are_hidden_from_the_public_but_not_from_their_author(
        open_draft, citizen, other_citizen, editor):
    proposal = propose(open_draft, citizen, text="Muddatni 30 kunga uzaytirish")
    public = act("consultation_proposal_list", consultation_id=open_draft["id"])
    assert public["count"] == 0
    mine = act("consultation_proposal_list", citizen, consultation_id=open_draft["id"],
               mine=True)
    assert mine["results"][0]["is_mine"] and mine["results"][0]["state"] == "pending"
    with pytest.raises(tk.NotAuthorized):
        act("consultation_proposal_list", other_citizen, consultation_id=open_draft["id"],
            state="pending")
    approve(editor, proposal)
    public = act("consultation_proposal_list", other_citizen, consultation_id=open_draft["id"])
    assert public["count"] == 1 and not public["results"][0]["is_mine"]
    assert "author_id" not in public["results"][0]
    assert "moderation_reason" not in public["results"][0]


@pytest.mark.ckan_config("ckanext.transparency.consultations.premoderation", "false")
def test_without_premoderation_proposals_appear_at_once(open_draft, citizen):
    assert propose(open_draft, citizen, text="Darhol")["state"] == "published"


def test_support_once_per_account_not_ones_own(open_draft, citizen, other_citizen, editor,
                                               freezer):
    proposal = propose(open_draft, citizen, text="Qoʻllab-quvvatlash kerak")
    with pytest.raises(tk.ValidationError) as error:  # not published yet
        act("consultation_proposal_vote", other_citizen, id=proposal["id"])
    assert "id" in error.value.error_dict
    approve(editor, proposal)
    voted = act("consultation_proposal_vote", other_citizen, id=proposal["id"])
    assert voted["support"] == 1 and voted["supported_by_me"]
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_vote", other_citizen, id=proposal["id"])
    assert "already" in str(error.value.error_dict)
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_vote", citizen, id=proposal["id"])
    assert "id" in error.value.error_dict
    with pytest.raises(tk.NotAuthorized):
        act("consultation_proposal_vote", None, id=proposal["id"])
    act("consultation_proposal_vote", editor, id=proposal["id"])
    listed = act("consultation_proposal_list", consultation_id=open_draft["id"],
                 sort="support")
    assert listed["results"][0]["support"] == 2


def test_rejection_needs_a_rule_and_the_author_sees_it(open_draft, citizen, editor):
    proposal = propose(open_draft, citizen, text="Reklama: arzon narxlarda")
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_moderate", editor, id=proposal["id"], action="reject")
    assert "reason" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_moderate", editor, id=proposal["id"], action="reject",
            reason="i-dont-like-it")
    assert "reason" in error.value.error_dict
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="reject",
        reason="spam", note="Reklama")
    mine = act("consultation_proposal_list", citizen, consultation_id=open_draft["id"],
               mine=True)["results"][0]
    assert (mine["state"], mine["moderation_reason"], mine["moderation_note"]) == \
        ("rejected", "spam", "Reklama")
    assert mine["moderation_reason_title"] == "Spam or advertising"
    assert act("consultation_proposal_list", consultation_id=open_draft["id"])["count"] == 0
    rules = {r["code"] for r in __import__(
        "ckanext.transparency.consultations.moderation", fromlist=["rules"]).rules()}
    assert {"abusive", "spam", "duplicate", "off_topic"} <= rules


def test_reported_comment_returns_to_the_queue(open_draft, citizen, other_citizen, editor):
    proposal = propose(open_draft, citizen, text="Haqoratli gap")
    queue = act("consultation_moderation_queue", editor, id=open_draft["id"])
    assert [p["number"] for p in queue["results"]] == [1]
    approve(editor, proposal)
    assert act("consultation_moderation_queue", editor, id=open_draft["id"])["count"] == 0
    act("consultation_proposal_flag", other_citizen, id=proposal["id"], reason="Haqorat")
    with pytest.raises(tk.ValidationError) as error:
        act("consultation_proposal_flag", other_citizen, id=proposal["id"])
    assert "id" in error.value.error_dict
    queue = act("consultation_moderation_queue", editor, id=open_draft["id"])
    assert queue["results"][0]["open_reports"] == 1
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="reject",
        reason="abusive")
    assert act("consultation_moderation_queue", editor, id=open_draft["id"])["count"] == 0
    with pytest.raises(tk.NotAuthorized):
        act("consultation_moderation_queue", other_citizen, id=open_draft["id"])


def test_likely_duplicates_are_flagged_for_moderators(open_draft, citizen, other_citizen,
                                                      editor):
    first = propose(open_draft, citizen, text="Muhokama muddatini 30 kunga uzaytirish kerak.")
    same_author = propose(open_draft, citizen,
                          text="Muhokama muddatini 30 kunga uzaytirish kerak!")
    other_author = propose(open_draft, other_citizen,
                           text="МУҲОКАМА муддатини 30 кунга узайтириш керак")
    different = propose(open_draft, other_citizen, text="Hisobotni PDF shaklida ham bering")
    queue = {p["number"]: p for p in act("consultation_moderation_queue", editor,
                                         id=open_draft["id"])["results"]}
    assert queue[first["number"]]["duplicate_of"] is None
    assert (queue[same_author["number"]]["duplicate_of"],
            queue[same_author["number"]]["duplicate_same_author"]) == (1, True)
    assert queue[other_author["number"]]["duplicate_of"] in (1, 2)  # across scripts too
    assert queue[other_author["number"]]["duplicate_same_author"] is False
    assert queue[different["number"]]["duplicate_of"] is None
    assert "duplicate_of" not in same_author  # the author is not told
