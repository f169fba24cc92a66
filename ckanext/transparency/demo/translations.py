"""Russian and English titles and descriptions of the demo datasets, as the agency publishes
them beside the Uzbek ones (`title_translated`, `notes_translated`: i18n/fluent.py)."""
from __future__ import annotations

from . import vocabulary as v
from .organization import DEPARTMENTS

Y0, Y1 = v.PREVIOUS_YEAR, v.CURRENT_YEAR
DEPARTMENT = {d.name: {"ru": d.title_ru, "en": d.title_en} for d in DEPARTMENTS}
DEMO_NOTE = {
    "ru": "_Демонстрационные данные портала: организация и цифры вымышлены, персональных данных "
          "нет._",
    "en": "_Demonstration data of the portal: the organization and the figures are invented; "
          "there are no personal data._",
}
QUARTERS = {4: ("I–IV кварталы", "Q1–Q4"), 3: ("I–III кварталы", "Q1–Q3"),
            2: ("I–II кварталы", "Q1–Q2")}

BUDGET_LINES = {
    "expenditure": ("распределение и исполнение бюджетных средств по статьям экономической "
                    "классификации",
                    "allocation and execution of budget funds by economic classification item"),
    "revenue": ("план и исполнение поступлений по источникам финансирования",
                "planned and actual receipts by source of financing"),
    "programme": ("исполнение бюджетных расходов по программам (функциональная классификация)",
                  "execution of budget expenditure by programme (functional classification)"),
    "fund": ("распределение и исполнение средств внебюджетного фонда",
             "allocation and execution of the extra-budgetary fund"),
}

