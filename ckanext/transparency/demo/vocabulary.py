"""The demo's fixed word lists: places, budget lines, goods, suppliers, officials.

Everything is written in Uzbek Latin; Cyrillic datasets are derived with `transliterate`.
Companies, codes, addresses and telephone numbers are invented; no person is named.
"""
from __future__ import annotations

# The years the demo covers, and how far each one is reported (the demo is set in late 2026).
PREVIOUS_YEAR = 2025
CURRENT_YEAR = 2026
LAST_QUARTER = {PREVIOUS_YEAR: 4, CURRENT_YEAR: 3}
LAST_MONTH = {PREVIOUS_YEAR: 12, CURRENT_YEAR: 10}

MONTHS = ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr",
          "oktabr", "noyabr", "dekabr")
WEEKDAYS = ("Dushanba", "Seshanba", "Chorshanba", "Payshanba", "Juma", "Shanba", "Yakshanba")

REGIONS = {
    "Qoraqalpogʻiston Respublikasi": ("Nukus shahri", "Xoʻjayli tumani", "Toʻrtkoʻl tumani"),
    "Andijon viloyati": ("Andijon shahri", "Asaka tumani", "Xonobod shahri"),
    "Buxoro viloyati": ("Buxoro shahri", "Gʻijduvon tumani", "Kogon tumani"),
    "Jizzax viloyati": ("Jizzax shahri", "Zomin tumani", "Gʻallaorol tumani"),
    "Qashqadaryo viloyati": ("Qarshi shahri", "Shahrisabz tumani", "Kitob tumani"),
    "Navoiy viloyati": ("Navoiy shahri", "Karmana tumani", "Nurota tumani"),
    "Namangan viloyati": ("Namangan shahri", "Chortoq tumani", "Pop tumani"),
    "Samarqand viloyati": ("Samarqand shahri", "Urgut tumani", "Kattaqoʻrgʻon tumani"),
    "Surxondaryo viloyati": ("Termiz shahri", "Denov tumani", "Sherobod tumani"),
    "Sirdaryo viloyati": ("Guliston shahri", "Boyovut tumani", "Sirdaryo tumani"),
    "Toshkent viloyati": ("Chirchiq shahri", "Angren shahri", "Zangiota tumani"),
    "Fargʻona viloyati": ("Fargʻona shahri", "Margʻilon shahri", "Quva tumani"),
    "Xorazm viloyati": ("Urganch shahri", "Xiva tumani", "Xonqa tumani"),
    "Toshkent shahri": ("Yunusobod tumani", "Chilonzor tumani", "Yashnobod tumani"),
}

SAMARQAND_DISTRICTS = (
    "Samarqand shahri", "Kattaqoʻrgʻon shahri", "Urgut tumani", "Pastdargʻom tumani",
    "Payariq tumani", "Jomboy tumani", "Bulungʻur tumani", "Ishtixon tumani", "Narpay tumani",
    "Nurobod tumani", "Oqdaryo tumani", "Paxtachi tumani", "Qoʻshrabot tumani", "Toyloq tumani",
)

# Budget classification (economic classification of expenditure): code, name, share of the
# year's budget.
EXPENDITURE_LINES = (
    ("4111100", "Asosiy ish haqi", 0.21),
    ("4112100", "Qoʻshimcha toʻlovlar va mukofotlar", 0.04),
    ("4121000", "Ijtimoiy soliq (ish beruvchining ajratmalari)", 0.05),
    ("4211000", "Kapital qoʻyilmalar: qurilish va rekonstruksiya", 0.31),
    ("4212000", "Asbob-uskunalar va texnika xaridi", 0.09),
    ("4221100", "Kommunal xizmatlar toʻlovi", 0.03),
    ("4221200", "Elektr energiyasi uchun toʻlov", 0.06),
    ("4222000", "Xizmat safarlari xarajatlari", 0.01),
    ("4223000", "Kanselyariya tovarlari va ofis jihozlari", 0.01),
    ("4224000", "Transport vositalarini saqlash va yoqilgʻi", 0.02),
    ("4225000", "Joriy taʼmirlash", 0.06),
    ("4226000", "Aloqa va axborot xizmatlari", 0.02),
    ("4227000", "Kadrlar malakasini oshirish", 0.01),
    ("4228000", "Subsidiyalar va transfertlar", 0.07),
    ("4229000", "Boshqa xarajatlar", 0.01),
)

