"""The window's import is atomic: a refused file leaves no loan file (or anything) behind."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from assets_desktop.services.workspace import Workspace
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library
from tests.unit.store.factories import report_json

GOOD = report_json("rep-window")


@pytest.mark.parametrize(
    ("name", "json_bytes", "pdf_bytes"),
    [
        ("truncated", GOOD[: len(GOOD) // 2], None),
        ("deep", b"[" * 3000 + b"]" * 3000, None),
        ("not UTF-8", GOOD.replace(b"Plaid Checking", b"Plaid \xff Checking"), None),
        ("a non-PDF beside it", GOOD, b"<html>not a pdf</html>"),
    ],
)
def test_a_refused_import_leaves_no_loan_file(
    library: Library, tmp_path: Path, name: str, json_bytes: bytes, pdf_bytes: bytes | None
) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(json_bytes)
    if pdf_bytes is not None:
        path.with_suffix(".pdf").write_bytes(pdf_bytes)
    workspace = Workspace(library, library.secrets, None, "local")
    with pytest.raises(ImportRejectedError):
        asyncio.run(workspace.import_report_file(path, None))
    assert library.loan_files.all() == [] and library.reports.all() == []


def test_an_accepted_import_makes_a_loan_file_for_the_borrower(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(GOOD)
    report_id = asyncio.run(
        Workspace(library, library.secrets, None, "local").import_report_file(path, None)
    )
    loan = library.loan_files.get(library.reports.get(report_id).loan_file_id)
    assert loan.borrower_names == ("Alberta Charleson",)


@pytest.mark.parametrize(
    ("user", "named"),
    [
        ({"first_name": "A" * 500, "last_name": "Charleson"}, ("Alberta Charleson",)),
        ({"first_name": "Alberta"}, ("Alberta",)),
    ],
)
def test_odd_names_in_the_report_never_refuse_its_import(
    library: Library, tmp_path: Path, user: dict[str, str], named: tuple[str, ...]
) -> None:
    """The loan file falls back to the owners' names, then to "Imported report"."""
    import json

    body = json.loads(GOOD)
    body["report"]["user"] = user
    path = tmp_path / "report.json"
    path.write_text(json.dumps(body))
    report_id = asyncio.run(
        Workspace(library, library.secrets, None, "local").import_report_file(path, None)
    )
    loan = library.loan_files.get(library.reports.get(report_id).loan_file_id)
    assert loan.borrower_names == named  # else the account owner's name
