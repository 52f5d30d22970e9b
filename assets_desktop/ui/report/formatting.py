"""Display text for the report views: money with its currency, dates as ISO (2026-12-03) in
every view, whatever the locale, and times with their time zone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from PySide6.QtCore import QDate, Qt

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
    """`2026-12-03` ("n/a" for None): one unambiguous format in every view."""
    if day is None:
        return "n/a"
    return day.isoformat()


def short_datetime(moment: dt.datetime | None) -> str:
    """`2026-12-03 14:05 UTC`: local time with its zone when the moment is aware."""
    if moment is None:
        return "n/a"
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z")