# Sources of financing (the revenue side of the agency's budget).
REVENUE_LINES = (
    ("1010000", "Davlat byudjetidan ajratmalar", 0.58),
    ("1020000", "Byudjetdan tashqari jamgʻarma mablagʻlari", 0.11),
    ("1030000", "Xalqaro moliya institutlari kreditlari", 0.19),
    ("1040000", "Grantlar va texnik koʻmak", 0.03),
    ("1050000", "Pullik xizmatlardan tushumlar", 0.06),
    ("1060000", "Homiylik va boshqa tushumlar", 0.03),
)

# Functional classification: the agency's programmes.
PROGRAMME_LINES = (
    ("06.3.01", "Ichimlik suvi taʼminotini yaxshilash dasturi", 0.34),
    ("06.3.02", "Oqova suv tizimlarini rivojlantirish dasturi", 0.18),
    ("06.4.01", "Issiqlik taʼminoti tizimlarini modernizatsiya qilish dasturi", 0.22),
    ("06.6.01", "Kommunal infratuzilma obyektlarini taʼmirlash", 0.12),
    ("06.6.02", "Hisoblagichlar oʻrnatish dasturi", 0.06),
    ("01.3.01", "Apparatni saqlash va boshqaruv xarajatlari", 0.08),
)

# Off-budget fund: what it spends on.
FUND_LINES = (
    ("5110000", "Xizmatlarni rivojlantirish va texnik qayta jihozlash", 0.37),
    ("5120000", "Xodimlarni moddiy ragʻbatlantirish", 0.18),
    ("5130000", "Avariya-tiklash ishlari zaxirasi", 0.21),
    ("5140000", "Axborot tizimlarini rivojlantirish", 0.09),
    ("5150000", "Ijtimoiy qoʻllab-quvvatlash tadbirlari", 0.15),
)

# Goods, works and services: MXIK-style code (invented), description, unit, typical price (UZS;
# 0 for works and services, priced per contract), and the group of suppliers that offer it.
ITEMS_COMMON = (
    ("01720001001000000", "Ofis qogʻozi A4, 80 g/m2", "quti", 310_000, "office"),
    ("02620001003000000", "Kompyuter jamlanmasi (tizim bloki, monitor)", "dona", 9_800_000, "it"),
    ("01920001002000000", "Avtomobil yoqilgʻisi AI-92", "litr", 10_800, "fuel"),
    ("01720002004000000", "Kanselyariya tovarlari toʻplami", "toʻplam", 420_000, "office"),
    ("04330001001000000", "Maʼmuriy binoni joriy taʼmirlash ishlari", "xizmat", 0, "works"),
    ("05820001002000000", "Axborot xavfsizligi dasturiy taʼminoti litsenziyasi", "dona", 2_400_000,
     "it"),
    ("07120001001000000", "Loyiha-smeta hujjatlarini ishlab chiqish", "xizmat", 0, "design"),
    ("07120002001000000", "Qurilish ustidan texnik nazorat xizmatlari", "xizmat", 0, "design"),
)
ITEMS_WATER = (
    ("02220001001000000", "Polietilen quvurlar PE100, d110 mm", "metr", 96_000, "water"),
    ("02220001002000000", "Polietilen quvurlar PE100, d225 mm", "metr", 310_000, "water"),
    ("02813001001000000", "Markazdan qochma nasos agregati", "dona", 86_000_000, "water"),
    ("02651001001000000", "Suv hisoblagichi DN15", "dona", 185_000, "water"),
    ("02013001001000000", "Suyuq xlor (suvni zararsizlantirish uchun)", "kg", 14_500, "water"),
    ("04221001001000000", "Suv tarmogʻini rekonstruksiya qilish ishlari", "xizmat", 0, "works"),
    ("04221002001000000", "Suv qudugʻini burgʻulash ishlari", "xizmat", 0, "works"),
)
ITEMS_HEAT = (
    ("02821001001000000", "Suv isitish qozoni, 2 MVt", "dona", 640_000_000, "heat"),
    ("02399001001000000", "Issiqlik izolyatsiyasi materiallari", "m3", 1_250_000, "heat"),
    ("02420001001000000", "Poʻlat quvurlar, d159 mm", "metr", 420_000, "heat"),
    ("02813002001000000", "Sirkulyatsion nasoslar", "dona", 38_000_000, "heat"),
    ("02652001001000000", "Issiqlik hisoblagichi", "dona", 7_600_000, "heat"),
    ("04222001001000000", "Issiqlik tarmogʻini taʼmirlash ishlari", "xizmat", 0, "works"),
)

