"""The demo datasets: what each one is, who publishes it, and which files it carries.

Each dataset is of one of the open data types (ckanext/transparency/schemas/) with the fields of
that type: update frequency (an EU vocabulary URI), language, temporal coverage, fiscal year,
the table schema its data file follows. Titles, notes and tags are written here in Uzbek Latin
and converted for the datasets published in Cyrillic; the Russian and English titles and
descriptions are in translations.py.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from ckanext.transparency.i18n.transliterate import to_cyrillic

from . import translations, vocabulary as v
from .files import CP1251, CSV, UTF8, UTF8_BOM, XLSX, FileSpec
from .organization import AGENCY, DEPARTMENTS
from .tables import Table, build

FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
MONTHLY, QUARTERLY, ANNUAL = (FREQUENCY + f for f in ("MONTHLY", "QUARTERLY", "ANNUAL"))
FREQUENCY_WORDS = {MONTHLY: "har oy", QUARTERLY: "har chorakda", ANNUAL: "har yili"}
LICENSE = "cc-by"
DEMO_NOTE = ("_Portalning namuna (demo) maʼlumotlari: tashkilot va raqamlar toʻqib chiqarilgan, "
             "shaxsga oid maʼlumotlar yoʻq._")
ENCODINGS = {UTF8: "UTF-8", UTF8_BOM: "UTF-8, BOM", CP1251: "Windows-1251"}

M, X, I, W, H, A, S = (d.name for d in DEPARTMENTS)
TITLES = {d.name: d.title for d in DEPARTMENTS}
AGENCY_BUYER = AGENCY["uz"]
SAMARQAND_BUYER = f"{AGENCY['uz']} Samarqand viloyati hududiy boshqarmasi"
SAMARQAND_TIN = "208664391"
SAMARQAND_ADDRESS = "Samarqand shahri, Registon koʻchasi, 27-uy"
SAMARQAND_PHONE = "+998 66 233-18-40"
Y0, Y1 = v.PREVIOUS_YEAR, v.CURRENT_YEAR

# table kind -> (dataset type, table schema) of ckanext/transparency/schemas
KIND_TYPES = {
    "budget": ("budget-execution", "budget"),
    "procurement": ("procurement", "ocds-releases"),
    "procurement_plan": ("procurement", "procurement-plan"),
    "contracts": ("procurement", "contracts"),
    "suppliers": ("procurement", "suppliers"),
    "projects": ("project-status", "projects"),
    "project_finance": ("project-status", "project-finance"),
    "appeals": ("appeals-statistics", "appeals-monthly"),
    "appeal_topics": ("appeals-statistics", "appeal-topics"),
    "appeal_regions": ("appeals-statistics", "appeal-regions"),
    "appeal_deadlines": ("appeals-statistics", "appeal-deadlines"),
    "receptions": ("reception-schedule", "receptions"),
    "mobile_receptions": ("reception-schedule", "mobile-receptions"),
}


@dataclasses.dataclass(frozen=True)
class DatasetSpec:
    name: str
    org: str
    script: str  # "latn" or "cyrl": the script of the title, notes, tags and file contents
    title: str  # written in Latin; see `text()`
    notes: str
    tags: tuple[str, ...]
    frequency: str
    kind: str  # a table kind of `tables.build`
    params: Mapping[str, Any]
    files: tuple[FileSpec, ...]

    def text(self, latin: str) -> str:
        return to_cyrillic(latin) if self.script == "cyrl" else latin

    def table(self) -> Table:
        return build(self.kind, self.name, self.script, **self.params)

    @property
    def type(self) -> str:
        return KIND_TYPES[self.kind][0]

    def type_fields(self) -> dict:
        year = self.params["year"]
        fields = {
            "type": self.type,
            "table_schema": KIND_TYPES[self.kind][1],
            "frequency": self.frequency,
            "language": "uz-Cyrl" if self.script == "cyrl" else "uz-Latn",
            "temporal_start": f"{year}-01-01",
            "fiscal_year": year,
        }
        if year < Y1:  # a closed year: the series is complete
            fields["temporal_end"] = f"{year}-12-31"
        if self.type == "budget-execution":
            fields["quarter"] = str(self.params.get("last_quarter") or v.LAST_QUARTER[year])
        if self.type == "reception-schedule":
            quarter = self.params["quarter"]
            fields["quarter"] = str(quarter)
            fields["temporal_start"] = f"{year}-{3 * quarter - 2:02d}-01"
        return fields

    def package_dict(self) -> dict:
        return {
            **self.type_fields(),
            "name": self.name,
            "title": self.text(self.title),
            "notes": self.text(self.notes) + "\n\n" + self.text(DEMO_NOTE),
            "owner_org": self.org,
            "license_id": LICENSE,
            "author": AGENCY["uz_Cyrl"] if self.script == "cyrl" else AGENCY["uz"],
            "maintainer": self.text(TITLES[self.org]),
            "maintainer_email": f"{self.org}@example.uz",
            "tags": [{"name": self.text(t)} for t in self.tags],
            **self.translations(),
        }

    def translations(self) -> dict:
        """The Russian and English title and description (i18n/fluent.py)."""
        return {"title_translated": translations.titles(self.name),
                "notes_translated": translations.notes(self.kind, self.org, self.params)}

    def resource_name(self, spec: FileSpec) -> str:
        encoding = f" ({ENCODINGS[spec.encoding]})" if spec.format == CSV else ""
        return self.text("Maʼlumotlar") + f", {spec.format}{encoding}"

    def resource_name_translated(self, spec: FileSpec) -> dict:
        """The file's name in Russian and English (i18n/fluent.py)."""
        encoding = f" ({ENCODINGS[spec.encoding]})" if spec.format == CSV else ""
        return {lang: f"{word}, {spec.format}{encoding}"
                for lang, word in translations.RESOURCE_NAME.items()}

    def resource_dict(self, spec: FileSpec, table: Table) -> dict:
        return {
            "name": self.resource_name(spec),
            "name_translated": self.resource_name_translated(spec),
            "description": self.text(describe_file(spec, table)),
            "format": spec.format,
        }

    def about(self) -> list[str]:
        """Lines of the XLSX "Izoh" sheet."""
        return [self.text(line) for line in (
            self.title, f"Eʼlon qiluvchi: {TITLES[self.org]}, {AGENCY['uz']}",
            f"Yangilanish: {FREQUENCY_WORDS[self.frequency]}", "Litsenziya: CC BY 4.0",
            DEMO_NOTE.strip("_"))]


