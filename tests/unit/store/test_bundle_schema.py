"""A review bundle is checked field by field against its schema before anything is written:
a bundle with a wrong field is refused whole, and the library stays fully usable."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity
from tests.unit.store.factories import MINIMAL_PDF, report_json


@pytest.fixture
def bundle(library: Library, loan: str, tmp_path: Path) -> Path:
    record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    library.activity.log(Activity.NOTE, "report", detail="Checked payroll", report_id=record.id)
    return library.files.export_bundle(record.id, tmp_path / "b.zip")


def _with_review(bundle: Path, target: Path, change: Any) -> Path:
    """`bundle` with review.json changed by `change(review)`, its manifest recomputed."""
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    review = json.loads(members["review.json"])
    change(review)
    members["review.json"] = json.dumps(review).encode()
    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name != "manifest.json":
            digest = hashlib.sha256(data).hexdigest()
            manifest["files"][name] = {"sha256": digest, "size": len(data)}
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _set(path: str, value: Any) -> Any:
    def change(review: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = review
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("loan_file.borrower_names", 5, "$.loan_file.borrower_names"),
        ("loan_file.borrower_names", [1, 2], "$.loan_file.borrower_names[0]"),
        ("loan_file.borrower_names", [], "$.loan_file.borrower_names"),
        ("loan_file.purpose", "vacation", "$.loan_file.purpose"),
        ("loan_file.monthly_income", "1e398", "$.loan_file.monthly_income"),
        ("report.notes", {"a": 1}, "$.report.notes"),
        ("report.relation", "sibling", "$.report.relation"),
        ("activity.0.at", "yesterday-ish", "$.activity[0].at"),
        ("activity.0.at", "2026-11-20T10:00:00", "$.activity[0].at"),  # no time zone
        ("activity.0.what", None, "$.activity[0].what"),
        ("activity", {"not": "a list"}, "$.activity"),
    ],
)
def test_a_field_of_the_wrong_kind_refuses_the_whole_bundle(
    bundle: Path, tmp_path: Path, path: str, value: Any, named: str
) -> None:
    broken = _with_review(bundle, tmp_path / "x.zip", _set(path, value))
    with Library(tmp_path / "other") as other:
        with pytest.raises(ImportRejectedError, match="does not follow the bundle format") as error:
            other.files.import_bundle(broken)
        assert named in str(error.value) and str(broken) in str(error.value)
        assert other.loan_files.all() == [] and other.reports.all() == []
        assert other.activity.entries() == []


def test_a_cleared_flag_whose_detail_is_broken_json_is_refused(
    bundle: Path, tmp_path: Path
) -> None:
    entry = {
        "at": "2026-11-20T10:00:00+00:00",
        "what": Activity.FLAG_CLEARED,
        "subject": "report x",
        "detail": "[" * 3000 + "]" * 3000,
    }
    broken = _with_review(bundle, tmp_path / "x.zip", lambda r: r["activity"].append(entry))
    with Library(tmp_path / "other") as other:
        with pytest.raises(ImportRejectedError, match=r"\$\.activity\[\d+\]\.detail"):
            other.files.import_bundle(broken)
        assert other.reports.all() == []


def test_a_disposition_of_an_unknown_kind_is_refused(bundle: Path, tmp_path: Path) -> None:
    entry = {
        "at": "2026-11-20T10:00:00+00:00",
        "what": Activity.FLAG_CLEARED,
        "subject": "report x",
        "detail": json.dumps({"key": "LARGE_DEPOSIT:t1", "disposition": "bribed"}),
    }
    broken = _with_review(bundle, tmp_path / "x.zip", lambda r: r["activity"].append(entry))
    with Library(tmp_path / "other") as other:
        with pytest.raises(ImportRejectedError, match="bribed"):
            other.files.import_bundle(broken)
        assert other.reports.all() == []


def test_a_well_formed_bundle_still_imports_and_opens(bundle: Path, tmp_path: Path) -> None:
    with Library(tmp_path / "other") as other:
        record = other.files.import_bundle(bundle)
        assert "Checked payroll" in [e.detail for e in other.activity.entries(report_id=record.id)]
        assert other.loan_files.get(record.loan_file_id).borrower_names == ("Alberta Charleson",)
