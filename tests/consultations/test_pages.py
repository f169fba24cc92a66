"""The pages: the section, a draft with its articles and anchored proposals, the proposal form,
the moderation queue, the answer form, report files, the feed and subscriptions."""
from __future__ import annotations

import pytest

import ckan.tests.factories as factories
import ckan.tests.helpers as helpers

from .conftest import act, days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")


def login(app, user):
    """Every following request of `app` is made as `user` (with an API token, as CKAN's own
    view tests do)."""
    app.client.environ_base.pop("HTTP_AUTHORIZATION", None)
    if user:
        token = helpers.call_action("api_token_create", context={"user": user["name"]},
                                    user=user["name"], name="pages")["token"]
        app.client.environ_base["HTTP_AUTHORIZATION"] = token


def test_section_lists_open_drafts_with_days_left(app, make_draft):
    make_draft(name="ochiq", title="Ochiq loyiha")
    make_draft(name="kelgusi", title="Kelgusi loyiha", opens_on=days(3), closes_on=days(30))
    page = app.get("/consultations").body
    assert "Ochiq loyiha" in page and "15 days left" in page
    assert "Kelgusi loyiha" not in page
    upcoming = app.get("/consultations", query_string={"status": "upcoming"}).body
    assert "Kelgusi loyiha" in upcoming
    found = app.get("/consultations", query_string={"q": "кел", "status": "upcoming"}).body
    assert "Kelgusi loyiha" in found


def test_draft_page_shows_numbered_articles_and_anchored_proposals(app, open_draft, citizen,
                                                                   editor):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   article_number="1.2", text='<script>alert("x")</script> uzaytirish')
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
    page = app.get(f"/consultations/{open_draft['name']}").body
    assert 'id="paragraph-1.2"' in page and 'id="article-2"' in page
    assert "?article=1.2#propose" in page  # a real link per paragraph, keyboard-reachable
    assert "1 proposal on Paragraph 2 of article 1" in page
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "Sign in to make a proposal" in page
    assert citizen["name"] not in page and citizen["email"] not in page


def test_markdown_of_a_draft_is_sanitised(app, make_draft):
    draft = make_draft(body="## Modda\n\n<script>alert(1)</script> [x](javascript:alert(1))\n")
    page = app.get(f"/consultations/{draft['name']}").body
    assert "<script>alert(1)</script>" not in page and "javascript:alert" not in page


def test_proposal_form_posts_and_reports_errors(app, open_draft, citizen):
    login(app, citizen)
    url = f"/consultations/{open_draft['name']}"
    page = app.get(url, query_string={"article": "2.1"}).body
    assert '<option value="2.1" selected>' in page
    assert 'for="field-text"' in page
    response = app.post(url + "/proposals", data={"article_number": "2.1", "kind": "proposal",
                                                  "text": "Muddatni uzaytirish"})
    assert response.status_code == 200  # followed the redirect
    assert "will appear after moderation" in response.body
    assert "Awaiting moderation" in response.body
    bad = app.post(url + "/proposals", data={"article_number": "7.7", "text": "Taklif"})
    assert "no article or paragraph 7.7" in bad.body
    long = app.post(url + "/proposals", data={"article_number": "1", "text": "x" * 5001})
    assert "At most 5000 characters" in long.body and 'aria-invalid="true"' in long.body


def test_moderation_and_answer_pages(app, open_draft, citizen, editor, smtp):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   text="Birinchi taklif")
    url = f"/consultations/{open_draft['name']}"
    login(app, citizen)
    assert app.get(url + "/moderation").status_code == 403
    login(app, editor)
    queue = app.get(url + "/moderation").body
    assert "Birinchi taklif" in queue and 'value="off_topic"' in queue
    app.post(url + "/moderation", data={"id": proposal["id"], "action": "reject"})
    assert act("consultation_moderation_queue", editor, id=open_draft["id"])["count"] == 1
    app.post(url + "/moderation", data={"id": proposal["id"], "action": "approve"})
    assert act("consultation_moderation_queue", editor, id=open_draft["id"])["count"] == 0
    form = app.get(f"{url}/proposals/{proposal['id']}/answer").body
    assert 'id="decision-partially_accepted"' in form
    done = app.post(f"{url}/proposals/{proposal['id']}/answer",
                    data={"decision": "accepted", "reason": "Qabul qilindi"})
    assert "Qabul qilindi" in done.body and "the author was notified" in done.body
    assert len(smtp.messages) == 1


def test_support_and_report_buttons(app, open_draft, citizen, other_citizen, editor):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   text="Qoʻllab-quvvatlang")
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
    login(app, other_citizen)
    url = f"/consultations/{open_draft['name']}/proposals/{proposal['id']}"
    page = app.post(url + "/support").body
    assert "Your support is counted" in page and "1 supporter" in page
    assert "already support" in app.post(url + "/support").body
    app.post(url + "/report", data={"reason": "Spam"})
    assert act("consultation_moderation_queue", editor, id=open_draft["id"])["count"] == 1


def test_editor_creates_a_draft_through_the_form(app, editor, department):
    login(app, editor)
    assert "Put up a draft for discussion" in app.get("/consultations/new").body
    page = app.post("/consultations/new", data={
        "title": "Yangi nizom", "name": "yangi-nizom", "kind": "internal",
        "owner_org": department["id"], "opens_on": days(0), "closes_on": days(9),
        "body": "## 1\n\nMatn"}).body
    assert "at least 10 days" in page
    page = app.post("/consultations/new", data={
        "title": "Yangi nizom", "name": "yangi-nizom", "kind": "internal",
        "owner_org": department["id"], "opens_on": days(0), "closes_on": days(10),
        "body": "## 1\n\nMatn"}).body
    assert "Draft saved" in page and 'id="paragraph-1.1"' in page
    login(app, factories.User())
    assert app.get("/consultations/new").status_code == 403


def test_report_files_download_after_publication(app, open_draft, citizen, editor, freezer):
    proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                   text="Taklif")
    act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
    act("consultation_proposal_answer", editor, id=proposal["id"], decision="rejected",
        reason="Asossiz")
    url = f"/consultations/{open_draft['name']}"
    assert app.get(url + "/report.csv").status_code == 404
    freezer.move_to(days(16))
    login(app, editor)
    page = app.post(url + "/report/publish").body
    assert "The report is published" in page and "Asossiz" in page
    csv = app.get(url + "/report.csv")
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert "Asossiz" in csv.data.decode("utf-8-sig")
    assert app.get(url + "/report.xlsx").data[:2] == b"PK"
    assert app.get(url + "/report.pdf").data[:4] == b"%PDF"
    assert app.get(url + "/report.doc").status_code == 404


def test_atom_feed_and_rules(app, make_draft):
    make_draft(name="feed-one", title="Feed loyihasi")
    feed = app.get("/consultations/feed.atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    assert "<title>Feed loyihasi</title>" in feed.body
    assert "/consultations/feed-one" in feed.body
    rules = app.get("/consultations/rules").body
    assert 'id="rule-spam"' in rules and "15 days" in rules


def test_subscription_form(app, citizen, department):
    login(app, citizen)
    page = app.post("/consultations/subscribe",
                    data={"organization": department["name"], "kind": ""}).body
    assert "Subscription saved" in page and "Unsubscribe" in page
    assert act("consultation_subscription_list", citizen) == [
        {"organization": department["id"], "kind": None}]
    app.post("/consultations/subscribe",
             data={"organization": department["id"], "unsubscribe": "1"})
    assert act("consultation_subscription_list", citizen) == []
