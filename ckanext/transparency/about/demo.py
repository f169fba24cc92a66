"""The demo organization's text on the About page (ckanext.transparency.about_*), set once:
a text a sysadmin has written since is left as it is."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.demo import DemoStep, Echo

from .text import OPTIONS

TEXTS = {
    "ckanext.transparency.about_uz": (
        "**Kommunal infratuzilmani rivojlantirish agentligi** (KIRA) aholini ichimlik suvi, "
        "kanalizatsiya va issiqlik bilan taʼminlash tizimlarini rivojlantirish, qurish va "
        "taʼmirlashni tashkil etuvchi davlat organidir. Agentlik yetti boʻlinmadan, shu jumladan "
        "hududiy boshqarmadan iborat.\n\n"
        "**Manzil:** Toshkent shahri, Mustaqillik maydoni, 5-uy.  \n"
        "**Telefon:** +998 71 200-00-00 (ish kunlari 9:00–18:00).  \n"
        "**Elektron pochta:** info@kira.example.uz"),
    "ckanext.transparency.about_ru": (
        "**Агентство развития коммунальной инфраструктуры** (АРКИ) — государственный орган, "
        "организующий развитие, строительство и ремонт систем питьевого водоснабжения, "
        "канализации и теплоснабжения населения. В составе агентства семь подразделений, "
        "включая региональное управление.\n\n"
        "**Адрес:** город Ташкент, площадь Мустакиллик, дом 5.  \n"
        "**Телефон:** +998 71 200-00-00 (по рабочим дням с 9:00 до 18:00).  \n"
        "**Электронная почта:** info@kira.example.uz"),
    "ckanext.transparency.about_en": (
        "The **Agency for the Development of Communal Infrastructure** (KIRA) is the state body "
        "that organizes the development, construction and repair of drinking water, sewerage "
        "and heating systems for the population. The agency has seven departments, including a "
        "regional office.\n\n"
        "**Address:** 5 Mustaqillik Square, Tashkent.  \n"
        "**Telephone:** +998 71 200-00-00 (working days, 9:00–18:00).  \n"
        "**E-mail:** info@kira.example.uz"),
}


def load(context: dict, echo: Echo) -> dict:
    if any(tk.config.get(option) for option in OPTIONS):
        echo("demo About page: a text is present, left as it is")
        return {"About page texts present": 1}
    tk.get_action("config_option_update")(dict(context), dict(TEXTS))
    echo("demo About page: the agency's text in uz, ru and en (uz_Cyrl derived from uz)")
    return {"About page texts set": 1}


STEPS = [DemoStep("about", load)]
