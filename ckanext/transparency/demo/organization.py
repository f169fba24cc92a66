"""The demo state body and its seven departments, one CKAN organization each.

The body is invented: an agency for the development of communal infrastructure (drinking water,
sewerage, heating), with a regional office. Titles and descriptions are in Uzbek Latin; the
Uzbek Cyrillic title and the Russian and English titles and descriptions are kept in the
organization's extras (`title_uz_Cyrl`, `title_ru`, `title_en`, `description_ru`,
`description_en`), which pages in those languages show (i18n/display.py).
"""
from __future__ import annotations

import dataclasses

import ckan.plugins.toolkit as tk

AGENCY = {
    "uz": "Kommunal infratuzilmani rivojlantirish agentligi",
    "uz_Cyrl": "Коммунал инфратузилмани ривожлантириш агентлиги",
    "ru": "Агентство развития коммунальной инфраструктуры",
    "en": "Agency for the Development of Communal Infrastructure",
    "abbreviation": "KIRA",
}


@dataclasses.dataclass(frozen=True)
class Department:
    name: str  # URL slug: stable, ASCII
    title: str
    title_uz_Cyrl: str
    title_ru: str
    description: str
    title_en: str = ""
    description_ru: str = ""
    description_en: str = ""

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "extras": [
                {"key": "title_uz_Cyrl", "value": self.title_uz_Cyrl},
                {"key": "title_ru", "value": self.title_ru},
                {"key": "title_en", "value": self.title_en},
                {"key": "description_ru", "value": self.description_ru},
                {"key": "description_en", "value": self.description_en},
                {"key": "parent_body", "value": AGENCY["uz"]},
            ],
        }


def _about(text: str) -> str:
    return f"{AGENCY['uz']} ({AGENCY['abbreviation']}) tarkibidagi boʻlim. {text}"


def _about_ru(text: str) -> str:
    return f"Отдел Агентства развития коммунальной инфраструктуры (АРКИ). {text}"


def _about_en(text: str) -> str:
    return f"A department of the {AGENCY['en']} (KIRA). {text}"


