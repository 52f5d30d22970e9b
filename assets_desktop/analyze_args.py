"""The `analyze` arguments: stdlib only, so building the parser stays cheap at start-up."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_AMOUNT = Decimal("1e12")
"""Larger amounts are typing mistakes (and would overflow the exact cent arithmetic)."""


def parse_amount(text: str) -> Decimal:
    """`6500`, `6,500.00` or `$6,500` → Decimal; anything else is a clear argparse error."""
    cleaned = text.strip().replace(",", "").removeprefix("$")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an amount; give the monthly income as a number, e.g. 6500 or 6,500.00"
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive amount; give the monthly income, e.g. 6500"
        )
    if not Decimal("0.01") <= amount <= MAX_AMOUNT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a plausible monthly income (from 0.01 to 1,000,000,000,000); "
            "give it in dollars, e.g. 6500"
        )
    return amount


def _decimal(text: str, what: str, example: str) -> Decimal:
    cleaned = text.strip().replace(",", "").removeprefix("$")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}; give e.g. {example}")
    return value


def parse_money(text: str) -> Decimal:
    """An amount ≥ 0 (cash to close, PITIA, earnest money): `41000`, `41,000.00`, `$41,000`."""
    return _decimal(text, "an amount of money (0 or more)", "41,000.00").quantize(Decimal("0.01"))


def parse_months(text: str) -> Decimal:
    """Reserve months required: a number ≥ 0, e.g. 2 or 6."""
    return _decimal(text, "a number of months (0 or more)", "2 or 6")


def parse_factor(text: str) -> Decimal:
    """The retirement factor: a number from 0 to 1 (1 = 100% of the vested balance)."""
    value = _decimal(text, "a factor from 0 to 1", "1 or 0.6")
    if value > 1:
        raise argparse.ArgumentTypeError(f"{text!r} is above 1; give a factor from 0 to 1")
    return value


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD → date, else a clear argparse error."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-24"
        ) from None


def parse_days(text: str) -> int:
    """A whole number of days ≥ 0."""
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days; use e.g. 45")
    return days


def add_analyze_parser(commands: Any) -> None:
    """Register `analyze` on the subcommands of `assets-desktop`."""
    parser = commands.add_parser(
        "analyze",
        help="the underwriting analysis of a saved report (JSON of /asset_report/get)",
        description="Underwriting checks of a Plaid Asset Report: balances, averages, history, "
        "large deposits, NSF fees, negative balances, owners, age and warnings.",
    )
    parser.add_argument("report", metavar="REPORT.json", help="whole response or just `report`")
    parser.add_argument("--monthly-income", type=parse_amount, metavar="AMOUNT")
    parser.add_argument("--purpose", choices=("purchase", "refinance"), default="purchase")
    parser.add_argument(
        "--borrower",
        action="append",
        metavar='"FIRST LAST"',
        help="the borrower; repeat for co-borrowers (default: the report's user)",
    )
    parser.add_argument("--cash-to-close", type=parse_money, metavar="N")
    parser.add_argument("--monthly-housing-payment", type=parse_money, metavar="N", help="PITIA")
    parser.add_argument("--reserve-months", type=parse_months, metavar="N")
    parser.add_argument(
        "--retirement-factor",
        type=parse_factor,
        default=Decimal(1),
        metavar="0..1",
        help="share of vested retirement funds that counts (default 1)",
    )
    parser.add_argument("--earnest-money", type=parse_money, metavar="N")
    parser.add_argument("--earnest-money-date", type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--decisions",
        metavar="FILE",
        help='JSON list of {"key", "disposition", "reason"} (flag keys from --format json)',
    )
    parser.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD")
    parser.add_argument("--stale-days", type=parse_days, default=45, metavar="N")
    parser.add_argument("--format", choices=("text", "json"), default="text")