# Procurement methods: OCDS procurementMethod, the Uzbek procedure, value range (UZS).
METHODS = (
    ("open", "Elektron doʻkon", 2_000_000, 90_000_000),
    ("open", "Auksion", 40_000_000, 1_200_000_000),
    ("selective", "Eng yaxshi takliflarni tanlash", 150_000_000, 6_000_000_000),
    ("open", "Tender", 1_500_000_000, 48_000_000_000),
    ("direct", "Toʻgʻridan-toʻgʻri shartnoma", 5_000_000, 900_000_000),
)

# Suppliers and contractors (invented), with an invented 9-digit taxpayer number (STIR).
SUPPLIERS = (
    ("«Barqaror Muhandislik» MChJ", "305118642"),
    ("«Yangi Asr Texnika» MChJ", "302947715"),
    ("«Zarafshon Montaj Servis» MChJ", "307360294"),
    ("«Ishonch Taʼminot» XK", "301582076"),
    ("«Orzu Qurilish Invest» MChJ", "309214538"),
    ("«Mustahkam Quvur Savdo» MChJ", "306779102"),
    ("«Nurafshon Energiya» MChJ", "304406381"),
    ("«Suv Loyiha Konsalting» MChJ", "308851167"),
    ("«Ideal Ofis Servis» MChJ", "303325940"),
    ("«Sharq Issiqlik Tizimlari» AJ", "300918273"),
    ("«Tiniq Suv Texnologiyalari» MChJ", "307742659"),
    ("«Vodiy Qurilish Trest» MChJ", "302219884"),
    ("«Raqamli Yechimlar» MChJ", "309903412"),
    ("«Samarqand Muhandislik Tarmoqlari» MChJ", "305437726"),
    ("«Afrosiyob Qurilish» MChJ", "301776053"),
    ("«Ustoz Avtotrans» XK", "306120498"),
)
SUPPLIER_GROUPS = {
    "office": ("«Ideal Ofis Servis» MChJ", "«Ishonch Taʼminot» XK"),
    "it": ("«Raqamli Yechimlar» MChJ", "«Yangi Asr Texnika» MChJ", "«Ideal Ofis Servis» MChJ"),
    "fuel": ("«Ustoz Avtotrans» XK", "«Ishonch Taʼminot» XK"),
    "water": ("«Tiniq Suv Texnologiyalari» MChJ", "«Mustahkam Quvur Savdo» MChJ",
              "«Yangi Asr Texnika» MChJ"),
    "heat": ("«Sharq Issiqlik Tizimlari» AJ", "«Nurafshon Energiya» MChJ",
             "«Mustahkam Quvur Savdo» MChJ"),
    "works": ("«Barqaror Muhandislik» MChJ", "«Orzu Qurilish Invest» MChJ",
              "«Vodiy Qurilish Trest» MChJ", "«Zarafshon Montaj Servis» MChJ",
              "«Samarqand Muhandislik Tarmoqlari» MChJ", "«Afrosiyob Qurilish» MChJ"),
    "design": ("«Suv Loyiha Konsalting» MChJ", "«Barqaror Muhandislik» MChJ"),
}
_TIN = dict(SUPPLIERS)


def supplier(rng, group: str) -> tuple[str, str]:
    """A (name, taxpayer number) of a supplier that offers goods or works of `group`."""
    name = rng.choice(SUPPLIER_GROUPS[group])
    return name, _TIN[name]