NOTES = {
    "budget": (
        "Данные за {year} год: {what}, поквартально ({quarters}). Каждая строка — один квартал и "
        "одна статья классификации: утверждённый план, уточнённый план и фактическое исполнение "
        "в сумах; процент исполнения = исполнение / уточнённый план × 100. Данные обновляются "
        "в течение 15 дней после окончания квартала.",
        "Data for {year}: {what}, by quarter ({quarters}). Each row is one quarter and one "
        "classification item: the approved plan, the revised plan and actual execution in soums; "
        "execution rate = execution / revised plan × 100. Updated within 15 days after the end "
        "of each quarter."),
    "procurement": (
        "Полные сведения о государственных закупках, объявленных в {year} году: каждая закупка — "
        "релиз стандарта данных открытых контрактов (OCDS 1.1), названия столбцов — пути JSON "
        "OCDS (например, `tender/value/amount`). Указаны способ и статус закупки, заказчик, "
        "поставщик и его ИНН, код товара, начальная и итоговая цена, даты договора.",
        "Complete data on the public procurement announced in {year}: each procedure is a release "
        "of the Open Contracting Data Standard (OCDS 1.1), with OCDS JSON paths as column names "
        "(for example `tender/value/amount`). Method and status, buyer, supplier and its "
        "taxpayer number, item code, starting and awarded price and contract dates are given."),
    "procurement_plan": (
        "Планируемые государственные закупки: предмет закупки, код классификатора, количество, "
        "ориентировочная стоимость, способ закупки, планируемая дата и источник финансирования "
        "(этап `planning` OCDS).",
        "Planned public procurement: subject, classifier code, quantity, estimated value, "
        "procurement method, planned date and source of financing (the OCDS `planning` stage)."),
    "contracts": (
        "Реестр договоров, заключённых по итогам закупок в {year} году: номер и дата договора, "
        "способ закупки, предмет, поставщик и ИНН, сумма договора, оплачено и статус исполнения. "
        "Каждый договор связан со сведениями о закупке через идентификатор OCDS `ocid`.",
        "Register of the contracts concluded after procurement in {year}: contract number and "
        "date, method, subject, supplier and taxpayer number, contract value, amount paid and "
        "status of performance. Each contract is linked to its procurement by the OCDS `ocid`."),
    "suppliers": (
        "Поставщики и подрядчики, с которыми в {year} году заключены договоры: число и сумма "
        "договоров, оплачено, число прямых договоров и основной способ закупки.",
        "Suppliers and contractors with contracts in {year}: number and value of contracts, "
        "amount paid, number of direct contracts and the main procurement method."),
    "projects": (
        "Ход реализации инвестиционных проектов (по стандарту данных OC4IDS): идентификатор, "
        "название, отрасль, местоположение, статус (коды статусов OC4IDS), общая стоимость и "
        "освоенные средства в сумах, физическое выполнение в процентах, даты начала и "
        "окончания, подрядчик. Состояние на конец {month} {year} года.",
        "Progress of the investment projects (OC4IDS data standard): identifier, name, sector, "
        "location, status (OC4IDS status codes), total cost and funds spent in soums, physical "
        "progress in per cent, start and end dates, contractor. Status at the end of {month_en} "
        "{year}."),
    "project_finance": (
        "Финансирование реализуемых и завершённых проектов в {year} году по кварталам: плановые "
        "и фактически выделенные средства, процент исполнения, источник финансирования.",
        "Quarterly financing of the ongoing and completed projects in {year}: planned and "
        "actually allocated funds, execution rate, source of financing."),
    "appeals": (
        "Статистика обращений граждан (физических лиц) и юридических лиц (Закон Республики "
        "Узбекистан «Об обращениях физических и юридических лиц», ЗРУ-445) за {year} год: "
        "поступившие и рассмотренные обращения по месяцам, видам (заявление, предложение, "
        "жалоба) и формам (устные, письменные, электронные), результаты, продлённые и "
        "просроченные. Срок по закону: заявления и жалобы — 15 дней, предложения — 1 месяц. "
        "Персональные данные не публикуются, только общие числа.",
        "Statistics of the appeals of citizens (individuals) and legal entities (Law of the "
        "Republic of Uzbekistan \"On appeals of individuals and legal entities\", ZRU-445) for "
        "{year}: appeals received and considered by month, type (application, proposal, "
        "complaint) and form (oral, written, electronic), outcomes, extended and overdue. Legal "
        "deadline: 15 days for applications and complaints, 1 month for proposals. No personal "
        "data are published, only totals."),
    "appeal_topics": (
        "Обращения по темам за {year} год: по каждой теме ежемесячно поступившие обращения, из "
        "них жалобы и решённые.",
        "Appeals by topic in {year}: for each topic and month the appeals received, of them "
        "complaints and those resolved."),
    "appeal_regions": (
        "Обращения в разрезе регионов по кварталам {year} года: виды (заявление, предложение, "
        "жалоба), формы (устные, письменные, электронные) и средний срок рассмотрения (дней).",
        "Appeals by region and quarter of {year}: types (application, proposal, complaint), "
        "forms (oral, written, electronic) and the average time to answer (days)."),
    "appeal_deadlines": (
        "Соблюдение сроков рассмотрения обращений в {year} году: рассмотренные в срок (до 15 "
        "дней и 16–30 дней), продлённые и просроченные, средний срок, направленные в "
        "компетентный орган в течение 5 дней.",
        "Compliance with the deadlines for appeals in {year}: answered on time (within 15 days "
        "and in 16–30 days), extended and overdue, average time, forwarded to the competent body "
        "within 5 days."),
    "receptions": (
        "График приёма физических лиц и представителей юридических лиц руководством: дата, день "
        "недели, должность принимающего руководителя, время, адрес и порядок записи. Устные "
        "обращения на приёме входят в статистику обращений. График на {quarter} квартал {year} "
        "года; обновляется в начале каждого квартала.",
        "Schedule of the management's reception days for individuals and representatives of "
        "legal entities: date, weekday, position of the receiving official, time, address and "
        "how to book. Oral appeals at a reception enter the appeal statistics. Schedule for Q"
        "{quarter} {year}; updated at the start of each quarter."),
    "mobile_receptions": (
        "График выездных приёмов руководства агентства в регионах: дата, регион, район, "
        "принимающий руководитель, место и время. График на {quarter} квартал {year} года; "
        "обновляется в начале каждого квартала.",
        "Schedule of the agency management's visiting receptions in the regions: date, region, "
        "district, receiving official, venue and time. Schedule for Q{quarter} {year}; updated "
        "at the start of each quarter."),
}

MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# name -> (Russian title, English title)
TITLES = {
    f"byudjet-ijrosi-{Y0}": (f"Распределение и исполнение бюджетных средств за {Y0} год "
                             "(поквартально)",
                             f"Allocation and execution of budget funds, {Y0} (by quarter)"),
    f"byudjet-ijrosi-{Y1}": (f"Распределение и исполнение бюджетных средств за {Y1} год "
                             "(поквартально)",
                             f"Allocation and execution of budget funds, {Y1} (by quarter)"),
    f"byudjet-tushumlari-{Y1}": (f"Поступления по источникам финансирования и их исполнение за "
                                 f"{Y1} год",
                                 f"Receipts by source of financing and their execution, {Y1}"),
    f"byudjet-dasturlar-kesimida-{Y1}": (f"Бюджетные расходы по программам (функциональная "
                                         f"классификация) за {Y1} год",
                                         f"Budget expenditure by programme (functional "
                                         f"classification), {Y1}"),
    f"byudjetdan-tashqari-jamgarma-{Y0}": (f"Исполнение средств внебюджетного фонда за {Y0} год",
                                           f"Execution of the extra-budgetary fund, {Y0}"),
    f"davlat-xaridlari-{Y0}": (f"Государственные закупки, проведённые в {Y0} году (OCDS)",
                               f"Public procurement conducted in {Y0} (OCDS)"),
    f"davlat-xaridlari-{Y1}": (f"Государственные закупки, проведённые в {Y1} году (OCDS)",
                               f"Public procurement conducted in {Y1} (OCDS)"),
    f"xarid-rejasi-{Y1}-{Y1 + 1}": (f"План государственных закупок: IV квартал {Y1} года и "
                                    f"{Y1 + 1} год",
                                    f"Public procurement plan: Q4 {Y1} and {Y1 + 1}"),
    f"shartnomalar-reyestri-{Y1}": (f"Реестр договоров по закупкам, заключённых в {Y1} году",
                                    f"Register of procurement contracts concluded in {Y1}"),
    f"yetkazib-beruvchilar-{Y0}": (f"Поставщики и подрядчики: сводка договоров за {Y0} год",
                                   f"Suppliers and contractors: summary of the {Y0} contracts"),
    f"investitsiya-loyihalari-holati-{Y1}": (f"Ход реализации инвестиционных проектов, {Y1} год",
                                             f"Progress of the investment projects, {Y1}"),
    f"investitsiya-loyihalari-holati-{Y0}": (f"Ход реализации инвестиционных проектов, итоги "
                                             f"{Y0} года",
                                             f"Progress of the investment projects, end of {Y0}"),
    f"xalqaro-moliya-loyihalari-{Y1}": (f"Проекты с участием международных финансовых "
                                        f"институтов, {Y1} год",
                                        f"Projects with international financial institutions, "
                                        f"{Y1}"),
    f"loyihalar-moliyalashtirish-{Y1}": (f"Поквартальное финансирование инвестиционных "
                                         f"проектов, {Y1} год",
                                         f"Quarterly financing of the investment projects, {Y1}"),
    f"ichimlik-suvi-loyihalari-{Y1}": (f"Проекты водоснабжения и канализации, {Y1} год",
                                       f"Water supply and sewerage projects, {Y1}"),
    f"ichimlik-suvi-xaridlari-{Y1}": (f"Закупки Управления питьевого водоснабжения, {Y1} год "
                                      "(OCDS)",
                                      f"Procurement of the Drinking Water Supply Department, {Y1} "
                                      "(OCDS)"),
    f"ichimlik-suvi-byudjet-ijrosi-{Y1}": (f"Управление питьевого водоснабжения: исполнение "
                                           f"бюджета за {Y1} год (поквартально)",
                                           f"Drinking Water Supply Department: budget execution, "
                                           f"{Y1} (by quarter)"),
    f"ichimlik-suvi-qabul-kunlari-{Y1}-iv-chorak": (
        f"Дни приёма руководства Управления питьевого водоснабжения, IV квартал {Y1} года",
        f"Reception days of the Drinking Water Supply Department's management, Q4 {Y1}"),
    f"issiqlik-loyihalari-{Y1}": (f"Проекты модернизации систем теплоснабжения, {Y1} год",
                                  f"Heating system modernisation projects, {Y1}"),
    f"issiqlik-xaridlari-{Y1}": (f"Закупки Управления теплоснабжения, {Y1} год (OCDS)",
                                 f"Procurement of the Heat Supply Department, {Y1} (OCDS)"),
    f"issiqlik-byudjet-ijrosi-{Y1}": (f"Управление теплоснабжения: исполнение бюджета за {Y1} "
                                      "год (поквартально)",
                                      f"Heat Supply Department: budget execution, {Y1} "
                                      "(by quarter)"),
    f"issiqlik-murojaatlari-{Y1}": (f"Статистика обращений по теплоснабжению, {Y1} год",
                                    f"Statistics of appeals on heat supply, {Y1}"),
    f"murojaatlar-statistikasi-{Y0}": (f"Статистика обращений за {Y0} год (по месяцам)",
                                       f"Statistics of appeals, {Y0} (by month)"),
    f"murojaatlar-statistikasi-{Y1}": (f"Статистика обращений за {Y1} год (по месяцам)",
                                       f"Statistics of appeals, {Y1} (by month)"),
    f"murojaatlar-mavzular-boyicha-{Y1}": (f"Обращения по темам, {Y1} год",
                                           f"Appeals by topic, {Y1}"),
    f"murojaatlar-hududlar-kesimida-{Y1}": (f"Обращения в разрезе регионов, {Y1} год "
                                            "(поквартально)",
                                            f"Appeals by region, {Y1} (by quarter)"),
    f"murojaatlar-korib-chiqish-muddatlari-{Y1}": (f"Соблюдение сроков рассмотрения обращений, "
                                                   f"{Y1} год",
                                                   f"Compliance with the deadlines for appeals, "
                                                   f"{Y1}"),
    f"rahbariyat-qabul-kunlari-{Y1}-iv-chorak": (f"График приёма граждан руководством агентства, "
                                                 f"IV квартал {Y1} года",
                                                 f"Reception days of the agency's management, "
                                                 f"Q4 {Y1}"),
    f"sayyor-qabullar-{Y1}-iv-chorak": (f"Выездные приёмы руководства в регионах, IV квартал "
                                        f"{Y1} года",
                                        f"Visiting receptions of the management in the regions, "
                                        f"Q4 {Y1}"),
    f"samarqand-byudjet-ijrosi-{Y1}": (f"Самаркандское областное территориальное управление: "
                                       f"исполнение бюджета за {Y1} год (поквартально)",
                                       f"Samarkand Regional Office: budget execution, {Y1} "
                                       "(by quarter)"),
    f"samarqand-murojaatlari-{Y1}": (f"Статистика обращений по Самаркандской области, {Y1} год",
                                     f"Statistics of appeals in the Samarkand region, {Y1}"),
    f"samarqand-qabul-kunlari-{Y1}-iv-chorak": (
        f"Дни приёма руководства Самаркандского областного территориального управления, "
        f"IV квартал {Y1} года",
        f"Reception days of the Samarkand Regional Office's management, Q4 {Y1}"),
    f"samarqand-loyihalari-{Y1}": (f"Проекты коммунальной инфраструктуры в Самаркандской "
                                   f"области, {Y1} год",
                                   f"Communal infrastructure projects in the Samarkand region, "
                                   f"{Y1}"),
    f"samarqand-xaridlari-{Y1}": (f"Закупки Самаркандского областного территориального "
                                  f"управления, {Y1} год (OCDS)",
                                  f"Procurement of the Samarkand Regional Office, {Y1} (OCDS)"),
}


def notes(kind: str, org: str, params: dict) -> dict[str, str]:
    year = params["year"]
    quarter = params.get("last_quarter") or v.LAST_QUARTER.get(year, 4)
    month = params.get("last_month") or v.LAST_MONTH[year]
    what = BUDGET_LINES[params.get("lines", "expenditure")]
    texts = {}
    for i, lang in enumerate(("ru", "en")):
        body = NOTES[kind][i].format(
            year=year, what=what[i], quarters=QUARTERS[quarter][i], month=MONTHS_RU[month - 1],
            month_en=MONTHS_EN[month - 1], quarter=params.get("quarter", quarter))
        texts[lang] = f"{DEPARTMENT[org][lang]}. {body}\n\n{DEMO_NOTE[lang]}"
    return texts


def titles(name: str) -> dict[str, str]:
    ru, en = TITLES[name]
    return {"ru": ru, "en": en}


RESOURCE_NAME = {"ru": "Данные", "en": "Data"}
