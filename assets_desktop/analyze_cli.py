"""`assets-desktop analyze REPORT.json`: the underwriting analysis of a saved report, as text for
people or as the stable JSON for scripts (documented in README, "Underwriting analysis")."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TextIO

# Re-exported: the parser lives in a light module so `assets-desktop` starts fast.
from assets_desktop.domain.analysis import (
    AccountAnalysis,
    Analysis,
    AnalysisParameters,
    DecisionError,
    Disposition,
    LoanTerms,
    Qualification,
    analysis_to_json,
    analyze,
    format_money,
    parse_decisions,
    qualify,
)
from assets_desktop.domain.report import NotAnAssetReportError, decode_report_response

EXIT_BAD_INPUT = 2


def run_analyze(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Analyse the file named in `args`; print text or JSON. Exit 2 on unusable input."""
    out = out or sys.stdout
    path = Path(args.report)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _fail(f"{path}: no such file; give the path of a saved /asset_report/get response.")
    except OSError as error:
        return _fail(f"{path}: cannot be read ({error.strerror or error}).")
    try:
        response = decode_report_response(data)
    except NotAnAssetReportError as error:
        return _fail(f"{path}: {error}. Give the JSON of /asset_report/get (or its `report`).")
    borrowers = args.borrower or []
    params = AnalysisParameters(
        purpose=args.purpose,
        monthly_income=args.monthly_income,
        borrower=borrowers[0] if borrowers else None,
        co_borrowers=tuple(borrowers[1:]),
        as_of=args.as_of,
        stale_days=args.stale_days,
    )
    analysis = analyze(response, params)
    decisions: tuple[Disposition, ...] = ()
    if args.decisions:
        try:
            raw = Path(args.decisions).read_bytes()
            decisions = parse_decisions(raw, (k for f in analysis.flags for k in f.keys))
        except OSError as error:
            return _fail(f"{args.decisions}: cannot be read ({error.strerror or error}).")
        except DecisionError as error:
            return _fail(f"{args.decisions}: {error}")
    terms = LoanTerms(
        cash_to_close=args.cash_to_close,
        monthly_housing_payment=args.monthly_housing_payment,
        reserve_months=args.reserve_months,
        retirement_factor=args.retirement_factor,
        earnest_money=args.earnest_money,
        earnest_money_date=args.earnest_money_date,
        currency=params.income_currency,
    )
    qualification = qualify(analysis, terms, decisions, response)
    text = (
        json.dumps(
            analysis_to_json(analysis, qualification, decisions), indent=2, ensure_ascii=False
        )
        + "\n"
        if args.format == "json"
        else format_text(analysis, qualification)
    )
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:  # `… | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _fail(message: str) -> int:
    print(f"assets-desktop analyze: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount:,.2f}"


_COLUMNS = ("account", "type", "cur", "current", "available", "days", "avg 30", "avg 60",
            "avg 90", "min 60", "NSF", "owner")  # fmt: skip
_WIDTH = 110
_RIGHT = frozenset({3, 4, 5, 6, 7, 8, 9, 10})


def _account_row(a: AccountAnalysis) -> tuple[str, ...]:
    return (
        a.label,
        a.subtype or a.type,
        a.currency,
        _money(a.current),
        _money(a.available),
        f"{a.days_available}{'' if a.history_ok else ' !'}",
        _money(a.average_balance_30),
        _money(a.average_balance_60),
        _money(a.average_balance_90),
        _money(a.minimum_balance_60),
        str(a.nsf_count),
        a.owner_match,
    )


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  "
        + "  ".join(
            cell.rjust(w) if i in _RIGHT else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _qualification_lines(q: Qualification) -> list[str]:
    def m(amount: Decimal | None) -> str:
        return "—" if amount is None else format_money(amount, q.currency)

    answer = {"sufficient": "SUFFICIENT", "short": "SHORT", "not_assessed": "NOT ASSESSED"}
    lines = [f"Qualification: {answer[q.status]}"]
    if q.funds_required is not None:
        lines.append(
            f"  funds required {m(q.funds_required)} (cash to close {m(q.cash_to_close)} + "
            f"reserves {m(q.reserves_required)}) · eligible {m(q.eligible_assets)}"
            + (f" · short by {m(q.shortfall)}" if q.shortfall else "")
        )
    for row in q.accounts:
        lines.append(f"  {row.label:<32} {m(row.eligible):>16}  {row.code.value:<26}")
    for note in q.notes:
        lines += textwrap.wrap(note, width=_WIDTH, initial_indent="  - ", subsequent_indent="    ")
    return lines


def format_text(analysis: Analysis, qualification: Qualification | None = None) -> str:
    """The analysis for people: the qualification, header, accounts, totals, flags, notes."""
    p = analysis.parameters
    income = format_money(p.monthly_income, p.income_currency) if p.monthly_income else "not given"
    borrowers = " & ".join(p.borrowers) or "unknown"
    lines = [
        *([*_qualification_lines(qualification), ""] if qualification else []),
        f"Asset report {analysis.asset_report_id}",
        f"  generated {analysis.date_generated.isoformat()} · as of {analysis.as_of.isoformat()}",
        f"  borrower {borrowers} · {p.purpose} ({analysis.history_required_days} "
        f"days of history required) · monthly income {income}",
        "",
        f"Accounts ({len(analysis.accounts)})",
        *_table([_COLUMNS, *(_account_row(a) for a in analysis.accounts)]),
        "",
        "Totals",
    ]
    for code, totals in analysis.totals.items():
        lines.append(
            f"  {code}  assets {format_money(totals.assets, code)} · liabilities "
            f"{format_money(totals.liabilities, code)} (eligible assets: see Qualification)"
        )
    if not analysis.totals:
        lines.append("  (no asset or liability accounts)")
    counts = Counter(f.code.value for f in analysis.flags)
    summary = ", ".join(f"{n} {code}" for code, n in counts.items())
    lines += ["", f"Flags ({len(analysis.flags)}{': ' + summary if summary else ''})"]
    for flag in analysis.flags:
        lines.append(f"  key {flag.key}")
        lines += textwrap.wrap(
            flag.message,
            width=_WIDTH,
            initial_indent=f"  {flag.code.value:<20} ",
            subsequent_indent=" " * 23,
            break_on_hyphens=False,
        )
    if not analysis.flags:
        lines.append("  none")
    if analysis.sourced_deposits:
        lines += ["", f"Sourced deposits ({len(analysis.sourced_deposits)}, not flagged)"]
        for d in analysis.sourced_deposits:
            lines.append(
                f"  {d.date.isoformat()}  {format_money(d.amount, d.currency):>14}  {d.source:<8} "
                f"{d.description}"
            )
    if analysis.notes:
        lines += ["", "Notes"]
        for note in analysis.notes:
            lines += textwrap.wrap(
                note, width=_WIDTH, initial_indent="  - ", subsequent_indent="    "
            )
    return "\n".join(lines) + "\n"
