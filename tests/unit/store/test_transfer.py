"""Offline files: importing report JSON/PDF, exporting them, and review bundles."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from assets_desktop.store import content
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.library import Library
from assets_desktop.store.records import Activity

from .factories import MINIMAL_PDF, report_json


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_import_a_report_with_its_pdf_and_export_them_again(
    library: Library, loan: str, tmp_path: Path
) -> None:
    raw = report_json("rep-7", transactions=25)
    record = library.files.import_report(
        _write(tmp_path / "r.json", raw), _write(tmp_path / "r.pdf", MINIMAL_PDF), loan_file_id=loan
    )
    assert record.source == "import" and record.state == "ready"
    assert record.json_sha256 == content.sha256(raw) and record.json_size == len(raw)
    assert library.reports.open(record.id).report.transaction_count() == 25
    out = library.files.export_json(record.id, tmp_path / "out" / "report.json")
    assert out.read_bytes() == raw
    assert library.files.export_pdf(record.id, tmp_path / "out.pdf").read_bytes() == MINIMAL_PDF
    whats = [e.what for e in library.activity.entries(report_id=record.id)]
    assert whats == [Activity.REPORT_IMPORTED, Activity.REPORT_EXPORTED, Activity.REPORT_EXPORTED]


def test_exporting_a_missing_pdf_says_so(library: Library, loan: str, tmp_path: Path) -> None:
    record = library.files.import_report(
        _write(tmp_path / "r.json", report_json()), loan_file_id=loan
    )
    with pytest.raises(ImportRejectedError, match="has no PDF"):
        library.files.export_pdf(record.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b'{"hello": "world"}', "is not a Plaid Asset Report"),
        (b"<html><body>Login</body></html>", "is not a Plaid Asset Report.*not valid JSON"),
        (report_json()[:-200], "is cut short"),
        (json.dumps({"report": {"asset_report_id": 5}}).encode(), "is not a Plaid Asset Report"),
    ],
    ids=["empty", "other-json", "html", "truncated", "wrong-types"],
)
def test_files_that_are_not_reports_are_refused_clearly(
    library: Library, loan: str, tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ImportRejectedError, match=message):
        library.files.import_report(_write(tmp_path / "r.json", data), loan_file_id=loan)
    assert library.reports.all() == []


def test_a_huge_file_is_refused_before_it_is_read(
    library: Library, loan: str, tmp_path: Path, monkeypatch
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:  # sparse: 300 MB without writing them
        stream.truncate(300 * 1024 * 1024)
    reads: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or b"")
    with pytest.raises(ImportRejectedError, match=r"300\.0 MB, larger than the 200\.0 MB limit"):
        library.files.import_report(huge, loan_file_id=loan)
    assert reads == []
    os.remove(huge)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not found</html>", "is not a PDF .*starts with '<html>not found<"),
        (MINIMAL_PDF[:60], "cut short"),
    ],
)
def test_bad_pdfs_are_refused(
    library: Library, loan: str, tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ImportRejectedError, match=message):
        library.files.import_report(
            _write(tmp_path / "r.json", report_json()), _write(tmp_path / "r.pdf", data),
            loan_file_id=loan,
        )  # fmt: skip
    assert library.reports.all() == []


def test_a_missing_file_and_a_folder_are_refused(
    library: Library, loan: str, tmp_path: Path
) -> None:
    with pytest.raises(ImportRejectedError, match="does not exist"):
        library.files.import_report(tmp_path / "nope.json", loan_file_id=loan)
    with pytest.raises(ImportRejectedError, match="is not a file"):
        library.files.import_report(tmp_path, loan_file_id=loan)


def test_a_review_bundle_moves_a_review_to_another_library(
    library: Library, loan: str, tmp_path: Path
) -> None:
    library.loan_files.update(loan, notes="Second job since March")
    parent = library.files.import_report(
        _write(tmp_path / "p.json", report_json("rep-1")), loan_file_id=loan
    )
    child = library.reports.save(
        loan, report_json("rep-2", transactions=9), MINIMAL_PDF, source="plaid:sandbox",
        parent_id=parent.id, relation="refresh", notes="Refreshed before closing",
    )  # fmt: skip
    library.activity.log(
        Activity.FLAG_CLEARED, "LARGE_DEPOSIT", detail="Gift letter on file",
        loan_file_id=loan, report_id=child.id,
    )  # fmt: skip
    bundle = library.files.export_bundle(child.id, tmp_path / "review.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == [
            "manifest.json", "report.json", "report.pdf", "review.json",
        ]  # fmt: skip

    with Library(tmp_path / "other-machine") as other:
        imported = other.files.import_bundle(bundle)
        assert other.reports.json(imported.id) == report_json("rep-2", transactions=9)
        assert other.reports.pdf(imported.id) == MINIMAL_PDF
        assert imported.notes == "Refreshed before closing" and imported.source == "bundle"
        assert imported.parent_id is None  # the parent is not on this machine
        loan_file = other.loan_files.get(imported.loan_file_id)
        assert loan_file.borrower_names == ("Alberta Charleson",)
        assert loan_file.monthly_income is not None and str(loan_file.monthly_income) == "8250.00"
        assert loan_file.notes == "Second job since March"
        history = [(e.what, e.detail) for e in other.activity.entries(report_id=imported.id)]
        assert (Activity.FLAG_CLEARED, "Gift letter on file") in history
        assert history[0][0] == Activity.BUNDLE_IMPORTED
        with pytest.raises(ImportRejectedError, match="already in the library"):
            other.files.import_bundle(bundle)
        assert len(other.loan_files.all()) == 1  # the refused import left nothing behind

    # Into the original library, beside its parent, the lineage is restored.
    library.reports.delete(child.id)
    again = library.files.import_bundle(bundle, loan_file_id=loan)
    assert (again.parent_id, again.relation) == (parent.id, "refresh")


def _rezip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change.get(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


@pytest.fixture
def bundle(library: Library, loan: str, tmp_path: Path) -> Path:
    record = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
    return library.files.export_bundle(record.id, tmp_path / "b.zip")


def test_an_altered_bundle_is_refused(bundle: Path, tmp_path: Path) -> None:
    altered = _rezip(bundle, tmp_path / "x.zip", {"report.json": report_json("rep-1", 4)})
    with Library(tmp_path / "o") as other:
        with pytest.raises(
            ImportRejectedError, match=r"report\.json .* does not match the SHA-256"
        ):
            other.files.import_bundle(altered)
        assert other.loan_files.all() == [] and other.reports.all() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"manifest.json": None}, "manifest.json is missing"),
        ({"manifest.json": b"[1, 2"}, "manifest.json is not valid JSON"),
        ({"manifest.json": b'{"format": "other"}'}, "not an Assets Desktop review bundle"),
        (
            {"manifest.json": b'{"format": "assets-desktop-review-bundle", "version": 9}'},
            "newer version of Assets Desktop",
        ),
        ({"report.pdf": None}, "report.pdf is missing"),
    ],
)
def test_broken_bundles_are_refused_clearly(
    bundle: Path, tmp_path: Path, change: dict[str, bytes | None], message: str
) -> None:
    broken = _rezip(bundle, tmp_path / "x.zip", change)
    with Library(tmp_path / "o") as other, pytest.raises(ImportRejectedError, match=message):
        other.files.import_bundle(broken)


def test_a_file_that_is_not_a_zip_or_is_cut_short_is_refused(bundle: Path, tmp_path: Path) -> None:
    with Library(tmp_path / "o") as other:
        for data in (b"PK not really", bundle.read_bytes()[: bundle.stat().st_size // 2]):
            with pytest.raises(ImportRejectedError, match="not a zip file, or it is cut short"):
                other.files.import_bundle(_write(tmp_path / "bad.zip", data))


def test_importing_without_a_loan_file_creates_one_for_the_borrower(
    library: Library, tmp_path: Path
) -> None:
    record = library.files.import_report(_write(tmp_path / "r.json", report_json("rep-5")))
    loan_file = library.loan_files.get(record.loan_file_id)
    assert loan_file.borrower_names == ("Alberta Charleson",)
    with pytest.raises(ImportRejectedError, match="already in the library"):
        library.files.import_report(_write(tmp_path / "again.json", report_json("rep-5")))
    assert len(library.loan_files.all()) == 1  # the refused import left no empty loan file
