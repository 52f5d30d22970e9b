"""`assets-desktop analyze`: text and JSON output, options, and clear errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from assets_desktop.cli import main

from .builders import account, report, txn, warning


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    response = report(
        account(
            balances=[100.0] * 70,
            transactions=[txn("big", -3000.01, 3, "WIRE FROM AUNT"), txn("f", 35.0, 4, "NSF FEE")],
        ),
        account(
            "card",
            name="Plaid Credit Card",
            mask="3333",
            type="credit",
            subtype="credit card",
            current=410.0,
            limit=2000.0,
        ),
        warnings=[warning()],
    )
    path = tmp_path / "report.json"
    path.write_bytes(msgspec.json.encode(response))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["analyze", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output_has_the_documented_fields(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, _ = run(capsys, str(report_file), "--monthly-income", "6,000", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "asset_report_id",
        "as_of",
        "parameters",
        "totals",
        "accounts",
        "flags",
        "sourced_deposits",
        "notes",
    }
    assert data["parameters"] == {
        "purpose": "purchase",
        "monthly_income": 6000.0,
        "borrower": "Alberta Charleson",
        "co_borrowers": [],
        "stale_days": 45,
    }
    assert data["as_of"] == "2026-11-20"
    assert data["totals"]["USD"]["assets"] == 1000.0
    assert data["totals"]["USD"]["liabilities"] == 410.0
    chk = data["accounts"][0]
    assert set(chk) >= {
        "account_id",
        "name",
        "mask",
        "type",
        "subtype",
        "currency",
        "current",
        "available",
        "days_available",
        "average_balance_30",
        "average_balance_60",
        "average_balance_90",
        "minimum_balance_60",
        "nsf_count",
        "owner_match",
    }
    assert chk["average_balance_30"] == 100.0 and chk["nsf_count"] == 1
    assert data["accounts"][1]["average_balance_30"] is None
    flags = {f["code"]: f for f in data["flags"]}
    assert set(flags) == {"REPORT_WARNING", "LARGE_DEPOSIT", "NSF_FEE"}
    assert flags["LARGE_DEPOSIT"]["amount"] == 3000.01
    assert flags["LARGE_DEPOSIT"]["transaction_id"] == "big"
    assert flags["REPORT_WARNING"]["amount"] is None and flags["REPORT_WARNING"]["date"] is None


def test_options_change_the_analysis(capsys: pytest.CaptureFixture[str], report_file: Path) -> None:
    code, out, _ = run(
        capsys,
        str(report_file),
        "--format",
        "json",
        "--purpose",
        "refinance",
        "--borrower",
        "Jane Roe",
        "--as-of",
        "2027-02-01",
        "--stale-days",
        "30",
    )
    assert code == 0
    data = json.loads(out)
    assert data["parameters"]["borrower"] == "Jane Roe"
    assert data["parameters"]["monthly_income"] is None
    codes = {f["code"] for f in data["flags"]}
    assert {"STALE_DATA", "OWNER_MISMATCH"} <= codes and "LARGE_DEPOSIT" not in codes
    assert any("No monthly income was given" in n for n in data["notes"])


def test_text_output_reads_for_people(
    capsys: pytest.CaptureFixture[str], report_file: Path
) -> None:
    code, out, _ = run(capsys, str(report_file), "--monthly-income", "6000")
    assert code == 0
    assert "Asset report report-1" in out
    assert "Plaid Checking ••0000" in out and "Plaid Credit Card ••3333" in out
    assert "USD  assets $1,000.00 · liabilities $410.00" in out
    assert "LARGE_DEPOSIT" in out and "Deposit of $3,000.01" in out
    assert "Flags (3: 1 REPORT_WARNING, 1 NSF_FEE, 1 LARGE_DEPOSIT)" in out


def test_a_bare_report_object_is_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bare.json"
    path.write_bytes(msgspec.json.encode(report().report))
    code, out, _ = run(capsys, str(path), "--format", "json")
    assert code == 0 and json.loads(out)["asset_report_id"] == "report-1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.json"], "no such file; give the path of a saved /asset_report/get response"),
        (["{dir}/notjson.json"], "the file is not valid JSON"),
        (["{dir}/other.json"], "the JSON is not a Plaid Asset Report"),
        (["{report}", "--monthly-income", "lots"], "'lots' is not an amount"),
        (["{report}", "--monthly-income", "-5"], "'-5' is not a positive amount"),
        (["{report}", "--as-of", "11/24/2026"], "'11/24/2026' is not a date; use YYYY-MM-DD"),
        (["{report}", "--stale-days", "soon"], "'soon' is not a number of days"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    report_file: Path,
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "notjson.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"hello": "world"}', encoding="utf-8")
    argv = [a.format(dir=tmp_path, report=report_file) for a in args]
    if argv[0] == "missing.json":
        argv[0] = str(tmp_path / "missing.json")
    try:
        code, _, err = run(capsys, *argv)
    except SystemExit as exit_:  # argparse rejects bad option values itself
        code, err = int(exit_.code or 0), capsys.readouterr().err
    assert code == 2
    assert message in err


def test_the_console_script_runs_in_a_subprocess(report_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "analyze", str(report_file), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["accounts"][0]["owner_match"] == "match"


def test_null_balances_and_new_subtypes_print_a_dash_and_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    response = report(
        account(balances=[100.0] * 70),
        account("lpc", name="Mortgage Pay", mask="0421", subtype="limited purpose checking",
                current=None, available=None),
        account("hel", name="Home Equity", mask="0423", type="loan", subtype="home equity loan",
                current=45300.0, available=None),
    )  # fmt: skip
    path = tmp_path / "report.json"
    path.write_bytes(msgspec.json.encode(response))
    code, out, _ = run(capsys, str(path))
    assert code == 0
    row = next(line for line in out.splitlines() if "Mortgage Pay ••0421" in line and "USD" in line)
    assert "limited purpose checking" in row and row.count("—") >= 6
    assert "home equity loan" in out and "liabilities $45,300.00" in out
    assert "No current or available balance for Mortgage Pay ••0421" in " ".join(out.split())
    code, out, _ = run(capsys, str(path), "--format", "json")
    lpc = next(a for a in json.loads(out)["accounts"] if a["account_id"] == "lpc")
    assert (lpc["current"], lpc["available"]) == (None, None)