DEPARTMENTS = (
    Department(
        "moliya-va-byudjet", "Moliya va byudjet boshqarmasi",
        "Молия ва бюджет бошқармаси", "Управление финансов и бюджета",
        _about("Agentlik byudjetini rejalashtiradi, byudjet va byudjetdan tashqari mablagʻlarning "
               "taqsimlanishi hamda ijrosi toʻgʻrisidagi choraklik hisobotlarni eʼlon qiladi."),
        title_en="Finance and Budget Department",
        description_ru=_about_ru("Планирует бюджет агентства, публикует ежеквартальные отчёты о "
                                 "распределении и исполнении бюджетных и внебюджетных средств."),
        description_en=_about_en("Plans the agency's budget and publishes quarterly reports on the"
                                 " allocation and execution of budget and extra-budgetary funds.")),
    Department(
        "davlat-xaridlari", "Davlat xaridlari boʻlimi",
        "Давлат харидлари бўлими", "Отдел государственных закупок",
        _about("Tovar, ish va xizmatlar xaridini tashkil etadi; xaridlar rejasi, tuzilgan "
               "shartnomalar va yetkazib beruvchilar haqidagi maʼlumotlarni OCDS standartida "
               "eʼlon qiladi."),
        title_en="Public Procurement Division",
        description_ru=_about_ru("Организует закупки товаров, работ и услуг; публикует план "
                                 "закупок, сведения о заключённых договорах и поставщиках в "
                                 "стандарте OCDS."),
        description_en=_about_en("Organises the procurement of goods, works and services; "
                                 "publishes the procurement plan, the contracts concluded and the "
                                 "suppliers in the OCDS standard.")),
    Department(
        "investitsiya-loyihalari", "Investitsiya loyihalari boshqarmasi",
        "Инвестиция лойиҳалари бошқармаси", "Управление инвестиционных проектов",
        _about("Xalqaro moliya institutlari va davlat byudjeti hisobidan amalga oshirilayotgan "
               "investitsiya loyihalarining holati va moliyalashtirilishini kuzatib boradi."),
        title_en="Investment Projects Department",
        description_ru=_about_ru("Ведёт мониторинг хода реализации и финансирования инвестиционных"
                                 " проектов за счёт международных финансовых институтов и "
                                 "государственного бюджета."),
        description_en=_about_en("Monitors the progress and financing of investment projects "
                                 "funded by international financial institutions and the state "
                                 "budget.")),
    Department(
        "ichimlik-suvi-taminoti", "Ichimlik suvi taʼminoti boshqarmasi",
        "Ичимлик суви таъминоти бошқармаси", "Управление питьевого водоснабжения",
        _about("Aholini toza ichimlik suvi bilan taʼminlash, suv quvurlari va nasos "
               "stansiyalarini qurish hamda rekonstruksiya qilish ishlarini muvofiqlashtiradi."),
        title_en="Drinking Water Supply Department",
        description_ru=_about_ru("Координирует обеспечение населения чистой питьевой водой, "
                                 "строительство и реконструкцию водопроводов и насосных станций."),
        description_en=_about_en("Coordinates the supply of clean drinking water to the population"
                                 " and the construction and reconstruction of water mains and "
                                 "pumping stations.")),
    Department(
        "issiqlik-taminoti", "Issiqlik taʼminoti boshqarmasi",
        "Иссиқлик таъминоти бошқармаси", "Управление теплоснабжения",
        _about("Markazlashgan issiqlik taʼminoti tizimlari, qozonxonalar va issiqlik "
               "tarmoqlarini modernizatsiya qilish dasturlarini amalga oshiradi."),
        title_en="Heat Supply Department",
        description_ru=_about_ru("Реализует программы модернизации систем централизованного "
                                 "теплоснабжения, котельных и тепловых сетей."),
        description_en=_about_en("Carries out the modernisation programmes of district heating "
                                 "systems, boiler houses and heating networks.")),
    Department(
        "murojaatlar-bilan-ishlash", "Murojaatlar bilan ishlash va nazorat boʻlimi",
        "Мурожаатлар билан ишлаш ва назорат бўлими",
        "Отдел по работе с обращениями и контроля",
        _about("Jismoniy va yuridik shaxslarning murojaatlarini qabul qiladi, koʻrib chiqish "
               "muddatlarini nazorat qiladi, rahbariyat qabul kunlarini tashkil etadi va "
               "murojaatlar statistikasini eʼlon qiladi."),
        title_en="Division for Appeals and Oversight",
        description_ru=_about_ru("Принимает обращения физических и юридических лиц, контролирует "
                                 "сроки их рассмотрения, организует приёмы руководства и публикует"
                                 " статистику обращений."),
        description_en=_about_en("Receives the appeals of individuals and legal entities, monitors"
                                 " the deadlines for their consideration, organises the "
                                 "management's reception days and publishes appeal statistics.")),
    Department(
        "samarqand-hududiy-boshqarmasi", "Samarqand viloyati hududiy boshqarmasi",
        "Самарқанд вилояти ҳудудий бошқармаси",
        "Самаркандское областное территориальное управление",
        _about("Samarqand viloyatidagi kommunal infratuzilma obyektlari, hududiy byudjet ijrosi, "
               "xaridlar va fuqarolar murojaatlari boʻyicha maʼlumotlarni eʼlon qiladi."),
        title_en="Samarkand Regional Office",
        description_ru=_about_ru("Публикует сведения об объектах коммунальной инфраструктуры "
                                 "Самаркандской области, исполнении регионального бюджета, "
                                 "закупках и обращениях граждан."),
        description_en=_about_en("Publishes information on the communal infrastructure of the "
                                 "Samarkand region, the execution of the regional budget, "
                                 "procurement and citizens' appeals.")),
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
