"""Exact money: floats from the report become integer cents once, results become Decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£"}


def to_cents(amount: float) -> int:
    """Plaid amounts have at most two decimals, so round(x * 100) is exact for them."""
    return round(amount * 100)


def cents_to_decimal(cents: int) -> Decimal:
    """123456 → Decimal('1234.56'), exactly."""
    return Decimal(cents).scaleb(-2)


def optional_decimal(amount: float | None) -> Decimal | None:
    """A report balance as exact Decimal cents, None staying None."""
    return None if amount is None else cents_to_decimal(to_cents(amount))


def mean_cents(total_cents: int, count: int) -> Decimal:
    """The average of `count` amounts summing to `total_cents`, rounded half-up to the cent."""
    return (Decimal(total_cents) / Decimal(count) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str = "USD") -> str:
    """`$25,000.00`, `-$12.50`, `€3.00`, `1,000.00 JPY` (unknown codes after the number)."""
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    digits = f"{abs(amount):,.2f}"
    symbol = _SYMBOLS.get(currency)
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits} {currency}"


def money_json(amount: Decimal | None) -> float | None:
    """A JSON number rounded to cents (None stays null)."""
    if amount is None:
        return None
    return float(amount.quantize(CENT, rounding=ROUND_HALF_UP))
