"""Display text for the report views: money with its currency, dates in the user's locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime

from assets_desktop.services.formatting import format_money, format_signed_money

__all__ = [
    "SORT_ROLE",
    "format_money",
    "format_signed_money",
    "money",
    "qdate",
    "short_date",
    "short_datetime",
]

#: The role a table returns raw, comparable values on (numbers, dates as ordinals).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def money(amount: Decimal | float | None, currency: str = "USD") -> str:
    """`$1,234.56`, `−$12.00`, `1,234.56 EUR`, `n/a`."""
    return format_money(amount, currency)


def qdate(day: dt.date) -> QDate:
    """A QDate from a date."""
    return QDate(day.year, day.month, day.day)


@lru_cache(maxsize=4096)
def short_date(day: dt.date | None) -> str:
    """The date in the user's locale short format ("n/a" for None)."""
    if day is None:
        return "n/a"
    return QLocale().toString(qdate(day), QLocale.FormatType.ShortFormat)


def short_datetime(moment: dt.datetime | None) -> str:
    """A date and time in the user's locale short format."""
    if moment is None:
        return "n/a"
    value = QDateTime(qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))
    return QLocale().toString(value, QLocale.FormatType.ShortFormat)
