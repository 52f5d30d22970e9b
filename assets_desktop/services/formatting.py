"""Money and sign text for people: "$1,234.56", "−$12.00", "1,234.56 EUR", "+$50.00"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["MINUS", "format_money", "format_signed_money", "inflow_amount"]

#: A real minus sign: clearer than a hyphen next to digits.
MINUS = "\u2212"
_CENT = Decimal("0.01")


def _as_decimal(amount: Decimal | float) -> Decimal:
    if isinstance(amount, Decimal):
        return amount.quantize(_CENT, rounding=ROUND_HALF_UP)
    return Decimal(round(amount * 100)).scaleb(-2)


def format_money(
    amount: Decimal | float | None, currency: str = "USD", *, minus: str = MINUS, plus: str = ""
) -> str:
    """`$1,234.56`, `−$12.00`, `1,234.56 EUR`; "n/a" for a missing amount.

    Dollars take the `$` sign; other currencies are written after the number with their code
    so an amount is never mistaken for dollars. `plus` prefixes positive amounts.
    """
    if amount is None:
        return "n/a"
    value = _as_decimal(amount)
    sign = minus if value < 0 else (plus if value > 0 else "")
    digits = f"{abs(value):,.2f}"
    if currency == "USD":
        return f"{sign}${digits}"
    return f"{sign}{digits} {currency}"


def inflow_amount(plaid_amount: float) -> float:
    """Plaid's amount turned into the money-in sign: positive = money in, negative = money out."""
    return -plaid_amount


def format_signed_money(plaid_amount: float, currency: str = "USD", *, minus: str = MINUS) -> str:
    """A transaction amount with + for money in and − for money out (Plaid's sign reversed)."""
    return format_money(inflow_amount(plaid_amount), currency, minus=minus, plus="+")