def describe_file(spec: FileSpec, table: Table) -> str:
    text = f"{len(table.rows)} ta satr, {len(table.columns)} ta ustun."
    if spec.format == CSV:
        encoding = "UTF-8 (BOM bilan)" if spec.encoding == UTF8_BOM else ENCODINGS[spec.encoding]
        text += f" Kodirovka: {encoding}, ajratuvchi belgi «{spec.delimiter}»."
        if spec.encoding == UTF8_BOM:
            text += " Excel dasturida toʻgʻridan-toʻgʻri ochiladi."
        if spec.encoding == CP1251:
            text += (" Fayl hududiy boshqarmaning hisob dasturidan eksport qilingan: "
                     "қ, ғ, ҳ harflari к, г, х bilan yozilgan, sanalar kun.oy.yil koʻrinishida.")
    else:
        text += " Birinchi varaqda maʼlumotlar, «Izoh» varagʻida tavsif."
    return text


def _files(name: str, *kinds: str) -> tuple[FileSpec, ...]:
    specs = {
        "csv": FileSpec(f"{name}.csv", CSV, UTF8),
        "csv-bom": FileSpec(f"{name}.csv", CSV, UTF8_BOM),
        "csv-1251": FileSpec(f"{name}.csv", CSV, CP1251, delimiter=";", date_format="%d.%m.%Y"),
        "xlsx": FileSpec(f"{name}.xlsx", XLSX),
    }
    return tuple(specs[k] for k in kinds)


