"""A loan file's borrowers and terms: checks, the sealed JSON they are kept in, and the
"field: old → new" lines the activity log records for every change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from assets_desktop.store.records import LoanTermsRecord, PersonName

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000")  # a billion: beyond it, a typo
MAX_RESERVE_MONTHS = Decimal("120")
_LABELS = {
    "name": "name",
    "cash_to_close": "cash to close",
    "monthly_housing_payment": "monthly housing payment (PITIA)",
    "reserve_months": "reserve months required",
    "earnest_money": "earnest money",
    "earnest_money_date": "earnest money date",
}


def check_borrowers(people: Sequence[PersonName | str]) -> tuple[PersonName, ...]:
    """At least one borrower with a last name; strings are split into first, middle, last."""
    if isinstance(people, str):
        people = [people]
    checked: list[PersonName] = []
    for person in people:
        parsed = PersonName.parse(person) if isinstance(person, str) else person
        parts = tuple(" ".join(part.split()) for part in (parsed.first, parsed.middle, parsed.last))
        if not any(parts):
            continue
        if not parts[2]:
            raise ValueError(f"The borrower {' '.join(p for p in parts if p)!r} needs a last name.")
        if any(len(part) > 80 for part in parts):
            raise ValueError("A name part is longer than 80 characters.")
        checked.append(PersonName(*parts))
    if not checked:
        raise ValueError("A loan file needs at least one borrower name.")
    return tuple(checked)


def borrowers_json(people: tuple[PersonName, ...]) -> bytes:
    return json.dumps(
        [{"first": p.first, "middle": p.middle, "last": p.last} for p in people]
    ).encode()


def borrowers_from_json(data: bytes) -> tuple[PersonName, ...]:
    """Names as stored: objects with parts, or (libraries of format 1) plain full names."""
    people: list[PersonName] = []
    for entry in json.loads(data):
        if isinstance(entry, str):
            people.append(PersonName.parse(entry))
        else:
            people.append(PersonName(entry["first"], entry["middle"], entry["last"]))
    return tuple(people)


def check_amount(value: object, what: str, *, positive: bool = False) -> Decimal | None:
    """An amount in cents (None stays None): `41,000`, `$41000.00`, a Decimal or an int."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        raise ValueError(f"The {what} must be an amount from 0 to 1,000,000,000, not {value!s}.")
    if positive and amount == 0:
        raise ValueError(f"The {what} must be more than 0.")
    return amount.quantize(CENT)


def check_months(value: object) -> Decimal | None:
    """Reserve months: 0 to 120, fractions allowed (None stays None)."""
    if value is None or value == "":
        return None
    try:
        months = Decimal(str(value).strip())
    except InvalidOperation:
        months = Decimal("NaN")
    if not months.is_finite() or not 0 <= months <= MAX_RESERVE_MONTHS:
        raise ValueError(f"The reserve months must be a number from 0 to 120, not {value!s}.")
    return months.normalize() if months else Decimal(0)


def check_terms(
    *,
    name: object = None,
    cash_to_close: object = None,
    monthly_housing_payment: object = None,
    reserve_months: object = None,
    earnest_money: object = None,
    earnest_money_date: object = None,
) -> LoanTermsRecord:
    """Checked terms; ValueError with a sentence naming the field otherwise."""
    if earnest_money_date is not None and not isinstance(earnest_money_date, dt.date):
        raise ValueError(f"The earnest money date must be a date, not {earnest_money_date!s}.")
    text = str(name).strip() if name is not None else ""
    if len(text) > 120:
        raise ValueError("The loan file's name is longer than 120 characters.")
    return LoanTermsRecord(
        name=text or None,
        cash_to_close=check_amount(cash_to_close, "cash to close"),
        monthly_housing_payment=check_amount(
            monthly_housing_payment, "monthly housing payment (PITIA)", positive=True
        ),
        reserve_months=check_months(reserve_months),
        earnest_money=check_amount(earnest_money, "earnest money", positive=True),
        earnest_money_date=earnest_money_date,
    )


def terms_json(terms: LoanTermsRecord) -> bytes:
    data: dict[str, Any] = {}
    for field, value in vars(terms).items():
        if value is not None:
            data[field] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return json.dumps(data, sort_keys=True).encode()


def terms_from_json(data: bytes | None) -> LoanTermsRecord:
    if not data:
        return LoanTermsRecord()
    raw = json.loads(data)
    date = raw.get("earnest_money_date")
    return LoanTermsRecord(
        name=raw.get("name"),
        cash_to_close=_decimal(raw.get("cash_to_close")),
        monthly_housing_payment=_decimal(raw.get("monthly_housing_payment")),
        reserve_months=_decimal(raw.get("reserve_months")),
        earnest_money=_decimal(raw.get("earnest_money")),
        earnest_money_date=dt.date.fromisoformat(date) if date else None,
    )


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def describe_changes(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """`cash to close: — → 41000.00` for every field that changed."""
    lines = []
    for field, old in before.items():
        new = after[field]
        if old != new:
            label = _LABELS.get(field, field.replace("_", " "))
            lines.append(f"{label}: {_show(old)} → {_show(new)}")
    return lines


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, tuple):
        return " & ".join(getattr(v, "full", str(v)) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
