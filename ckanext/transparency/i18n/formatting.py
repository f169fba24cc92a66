"""Numbers, money and dates in the language of the page (babel's locale data for uz, uz_Cyrl,
ru and en), as template helpers: `h.transparency_money(1234567)` is "1 234 567 soʻm" in uz,
"1 234 567 сўм" in uz_Cyrl, "1 234 567 UZS" in ru and "1,234,567 UZS" in en."""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Optional, Union

from flask_babel import format_currency, format_date, format_decimal


Number = Union[int, float, Decimal]

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


def transparency_date(value: Union[None, str, datetime.date], format: str = "long") -> str:
    """A date with the month named in the page's language ("15-sentabr, 2024")."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return format_date(value, format)


def transparency_language_name(locale: str) -> str:
    return LANGUAGE_NAMES.get(str(locale), str(locale))


def get_helpers() -> dict:
    return {f.__name__: f for f in (transparency_number, transparency_money, transparency_date,
                                    transparency_language_name)}