def _dataset(name, org, script, title, notes, tags, frequency, kind, params, files):
    return DatasetSpec(name, org, script, title, notes, tuple(tags), frequency, kind,
                       params, _files(name, *files))


def budget(name, org, script, year, files, *, lines="expenditure", scale=1.0, title=None,
           tags=(), last_quarter=None):
    quarters = {4: "I–IV choraklar", 3: "I–III choraklar", 2: "I–II choraklar"}[
        last_quarter or v.LAST_QUARTER[year]]
    what = {
        "expenditure": "byudjet mablagʻlarining iqtisodiy tasnif moddalari boʻyicha "
                       "taqsimlanishi va ijrosi",
        "revenue": "moliyalashtirish manbalari boʻyicha tushumlar rejasi va ijrosi",
        "programme": "byudjet xarajatlarining dasturlar (funksional tasnif) boʻyicha ijrosi",
        "fund": "byudjetdan tashqari jamgʻarma mablagʻlarining taqsimlanishi va ijrosi",
    }[lines]
    notes = (f"{TITLES[org]} maʼlumotlari: {year}-yil {what}, choraklar kesimida ({quarters}). "
             "Har bir satr — bitta chorak va bitta tasnif moddasi: tasdiqlangan reja, aniqlangan "
             "(oʻzgartirilgan) reja va amaldagi ijro, soʻmda; ijro foizi = ijro / aniqlangan reja "
             "× 100. Maʼlumotlar har chorak yakunidan keyin 15 kun ichida yangilanadi.")
    title = title or (f"{year}-yil byudjet mablagʻlarining taqsimlanishi va ijrosi "
                      "(choraklar kesimida)")
    return _dataset(name, org, script, title, notes,
                    ("byudjet", "byudjet ijrosi", "moliya", str(year), *tags), QUARTERLY,
                    "budget", {"year": year, "lines": lines, "scale": scale,
                               **({"last_quarter": last_quarter} if last_quarter else {})},
                    files)


def procurement(name, org, script, year, files, *, kind="procurement", items=("common",),
                buyer=AGENCY_BUYER, buyer_code="KIRA", buyer_tin="207531864", count=60,
                title=None, tags=(), frequency=MONTHLY):
    notes = {
        "procurement": (f"{year}-yilda eʼlon qilingan davlat xaridlari toʻliq maʼlumotlari: "
                        "har bir xarid jarayoni — Ochiq shartnomalar maʼlumotlari standarti "
                        "(OCDS 1.1) relizi, ustun nomlari OCDS JSON yoʻllari (masalan, "
                        "`tender/value/amount`). Xarid usuli, holati, buyurtmachi, yetkazib "
                        "beruvchi va uning STIR raqami, MXIK klassifikatori boʻyicha tovar "
                        "kodi, boshlangʻich va gʻolib narx, shartnoma sanalari keltirilgan."),
        "procurement_plan": ("Rejalashtirilgan davlat xaridlari: xarid predmeti, MXIK kodi, "
                             "miqdori, taxminiy qiymati, xarid usuli, rejalashtirilgan sana va "
                             "moliyalashtirish manbai (OCDS `planning` bosqichi)."),
        "contracts": (f"{year}-yilda xaridlar natijasida tuzilgan shartnomalar reyestri: shartnoma "
                      "raqami va sanasi, xarid usuli, predmeti, yetkazib beruvchi va STIR, "
                      "shartnoma summasi, toʻlangan mablagʻ va ijro holati. Har bir shartnoma "
                      "OCDS `ocid` identifikatori orqali xarid maʼlumotlariga bogʻlangan."),
        "suppliers": (f"{year}-yilda shartnoma tuzilgan yetkazib beruvchilar va pudratchilar: "
                      "shartnomalar soni va summasi, toʻlangan mablagʻ, toʻgʻridan-toʻgʻri "
                      "shartnomalar soni va asosiy xarid usuli."),
    }[kind]
    title = title or f"{year}-yilda oʻtkazilgan davlat xaridlari (OCDS)"
    return _dataset(name, org, script, title, f"{TITLES[org]}. {notes}",
                    ("davlat xaridlari", "ocds", "shartnomalar", str(year), *tags), frequency,
                    kind, {"year": year, "items": items, "buyer": buyer,
                           "buyer_code": buyer_code, "buyer_tin": buyer_tin, "count": count},
                    files)


