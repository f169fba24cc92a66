"""Numbers, money and dates in the language of the page (babel's locale data for uz, uz_Cyrl,
ru and en), as template helpers: `h.transparency_money(1234567)` is "1 234 567 soʻm" in uz,
"1 234 567 сўм" in uz_Cyrl, "1 234 567 UZS" in ru and "1,234,567 UZS" in en.

Dates: babel writes Uzbek dates year last ("26-noyabr, 2026"); Uzbek puts the year first, as
official documents do ("2026-yil 26-noyabr", "2026-йил 26-ноябр"), and a time after a comma
("2026-yil 26-noyabr, 14:05"). CKAN's `h.render_datetime` follows (a chained helper) for uz,
uz_Cyrl and, with a time, ru (CKAN's own "ноября 26, 2026, 14:05 (UTC+5)" is English order)."""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Optional, Union

import ckan.plugins.toolkit as tk
from babel import Locale, dates
from flask_babel import (format_currency, format_date, format_datetime, format_decimal,
                         get_locale)


Number = Union[int, float, Decimal]


def _(message: str) -> str:  # marks a string for extraction; translated where it is shown
    return message

# Display names of the offered languages, each in its own language and script.
LANGUAGE_NAMES = {"uz": "Oʻzbekcha", "uz_Cyrl": "Ўзбекча", "ru": "Русский", "en": "English"}


def transparency_number(value: Optional[Number], digits: int = 0) -> str:
    """A number with the locale's group and decimal separators."""
    if value is None or value == "":
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


def transparency_money(value: Optional[Number], currency: str = "UZS") -> str:
    """An amount of money: thousands separated, no tiyin, the currency as the locale writes it."""
    if value is None or value == "":
        return ""
    return format_currency(value, currency, format="#,##0 ¤", currency_digits=False)


# The long date of a locale where babel's is not how the language writes it.
LONG_DATE = {"uz": "y-'yil' d-MMMM", "uz_Cyrl": "y-'йил' d-MMMM"}
LONG_DATE_FALLBACK = "long"


def _locale() -> str:
    return str(get_locale() or "")


def _long_date_pattern() -> str:
    return LONG_DATE.get(_locale(), LONG_DATE_FALLBACK)


def transparency_date(value: Union[None, str, datetime.date], format: str = "long") -> str:
    """A date with the month named in the page's language ("2024-yil 15-sentabr")."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return format_date(value, _long_date_pattern() if format == "long" else format)


def transparency_datetime(value: Union[None, str, datetime.datetime],
                          with_seconds: bool = False) -> str:
    """A date and time in the display time zone ("2026-yil 26-noyabr, 14:05"); a value without
    a time zone is UTC, as CKAN stores times."""
    if not value:
        return ""
    if isinstance(value, str):
        value = tk.h.date_str_to_datetime(value)
    if not isinstance(value, datetime.datetime):
        return transparency_date(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    date_pattern = _long_date_of(_locale())
    time_pattern = "HH:mm:ss" if with_seconds else "HH:mm"
    return format_datetime(value, f"{date_pattern}, {time_pattern}")


def zoned_datetime(value: datetime.datetime) -> str:
    """A date and time already in the zone to show it in, in the page's language
    ("2026-yil 13-dekabr, 11:00"); outside a request (an action called by a job) in English."""
    locale = _locale() or "en"
    return dates.format_datetime(value, f"{_long_date_of(locale)}, HH:mm", tzinfo=value.tzinfo,
                                 locale=locale)


def _long_date_of(locale: str) -> str:
    """The long date pattern of a locale: the portal's (LONG_DATE) or babel's."""
    return LONG_DATE.get(locale) or Locale.parse(locale or "en").date_formats["long"].pattern


@tk.chained_helper
def render_datetime(next_helper, datetime_, date_format: Optional[str] = None,
                    with_hours: bool = False, with_seconds: bool = False) -> str:
    """CKAN's, with the word order of the page's language (see the module's docstring)."""
    locale = _locale()
    if date_format or not datetime_ or locale == "en" or (
            locale not in LONG_DATE and not (with_hours or with_seconds)):
        return next_helper(datetime_, date_format, with_hours, with_seconds)
    if not (with_hours or with_seconds):
        value = datetime_
        if isinstance(value, str):
            value = tk.h.date_str_to_datetime(value)
        if isinstance(value, datetime.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return format_date(value, _long_date_pattern())
    return transparency_datetime(datetime_, with_seconds=with_seconds)


ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
ROMAN_QUARTER_LOCALES = {"uz", "uz_Cyrl", "ru"}  # number quarters in Roman numerals


def transparency_quarter(year: int, quarter: int) -> str:
    """A quarter of a year as the page's language writes it ("2026 Q1", "2026-yil I chorak",
    "I квартал 2026 г.")."""
    numeral = (ROMAN_QUARTERS.get(quarter, quarter) if _locale() in ROMAN_QUARTER_LOCALES
               else quarter)
    return tk._("{year} Q{quarter}").format(year=year, quarter=numeral)


# Large numbers on a chart's axis: the locale's words for thousand, million, billion, trillion.
SHORT_SCALE = ((1e12, _("{number}T")), (1e9, _("{number}B")), (1e6, _("{number}M")),
               (1e3, _("{number}K")))


def transparency_short_number(value: Number) -> str:
    """A number with three significant digits and the locale's abbreviation of its size
    ("50B" in en, "50 mlrd" in uz, "50 млрд" in ru)."""
    for size, message in SHORT_SCALE:
        if abs(value) >= size:
            return tk._(message).format(number=format_decimal(float(f"{value / size:.3g}")))
    return format_decimal(float(f"{value:.3g}"))


def transparency_language_name(locale: str) -> str:
    return LANGUAGE_NAMES.get(str(locale), str(locale))


def get_helpers() -> dict:
    return {f.__name__: f for f in (transparency_number, transparency_money, transparency_date,
                                    transparency_datetime, transparency_language_name,
                                    transparency_quarter, render_datetime)}