# Project titles: {place} is a district or city, {n} a number.
PROJECT_TEMPLATES = {
    "water": (
        "{place}da ichimlik suvi tarmoqlarini rekonstruksiya qilish",
        "{place}da {n} ta suv qudugʻini qurish va jihozlash",
        "{place}da suv taqsimlash inshootini qurish",
        "{place}dagi nasos stansiyasini modernizatsiya qilish",
        "{place}da magistral suv quvurini yotqizish ({n} km)",
    ),
    "sewer": (
        "{place}da oqova suv tozalash inshootini qurish",
        "{place}da kanalizatsiya tarmoqlarini rekonstruksiya qilish",
    ),
    "heat": (
        "{place}dagi {n}-son qozonxonani modernizatsiya qilish",
        "{place}da issiqlik tarmoqlarini yangilash ({n} km)",
        "{place}da individual issiqlik punktlarini oʻrnatish",
    ),
}
SECTORS = {
    "water": "Ichimlik suvi taʼminoti",
    "sewer": "Oqova suv (kanalizatsiya)",
    "heat": "Issiqlik taʼminoti",
}
FUNDING_SOURCES = (
    "Davlat byudjeti",
    "Osiyo taraqqiyot banki krediti",
    "Jahon banki krediti",
    "Islom taraqqiyot banki krediti",
    "Byudjetdan tashqari jamgʻarma",
    "Mahalliy byudjet",
)
# OC4IDS project status codes and how the agency names them.
PROJECT_STATUSES = (
    ("identification", "Aniqlash bosqichida"),
    ("preparation", "Tayyorgarlik bosqichida"),
    ("implementation", "Amalga oshirilmoqda"),
    ("completion", "Yakunlangan"),
    ("cancelled", "Bekor qilingan"),
)

AGENCY_ADDRESS = "Toshkent shahri, Yashnobod tumani, Obod koʻchasi, 12-uy"
AGENCY_PHONE = "+998 71 200-47-00"
# Officials who receive citizens: position, unit, weekday index, hours, which weeks of the month
# (None: every week), room.
OFFICIALS = (
    ("Agentlik direktori", "Rahbariyat", 5, "09:00–12:00", (1, 3), "201-xona"),
    ("Direktorning birinchi oʻrinbosari", "Rahbariyat", 3, "10:00–13:00", None, "203-xona"),
    ("Direktor oʻrinbosari (investitsiyalar boʻyicha)", "Rahbariyat", 1, "14:00–17:00",
     None, "205-xona"),
    ("Direktor oʻrinbosari (moliya masalalari boʻyicha)", "Rahbariyat", 2, "10:00–12:00",
     (2, 4), "207-xona"),
    ("Boshqarma boshligʻi", "Moliya va byudjet boshqarmasi", 0, "15:00–17:00", None, "310-xona"),
    ("Boʻlim boshligʻi", "Murojaatlar bilan ishlash va nazorat boʻlimi", 4, "09:00–13:00",
     None, "104-xona"),
    ("Boshqarma boshligʻi", "Investitsiya loyihalari boshqarmasi", 2, "15:00–18:00", (1, 3),
     "402-xona"),
)
SIGN_UP = (
    "Telefon orqali oldindan yozilish: {phone}",
    "my.gov.uz portali yoki agentlik saytidagi «Qabulga yozilish» shakli orqali",
    "Ishonch telefoni orqali yoki qabul kuni navbat asosida",
)

APPEAL_TYPES = (("Ariza", 15), ("Taklif", 30), ("Shikoyat", 15))
APPEAL_FORMS = ("Ogʻzaki (qabulda)", "Yozma", "Elektron")
APPEAL_TOPICS = (
    "Ichimlik suvi taʼminoti", "Issiqlik taʼminoti", "Oqova suv va kanalizatsiya",
    "Hisoblagichlar oʻrnatish", "Tariflar va toʻlovlar", "Qurilish va taʼmirlash ishlari",
    "Ishga qabul qilish", "Boshqa masalalar",
)
