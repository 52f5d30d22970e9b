"""Display text for the report views: money with its currency, dates in one format in every
view (the date-format setting: ISO 2026-12-03 by default, or the locale's with a four-digit
year), and times with their time zone."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, Qt

from assets_desktop.services.formatting import format_money, format_signed_money

__all__ = [
    "DATE_FORMATS",
    "SORT_ROLE",
    "export_name",
    "format_money",
    "format_signed_money",
    "money",
    "qdate",
    "qt_date_format",
    "set_date_format",
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


#: The date-format setting's choices, with how each is offered.
DATE_FORMATS = {"iso": "ISO (2026-12-03)", "locale": "This computer's format, four-digit year"}
_date_format = "iso"


def set_date_format(name: str) -> None:
    """Use a date format (a `DATE_FORMATS` key) in the views built from now on."""
    global _date_format
    if name not in DATE_FORMATS:
        raise ValueError(f"Unknown date format {name!r}: use one of {', '.join(DATE_FORMATS)}.")
    _date_format = name
    short_date.cache_clear()


def qt_date_format() -> str:
    """The Qt pattern of the date format in use (date edits, the chart's axis)."""
    if _date_format == "iso":
        return "yyyy-MM-dd"
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


@lru_cache(maxsize=4096)
def short_date(day: dt.date | None) -> str:
    """`2026-12-03` ("n/a" for None), or the locale's format: one format in every view."""
    if day is None:
        return "n/a"
    if _date_format == "iso":
        return day.isoformat()
    return QLocale().toString(qdate(day), qt_date_format())


def short_datetime(moment: dt.datetime | None) -> str:
    """`2026-12-03 14:05 UTC`: local time with its zone when the moment is aware."""
    if moment is None:
        return "n/a"
    if moment.tzinfo is None:
        return f"{short_date(moment.date())} {moment:%H:%M}"
    local = moment.astimezone()
    return f"{short_date(local.date())} {local:%H:%M %Z}"


def export_name(borrowers: tuple[str, ...], day: dt.date, kind: str, suffix: str) -> str:
    """`Alberta-Charleson-2026-11-20-worksheet.pdf`: a default file name that says whose report,
    of when, and what it holds (never a UUID)."""
    who = re.sub(r"[^\w]+", "-", " ".join(borrowers[:1]) or "report", flags=re.UNICODE)
    return f"{who.strip('-')}-{day.isoformat()}-{kind}.{suffix}"
