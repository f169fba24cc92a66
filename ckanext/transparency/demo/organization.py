"""The demo state body and its seven departments, one CKAN organization each.

The body is invented: an agency for the development of communal infrastructure (drinking water,
sewerage, heating), with a regional office. Titles are in Uzbek Latin; the Uzbek Cyrillic and
Russian titles are kept in the organization's extras (`title_uz_Cyrl`, `title_ru`).
"""
from __future__ import annotations

import dataclasses

import ckan.plugins.toolkit as tk

AGENCY = {
    "uz": "Kommunal infratuzilmani rivojlantirish agentligi",
    "uz_Cyrl": "Коммунал инфратузилмани ривожлантириш агентлиги",
    "ru": "Агентство развития коммунальной инфраструктуры",
    "abbreviation": "KIRA",
}


@dataclasses.dataclass(frozen=True)
class Department:
    name: str  # URL slug: stable, ASCII
    title: str
    title_uz_Cyrl: str
    title_ru: str
    description: str

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "extras": [
                {"key": "title_uz_Cyrl", "value": self.title_uz_Cyrl},
                {"key": "title_ru", "value": self.title_ru},
                {"key": "parent_body", "value": AGENCY["uz"]},
            ],
        }


def _about(text: str) -> str:
    return f"{AGENCY['uz']} ({AGENCY['abbreviation']}) tarkibidagi boʻlinma. {text}"


DEPARTMENTS = (
    Department(
        "moliya-va-byudjet", "Moliya va byudjet boshqarmasi",
        "Молия ва бюджет бошқармаси", "Управление финансов и бюджета",
        _about("Agentlik byudjetini rejalashtiradi, byudjet va byudjetdan tashqari mablagʻlarning "
               "taqsimlanishi hamda ijrosi toʻgʻrisidagi choraklik hisobotlarni eʼlon qiladi.")),
    Department(
        "davlat-xaridlari", "Davlat xaridlari boʻlimi",
        "Давлат харидлари бўлими", "Отдел государственных закупок",
        _about("Tovar, ish va xizmatlar xaridini tashkil etadi; xaridlar rejasi, tuzilgan "
               "shartnomalar va yetkazib beruvchilar haqidagi maʼlumotlarni OCDS standartida "
               "eʼlon qiladi.")),
    Department(
        "investitsiya-loyihalari", "Investitsiya loyihalari boshqarmasi",
        "Инвестиция лойиҳалари бошқармаси", "Управление инвестиционных проектов",
        _about("Xalqaro moliya institutlari va davlat byudjeti hisobidan amalga oshirilayotgan "
               "investitsiya loyihalarining holati va moliyalashtirilishini kuzatib boradi.")),
    Department(
        "ichimlik-suvi-taminoti", "Ichimlik suvi taʼminoti boshqarmasi",
        "Ичимлик суви таъминоти бошқармаси", "Управление питьевого водоснабжения",
        _about("Aholini toza ichimlik suvi bilan taʼminlash, suv quvurlari va nasos "
               "stansiyalarini qurish hamda rekonstruksiya qilish ishlarini muvofiqlashtiradi.")),
    Department(
        "issiqlik-taminoti", "Issiqlik taʼminoti boshqarmasi",
        "Иссиқлик таъминоти бошқармаси", "Управление теплоснабжения",
        _about("Markazlashgan issiqlik taʼminoti tizimlari, qozonxonalar va issiqlik "
               "tarmoqlarini modernizatsiya qilish dasturlarini amalga oshiradi.")),
    Department(
        "murojaatlar-bilan-ishlash", "Murojaatlar bilan ishlash va nazorat boʻlimi",
        "Мурожаатлар билан ишлаш ва назорат бўлими",
        "Отдел по работе с обращениями и контроля",
        _about("Jismoniy va yuridik shaxslarning murojaatlarini qabul qiladi, koʻrib chiqish "
               "muddatlarini nazorat qiladi, rahbariyat qabul kunlarini tashkil etadi va "
               "murojaatlar statistikasini eʼlon qiladi.")),
    Department(
        "samarqand-hududiy-boshqarmasi", "Samarqand viloyati hududiy boshqarmasi",
        "Самарқанд вилояти ҳудудий бошқармаси",
        "Самаркандское областное территориальное управление",
        _about("Samarqand viloyatidagi kommunal infratuzilma obyektlari, hududiy byudjet ijrosi, "
               "xaridlar va fuqarolar murojaatlari boʻyicha maʼlumotlarni eʼlon qiladi.")),
)


def _differs(current: dict, wanted: dict) -> bool:
    extras = {e["key"]: e["value"] for e in current.get("extras", [])}
    return (current.get("state") != "active"
            or any(current.get(k) != wanted[k] for k in ("title", "description"))
            or any(extras.get(e["key"]) != e["value"] for e in wanted["extras"]))


def ensure(context: dict, department: Department) -> str:
    """Create the department's organization, or bring it back to the demo's definition.

    Returns "created", "updated" or "unchanged".
    """
    wanted = department.as_dict()
    try:
        current = tk.get_action("organization_show")(
            dict(context), {"id": department.name, "include_datasets": False,
                            "include_users": False})
    except tk.ObjectNotFound:
        tk.get_action("organization_create")(dict(context), wanted)
        return "created"
    if not _differs(current, wanted):
        return "unchanged"
    # keep extras the demo does not own (added by an administrator since)
    extras = {e["key"]: e["value"] for e in current.get("extras", [])}
    extras.update({e["key"]: e["value"] for e in wanted["extras"]})
    patch = dict(wanted, id=current["id"], state="active",
                 extras=[{"key": k, "value": val} for k, val in extras.items()])
    patch.pop("name")
    tk.get_action("organization_patch")(dict(context), patch)
    return "updated"