def projects(name, org, script, year, files, *, kind="projects", title, code, tags=(),
             **params):
    notes = {
        "projects": ("Investitsiya loyihalarining amalga oshirilish holati (OC4IDS maʼlumotlar "
                     "standarti asosida): loyiha identifikatori, nomi, sohasi, joylashuvi, holati "
                     "(OC4IDS holat kodlari: `identification`, `preparation`, "
                     "`implementation`, `completion`, `cancelled`), umumiy qiymati va "
                     "sarflangan mablagʻ (soʻmda), jismoniy bajarilish foizi, boshlanish va "
                     "tugash sanalari, pudratchi."),
        "project_finance": (f"Amalga oshirilayotgan va yakunlangan loyihalarni {year}-yilda "
                            "choraklar boʻyicha moliyalashtirish: rejadagi va amalda ajratilgan "
                            "mablagʻ, ijro foizi, moliyalashtirish manbai."),
    }[kind]
    return _dataset(name, org, script, title, f"{TITLES[org]}. {notes} Holat: "
                    f"{year}-yil {v.MONTHS[v.LAST_MONTH[year] - 1]} oyi yakuni.",
                    ("investitsiya loyihalari", "oc4ids", "infratuzilma", str(year), *tags),
                    QUARTERLY, kind, {"year": year, "code": code, **params}, files)


def appeals(name, org, script, year, files, *, kind="appeals", title=None, tags=(),
            frequency=MONTHLY, **params):
    notes = {
        "appeals": ("Jismoniy va yuridik shaxslarning murojaatlari statistikasi (Oʻzbekiston "
                    "Respublikasining «Jismoniy va yuridik shaxslarning murojaatlari "
                    "toʻgʻrisida»gi Qonuni, OʻRQ-445): oylar, murojaat turi (ariza, taklif, "
                    "shikoyat) va shakli (ogʻzaki, yozma, elektron) kesimida kelib tushgan va "
                    "koʻrib chiqilgan murojaatlar, natijalari, muddati uzaytirilgan va buzilgan "
                    "murojaatlar. Qonuniy muddat: ariza va shikoyatlar — 15 kun, takliflar — "
                    "1 oy."),
        "appeal_topics": ("Murojaatlar mavzular boʻyicha: har oy har bir mavzu boʻyicha kelib "
                          "tushgan murojaatlar, shundan shikoyatlar va hal etilganlari."),
        "appeal_regions": ("Murojaatlar hududlar kesimida, choraklar boʻyicha: turlari (ariza, "
                           "taklif, shikoyat), shakllari (ogʻzaki, yozma, elektron) va oʻrtacha "
                           "koʻrib chiqish muddati (kun)."),
        "appeal_deadlines": ("Murojaatlarni koʻrib chiqish muddatlariga rioya etilishi: "
                             "muddatida koʻrib chiqilgan (15 kungacha va 16–30 kun), muddati "
                             "uzaytirilgan va buzilgan murojaatlar, oʻrtacha muddat, vakolatli "
                             "organga 5 kun ichida yuborilganlar."),
    }[kind]
    title = title or f"Murojaatlar statistikasi, {year}-yil (oylar kesimida)"
    return _dataset(name, org, script, title, f"{TITLES[org]}. {notes} Shaxsga oid maʼlumotlar "
                    "eʼlon qilinmaydi, faqat umumiy sonlar.",
                    ("murojaatlar", "ariza", "taklif", "shikoyat", "statistika", str(year),
                     *tags), frequency, kind, {"year": year, **params}, files)


