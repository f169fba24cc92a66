"""Open dialogue in the demo organization: past quarterly report presentations with recordings
and answered questions, an announced briefing taking questions, a postponed Q&A session, an open
and a closed poll (its results published as a dataset), and every other department's
quarterly open meetings of the last year (held or cancelled, questions answered or not: see
MEETINGS). Called by `ckan transparency demo`.

Idempotent: an event or poll that exists (by name) is left as it is. Dates follow today's date,
so the quarters presented are the last three that have ended. The recordings are links to an
external player; the demo citizens (`demo-fuqaro-N`) ask and vote through the same actions.
"""
from __future__ import annotations

import datetime
import re
from typing import Callable

import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import as_user
from ckanext.transparency.core.demo import DemoStep
from ckanext.transparency.demo import people

from . import demo_titles
from . import model as m
from .logic.events import refresh_search_text

TASHKENT = datetime.timezone(datetime.timedelta(hours=5))
FINANCE, WATER, HEAT, INVEST = ("moliya-va-byudjet", "ichimlik-suvi-taminoti",
                                "issiqlik-taminoti", "investitsiya-loyihalari")
CITIZENS = ("demo-fuqaro-1", "demo-fuqaro-2", "demo-fuqaro-3", "demo-fuqaro-4")
RECORDINGS = tuple(f"https://www.youtube.com/watch?v=kiraHisob0{n}" for n in (1, 2, 3))

QUARTER_QUESTIONS = (
    ("Choraklik byudjet ijrosi necha foizni tashkil etdi va qaysi moddalarda kam ijro boʻldi?",
     "live", 754, "Ijro 92 foizni tashkil etdi; kapital qoʻyilmalar boʻyicha toʻlovlar "
     "shartnomalar kechikkani sababli keyingi chorakka oʻtdi."),
    ("Suv quvurlarini taʼmirlash uchun ajratilgan mablagʻlar qaysi tumanlarga yoʻnaltirildi?",
     "live", 1510, "Asosiy mablagʻlar Urgut, Pastdargʻom va Kattaqoʻrgʻon tumanlariga "
     "yoʻnaltirildi; roʻyxat ochiq maʼlumotlarda eʼlon qilingan."),
    ("Byudjetdan tashqari jamgʻarma mablagʻlari qanday maqsadlarga sarflanmoqda?",
     "written", None, "Jamgʻarma mablagʻlari asosan nasos stansiyalarini energiya tejamkor "
     "uskunalar bilan jihozlashga sarflandi. Batafsil maʼlumot byudjet ijrosi toʻplamida."),
    ("Keyingi chorakda qaysi obyektlarni qurish rejalashtirilgan?", None, None, None),
)


