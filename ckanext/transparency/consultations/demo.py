"""Demo discussions for `ckan transparency demo`: an open draft with proposals, and a closed one
with its answers, published report (in the catalog) and adopted text. Idempotent by name.

Drafts cannot be created with past dates through the actions, so the demo creates each one as
opening today, takes its proposals, then moves its dates back as if time had passed.
"""
from __future__ import annotations

import datetime
from typing import Callable

import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import as_user
from ckanext.transparency.core.demo import DemoStep
from ckanext.transparency.demo import people

from . import settings
from .logic.action import search_text
from .model import Consultation

CITIZENS = ("demo-fuqaro-1", "demo-fuqaro-2", "demo-fuqaro-3")
# the drafts' titles in Russian and English, as the agency publishes them (i18n/fluent.py)
TITLES = {
    "suv-taminoti-murojaatlari-nizomi": {
        "ru": "Положение о порядке рассмотрения обращений по вопросам питьевого водоснабжения",
        "en": "Regulation on the consideration of appeals concerning drinking water supply"},
    "ochiq-malumotlar-tartibi": {
        "ru": "Порядок опубликования открытых данных",
        "en": "Procedure for publishing open data"},
}

OPEN_TEXT = """Ushbu Nizom Agentlik va uning boʻlinmalarida ichimlik suvi taʼminoti boʻyicha \
aholi murojaatlarini koʻrib chiqish tartibini belgilaydi.

## 1-modda. Umumiy qoidalar

Nizom Agentlikning barcha boʻlinmalariga, shu jumladan hududiy boshqarmalarga tatbiq etiladi.

Murojaatlar elektron, yozma va ogʻzaki shaklda qabul qilinadi.

## 2-modda. Suv taʼminotidagi uzilishlar haqida xabar berish

Rejalashtirilgan uzilish haqida aholi kamida 3 kun oldin portal va ommaviy axborot vositalari \
orqali xabardor qilinadi.

Avariya holatidagi uzilish haqida xabar 2 soat ichida eʼlon qilinadi.

## 3-modda. Murojaatlarni koʻrib chiqish muddatlari

Suv sifati boʻyicha murojaat 5 kun ichida koʻrib chiqiladi.

Boshqa murojaatlar qonunchilikda belgilangan muddatlarda koʻrib chiqiladi.
"""

CLOSED_TEXT = """Ushbu Tartib Agentlik tomonidan ochiq maʼlumotlarni eʼlon qilish qoidalarini \
belgilaydi.

## 1-modda. Eʼlon qilinadigan maʼlumotlar

Byudjet ijrosi toʻgʻrisidagi maʼlumotlar har chorakda eʼlon qilinadi.

Davlat xaridlari toʻgʻrisidagi maʼlumotlar har oyda eʼlon qilinadi.

## 2-modda. Formatlar

Maʼlumotlar CSV formatida eʼlon qilinadi.

## 3-modda. Javobgarlik

Maʼlumotlarning oʻz vaqtida eʼlon qilinishi uchun boʻlinma rahbari javobgar hisoblanadi.
"""

ADOPTED_TEXT = CLOSED_TEXT.replace(
    "Maʼlumotlar CSV formatida eʼlon qilinadi.",
    "Maʼlumotlar CSV va Excel (XLSX) formatlarida, UTF-8 kodlashda eʼlon qilinadi.").replace(
    "har oyda eʼlon qilinadi.", "har oyda, shartnoma tuzilganidan soʻng 10 kun ichida eʼlon "
                                "qilinadi.")

OPEN_PROPOSALS = (
    ("demo-fuqaro-1", "2.1", "proposal",
     "Rejalashtirilgan uzilish haqida kamida 5 kun oldin SMS orqali ham xabar berilsin."),
    ("demo-fuqaro-2", "2.2", "proposal",
     "Avariya holatida suv tashish mashinalari jadvali ham eʼlon qilinsin."),
    ("demo-fuqaro-3", None, "comment",
     "Nizom loyihasi foydali, lekin koʻp qavatli uylar uchun alohida band kerak."),
    ("demo-fuqaro-2", "3.1", "proposal", "Suv sifati boʻyicha murojaat 3 kunda koʻrilsin."),
)
CLOSED_PROPOSALS = (
    ("demo-fuqaro-1", "2.1", "Maʼlumotlar Excel formatida ham eʼlon qilinsin.",
     "accepted", "Taklif qabul qilindi: 2-moddaga XLSX formati qoʻshildi."),
    ("demo-fuqaro-2", "1.2", "Xaridlar haqidagi maʼlumot shartnoma tuzilgan kuni eʼlon qilinsin.",
     "partially_accepted", "Shartnoma tuzilganidan soʻng 10 kun ichida eʼlon qilish belgilandi: "
                           "bir kunda tekshiruvdan oʻtkazish imkoni yoʻq."),
    ("demo-fuqaro-3", "3.1", "Javobgarlik uchun jarima miqdori koʻrsatilsin.",
     "rejected", "Jarimalar qonun bilan belgilanadi; ichki tartib ularni belgilay olmaydi."),
)


