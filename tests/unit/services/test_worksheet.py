"""The underwriting worksheet PDF and the transactions CSV (no Qt)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pymupdf
import pytest

from assets_desktop.domain.analysis import AnalysisParameters, analyze
from assets_desktop.domain.analysis.decisions import Disposition
from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.domain.report import (
    Account,
    AssetReport,
    AssetReportResponse,
    Balances,
    HistoricalBalance,
    Item,
    ReportUser,
    Transaction,
)
from assets_desktop.services.formatting import format_money, format_signed_money
from assets_desktop.services.review import ReviewNote, ReviewState
from assets_desktop.services.worksheet import MAX_PAGES, build_worksheet, mask_ssn

GENERATED = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)


def _response(deposits: int = 1) -> AssetReportResponse:
    end = GENERATED.date() - dt.timedelta(days=1)
    txns = tuple(
        Transaction(
            transaction_id=f"t{n}",
            account_id="a1",
            amount=-5000.0 - n,
            date=end - dt.timedelta(days=n % 50),
            original_description=f"MOBILE DEPOSIT {n}",
        )
        for n in range(deposits)
    )
    history = tuple(
        HistoricalBalance(date=end - dt.timedelta(days=d), current=9000.0 - d) for d in range(90)
    )
    account = Account(
        account_id="a1",
        name="Plaid Checking",
        mask="0000",
        type="depository",
        subtype="checking",
        balances=Balances(current=9000.0, available=8900.0, iso_currency_code="USD"),
        days_available=90,
        transactions=txns,
        historical_balances=history,
    )
    report = AssetReport(
        asset_report_id="ar-777",
        client_report_id="loan-9",
        date_generated=GENERATED,
        days_requested=90,
        items=(
            Item(
                item_id="i1",
                institution_name="First Platypus Bank",
                institution_id="ins_109508",
                accounts=(account,),
            ),
        ),
        user=ReportUser(first_name="Alberta", last_name="Charleson", ssn="123-45-6789"),
    )
    return AssetReportResponse(report=report)


def _text(pdf: bytes) -> tuple[int, str]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count, "\n".join(page.get_text() for page in doc)


def test_worksheet_has_borrower_report_accounts_flags_and_resolutions() -> None:
    response = _response()
    analysis = analyze(response, AnalysisParameters(monthly_income=Decimal("6000")))
    large = next(f for f in analysis.flags if f.code == FlagCode.LARGE_DEPOSIT)
    review = ReviewState.build(
        [Disposition(large.key, "sourced", "Gift letter from parents on file", "gift_letter")],
        [ReviewNote("Borrower confirmed by phone")],
    )
    pages, text = _text(build_worksheet(response, analysis, review))
    assert pages == 1
    for expected in (
        "Underwriting worksheet",
        "Alberta Charleson",
        "***-**-6789",
        "ar-777",
        "loan-9",
        "2026-11-20",
        "Plaid Checking ••0000",
        "Large deposit",
        "Sourced (gift letter): Gift letter from parents on file",
        "Borrower confirmed by phone",
        "$9,000.00",
    ):
        assert expected in text, expected
    assert "123-45-6789" not in text


def test_open_flags_say_so_and_many_flags_stay_within_two_pages() -> None:
    response = _response(deposits=120)
    analysis = analyze(response, AnalysisParameters(monthly_income=Decimal("6000")))
    assert len(analysis.flags) > 60
    pages, text = _text(build_worksheet(response, analysis))
    assert pages == MAX_PAGES
    assert "Open — not resolved yet" in text
    assert "more flags (" in text and "each is listed in Assets Desktop" in text
    assert "Kind" in text and "Cleared" in text  # the per-kind summary counts every flag


def test_money_formatting_and_ssn_mask() -> None:
    assert format_money(Decimal("1234.5")) == "$1,234.50"
    assert format_money(-12.0) == "\u2212$12.00"
    assert format_money(Decimal("1234.56"), "EUR") == "1,234.56 EUR"
    assert format_money(None) == "n/a"
    assert format_signed_money(-50.0) == "+$50.00"  # Plaid's −50 is money in
    assert format_signed_money(20.0) == "\u2212$20.00"
    assert mask_ssn("123456789") == "***-**-6789"
    assert mask_ssn(None) == "not given"


def test_flag_without_account_or_amount_renders() -> None:
    response = _response(deposits=0)
    analysis = analyze(response, AnalysisParameters())
    flag = Flag(code=FlagCode.STALE_DATA, message="Report is old: refresh it.", key="S")
    analysis = type(analysis)(**{**analysis.__dict__, "flags": (flag,)})
    _pages, text = _text(build_worksheet(response, analysis))
    assert "Whole report" in text and "Report is old" in text


@pytest.mark.parametrize("currency", ["USD", "CAD"])
def test_other_currencies_are_written_with_their_code(currency: str) -> None:
    text = format_money(Decimal("10"), currency)
    assert text == ("$10.00" if currency == "USD" else "10.00 CAD")


def test_a_limited_purpose_account_without_balances_prints_na() -> None:
    from tests.gui.report.personas import persona_analysis, persona_response

    response = persona_response("user_limited_purpose", 90)
    _, text = _text(build_worksheet(response, persona_analysis(response)))
    row = text.split("Mortgage Pay Account", 1)[1].split("Reserve Savings", 1)[0].split("\n")
    assert row[1].startswith("limited purp") and row[2:7] == ["n/a"] * 5
    assert "No current or available balance for Mortgage Pay Account ••0421" in text