def _quarters_ended(today: datetime.date, count: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        result.append((year, quarter))
    return list(reversed(result))


def _presentation_day(year: int, quarter: int) -> datetime.datetime:
    """The 20th of the month after the quarter, 10:00 in Tashkent."""
    month = quarter * 3 + 1
    if month > 12:
        year, month = year + 1, 1
    return datetime.datetime(year, month, 20, 10, 0, tzinfo=TASHKENT)


def _exists(table, name: str) -> bool:
    return model.Session.query(table).filter(table.name == name).count() > 0


def _dataset(context: dict, name: str) -> str | None:
    try:
        return tk.get_action("package_show")(dict(context), {"id": name})["name"]
    except tk.ObjectNotFound:
        return None


def _ask(event_id: str, author: str, text: str, editor: str, voters=()) -> dict:
    action = tk.get_action
    question = action("event_question_create")(as_user(author), {"event_id": event_id,
                                                             "text": text})
    action("event_question_moderate")(as_user(editor), {"id": question["id"],
                                                    "decision": "publish"})
    for voter in voters:
        if voter != author:
            action("event_question_vote")(as_user(voter), {"id": question["id"]})
    return question


def _quarterly(context: dict, editor: str, year: int, quarter: int, recording: str) -> bool:
    name = f"choraklik-hisobot-{year}-q{quarter}"
    if _exists(m.Event, name):
        return False
    action = tk.get_action
    start = _presentation_day(year, quarter)
    event = action("event_create")(dict(context), {
        "name": name, "kind": "quarterly_report", "owner_org": FINANCE,
        "title": f"{year}-yil {quarter}-chorak yakunlari boʻyicha ochiq hisobot taqdimoti",
        "title_translated": demo_titles.quarterly(year, quarter),
        "description": "Agentlik rahbariyati chorak davomida byudjet mablagʻlarining "
                       "taqdimlanishi va ijrosi, davlat xaridlari va investitsiya loyihalarining "
                       "holati toʻgʻrisida hisobot beradi. Savollarni oldindan yuborishingiz "
                       "mumkin.",
        "start": start.isoformat(), "end": (start + datetime.timedelta(hours=2)).isoformat(),
        "location": "Toshkent sh., Agentlik binosi, majlislar zali",
        "stream_url": recording, "period": f"{year}-Q{quarter}"})
    asked = []
    for index, (text, mode, seconds, answer) in enumerate(QUARTER_QUESTIONS):
        author = CITIZENS[index % len(CITIZENS)]
        asked.append((_ask(event["id"], author, text, editor, CITIZENS[:index + 2]),
                      mode, seconds, answer))
    action("event_update")(dict(context), {
        "id": event["id"], "status": "held",
        "summary": "Chorak yakunlari: byudjet ijrosi, xaridlar va loyihalar. Eng koʻp ovoz "
                   "olgan savollarga taqdimot davomida javob berildi, qolganlariga yozma "
                   "javob berildi.",
        "transcript": "Rahbariyat: Assalomu alaykum, hurmatli fuqarolar. Bugun chorak "
                      "yakunlari boʻyicha hisobot beramiz..."})
    for question, mode, seconds, answer in asked:
        if answer:
            action("event_question_answer")(as_user(editor), {
                "id": question["id"], "answer": answer, "mode": mode,
                **({"recording_time": seconds} if seconds is not None else {})})
    action("event_material_create")(dict(context), {
        "event_id": event["id"], "kind": "recording", "url": recording,
        "title": "Taqdimot yozuvi"})
    budget = _dataset(context, f"byudjet-ijrosi-{year}")
    if budget:
        action("event_material_create")(dict(context), {
            "event_id": event["id"], "kind": "dataset", "url": budget})
    return True


def _briefing(context: dict, editor: str, now: datetime.datetime) -> bool:
    name = "ichimlik-suvi-tariflari-brifingi"
    if _exists(m.Event, name):
        return False
    start = (now + datetime.timedelta(days=10)).astimezone(TASHKENT).replace(
        hour=11, minute=0, second=0, microsecond=0)
    title = ("Ichimlik suvi taʼminoti: yangi tariflar va ulanish tartibi boʻyicha "
             "onlayn brifing")
    event = tk.get_action("event_create")(dict(context), {
        "name": name, "kind": "briefing", "owner_org": WATER,
        "title": title, "title_translated": demo_titles.translations(title),
        "description": "Boshqarma boshligʻi jonli efirda yangi tariflar, suv hisoblagichlarini "
                       "oʻrnatish va yangi uylarni tarmoqqa ulash tartibi haqida soʻzlab "
                       "beradi. **Savollaringizni oldindan yuboring** va boshqalarning "
                       "savollariga ovoz bering.",
        "start": start.isoformat(), "location": "Onlayn",
        "stream_url": "https://www.youtube.com/watch?v=kirasuvlive"})
    _ask(event["id"], CITIZENS[0], "Suv hisoblagichini oʻrnatish uchun qayerga murojaat "
         "qilish kerak va bu qancha turadi?", editor, CITIZENS)
    _ask(event["id"], CITIZENS[1], "Yangi qurilgan uyni suv tarmogʻiga ulash necha kun "
         "davom etadi?", editor, CITIZENS[2:])
    tk.get_action("event_question_create")(as_user(CITIZENS[2]), {
        "event_id": event["id"], "text": "Mahallamizda suv bosimi past, bu masala brifingda "
                                        "koʻriladimi?"})  # waits for the moderator
    return True


def _postponed(context: dict, editor: str, now: datetime.datetime) -> bool:
    name = "issiqlik-mavsumi-savol-javob"
    if _exists(m.Event, name):
        return False
    start = (now + datetime.timedelta(days=5)).astimezone(TASHKENT).replace(
        hour=15, minute=0, second=0, microsecond=0)
    title = "Isitish mavsumiga tayyorgarlik: savol-javob sessiyasi"
    event = tk.get_action("event_create")(dict(context), {
        "name": name, "kind": "qa_session", "owner_org": HEAT,
        "title": title, "title_translated": demo_titles.translations(title),
        "description": "Qozonxonalar va issiqlik tarmoqlarini taʼmirlash ishlari haqida.",
        "start": start.isoformat(), "location": "Onlayn",
        "stream_url": "https://www.youtube.com/watch?v=kiraIssiqli"})
    _ask(event["id"], CITIZENS[3], "Koʻp qavatli uylarda issiqlik qachon beriladi?", editor,
         CITIZENS[:2])
    tk.get_action("event_update")(dict(context), {
        "id": event["id"], "status": "postponed",
        "start": (start + datetime.timedelta(days=7)).isoformat(),
        "status_note": "Boshqarma rahbari xizmat safarida boʻlgani sababli bir haftaga "
                       "koʻchirildi."})
    return True


# Each department's public meetings over the last four quarters that have ended (oldest
# first): held or cancelled, how many of the four questions the public sent in advance got an
# answer, and what the meeting was about (its title: no two events share one). Some
# departments meet the public every quarter and answer, others cancel and
# leave questions unanswered, so the rating's public activity differs between them.
HELD, CANCELLED = "held", "cancelled"
MEETINGS = {
    "davlat-xaridlari": (
        (HELD, 4, "Davlat xaridlari rejasi va tender eʼlonlari: ochiq muloqot"),
        (HELD, 4, "Tuzilgan shartnomalar va yetkazib beruvchilar tanlovi boʻyicha savol-javob"),
        (HELD, 3, "Elektron doʻkon orqali xaridlar: narxlar va muddatlar boʻyicha muloqot"),
        (HELD, 4, "Xaridlar boʻyicha shikoyatlar va ularning natijalari: ochiq muloqot")),
    "investitsiya-loyihalari": (
        (HELD, 3, "Xalqaro moliya institutlari loyihalarining borishi: ochiq muloqot"),
        (CANCELLED, 0, "Yangi investitsiya dasturi loyihasi boʻyicha savol-javob"),
        (HELD, 2, "Qurilish obyektlaridagi kechikishlar sabablari: ochiq muloqot"),
        (HELD, 3, "Loyihalarni moliyalashtirish va kreditlarni qaytarish boʻyicha savol-javob")),
    WATER: (
        (HELD, 4, "Suv quvurlarini almashtirish dasturi: tumanlar boʻyicha savol-javob"),
        (HELD, 3, "Suv hisoblagichlarini oʻrnatish va toʻlovlar: ochiq muloqot"),
        (HELD, 4, "Yozgi mavsumda suv berish jadvali boʻyicha savol-javob"),
        (HELD, 3, "Nasos stansiyalarini rekonstruksiya qilish: ochiq muloqot")),
    HEAT: (
        (CANCELLED, 0, "Isitish mavsumi yakunlari: ochiq muloqot"),
        (HELD, 1, "Qozonxonalarni taʼmirlash rejasi boʻyicha savol-javob"),
        (CANCELLED, 0, "Issiqlik tarmoqlarini modernizatsiya qilish: ochiq muloqot"),
        (HELD, 1, "Issiqlik hisoblagichlari va toʻlovlar boʻyicha savol-javob")),
    "murojaatlar-bilan-ishlash": (
        (HELD, 4, "Murojaatlarni koʻrib chiqish muddatlari: ochiq muloqot"),
        (HELD, 3, "Rahbariyat qabul kunlari va yozilish tartibi boʻyicha savol-javob"),
        (CANCELLED, 0, "Elektron murojaatlar tizimidan foydalanish: ochiq muloqot"),
        (HELD, 3, "Murojaatlar statistikasi va eng koʻp koʻtarilgan masalalar: ochiq muloqot")),
    "samarqand-hududiy-boshqarmasi": (
        (CANCELLED, 0, "Samarqand viloyatida kommunal xizmatlar sifati: ochiq muloqot"),
        (HELD, 1, "Samarqand viloyati hududiy byudjeti ijrosi boʻyicha savol-javob"),
        (CANCELLED, 0, "Urgut va Pastdargʻom tumanlarida yoʻl taʼmiri: ochiq muloqot"),
        (CANCELLED, 0, "Samarqand shahrida ichimlik suvi taʼminoti boʻyicha savol-javob")),
}
MEETING_QUESTIONS = (
    "Oʻtgan chorakda rejalashtirilgan ishlarning qanchasi bajarildi?",
    "Fuqarolarning murojaatlari boʻyicha qanday choralar koʻrildi?",
    "Keyingi chorak rejasi qayerda eʼlon qilinadi?",
    "Taʼmirlash ishlari qachon yakunlanadi?",
)
MEETING_ANSWER = ("Rejalashtirilgan ishlar va ularning ijrosi boʻyicha maʼlumot boshqarma "
                  "sahifasidagi ochiq maʼlumotlar toʻplamida eʼlon qilingan.")


def _meeting_day(year: int, quarter: int, offset: int) -> datetime.datetime:
    """The middle month of the quarter, a different day per department, 14:00 in Tashkent."""
    return datetime.datetime(year, quarter * 3 - 1, 8 + offset * 2, 14, 0, tzinfo=TASHKENT)


def _meeting(context: dict, editor: str, department: str, offset: int, year: int,
             quarter: int, plan: tuple[str, int, str]) -> bool:
    name = f"ochiq-muloqot-{department}-{year}-q{quarter}"
    if _exists(m.Event, name):
        return False
    outcome, answered, title = plan
    action = tk.get_action
    start = _meeting_day(year, quarter, offset)
    event = action("event_create")(dict(context), {
        "name": name, "kind": "qa_session", "owner_org": department,
        "title": title, "title_translated": demo_titles.translations(title),
        "description": "Boshqarma rahbariyati chorak davomidagi ishlar haqida soʻzlab beradi "
                       "va fuqarolarning savollariga javob beradi.",
        "start": start.isoformat(), "end": (start + datetime.timedelta(hours=1)).isoformat(),
        "location": "Onlayn"})
    questions = [_ask(event["id"], CITIZENS[index], text, editor, CITIZENS[:index + 1])
                 for index, text in enumerate(MEETING_QUESTIONS)]
    action("event_update")(dict(context), {
        "id": event["id"], "status": outcome,
        **({"status_note": "Rahbariyat band boʻlgani sababli oʻtkazilmadi."}
           if outcome == CANCELLED else {"summary": "Chorak yakunlari va savollarga javoblar."})})
    for question in questions[:answered]:
        action("event_question_answer")(as_user(editor), {
            "id": question["id"], "answer": MEETING_ANSWER, "mode": "written"})
    return True


def _meetings(context: dict, editor: str, today: datetime.date) -> int:
    quarters = _quarters_ended(today, 4)
    return sum(_meeting(context, editor, department, offset, year, quarter, plan)
               for offset, (department, plans) in enumerate(MEETINGS.items())
               for (year, quarter), plan in zip(quarters, plans))


QUARTERLY_NAME = re.compile(r"choraklik-hisobot-(\d{4})-q([1-4])$")


def _translate_loaded() -> int:
    """Give the events a demo loaded before it had translations their Russian and English
    titles (a demo editor's correction: no history line, no new calendar version)."""
    count = 0
    for event in model.Session.query(m.Event).filter(m.Event.title_translated == {}):
        quarterly = QUARTERLY_NAME.match(event.name)
        given = (demo_titles.quarterly(int(quarterly[1]), int(quarterly[2])) if quarterly
                 else demo_titles.translations(event.title))
        if given:
            event.title_translated = given
            refresh_search_text(event)
            count += 1
    model.Session.commit()
    return count


def _polls(context: dict, now: datetime.datetime) -> int:
    action = tk.get_action
    created = 0
    if not _exists(m.Poll, "qaysi-yonalish-birinchi"):
        poll = action("poll_create")(dict(context), {
            "name": "qaysi-yonalish-birinchi", "owner_org": INVEST,
            "question": "Kelgusi yilda qaysi yoʻnalish birinchi navbatda moliyalashtirilsin?",
            "description": "Natijalar investitsiya dasturini tayyorlashda hisobga olinadi.",
            "options": ["Ichimlik suvi tarmoqlari", "Kanalizatsiya", "Issiqlik taʼminoti",
                        "Koʻcha yoritgichlari"],
            "opens_at": (now - datetime.timedelta(days=2)).isoformat(),
            "closes_at": (now + datetime.timedelta(days=12)).isoformat()})
        for voter, choice in zip(CITIZENS[:3], (0, 0, 2)):
            action("poll_vote")(as_user(voter), {"id": poll["id"],
                                             "options": [poll["options"][choice]["id"]]})
        created += 1
    if not _exists(m.Poll, "brifing-formati"):
        poll = action("poll_create")(dict(context), {
            "name": "brifing-formati", "owner_org": FINANCE,
            "question": "Hisobot taqdimotlarini qaysi formatda kuzatish siz uchun qulay?",
            "options": ["Jonli efir", "Yozuvni keyin koʻrish", "Matnli xulosa",
                        "Joyida qatnashish"], "multiple": True,
            "results_visibility": "after_close",
            "opens_at": (now - datetime.timedelta(days=30)).isoformat(),
            "closes_at": (now + datetime.timedelta(days=1)).isoformat()})
        for voter, choices in zip(CITIZENS, ((0, 1), (1,), (0, 2), (1, 3))):
            action("poll_vote")(as_user(voter), {
                "id": poll["id"], "options": [poll["options"][c]["id"] for c in choices]})
        action("poll_update")(dict(context), {
            "id": poll["id"], "closes_at": (now - datetime.timedelta(days=2)).isoformat()})
        action("poll_publish_results")(dict(context), {"id": poll["id"]})
        created += 1
    return created


def load(context: dict, echo: Callable[[str], object] = print) -> dict[str, int]:
    """Load the demo's open dialogue; returns counts for the loader's summary."""
    if not plugins.plugin_loaded("transparency_dialogue"):
        echo("  open dialogue: skipped (the transparency_dialogue plugin is not enabled)")
        return {}
    for name in CITIZENS:
        people.citizen(context, name)
    editor = context["user"]
    now = datetime.datetime.now(datetime.timezone.utc)
    events = sum(_quarterly(context, editor, year, quarter, recording) for (year, quarter),
                 recording in zip(_quarters_ended(now.date(), 3), RECORDINGS))
    events += _briefing(context, editor, now) + _postponed(context, editor, now)
    events += _meetings(context, editor, now.date())
    polls = _polls(context, now)
    translated = _translate_loaded()
    # nobody to e-mail: the demo citizens' addresses are invented
    model.Session.query(m.Notification).filter(m.Notification.sent_at.is_(None)).filter(
        m.Notification.user_id.in_(model.Session.query(model.User.id).filter(
            model.User.name.in_(CITIZENS)))).update({"sent_at": m.utcnow()},
                                                    synchronize_session=False)
    model.Session.commit()
    echo(f"  open dialogue: {events} events and {polls} polls created"
         + (f", {translated} events given their titles in Russian and English" if translated
            else ""))
    return {"dialogue events created": events, "dialogue polls created": polls,
            **({"dialogue events translated": translated} if translated else {})}


STEPS = [DemoStep("dialogue", load)]
