"""`assets-desktop analyze` with loan terms and decisions: the qualification in JSON and text."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from assets_desktop.cli import main

from .builders import account, report, txn
from .test_analyze_cli import run

GIFT_KEY = "LARGE_DEPOSIT:ins_109508/checking/0000:2026-10-30:25000.00"
LOAN = ["--monthly-income", "6000", "--cash-to-close", "10,000", "--reserve-months", "2"]
LOAN += ["--monthly-housing-payment", "2000"]  # required: 10,000 + 2 × 2,000 = 14,000.00


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    gift = txn("gift", -25000.00, 21, "WIRE FROM PARENTS")
    theirs = account("sav", mask="1111", subtype="savings", current=5000.0, owners=[["Bo Roe"]])
    response = report(account(current=40000.0, transactions=[gift]), theirs)
    path = tmp_path / "report.json"
    path.write_bytes(msgspec.json.encode(response))
    return path


def test_json_has_the_qualification_and_eligibility_per_account(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, _ = run(capsys, str(report_file), *LOAN, "--format", "json")
    assert code == 0
    data = json.loads(out)
    q = data["qualification"]
    assert q["funds_required"] == 14000.00
    assert q["reserves_required"] == 4000.00
    assert q["eligible_assets"] == 15000.00  # 40,000 − 25,000 unsourced; Bo Roe's savings: 0
    assert q["liquid_eligible"] == 15000.00
    assert q["reserves_after_closing"] == 5000.00  # 15,000 − 10,000
    assert q["reserve_months_available"] == 2.5  # 5,000 / 2,000
    assert q["sufficient"] is True and q["shortfall"] is None
    accounts = {a["account_id"]: a for a in data["accounts"]}
    assert accounts["chk"]["eligible_amount"] == 15000.00
    assert accounts["chk"]["eligibility"] == "DEPOSITORY_LESS_UNSOURCED"
    assert accounts["sav"]["eligibility"] == "OWNER_MISMATCH"
    assert [f["key"] for f in data["flags"]] == [GIFT_KEY, "OWNER_MISMATCH:ins_109508/savings/1111"]


def test_decisions_file_sources_the_gift_and_includes_the_account(
    capsys: pytest.CaptureFixture[str], report_file: Path, tmp_path: Path
) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text(
        json.dumps(
            [
                {"key": GIFT_KEY, "disposition": "sourced", "reason": "gift letter",
                 "source": "gift_letter", "gift_donor": "Parents"},
                {"key": "OWNER_MISMATCH:ins_109508/savings/1111", "disposition": "included",
                 "reason": "Bo Roe is the borrower's maiden name"},
            ]
        )
    )  # fmt: skip
    code, out, _ = run(
        capsys, str(report_file), *LOAN, "--decisions", str(decisions), "--format", "json"
    )
    assert code == 0
    q = json.loads(out)["qualification"]
    assert q["eligible_assets"] == 45000.00  # 40,000 + 5,000
    assert q["reserve_months_available"] == 17.5  # (45,000 − 10,000) / 2,000
    assert q["gifts"] == [
        {"key": GIFT_KEY, "account_id": "chk", "date": "2026-10-30", "amount": 25000.0,
         "donor": "Parents"}
    ]  # fmt: skip
    flags = {f["key"]: f for f in json.loads(out)["flags"]}
    assert flags[GIFT_KEY]["disposition"]["disposition"] == "sourced"


def test_unknown_decision_key_is_an_error_that_names_it(
    capsys: pytest.CaptureFixture[str], report_file: Path, tmp_path: Path
) -> None:
    decisions = tmp_path / "decisions.json"
    decisions.write_text('[{"key": "LARGE_DEPOSIT:typo", "disposition": "sourced"}]')
    code, out, err = run(capsys, str(report_file), *LOAN, "--decisions", str(decisions))
    assert code == 2 and out == ""
    assert "no flag of this report has the key 'LARGE_DEPOSIT:typo'" in err
    decisions.write_text(f'[{{"key": "{GIFT_KEY}", "disposition": "waved"}}]')
    code, _, err = run(capsys, str(report_file), *LOAN, "--decisions", str(decisions))
    assert code == 2 and "has disposition 'waved'; use one of sourced" in err


def test_text_leads_with_the_answer_and_co_borrowers_count(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    borrowers = ["--borrower", "Alberta Charleson", "--borrower", "Bo Roe"]
    code, out, _ = run(capsys, str(report_file), *LOAN, *borrowers, "--cash-to-close", "40001")
    assert code == 0
    # 40,001 + 4,000 = 44,001 required; 15,000 + 5,000 (co-borrower's savings) = 20,000
    assert out.startswith("Qualification: SHORT\n")
    assert "short by $24,001.00" in out
    assert "borrower Alberta Charleson & Bo Roe" in out


def test_missing_terms_say_not_assessed(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, _ = run(capsys, str(report_file), "--format", "json")
    assert code == 0
    q = json.loads(out)["qualification"]
    assert q["sufficient"] is None and q["status"] == "not_assessed"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--cash-to-close", "lots", "is not an amount of money"),
        ("--reserve-months", "-1", "is not a number of months"),
        ("--retirement-factor", "1.5", "is above 1"),
        ("--monthly-housing-payment", "nan", "is not an amount of money"),
    ],
)
def test_bad_terms_are_refused_with_a_message(
    capsys: pytest.CaptureFixture[str], report_file: Path, option: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(report_file), option, value])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
