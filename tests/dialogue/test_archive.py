"""The archive of recordings: video links (thumbnails, players, moments; hostile addresses),
the event_archive action (quarters, lengths, answered questions with their moments, paging)
and its page and posters in Russian and Uzbek Cyrillic."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import BeautifulSoup

from ckanext.transparency.dialogue import video

from .conftest import act, at

VIDEO_ID = "Abc_def-123"


@pytest.mark.parametrize("url", [
    f"https://www.youtube.com/watch?v={VIDEO_ID}",
    f"https://www.youtube.com/watch?list=PL1&v={VIDEO_ID}&t=3",
    f"http://youtube.com/watch?v={VIDEO_ID}",
    f"https://m.youtube.com/watch?v={VIDEO_ID}",
    f"https://youtu.be/{VIDEO_ID}?si=share",
    f"https://www.youtube.com/embed/{VIDEO_ID}",
    f"https://www.youtube.com/live/{VIDEO_ID}",
    f"https://www.youtube.com/shorts/{VIDEO_ID}",
    f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}",
    f"HTTPS://WWW.YOUTUBE.COM/watch?v={VIDEO_ID}",
])
def test_youtube_links_give_thumbnail_player_and_moments(url):
    assert video.recognise(url) == ("youtube", VIDEO_ID)
    assert video.thumbnail_url(url) == f"https://i.ytimg.com/vi/{VIDEO_ID}/hqdefault.jpg"
    assert video.player_url(url) == f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
    assert video.at_time(url, 754) == f"https://www.youtube.com/watch?v={VIDEO_ID}&t=754s"


@pytest.mark.parametrize("url", [
    f"javascript:alert(1)//www.youtube.com/watch?v={VIDEO_ID}",
    f"data:text/html,https://www.youtube.com/watch?v={VIDEO_ID}",
    f"ftp://www.youtube.com/watch?v={VIDEO_ID}",
    f"//www.youtube.com/watch?v={VIDEO_ID}",
    f"https://www.youtube.com.evil.example/watch?v={VIDEO_ID}",
    f"https://evilyoutube.com/watch?v={VIDEO_ID}",
    f"https://evil.example/?next=https://www.youtube.com/watch?v={VIDEO_ID}",
    f"https://evil.example/youtu.be/{VIDEO_ID}",
    f"https://www.youtube.com@evil.example/watch?v={VIDEO_ID}",
    f"https://user:pw@www.youtube.com/watch?v={VIDEO_ID}",
    f"https://www.youtube.com:port/watch?v={VIDEO_ID}",
    "https://www.youtube.com/watch?v=abc%22%3E%3Cscript%3E",
    'https://www.youtube.com/watch?v="><img src=x>',
    "https://www.youtube.com/watch?v=short",
    f"https://www.youtube.com/watch?v={VIDEO_ID}x",
    f"https://youtu.be/{VIDEO_ID}/../../evil",
    f"https://www.youtube.com/embed/{VIDEO_ID}/extra",
    "https://vimeo.com.evil.example/123456",
    "https://vimeo.com/channels/staff",
    f" https://www.youtube.com/watch?v={VIDEO_ID}",
    None, "", 42,
])
def test_hostile_or_unknown_links_name_no_video(url):
    assert video.recognise(url) is None
    assert video.thumbnail_url(url) is None
    assert video.player_url(url) is None


def test_moments_of_vimeo_files_and_other_addresses():
    assert video.recognise("https://vimeo.com/76979871") == ("vimeo", "76979871")
    # Vimeo's still image needs a request to its API: none, the portal's poster is shown
    assert video.thumbnail_url("https://vimeo.com/76979871") is None
    assert video.player_url("https://vimeo.com/76979871") == \
        "https://player.vimeo.com/video/76979871"
    assert video.at_time("https://vimeo.com/76979871", 754) == \
        "https://vimeo.com/76979871#t=12m34s"
    # a file the browser plays: the media fragment
    assert video.at_time("https://example.uz/files/taqdimot.mp4#x", 754) == \
        "https://example.uz/files/taqdimot.mp4#t=754"
    assert video.at_time("javascript:alert(1)", 754) is None
    assert video.at_time(f"https://youtu.be/{VIDEO_ID}", None) is None


def _held(event_factory, title, start, end, **fields):
    return event_factory(title=title, start=start, end=end, status="held", **fields)


def _ask(roles, event, text):
    question = act("event_question_create", roles["citizen"], event_id=event["id"], text=text)
    act("event_question_moderate", roles["dept_editor"], id=question["id"], decision="publish")
    return question


@pytest.fixture
def archive(roles, event_factory):
    """Four held events in two quarters of 2025 (Tashkent time), one upcoming, one cancelled."""
    # questions are asked before an event is held
    first = event_factory(title="Birinchi chorak byudjet ijrosi taqdimoti",
                          start="2025-02-10T10:00", end="2025-02-10T11:30",
                          kind="quarterly_report", period="2024-Q4")
    vimeo = event_factory(title="Suv tariflari savol-javobi", start="2025-05-05T15:00",
                          end="2025-05-05T17:00", kind="qa_session")
    late = _ask(roles, first, "Kapital xarajatlar nega kam ijro etildi?")
    early = _ask(roles, first, "Byudjet ijrosi necha foiz boʻldi?")
    written = _ask(roles, first, "Jamgʻarma mablagʻlari qayerga sarflandi?")
    _ask(roles, first, "Keyingi chorak rejasi qanday?")  # published, not answered
    act("event_question_create", roles["citizen"], event_id=first["id"],
        text="Moderatsiyani kutayotgan savol matni")
    on_vimeo = _ask(roles, vimeo, "Yangi tarif qachondan amal qiladi?")
    for event in (first, vimeo):
        act("event_update", roles["dept_editor"], id=event["id"], status="held")
    for question, answer in ((late, {"mode": "live", "recording_time": "25:10"}),
                             (early, {"mode": "live", "recording_time": 754}),
                             (written, {"mode": "written"}),
                             (on_vimeo, {"mode": "live", "recording_time": 754})):
        act("event_question_answer", roles["dept_editor"], id=question["id"],
            answer="Javob matni", **answer)
    # 1 April 02:00 in Tashkent is still 31 March in UTC: the quarter is the reader's one
    boundary = _held(event_factory, "Aprel tungi brifingi", "2025-04-01T02:00",
                     "2025-04-01T02:45")
    plain = _held(event_factory, "Yozuvsiz uchrashuv", "2025-06-20T09:00", "2025-06-20T10:00")
    event_factory(title="Kelgusi brifing", start=at(days=5))
    cancelled = event_factory(title="Bekor qilingan uchrashuv", start=at(days=3))
    act("event_update", roles["dept_editor"], id=cancelled["id"], status="cancelled")
    for event, url in ((first, f"https://www.youtube.com/watch?v={VIDEO_ID}"),
                       (vimeo, "https://vimeo.com/76979871")):
        act("event_material_create", roles["dept_editor"], event_id=event["id"],
            kind="recording", url=url, title="Yozuv")
    return {"first": first, "boundary": boundary, "vimeo": vimeo, "plain": plain,
            "early": early, "late": late}


def test_archive_groups_held_events_by_quarter_with_recordings_and_moments(roles, archive):
    result = act("event_archive", None)
    assert result["count"] == 4
    assert [(q["quarter"], [e["title"] for e in q["events"]]) for q in result["quarters"]] == [
        ("2025-Q2", ["Yozuvsiz uchrashuv", "Suv tariflari savol-javobi",
                     "Aprel tungi brifingi"]),
        ("2025-Q1", ["Birinchi chorak byudjet ijrosi taqdimoti"])]
    events = {e["name"]: e for q in result["quarters"] for e in q["events"]}
    first = events[archive["first"]["name"]]
    assert first["duration"] == 90 and events[archive["boundary"]["name"]]["duration"] == 45
    assert first["organization"]["title"] == "Moliya" and first["kind"] == "quarterly_report"
    assert first["recording"]["thumbnail_url"] == \
        f"https://i.ytimg.com/vi/{VIDEO_ID}/hqdefault.jpg"
    # answered only, in the order of the recording, written answers last
    assert [(q["number"], q["recording_time"], q["at_url"]) for q in first["answered"]] == [
        (archive["early"]["number"], 754, f"https://www.youtube.com/watch?v={VIDEO_ID}&t=754s"),
        (archive["late"]["number"], 1510,
         f"https://www.youtube.com/watch?v={VIDEO_ID}&t=1510s"),
        (3, None, None)]
    assert first["answered"][2]["answer_mode"] == "written"
    vimeo = events[archive["vimeo"]["name"]]
    assert vimeo["recording"]["thumbnail_url"] is None
    assert vimeo["recording"]["player_url"] == "https://player.vimeo.com/video/76979871"
    assert vimeo["answered"][0]["at_url"] == "https://vimeo.com/76979871#t=12m34s"
    plain = events[archive["plain"]["name"]]
    assert plain["recording"] is None and plain["answered"] == []
    assert plain["poster_url"].endswith(f"/dialogue/event/{plain['name']}/poster.svg")
    # who asked never leaves the action
    assert roles["citizen"]["id"] not in json.dumps(result)
    assert "Moderatsiyani kutayotgan" not in json.dumps(result)


def test_archive_pages_and_filters(roles, archive):
    first_page = act("event_archive", None, limit=2)
    assert first_page["count"] == 4
    assert [e["title"] for q in first_page["quarters"] for e in q["events"]] == [
        "Yozuvsiz uchrashuv", "Suv tariflari savol-javobi"]
    second = act("event_archive", None, limit=2, offset=2)
    assert [q["quarter"] for q in second["quarters"]] == ["2025-Q2", "2025-Q1"]
    assert act("event_archive", None, kind="quarterly_report")["count"] == 1
    assert act("event_archive", None, q="тариф")["count"] == 1
    assert act("event_archive", None, owner_org="water")["quarters"] == []
    assert act("event_archive", None, limit=10 ** 6)["count"] == 4  # the limit is capped
    from ckan.plugins.toolkit import ValidationError
    with pytest.raises(ValidationError) as error:
        act("event_archive", None, year="soon")
    assert "year" in error.value.error_dict


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.body, "html.parser")


def test_archive_page_in_russian_and_uzbek_cyrillic(app, roles, archive):
    page = soup(app.get("/ru/dialogue/archive"))
    headings = [h.get_text(strip=True) for h in page.select("section.dialogue-quarter h2")]
    assert headings == ["2-й квартал 2025 года", "1-й квартал 2025 года"]
    item = page.find("a", string="Birinchi chorak byudjet ijrosi taqdimoti").find_parent("li")
    text = item.get_text(" ", strip=True)
    assert "Ежеквартальная презентация отчёта" in text and "1 ч 30 мин" in text
    picture = item.find("a", class_="dialogue-thumb")
    poster = f"/ru/dialogue/event/{archive['first']['name']}/poster.svg"
    # the host's thumbnail over the portal's poster
    assert picture["style"] == (f"background-image: url('https://i.ytimg.com/vi/{VIDEO_ID}/"
                                f"hqdefault.jpg'), url('{poster}')")
    moment = item.find("a", href=f"https://www.youtube.com/watch?v={VIDEO_ID}&t=754s")
    assert moment.get_text(strip=True) == "на 12:34 записи"
    # the picture link is not a second stop for the keyboard
    assert picture["tabindex"] == "-1" and picture["aria-hidden"] == "true"
    plain = page.find("a", string="Yozuvsiz uchrashuv").find_parent("li")
    poster = f"/ru/dialogue/event/{archive['plain']['name']}/poster.svg"
    assert plain.find("a", class_="dialogue-thumb")["style"] == \
        f"background-image: url('{poster}')"
    assert "Нет записи" in plain.get_text()

    page = soup(app.get("/uz_Cyrl/dialogue/archive"))
    headings = [h.get_text(strip=True) for h in page.select("section.dialogue-quarter h2")]
    assert headings == ["2025 йил, 2-чорак", "2025 йил, 1-чорак"]
    assert page.find("a", string="Биринчи чорак бюджет ижроси тақдимоти")
    assert "Ёзувни кўриш" in page.get_text()


def test_poster_in_the_readers_language_and_script(app, roles, archive, event_factory):
    odd = _held(event_factory, "Soliqlar <script>alert(1)</script> & toʻlovlar boʻyicha",
                "2025-03-03T10:00", "2025-03-03T11:00")
    response = app.get(f"/uz_Cyrl/dialogue/event/{odd['name']}/poster.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    svg = ElementTree.fromstring(response.body)  # well-formed: the title is escaped
    words = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Жонли брифинг" in words and "Солиқлар <сцрипт>" in words
    assert "2025" in words and not svg.findall(".//{http://www.w3.org/2000/svg}script")
    response = app.get(f"/ru/dialogue/event/{archive['plain']['name']}/poster.svg")
    words = " ".join(t.text or "" for t in ElementTree.fromstring(response.body).iter(
        "{http://www.w3.org/2000/svg}text"))
    assert "Прямой брифинг" in words and "Yozuvsiz uchrashuv" in words and "2025" in words
    assert app.get("/dialogue/event/no-such-event/poster.svg").status_code == 404


def test_archive_empty_state_pages_and_thumbnails_allowed(app, roles, event_factory):
    page = soup(app.get("/ru/dialogue/archive"))
    assert "Пока не прошло ни одного мероприятия" in page.find("p", class_="empty").get_text()
    for day in range(21):
        _held(event_factory, f"Brifing {day + 1}-son", f"2025-01-{day + 1:02d}T10:00",
              f"2025-01-{day + 1:02d}T11:00")
    response = app.get("/dialogue/archive")
    page = soup(response)
    assert len(page.select(".dialogue-archive > li")) == 20
    following = page.find("span", class_="visually-hidden", string="Next page").parent
    assert following.name == "a" and following["href"].endswith("page=2")
    page = soup(app.get("/dialogue/archive", query_string={"page": 2}))
    assert [a.get_text() for a in page.select(".dialogue-archive h3 a")] == ["Brifing 1-son"]
    filtered = soup(app.get("/dialogue/archive", query_string={"q": "topilmaydigan"}))
    assert filtered.find("p", class_="empty").find("a")["href"] == "/dialogue/archive"
    # the hosts' thumbnails are loaded by the reader's browser under the site's policy
    policy = dict(part.strip().split(None, 1) for part in
                  response.headers["Content-Security-Policy"].split(";") if " " in part.strip())
    sources = policy["img-src"].split()
    assert "https:" in sources or "https://i.ytimg.com" in sources
