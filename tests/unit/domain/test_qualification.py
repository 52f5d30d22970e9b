"""Qualification: every expected figure below is worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assets_desktop.domain.analysis import (
    AnalysisParameters,
    Disposition,
    Eligibility,
    FlagCode,
    LoanTerms,
    analyze,
    qualify,
)
from assets_desktop.domain.report import Account, Holding, Investments

from .builders import account, day, report, txn

D = Decimal
PURCHASE = AnalysisParameters(monthly_income=D("6000"))  # large deposit: above 3,000.00
REFINANCE = AnalysisParameters(monthly_income=D("6000"), purpose="refinance")
TERMS = LoanTerms(
    cash_to_close=D("41000.00"), monthly_housing_payment=D("3000.00"), reserve_months=D("3")
)  # funds required = 41,000.00 + 3 × 3,000.00 = 50,000.00


def checking(current: float, *transactions: object, **kwargs: object) -> Account:
    return account(current=current, available=current, transactions=transactions, **kwargs)  # type: ignore[arg-type]


def test_reserve_months_exactly_met_is_sufficient() -> None:
    q = qualify(analyze(report(checking(50000.00)), PURCHASE), TERMS)
    assert q.funds_required == D("50000.00")
    assert q.reserves_required == D("9000.00")
    assert q.eligible_assets == D("50000.00")
    assert q.sufficient is True and q.shortfall is None
    assert q.reserves_after_closing == D("9000.00")  # 50,000 − 41,000
    assert q.reserve_months_available == D("3.00")  # 9,000 / 3,000
    assert q.notes[0] == (
        "Sufficient: $50,000.00 of eligible assets covers the $50,000.00 required (cash to "
        "close $41,000.00 + 3 months × PITIA $3,000.00); 3.00 months of reserves remain after "
        "closing."
    )


def test_one_cent_short_says_so_and_rounds_reserve_months_down() -> None:
    q = qualify(analyze(report(checking(49999.99)), PURCHASE), TERMS)
    assert q.sufficient is False
    assert q.shortfall == D("0.01")
    assert q.reserve_months_available == D("2.99")  # 8,999.99 / 3,000 = 2.99999…, never 3.00
    assert q.notes[0].startswith("Short by $0.01: $49,999.99 of eligible assets against")


def test_unsourced_large_deposit_is_deducted_on_purchase_not_on_refinance() -> None:
    gift = txn("gift", -10000.00, 10, "WIRE FROM J DOE")
    response = report(checking(30000.00, gift))
    purchase = qualify(analyze(response, PURCHASE), TERMS)
    row = purchase.accounts[0]
    assert row.code == Eligibility.DEPOSITORY_LESS_UNSOURCED
    assert (row.balance, row.deducted, row.eligible) == (
        D("30000.00"),
        D("10000.00"),
        D("20000.00"),
    )
    assert purchase.unsourced_deducted == D("10000.00")
    refinance = qualify(analyze(response, REFINANCE), TERMS)
    assert refinance.accounts[0].code == Eligibility.DEPOSITORY
    assert refinance.eligible_assets == D("30000.00")
    assert "Refinance: large deposits are not deducted (B3-4.2-02)." in refinance.notes


def test_sourced_gift_is_added_back_and_listed_as_a_gift() -> None:
    gift = txn("gift", -25000.00, 21, "WIRE FROM PARENTS")
    response = report(checking(52000.00, gift))
    analysis = analyze(response, PURCHASE)
    (flag,) = [f for f in analysis.flags if f.code == FlagCode.LARGE_DEPOSIT]
    short = qualify(analysis, TERMS)
    assert short.eligible_assets == D("27000.00")  # 52,000 − 25,000
    assert short.shortfall == D("23000.00")  # 50,000 − 27,000
    sourced = Disposition(
        flag.key, "sourced", "gift letter on file", source="gift_letter", gift_donor="Mom & Dad"
    )
    enough = qualify(analysis, TERMS, [sourced])
    assert enough.eligible_assets == D("52000.00")
    assert enough.sufficient is True
    assert enough.reserve_months_available == D("3.66")  # 11,000 / 3,000 = 3.666…
    (listed,) = enough.gifts
    assert (listed.amount, listed.donor, listed.date) == (D("25000.00"), "Mom & Dad", day(21))
    accepted = qualify(analysis, TERMS, [Disposition(flag.key, "accepted", "not needed")])
    assert accepted.eligible_assets == D("27000.00")  # accepted as is: still deducted


def test_owner_mismatch_counts_only_once_included() -> None:
    mine = checking(20000.00)
    theirs = account("sav", mask="1111", subtype="savings", current=40000.0, owners=[["Jane Roe"]])
    analysis = analyze(report(mine, theirs), PURCHASE)
    q = qualify(analysis, TERMS)
    assert q.account("sav").code == Eligibility.OWNER_MISMATCH  # type: ignore[union-attr]
    assert q.eligible_assets == D("20000.00")
    (flag,) = [f for f in analysis.flags if f.code == FlagCode.OWNER_MISMATCH]
    assert flag.key == "OWNER_MISMATCH:ins_109508/savings/1111"
    included = qualify(analysis, TERMS, [Disposition(flag.key, "included", "joint statement")])
    assert included.account("sav").code == Eligibility.DEPOSITORY  # type: ignore[union-attr]
    assert included.eligible_assets == D("60000.00")
    assert included.sufficient is True


def test_co_borrower_owner_matches() -> None:
    theirs = account("sav", mask="1111", current=40000.0, owners=[["Bo Charleson"]])
    alone = analyze(report(checking(1000.0), theirs), PURCHASE)
    assert alone.account("sav").owner_match == "mismatch"  # type: ignore[union-attr]
    params = AnalysisParameters(monthly_income=D("6000"), co_borrowers=("Bo Charleson",))
    both = analyze(report(checking(1000.0), theirs), params)
    assert both.account("sav").owner_match == "match"  # type: ignore[union-attr]
    assert qualify(both, TERMS).eligible_assets == D("41000.00")


def test_owners_unavailable_count_with_a_confirmation_code() -> None:
    q = qualify(analyze(report(checking(5000.0, owners=[])), PURCHASE), TERMS)
    assert q.accounts[0].code == Eligibility.OWNERS_UNCONFIRMED
    assert q.eligible_assets == D("5000.00")


def test_excluded_account_does_not_count() -> None:
    analysis = analyze(report(checking(5000.0, owners=[])), PURCHASE)
    (flag,) = analysis.flags
    q = qualify(analysis, TERMS, [Disposition(flag.key, "excluded", "business account")])
    assert q.accounts[0].code == Eligibility.EXCLUDED
    assert q.eligible_assets == D("0.00")


def test_retirement_factor_and_vested_value() -> None:
    k401 = account(
        "k", mask="4444", type="investment", subtype="401k", current=100000.0, available=None
    )
    analysis = analyze(report(k401), PURCHASE)
    assert qualify(analysis, TERMS).eligible_assets == D("100000.00")  # 100% since 2015
    overlay = LoanTerms(**{**TERMS.__dict__, "retirement_factor": D("0.6")})
    q = qualify(analysis, overlay)
    assert q.accounts[0].code == Eligibility.RETIREMENT
    assert q.eligible_assets == D("60000.00")
    assert q.closing_from == {"liquid": D(0), "securities": D(0), "retirement": D("41000.00")}
    assert any("document the withdrawal terms (B3-4.3-03)" in n for n in q.notes)
    vested = k401.__class__(
        **{
            **{f: getattr(k401, f) for f in k401.__struct_fields__},
            "investments": Investments(
                holdings=tuple(
                    Holding(
                        account_id="k",
                        security_id=f"s{n}",
                        institution_price=1.0,
                        institution_value=value + 1000,
                        quantity=value + 1000,
                        vested_value=value,
                    )
                    for n, value in enumerate((70000.5, 0.25))
                )
            ),
        }
    )
    assert qualify(analyze(report(vested), PURCHASE), TERMS).eligible_assets == D("70000.75")


def test_securities_for_closing_need_liquidation_proof_below_120_percent() -> None:
    terms = LoanTerms(D("15000.00"), D("1000.00"), D("0"))
    cash = checking(10000.0)
    rich = account("b", mask="5555", type="investment", subtype="brokerage", current=6000.0)
    q = qualify(analyze(report(cash, rich), PURCHASE), terms)
    assert q.closing_from["securities"] == D("5000.00")  # 15,000 − 10,000 liquid
    assert any("no proof of liquidation is needed" in n for n in q.notes)  # 6,000 ≥ 1.2 × 5,000
    thin = account("b", mask="5555", type="investment", subtype="brokerage", current=5999.99)
    q = qualify(analyze(report(cash, thin), PURCHASE), terms)
    assert any("less than 120% of it: document the liquidation" in n for n in q.notes)
    assert q.sufficient is True  # 15,999.99 ≥ 15,000


def test_liabilities_negative_balances_and_prepaid_never_count() -> None:
    card = account("c", mask="7777", type="credit", subtype="credit card", current=900.0)
    overdrawn = account("o", mask="8888", current=-50.0, available=-50.0)
    prepaid = account("p", mask="9999", subtype="prepaid", current=300.0)
    q = qualify(analyze(report(checking(100.0), card, overdrawn, prepaid), PURCHASE), TERMS)
    codes = [r.code for r in q.accounts]
    assert codes == [
        Eligibility.DEPOSITORY,
        Eligibility.LIABILITY,
        Eligibility.NEGATIVE_BALANCE,
        Eligibility.NOT_ELIGIBLE_TYPE,
    ]
    assert q.eligible_assets == D("100.00")


def test_other_currencies_are_listed_apart_not_converted() -> None:
    euro = account("e", mask="3333", currency="EUR", current=90000.0)
    q = qualify(analyze(report(checking(1000.0), euro), PURCHASE), TERMS)
    row = q.account("e")
    assert row is not None and row.code == Eligibility.OTHER_CURRENCY
    assert (row.eligible, row.other_currency_amount) == (D("0.00"), D("90000.00"))
    assert q.eligible_assets == D("1000.00")
    assert "Listed apart, not converted to USD: Plaid Checking ••3333 €90,000.00." in q.notes


def test_missing_loan_data_is_not_assessed_never_a_wrong_yes() -> None:
    rich = report(checking(10_000_000.0))
    q = qualify(analyze(rich, PURCHASE), LoanTerms(monthly_housing_payment=D("1")))
    assert q.sufficient is None and q.status == "not_assessed"
    assert q.funds_required is None and q.shortfall is None
    assert q.notes[0] == (
        "Not assessed: enter the cash to close and the reserve months required (0 if none) in "
        "the loan file."
    )


def test_disposition_carries_to_a_new_report_with_new_plaid_ids() -> None:
    first = report(checking(30000.0, txn("t-1", -9000.0, 5, "WIRE")), report_id="r1")
    again = report(
        checking(30000.0, txn("t-999", -9000.0, 5, "WIRE"), account_id="new-id"),
        report_id="r2",
    )
    old_flag = analyze(first, PURCHASE).flags[0]
    new_flag = analyze(again, PURCHASE).flags[0]
    assert (
        old_flag.key == new_flag.key == "LARGE_DEPOSIT:ins_109508/checking/0000:2026-11-15:9000.00"
    )
    decided = Disposition(old_flag.key, "sourced", "sale of car", source="proof_of_sale")
    assert qualify(analyze(again, PURCHASE), TERMS, [decided]).eligible_assets == D("30000.00")


def test_decisions_under_a_legacy_key_still_apply() -> None:
    response = report(checking(30000.0, txn("t-1", -9000.0, 5, "WIRE")))
    flag = analyze(response, PURCHASE).flags[0]
    assert flag.legacy_key == "LARGE_DEPOSIT:chk:t-1"
    decided = Disposition("LARGE_DEPOSIT:chk:t-1", "sourced", "letter")
    assert qualify(analyze(response, PURCHASE), TERMS, [decided]).eligible_assets == D("30000.00")


def test_earnest_money_found_and_supported_by_the_two_month_average() -> None:
    emd = txn("emd", 5000.0, 12, "CHECK 1042")
    steady = checking(6000.0, emd, balances=[6000.0] * 60)  # 60-day average 6,000.00
    terms = LoanTerms(
        **{**TERMS.__dict__, "earnest_money": D("5000"), "earnest_money_date": day(10)}
    )
    check = qualify(analyze(report(steady), PURCHASE), terms, (), report(steady)).earnest_money
    assert check is not None
    assert (check.transaction_id, check.withdrawn_on, check.supported) == ("emd", day(12), True)
    assert check.average_balance_60 == D("6000.00")
    thin = checking(6000.0, emd, balances=[4999.99] * 60)
    check = qualify(analyze(report(thin), PURCHASE), terms, (), report(thin)).earnest_money
    assert check is not None and check.supported is False
    far = LoanTerms(**{**terms.__dict__, "earnest_money_date": day(12) + dt.timedelta(days=11)})
    check = qualify(analyze(report(steady), PURCHASE), far, (), report(steady)).earnest_money
    assert check is not None and check.transaction_id is None  # 11 days away: not the EMD
    assert "no withdrawal of that amount found within 10 days" in check.message