def receptions(name, org, script, year, quarter, files, *, kind="receptions", title, tags=(),
               **params):
    notes = {
        "receptions": ("Rahbariyat tomonidan jismoniy shaxslarni qabul qilish va yuridik shaxslar "
                       "vakillarini qabul qilish jadvali: sana, hafta kuni, qabul qiluvchi "
                       "rahbarning lavozimi, qabul vaqti, manzil va qabulga yozilish tartibi. "
                       "Qabulda bildirilgan ogʻzaki murojaatlar murojaatlar statistikasiga "
                       "kiritiladi."),
        "mobile_receptions": ("Agentlik rahbariyatining hududlarda oʻtkaziladigan sayyor "
                              "qabullari jadvali: sana, hudud, tuman, qabul qiluvchi, "
                              "oʻtkaziladigan joy va vaqt."),
    }[kind]
    return _dataset(name, org, script, title, f"{TITLES[org]}. {notes} Jadval {year}-yil "
                    f"{quarter}-chorak uchun; har chorak boshida yangilanadi.",
                    ("qabul kunlari", "rahbariyat qabuli", "murojaatlar", str(year), *tags),
                    QUARTERLY, kind, {"year": year, "quarter": quarter, **params}, files)


IFI_SOURCES = ("Osiyo taraqqiyot banki krediti", "Jahon banki krediti",
               "Islom taraqqiyot banki krediti")

