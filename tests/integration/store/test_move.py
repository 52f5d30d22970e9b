"""Moving a local library to a team server: an interrupted move continues when run again, and
the end compares both libraries table by table."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_desktop.cli import main
from assets_desktop.services import team
from assets_desktop.store import move
from assets_desktop.store.keys import Access
from assets_desktop.store.library import Library
from tests.unit.store.factories import MINIMAL_PDF, report_json


class Interrupted(Exception):
    pass


def _local_library(folder: Path) -> tuple[str, str]:
    with Library(folder) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
        first = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
        refresh = library.reports.save(
            loan, report_json("rep-2"), source="plaid:local", parent_id=first.id,
            relation="refresh",
        )  # fmt: skip
        library.reports.set_notes(refresh.id, "Payroll checked")
        library.attachments.add(loan, "gift letter.pdf", MINIMAL_PDF)
        library.items.save("item-1", "ins_1", "Bank", loan_file_id=loan, access_token="tok")
        library.audit_copies.add(first.id, "Fannie Mae", "audit-1")
        library.loan_files.create(["Carla Diaz"], "refinance", notes="second file")
    return loan, refresh.id


def test_an_interrupted_move_continues_and_verifies(
    tmp_path: Path,
    pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "local"
    loan, refresh = _local_library(folder)
    monkeypatch.setattr(move, "BATCH", 1)
    said: list[str] = []

    def stop_in_reports(line: str) -> None:
        said.append(line)
        if line.startswith("  reports:"):
            raise Interrupted(line)

    with pytest.raises(Interrupted):
        team.move_to(folder, pg_database, stop_in_reports)
    with Library(pg_database) as half:  # loan files arrived; reports only partly
        assert len(half.loan_files.all()) == 2 and len(half.reports.all()) == 1

    assert main(["--data-dir", str(folder), "library", "move-to", pg_database]) == 0
    out = capsys.readouterr().out
    for table, rows in (("loan_files", 2), ("reports", 2), ("attachments", 1), ("items", 1)):
        assert f"{table:<13} rows {rows:>6} → {rows:<6}" in out
    assert "DIFFERENT" not in out and "Verified: the team library holds everything." in out
    with Library(pg_database) as target:
        assert target.reports.get(refresh).notes == "Payroll checked"
        assert target.reports.json(refresh) == report_json("rep-2")
        assert target.loan_files.get(loan).borrower_names == ("Alberta Charleson",)
    assert main(["--data-dir", str(folder), "library", "move-to", pg_database]) == 0
    assert "0 rows copied" in capsys.readouterr().out  # a third run has nothing left to do


def test_a_changed_row_fails_the_verification(tmp_path: Path, pg_database: str) -> None:
    folder = tmp_path / "local"
    loan, _refresh = _local_library(folder)
    assert team.move_to(folder, pg_database, print)
    with Library(pg_database) as target:
        target.loan_files.update(loan, notes="changed on the server")
    lines: list[str] = []
    assert not team.move_to(folder, pg_database, lines.append)
    assert any("loan_files" in line and "DIFFERENT" in line for line in lines)


def test_the_smoke_test_runs_on_a_team_library(tmp_path: Path, pg_database: str) -> None:
    """`--library postgresql://…` end to end: the app's smoke test on the team server."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "ASSETS_DESKTOP_PASSPHRASE": "team smoke passphrase 1",
        "ASSETS_DESKTOP_CONFIG_DIR": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "--library", pg_database, "--smoke-test"],
        env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "smoke test passed: report" in done.stdout
    with Library(pg_database, access=Access(passphrase="team smoke passphrase 1")) as team_lib:
        assert [f.borrower_names for f in team_lib.loan_files.all()] == [("Alberta Charleson",)]
