"""The Russian and English titles of the demo's events, as the agency announces them beside
the Uzbek ones (`title_translated`, i18n/fluent.py)."""
from __future__ import annotations

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarterly(year: int, quarter: int) -> dict:
    return {"ru": f"Открытая презентация отчёта об итогах {ROMAN[quarter]} квартала {year} года",
            "en": f"Public presentation of the report on the results of Q{quarter} {year}"}


TITLES = {
    "Ichimlik suvi taʼminoti: yangi tariflar va ulanish tartibi boʻyicha onlayn brifing": (
        "Питьевое водоснабжение: онлайн-брифинг о новых тарифах и порядке подключения",
        "Drinking water supply: online briefing on the new tariffs and the connection "
        "procedure"),
    "Isitish mavsumiga tayyorgarlik: savol-javob sessiyasi": (
        "Подготовка к отопительному сезону: вопросы и ответы",
        "Preparing for the heating season: questions and answers"),
    "Davlat xaridlari rejasi va tender eʼlonlari: ochiq muloqot": (
        "План государственных закупок и объявления о тендерах: открытый диалог",
        "The public procurement plan and tender notices: open dialogue"),
    "Tuzilgan shartnomalar va yetkazib beruvchilar tanlovi boʻyicha savol-javob": (
        "Вопросы и ответы о заключённых договорах и выборе поставщиков",
        "Questions and answers on the contracts concluded and the selection of suppliers"),
    "Elektron doʻkon orqali xaridlar: narxlar va muddatlar boʻyicha muloqot": (
        "Закупки через электронный магазин: диалог о ценах и сроках",
        "Purchases through the e-shop: a dialogue on prices and time limits"),
    "Xaridlar boʻyicha shikoyatlar va ularning natijalari: ochiq muloqot": (
        "Жалобы по закупкам и результаты их рассмотрения: открытый диалог",
        "Procurement complaints and their outcomes: open dialogue"),
    "Xalqaro moliya institutlari loyihalarining borishi: ochiq muloqot": (
        "Ход реализации проектов международных финансовых институтов: открытый диалог",
        "Progress of the projects of international financial institutions: open dialogue"),
    "Yangi investitsiya dasturi loyihasi boʻyicha savol-javob": (
        "Вопросы и ответы по проекту новой инвестиционной программы",
        "Questions and answers on the draft of the new investment programme"),
    "Qurilish obyektlaridagi kechikishlar sabablari: ochiq muloqot": (
        "Причины задержек на строительных объектах: открытый диалог",
        "Reasons for the delays at construction sites: open dialogue"),
    "Loyihalarni moliyalashtirish va kreditlarni qaytarish boʻyicha savol-javob": (
        "Вопросы и ответы о финансировании проектов и погашении кредитов",
        "Questions and answers on project financing and loan repayment"),
    "Suv quvurlarini almashtirish dasturi: tumanlar boʻyicha savol-javob": (
        "Программа замены водопроводных сетей: вопросы и ответы по районам",
        "The water pipe replacement programme: questions and answers by district"),
    "Suv hisoblagichlarini oʻrnatish va toʻlovlar: ochiq muloqot": (
        "Установка счётчиков воды и оплата: открытый диалог",
        "Installing water meters and paying for water: open dialogue"),
    "Yozgi mavsumda suv berish jadvali boʻyicha savol-javob": (
        "Вопросы и ответы о графике подачи воды в летний период",
        "Questions and answers on the water supply schedule in summer"),
    "Nasos stansiyalarini rekonstruksiya qilish: ochiq muloqot": (
        "Реконструкция насосных станций: открытый диалог",
        "Reconstruction of pumping stations: open dialogue"),
    "Isitish mavsumi yakunlari: ochiq muloqot": (
        "Итоги отопительного сезона: открытый диалог",
        "Results of the heating season: open dialogue"),
    "Qozonxonalarni taʼmirlash rejasi boʻyicha savol-javob": (
        "Вопросы и ответы о плане ремонта котельных",
        "Questions and answers on the boiler house repair plan"),
    "Issiqlik tarmoqlarini modernizatsiya qilish: ochiq muloqot": (
        "Модернизация тепловых сетей: открытый диалог",
        "Modernisation of the heating networks: open dialogue"),
    "Issiqlik hisoblagichlari va toʻlovlar boʻyicha savol-javob": (
        "Вопросы и ответы о приборах учёта тепла и оплате",
        "Questions and answers on heat meters and payments"),
    "Murojaatlarni koʻrib chiqish muddatlari: ochiq muloqot": (
        "Сроки рассмотрения обращений: открытый диалог",
        "Time limits for considering appeals: open dialogue"),
    "Rahbariyat qabul kunlari va yozilish tartibi boʻyicha savol-javob": (
        "Вопросы и ответы о днях приёма руководства и порядке записи на приём",
        "Questions and answers on the management's reception days and how to book a visit"),
    "Elektron murojaatlar tizimidan foydalanish: ochiq muloqot": (
        "Работа с системой электронных обращений: открытый диалог",
        "Using the electronic appeals system: open dialogue"),
    "Murojaatlar statistikasi va eng koʻp koʻtarilgan masalalar: ochiq muloqot": (
        "Статистика обращений и наиболее часто поднимаемые вопросы: открытый диалог",
        "Appeals statistics and the issues raised most often: open dialogue"),
    "Samarqand viloyatida kommunal xizmatlar sifati: ochiq muloqot": (
        "Качество коммунальных услуг в Самаркандской области: открытый диалог",
        "Quality of communal services in Samarkand Region: open dialogue"),
    "Samarqand viloyati hududiy byudjeti ijrosi boʻyicha savol-javob": (
        "Вопросы и ответы об исполнении территориального бюджета Самаркандской области",
        "Questions and answers on the execution of the Samarkand Region territorial budget"),
    "Urgut va Pastdargʻom tumanlarida yoʻl taʼmiri: ochiq muloqot": (
        "Ремонт дорог в Ургутском и Пастдаргомском районах: открытый диалог",
        "Road repairs in the Urgut and Pastdargom districts: open dialogue"),
    "Samarqand shahrida ichimlik suvi taʼminoti boʻyicha savol-javob": (
        "Вопросы и ответы о питьевом водоснабжении города Самарканда",
        "Questions and answers on the drinking water supply of the city of Samarkand"),
}


def translations(title: str, year: int | None = None, quarter: int | None = None) -> dict:
    """{"ru": ..., "en": ...} of a demo event's Uzbek title; {} for a title not listed."""
    if year and quarter:
        return quarterly(year, quarter)
    ru_en = TITLES.get(title)
    return {"ru": ru_en[0], "en": ru_en[1]} if ru_en else {}
