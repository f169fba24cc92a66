"""The demo discussions: an open draft with proposals, a closed one with report and adopted text."""
from __future__ import annotations

import pytest

import ckan.model as model
import ckan.tests.factories as factories

from ckanext.transparency.core.context import site_context as _site_context
from ckanext.transparency.consultations import demo
from ckanext.transparency.consultations.model import Consultation

from .conftest import act

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins", "with_request_context")


def test_demo_discussions(app):
    for name in ("ichimlik-suvi-taminoti", "moliya-va-byudjet"):
        factories.Organization(name=name)
    assert demo.load(_site_context(), echo=lambda line: None) == {"consultations created": 2}
    assert demo.load(_site_context(), echo=lambda line: None) == {"consultations created": 0}
    opened = act("consultation_show", id="suv-taminoti-murojaatlari-nizomi")
    assert opened["status"] == "open" and opened["days_left"] == 15
    assert opened["proposal_counts"]["published"] == 4
    closed = act("consultation_show", id="ochiq-malumotlar-tartibi")
    assert closed["status"] == "adopted" and closed["report_published"]
    report = act("consultation_report_show", id=closed["id"])
    assert report["counts"]["total"] == 3 and report["counts"]["unanswered"] == 0
    page = app.get("/consultations/ochiq-malumotlar-tartibi").body
    assert "<ins>" in page and "<del>" in page and "report.pdf" in page
    assert "demo-fuqaro" not in page


def test_demo_drafts_carry_russian_and_english_titles(app):
    for name in ("ichimlik-suvi-taminoti", "moliya-va-byudjet"):
        factories.Organization(name=name)
    demo.load(_site_context(), echo=lambda line: None)
    for name in demo.TITLES:
        assert set(act("consultation_show", id=name)["title_translated"]) == {"uz", "ru", "en"}
    # drafts loaded before the demo had translations (one of them adopted) get them
    model.Session.query(Consultation).update({"title_translated": {}},
                                             synchronize_session=False)
    model.Session.commit()
    assert demo.load(_site_context(), echo=lambda line: None) == {
        "consultations created": 0, "consultations translated": 2}
    adopted = act("consultation_show", id="ochiq-malumotlar-tartibi")
    assert adopted["title_translated"]["ru"] == "Порядок опубликования открытых данных"
    assert [d["name"] for d in act("consultation_list", q="опубликования",
                                   status="all")["results"]] == ["ochiq-malumotlar-tartibi"]
