"""How old a report is and how long it stays usable: the agencies' age limit (45 days by
default, the analysis' `stale_days`) and Freddie Mac AIM's as-of date + 14 days."""

from __future__ import annotations

import datetime as dt

from assets_desktop.ui.report.formatting import short_date

__all__ = ["AIM_DAYS", "report_age_text"]

#: Freddie Mac AIM accepts an asset report within 14 days of its as-of date.
AIM_DAYS = 14


def _until(day: dt.date, today: dt.date) -> str:
    left = (day - today).days
    if left < 0:
        return f"expired {short_date(day)}"
    if left == 0:
        return f"last day {short_date(day)}"
    return f"until {short_date(day)}, {left} day{'' if left == 1 else 's'} left"


def report_age_text(generated: dt.date, stale_days: int = 45, today: dt.date | None = None) -> str:
    """`12 days old · 45-day limit: until 2027-01-04, 33 days left · AIM: expired 2026-12-04`."""
    today = today or dt.date.today()
    age = (today - generated).days
    old = "generated today" if age <= 0 else f"{age} day{'' if age == 1 else 's'} old"
    limit = _until(generated + dt.timedelta(days=stale_days), today)
    aim = _until(generated + dt.timedelta(days=AIM_DAYS), today)
    return f"{old} · {stale_days}-day limit: {limit} · Freddie Mac AIM: {aim}"