DATASETS: tuple[DatasetSpec, ...] = (
    # Moliya va byudjet boshqarmasi
    budget(f"byudjet-ijrosi-{Y0}", M, "latn", Y0, ("csv-bom", "xlsx")),
    budget(f"byudjet-ijrosi-{Y1}", M, "cyrl", Y1, ("xlsx", "csv-bom")),
    budget(f"byudjet-tushumlari-{Y1}", M, "latn", Y1, ("csv",), lines="revenue",
           title=f"{Y1}-yil moliyalashtirish manbalari boʻyicha tushumlar va ularning ijrosi",
           tags=("tushumlar",)),
    budget(f"byudjet-dasturlar-kesimida-{Y1}", M, "latn", Y1, ("xlsx",), lines="programme",
           title=f"{Y1}-yil byudjet xarajatlari dasturlar (funksional tasnif) kesimida",
           tags=("davlat dasturlari",)),
    budget(f"byudjetdan-tashqari-jamgarma-{Y0}", M, "cyrl", Y0, ("csv",), lines="fund",
           scale=0.11, title=f"Byudjetdan tashqari jamgʻarma mablagʻlarining ijrosi, {Y0}-yil",
           tags=("byudjetdan tashqari jamgʻarma",)),
    # Davlat xaridlari boʻlimi
    procurement(f"davlat-xaridlari-{Y0}", X, "latn", Y0, ("csv", "xlsx"),
                items=("common", "water", "heat"), count=120),
    procurement(f"davlat-xaridlari-{Y1}", X, "latn", Y1, ("csv-bom",),
                items=("common", "water", "heat"), count=100),
    procurement(f"xarid-rejasi-{Y1}-{Y1 + 1}", X, "cyrl", Y1, ("xlsx",), kind="procurement_plan",
                items=("common", "water", "heat"), count=45, frequency=QUARTERLY,
                title=f"Davlat xaridlari rejasi: {Y1}-yil IV chorak va {Y1 + 1}-yil",
                tags=("xarid rejasi",)),
    procurement(f"shartnomalar-reyestri-{Y1}", X, "cyrl", Y1, ("csv",), kind="contracts",
                items=("common", "water", "heat"), count=90,
                title=f"{Y1}-yilda tuzilgan xarid shartnomalari reyestri"),
    procurement(f"yetkazib-beruvchilar-{Y0}", X, "latn", Y0, ("csv",), kind="suppliers",
                items=("common", "water", "heat"), count=120, frequency=ANNUAL,
                title=f"Yetkazib beruvchilar va pudratchilar: {Y0}-yil shartnomalari yigʻmasi",
                tags=("yetkazib beruvchilar",)),
    # Investitsiya loyihalari boshqarmasi
    projects(f"investitsiya-loyihalari-holati-{Y1}", I, "latn", Y1, ("xlsx", "csv-bom"),
             code="KIRA", count=40,
             title=f"Investitsiya loyihalarining amalga oshirilish holati, {Y1}-yil"),
    projects(f"investitsiya-loyihalari-holati-{Y0}", I, "cyrl", Y0, ("csv-bom",), code="K25",
             count=36, title=f"Investitsiya loyihalarining amalga oshirilish holati, {Y0}-yil "
                             "yakuni"),
    projects(f"xalqaro-moliya-loyihalari-{Y1}", I, "latn", Y1, ("csv",), code="XMI", count=18,
             sources=IFI_SOURCES, tags=("xalqaro moliya institutlari",),
             title=f"Xalqaro moliya institutlari ishtirokidagi loyihalar holati, {Y1}-yil"),
    projects(f"loyihalar-moliyalashtirish-{Y1}", I, "latn", Y1, ("xlsx",),
             kind="project_finance", code="KIRA", count=40, tags=("moliyalashtirish",),
             title=f"Investitsiya loyihalarini choraklar boʻyicha moliyalashtirish, {Y1}-yil"),
    # Ichimlik suvi taʼminoti boshqarmasi
    projects(f"ichimlik-suvi-loyihalari-{Y1}", W, "cyrl", Y1, ("xlsx",), code="ICHS",
             sectors=("water", "sewer"), count=30, tags=("ichimlik suvi",),
             title=f"Ichimlik suvi va kanalizatsiya loyihalari holati, {Y1}-yil"),
    procurement(f"ichimlik-suvi-xaridlari-{Y1}", W, "latn", Y1, ("csv",),
                items=("water", "common"), buyer_code="ICHS", count=70, tags=("ichimlik suvi",),
                title=f"Ichimlik suvi taʼminoti boshqarmasi xaridlari, {Y1}-yil (OCDS)"),
    budget(f"ichimlik-suvi-byudjet-ijrosi-{Y1}", W, "latn", Y1, ("csv-bom",), scale=0.42,
           tags=("ichimlik suvi",),
           title=f"Ichimlik suvi taʼminoti boshqarmasi: {Y1}-yil byudjet ijrosi (choraklar "
                 "kesimida)"),
    receptions(f"ichimlik-suvi-qabul-kunlari-{Y1}-iv-chorak", W, "cyrl", Y1, 4, ("csv",),
               unit=TITLES[W], tags=("ichimlik suvi",),
               title=f"Ichimlik suvi taʼminoti boshqarmasi rahbariyatining qabul kunlari, "
                     f"{Y1}-yil IV chorak"),
    # Issiqlik taʼminoti boshqarmasi
    projects(f"issiqlik-loyihalari-{Y1}", H, "latn", Y1, ("csv",), code="ISSQ",
             sectors=("heat",), count=26, tags=("issiqlik taʼminoti",),
             title=f"Issiqlik taʼminoti tizimlarini modernizatsiya qilish loyihalari, {Y1}-yil"),
    procurement(f"issiqlik-xaridlari-{Y1}", H, "cyrl", Y1, ("xlsx",), items=("heat", "common"),
                buyer_code="ISSQ", count=60, tags=("issiqlik taʼminoti",),
                title=f"Issiqlik taʼminoti boshqarmasi xaridlari, {Y1}-yil (OCDS)"),
    budget(f"issiqlik-byudjet-ijrosi-{Y1}", H, "cyrl", Y1, ("csv-bom",), scale=0.33,
           tags=("issiqlik taʼminoti",),
           title=f"Issiqlik taʼminoti boshqarmasi: {Y1}-yil byudjet ijrosi (choraklar kesimida)"),
    appeals(f"issiqlik-murojaatlari-{Y1}", H, "latn", Y1, ("csv",), scale=0.35,
            seasonal="heat", tags=("issiqlik taʼminoti",),
            title=f"Issiqlik taʼminoti boʻyicha murojaatlar statistikasi, {Y1}-yil"),
    # Murojaatlar bilan ishlash va nazorat boʻlimi
    appeals(f"murojaatlar-statistikasi-{Y0}", A, "latn", Y0, ("csv", "xlsx")),
    appeals(f"murojaatlar-statistikasi-{Y1}", A, "cyrl", Y1, ("csv-bom",)),
    appeals(f"murojaatlar-mavzular-boyicha-{Y1}", A, "latn", Y1, ("xlsx",),
            kind="appeal_topics", title=f"Murojaatlar mavzular boʻyicha, {Y1}-yil"),
    appeals(f"murojaatlar-hududlar-kesimida-{Y1}", A, "cyrl", Y1, ("csv",),
            kind="appeal_regions", frequency=QUARTERLY,
            title=f"Murojaatlar hududlar kesimida, {Y1}-yil (choraklar boʻyicha)"),
    appeals(f"murojaatlar-korib-chiqish-muddatlari-{Y1}", A, "latn", Y1, ("csv",),
            kind="appeal_deadlines", tags=("koʻrib chiqish muddatlari",), last_month=9,
            title=f"Murojaatlarni koʻrib chiqish muddatlariga rioya etilishi, {Y1}-yil"),
    receptions(f"rahbariyat-qabul-kunlari-{Y1}-iv-chorak", A, "latn", Y1, 4, ("csv", "xlsx"),
               title=f"Agentlik rahbariyatining qabul kunlari jadvali, {Y1}-yil IV chorak"),
    receptions(f"sayyor-qabullar-{Y1}-iv-chorak", A, "cyrl", Y1, 4, ("csv",),
               kind="mobile_receptions", tags=("sayyor qabul",),
               title=f"Rahbariyatning hududlardagi sayyor qabullari, {Y1}-yil IV chorak"),
    # Samarqand viloyati hududiy boshqarmasi: its accounting software exports Windows-1251
    # ...and is behind its schedule: the overdue datasets of the demo
    budget(f"samarqand-byudjet-ijrosi-{Y1}", S, "cyrl", Y1, ("csv-1251",), scale=0.12,
           tags=("samarqand",), last_quarter=2,
           title=f"Samarqand viloyati hududiy boshqarmasi: {Y1}-yil byudjet ijrosi (choraklar "
                 "kesimida)"),
    appeals(f"samarqand-murojaatlari-{Y1}", S, "cyrl", Y1, ("csv-1251",), scale=0.18,
            seasonal="water", tags=("samarqand",), last_month=8,
            title=f"Samarqand viloyati boʻyicha murojaatlar statistikasi, {Y1}-yil"),
    receptions(f"samarqand-qabul-kunlari-{Y1}-iv-chorak", S, "latn", Y1, 4, ("csv",),
               unit=TITLES[S], address=SAMARQAND_ADDRESS, phone=SAMARQAND_PHONE,
               tags=("samarqand",),
               title=f"Samarqand viloyati hududiy boshqarmasi rahbariyatining qabul kunlari, "
                     f"{Y1}-yil IV chorak"),
    projects(f"samarqand-loyihalari-{Y1}", S, "latn", Y1, ("xlsx",), code="SAM",
             region="Samarqand viloyati", count=24, tags=("samarqand",),
             title=f"Samarqand viloyatidagi kommunal infratuzilma loyihalari holati, {Y1}-yil"),
    procurement(f"samarqand-xaridlari-{Y1}", S, "cyrl", Y1, ("csv",),
                items=("water", "heat", "common"), buyer=SAMARQAND_BUYER, buyer_code="SAM",
                buyer_tin=SAMARQAND_TIN, count=50, tags=("samarqand",),
                title=f"Samarqand viloyati hududiy boshqarmasi xaridlari, {Y1}-yil (OCDS)"),
)
