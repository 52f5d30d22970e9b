"""Exact money: floats from the report become integer cents once, results become Decimal."""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

CENT = Decimal("0.01")
# Wide enough for any float a JSON report can hold (±1.8e308) as exact cents.
_WIDE = Context(prec=400, Emax=MAX_EMAX, Emin=MIN_EMIN)
_SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£"}


_FAST_LIMIT = 1e15  # below this, x * 100 is exact enough for round() to hit the right cent


def to_cents(amount: float) -> int:
    """Plaid amounts have at most two decimals, so round(x * 100) is exact for them; absurdly
    large amounts go through Decimal instead of overflowing to infinity."""
    cents = amount * 100
    if -_FAST_LIMIT < cents < _FAST_LIMIT:
        return round(cents)
    return int((Decimal(repr(amount)) * 100).to_integral_value())


def cents_to_decimal(cents: int) -> Decimal:
    """123456 → Decimal('1234.56'), exactly."""
    return Decimal(cents).scaleb(-2)


def optional_decimal(amount: float | None) -> Decimal | None:
    """A report balance as exact Decimal cents, None staying None."""
    return None if amount is None else cents_to_decimal(to_cents(amount))


def mean_cents(total_cents: int, count: int) -> Decimal:
    """The average of `count` amounts summing to `total_cents`, rounded half-up to the cent."""
    mean = _WIDE.divide(_WIDE.divide(Decimal(total_cents), Decimal(count)), Decimal(100))
    return round_cents(mean)


def round_cents(amount: Decimal) -> Decimal:
    """Rounded half-up to the cent, however large the amount."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=_WIDE)


def format_money(amount: Decimal, currency: str = "USD") -> str:
    """`$25,000.00`, `-$12.50`, `€3.00`, `1,000.00 JPY` (unknown codes after the number)."""
    amount = round_cents(amount)
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
    return float(round_cents(amount))
