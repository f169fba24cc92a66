"""The results report's PDF read back as text (a letterhead, page numbers, words not cut,
articles in words) and the adopted text compared with the draft as rendered Markdown."""
from __future__ import annotations

import io
import re

import flask_babel
import pytest
from pypdf import PdfReader

from ckanext.transparency.consultations import report_files

from .conftest import act, days

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")


@pytest.fixture
def reported(open_draft, citizen, editor, freezer):
    """A draft with forty answered proposals (two pages of the report) and a published report."""
    for n in range(40):
        article = ("0.1", "1", "1.2", "2.1", None)[n % 5]
        proposal = act("consultation_proposal_create", citizen, consultation_id=open_draft["id"],
                       text=f"Taklif {n}: muddatni 30 kunga uzaytirish kerak.",
                       article_number=article)
        act("consultation_proposal_moderate", editor, id=proposal["id"], action="approve")
        act("consultation_proposal_answer", editor, id=proposal["id"], decision="accepted",
            reason="Qabul qilindi")
    freezer.move_to(days(16))
    act("consultation_report_publish", editor, id=open_draft["id"])
    return open_draft


def _pdf_pages(app, report, locale: str) -> list[str]:
    with app.flask_app.test_request_context(), flask_babel.force_locale(locale):
        data = report_files.to_pdf(report)
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_has_a_letterhead_page_numbers_and_whole_words(app, reported, department):
    report = act("consultation_report_show", None, id=reported["name"])
    pages = _pdf_pages(app, report, "uz_Cyrl")
    assert len(pages) >= 2
    head = pages[0][:400]
    assert department["title"] in head
    assert "Очиқлик тўғрисидаги низом" in head or "Ochiqlik" in head
    assert reported["opens_on"] in head and reported["closes_on"] in head
    for number, text in enumerate(pages, 1):
        assert f"{number}" in text.splitlines()[-1] and f"{len(pages)}" in text.splitlines()[-1]
    words = set(re.findall(r"[\w-]+", "\n".join(pages)))
    assert "Қўллаб-қувватлаш" in words  # the "Support" heading, not cut into two lines
    text = " ".join(pages)
    assert "0.1-банд" not in text and "муқаддиманинг 1-банди" in text.lower()
    assert "1-модданинг 2-банди" in text


def test_the_pdf_speaks_russian_with_articles_in_words(app, reported):
    report = act("consultation_report_show", None, id=reported["name"])
    text = "\n".join(_pdf_pages(app, report, "ru"))
    assert "Страница 1 из" in text
    assert "Пункт 1 преамбулы" in text and "Пункт 1 статьи 2" in text


def test_the_adopted_text_is_compared_as_rendered_markdown(app, reported, editor):
    adopted = reported["body"].replace("kamida 15 kun", "kamida 20 kun")
    act("consultation_adopt", editor, id=reported["id"], adopted_text=adopted,
        adopted_on=days(16))
    page = app.get(f"/uz/consultations/{reported['name']}").body
    compared = page[page.index('class="consultation-diff'):]
    compared = compared[:compared.index("</div>")]
    assert "##" not in compared
    assert re.search(r"<h[3-6]>2-modda\. Muhokama</h[3-6]>", compared)
    assert "<del>15</del><ins>20</ins>" in compared
    # the draft's headings carry their own numbers: not numbered a second time
    assert 'consultation-number">1.</span>' not in page
    assert "ga oʻzgartish" not in page and "Muqaddimaning 1-bandi" in page