def _backdate(name: str, opens_ago: int, closes_in: int) -> None:
    consultation = Consultation.get(name)
    today = settings.today()
    consultation.opens_on = today - datetime.timedelta(days=opens_ago)
    consultation.closes_on = today + datetime.timedelta(days=closes_in)
    model.Session.commit()


def _create(context: dict, name: str, title: str, summary: str, kind: str, org: str,
            body: str, period: int) -> dict:
    today = settings.today()
    return tk.get_action("consultation_create")(dict(context), {
        "name": name, "title": title, "title_translated": TITLES.get(name, {}),
        "summary": summary, "kind": kind, "owner_org": org,
        "body": body, "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=period)).isoformat()})


def _propose(context: dict, draft: dict, author: str, article, kind: str, text: str) -> dict:
    proposal = tk.get_action("consultation_proposal_create")(
        as_user(author),
        {"consultation_id": draft["id"], "article_number": article, "kind": kind, "text": text})
    tk.get_action("consultation_proposal_moderate")(dict(context), {
        "id": proposal["id"], "action": "approve"})
    return proposal


def _support(proposal: dict, voters) -> None:
    for voter in voters:
        tk.get_action("consultation_proposal_vote")(as_user(voter),
                                                    {"id": proposal["id"]})


def load(context: dict, echo: Callable[[str], object] = print) -> dict[str, int]:
    """Create the two demo discussions unless they exist; `context`: the site user's."""
    if not plugins.plugin_loaded("transparency_consultations"):
        return {}
    created = 0
    for name in CITIZENS:
        people.citizen(context, name)
    if Consultation.get("suv-taminoti-murojaatlari-nizomi") is None:
        draft = _create(context, "suv-taminoti-murojaatlari-nizomi",
                        "Ichimlik suvi taʼminoti boʻyicha murojaatlarni koʻrib chiqish nizomi",
                        "Suv taʼminotidagi uzilishlar haqida xabar berish va murojaatlarni "
                        "koʻrib chiqish muddatlari boʻyicha qaror loyihasi.", "decision",
                        "ichimlik-suvi-taminoti", OPEN_TEXT, 20)
        made = [_propose(context, draft, *p) for p in OPEN_PROPOSALS]
        _support(made[0], CITIZENS[1:])
        _support(made[1], CITIZENS[:1])
        _backdate(draft["name"], opens_ago=5, closes_in=15)
        created += 1
    if Consultation.get("ochiq-malumotlar-tartibi") is None:
        draft = _create(context, "ochiq-malumotlar-tartibi",
                        "Ochiq maʼlumotlarni eʼlon qilish tartibi",
                        "Byudjet va xaridlar toʻgʻrisidagi maʼlumotlarni eʼlon qilish "
                        "boʻyicha ichki tartib loyihasi.", "internal", "moliya-va-byudjet",
                        CLOSED_TEXT, 10)
        for author, article, text, decision, reason in CLOSED_PROPOSALS:
            proposal = _propose(context, draft, author, article, "proposal", text)
            tk.get_action("consultation_proposal_answer")(dict(context), {
                "id": proposal["id"], "decision": decision, "reason": reason})
        _support(tk.get_action("consultation_proposal_list")(
            dict(context), {"consultation_id": draft["id"]})["results"][0], CITIZENS[1:])
        _backdate(draft["name"], opens_ago=40, closes_in=-30)
        tk.get_action("consultation_report_publish")(dict(context), {"id": draft["id"]})
        tk.get_action("consultation_adopt")(dict(context), {
            "id": draft["id"], "adopted_text": ADOPTED_TEXT,
            "adopted_on": (settings.today() - datetime.timedelta(days=20)).isoformat(),
            "adopted_reference": "Agentlik buyrugʻi, 2-son"})
        created += 1
    translated = _translate_loaded()
    echo(f"  consultations: {created} created, {2 - created} present"
         + (f", {translated} given their titles in Russian and English" if translated else ""))
    return {"consultations created": created,
            **({"consultations translated": translated} if translated else {})}


def _translate_loaded() -> int:
    """Give the drafts a demo loaded before it had translations their Russian and English
    titles (a demo editor's correction, also of a draft whose discussion is over)."""
    count = 0
    for name, titles in TITLES.items():
        consultation = Consultation.get(name)
        if consultation is not None and not consultation.title_translated:
            consultation.title_translated = titles
            consultation.search_text = search_text(consultation)
            count += 1
    model.Session.commit()
    return count


STEPS = [DemoStep("consultations", load)]
