"""Files in and out of the library: report JSON/PDF import and export, review bundles.

A review bundle is a zip holding `report.json` (exactly as received), `report.pdf` (if any),
`review.json` (loan file, notes, activity) and `manifest.json` (SHA-256 and size of each). It is
NOT encrypted: it carries the borrower's bank data, so treat it like the PDF itself. Bundles are
read into memory member by member (never extracted), with sizes checked before reading.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from assets_desktop.domain.json_input import ANY_JSON, decode_untrusted
from assets_desktop.domain.report import AssetReportResponse
from assets_desktop.store import bundle_schema, content, loan_terms, rows
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.records import Activity, ReportRecord

if TYPE_CHECKING:
    from assets_desktop.store.library import Library

BUNDLE_FORMAT = "assets-desktop-review-bundle"
BUNDLE_VERSION = 1
MANIFEST = "manifest.json"
REVIEW = "review.json"
REPORT_JSON = "report.json"
REPORT_PDF = "report.pdf"
MAX_REVIEW_BYTES = 50 * 1024 * 1024


class ReportFiles:
    """Report files in and out of the library: JSON and PDF, review bundles."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def import_report(
        self,
        json_path: Path | str,
        pdf_path: Path | str | None = None,
        *,
        loan_file_id: str | None = None,
    ) -> ReportRecord:
        """Import a report JSON (and optional PDF) into a loan file, with clear refusals.

        Without a loan file, one is created (in the same transaction, so a refused import
        leaves no empty loan file behind) for the report's borrower.
        """
        json_path = Path(json_path)
        if loan_file_id is not None:
            self._library.loan_files.get(loan_file_id)
        json_bytes = content.read_capped(json_path, "report")
        decoded = content.check_report_json(json_bytes, str(json_path))
        pdf_bytes = None
        if pdf_path is not None:
            pdf_bytes = content.read_capped(Path(pdf_path), "report PDF")
            content.check_pdf(pdf_bytes, str(pdf_path))
        names = json_path.name if pdf_path is None else f"{json_path.name} + {Path(pdf_path).name}"
        with self._library.database.atomic():
            if loan_file_id is None:
                borrowers = borrower_names(decoded) or ["Imported report"]
                loan_file_id = self._library.loan_files.create(borrowers, "purchase").id
            return self._library.reports.save(
                loan_file_id,
                json_bytes,
                pdf_bytes,
                source="import",
                what=Activity.REPORT_IMPORTED,
                detail=f"from {names}",
            )

    def export_json(self, report_id: str, path: Path | str) -> Path:
        """Write the report JSON exactly as received."""
        return self._export(report_id, Path(path), "json")

    def export_pdf(self, report_id: str, path: Path | str) -> Path:
        """Write the report PDF."""
        return self._export(report_id, Path(path), "pdf")

    def _export(self, report_id: str, path: Path, kind: str) -> Path:
        """Write a report's JSON or PDF to `path` (atomically: no half-written file)."""
        record = self._library.reports.get(report_id)
        data = (
            self._library.reports.json(report_id)
            if kind == "json"
            else self._library.reports.pdf(report_id)
        )
        if data is None:
            raise ImportRejectedError(
                "This report has no PDF in the library. Download it (online) or import one first."
            )
        _write_atomically(path, data)
        self._library.activity.log(
            Activity.REPORT_EXPORTED, f"report {record.asset_report_id}",
            detail=f"{kind.upper()} to {path}", loan_file_id=record.loan_file_id,
            report_id=report_id,
        )  # fmt: skip
        return path

    def export_bundle(self, report_id: str, path: Path | str) -> Path:
        """Write a review bundle for one report (and its loan file's details): report JSON, PDF,
        notes and activity, with a SHA-256 manifest."""
        path = Path(path)
        record = self._library.reports.get(report_id)
        loan = self._library.loan_files.get(record.loan_file_id)
        parent = self._library.reports.get(record.parent_id) if record.parent_id else None
        review = {
            "loan_file": {
                "borrower_names": list(loan.borrower_names),
                "purpose": loan.purpose,
                "monthly_income": None if loan.monthly_income is None else str(loan.monthly_income),
                "notes": loan.notes,
            },
            "report": {
                "asset_report_id": record.asset_report_id,
                "notes": record.notes,
                "source": record.source,
                "state": record.state,
                "relation": record.relation,
                "parent_asset_report_id": parent.asset_report_id if parent else None,
            },
            "activity": [
                {
                    "at": rows.timestamp(e.at),
                    "what": e.what,
                    "subject": e.subject,
                    "detail": e.detail,
                }
                for e in self._library.activity.entries(report_id=report_id)
            ],
        }
        members = {REPORT_JSON: self._library.reports.json(report_id)}
        pdf = self._library.reports.pdf(report_id)
        if pdf is not None:
            members[REPORT_PDF] = pdf
        members[REVIEW] = json.dumps(review, indent=2, ensure_ascii=False).encode()
        manifest = {
            "format": BUNDLE_FORMAT,
            "version": BUNDLE_VERSION,
            "created_at": rows.timestamp(dt.datetime.now(dt.UTC)),
            "asset_report_id": record.asset_report_id,
            "files": {
                name: {"sha256": content.sha256(data), "size": len(data)}
                for name, data in members.items()
            },
        }
        members[MANIFEST] = json.dumps(manifest, indent=2).encode()
        _write_atomically(path, _zip_bytes(members))
        self._library.activity.log(
            Activity.BUNDLE_EXPORTED, f"report {record.asset_report_id}", detail=f"to {path}",
            loan_file_id=record.loan_file_id, report_id=report_id,
        )  # fmt: skip
        return path

    def import_bundle(self, path: Path | str, loan_file_id: str | None = None) -> ReportRecord:
        """Import a review bundle in one transaction; every file is checked against the manifest
        and `review.json` against its schema (`bundle_schema`) before anything is written."""
        path = Path(path)
        members = _read_bundle(path)
        try:
            review = bundle_schema.decode_review(members[REVIEW])
        except msgspec.DecodeError as error:
            raise _bad_bundle(
                path, f"{REVIEW} does not follow the bundle format ({error})"
            ) from None
        source = f"report.json in {path}"
        header = content.check_report_json(members[REPORT_JSON], source).report
        if header.asset_report_id != review.report.asset_report_id:
            raise _bad_bundle(path, f"{REVIEW} describes another report than report.json")
        if REPORT_PDF in members:
            content.check_pdf(members[REPORT_PDF], f"report.pdf in {path}")
        if loan_file_id is not None:
            self._library.loan_files.get(loan_file_id)
        parent_id = relation = None
        if review.report.parent_asset_report_id and review.report.relation:
            parent = self._library.reports.by_asset_report_id(review.report.parent_asset_report_id)
            if parent is not None:
                parent_id, relation = parent.id, review.report.relation
        loan = review.loan_file
        try:
            with self._library.database.atomic():
                if loan_file_id is None:
                    loan_file_id = self._library.loan_files.create(
                        loan.borrower_names, loan.purpose, loan.monthly_income, loan.notes
                    ).id
                record = self._library.reports.save(
                    loan_file_id,
                    members[REPORT_JSON],
                    members.get(REPORT_PDF),
                    source="bundle",
                    parent_id=parent_id,
                    relation=relation,
                    notes=review.report.notes,
                    what=Activity.BUNDLE_IMPORTED,
                    detail=f"from {path.name}",
                )
                for entry in review.activity:
                    with (
                        self._library.database.transaction() as connection
                    ):  # joins the import's transaction
                        self._library.database.append(
                            connection, entry.what, entry.subject, record.loan_file_id, record.id,
                            detail=entry.detail, at=rows.timestamp(entry.at),
                        )  # fmt: skip
        except ValueError as error:
            if isinstance(error, ImportRejectedError):
                raise
            raise _bad_bundle(path, str(error)) from error
        return record


def borrower_names(decoded: AssetReportResponse) -> list[str]:
    """The borrower's name from the report's user, else the first account owner's names that
    make a valid loan file (a report's odd names never refuse its import)."""
    user = decoded.report.user
    name = " ".join(part for part in (user.first_name, user.middle_name, user.last_name) if part)
    candidates = [[name.strip()]] if name.strip() else []
    candidates += [list(owner.names) for a in decoded.report.accounts() for owner in a.owners]
    for names in candidates:
        try:
            loan_terms.check_borrowers(names)
        except ValueError:
            continue
        return names
    return []


def _read_bundle(path: Path) -> dict[str, bytes]:
    limit = 2 * content.MAX_FILE_BYTES + MAX_REVIEW_BYTES
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportRejectedError(f"Cannot read {path}: {error.strerror or error}.") from error
    if size > limit:
        raise _bad_bundle(path, f"it is {content.megabytes(size)}, more than a bundle can hold")
    try:
        with zipfile.ZipFile(path) as archive:
            manifest_bytes = _member(archive, MANIFEST, MAX_REVIEW_BYTES, path)
            manifest = _json_member(manifest_bytes, MANIFEST, path)
            if manifest.get("format") != BUNDLE_FORMAT:
                raise _bad_bundle(path, "its manifest is not an Assets Desktop review bundle's")
            version = manifest.get("version")
            if not isinstance(version, int) or version > BUNDLE_VERSION:
                raise ImportRejectedError(
                    f"{path} was made by a newer version of Assets Desktop (bundle format "
                    f"{version}); update Assets Desktop to import it."
                )
            try:
                files = bundle_schema.decode_manifest(manifest_bytes).files
            except msgspec.DecodeError as error:
                raise _bad_bundle(path, f"its manifest is damaged ({error})") from None
            if REPORT_JSON not in files or REVIEW not in files:
                raise _bad_bundle(path, "its manifest does not list report.json and review.json")
            unknown = set(files) - {REPORT_JSON, REPORT_PDF, REVIEW}
            if unknown:
                raise _bad_bundle(path, f"its manifest lists unknown files ({sorted(unknown)})")
            members: dict[str, bytes] = {}
            for name, expected in files.items():
                cap = MAX_REVIEW_BYTES if name == REVIEW else content.MAX_FILE_BYTES
                data = _member(archive, name, cap, path)
                if content.sha256(data) != expected.sha256 or len(data) != expected.size:
                    raise ImportRejectedError(
                        f"{name} in {path} does not match the SHA-256 in the bundle's manifest: "
                        "the bundle was altered or damaged after it was exported. Ask for a fresh "
                        "export."
                    )
                members[name] = data
    except zipfile.BadZipFile as error:
        raise _bad_bundle(path, "it is not a zip file, or it is cut short") from error
    return members


def _member(archive: zipfile.ZipFile, name: str, cap: int, path: Path) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise _bad_bundle(path, f"{name} is missing") from error
    if info.file_size > cap:
        raise _bad_bundle(path, f"{name} claims {content.megabytes(info.file_size)}, too large")
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise _bad_bundle(path, f"{name} is larger than its header says")
    return data


def _json_member(data: bytes, name: str, path: Path) -> dict[str, Any]:
    try:
        value = decode_untrusted(data, ANY_JSON)
    except msgspec.DecodeError as error:
        raise _bad_bundle(path, f"{name} is not valid JSON ({error})") from error
    if not isinstance(value, dict):
        raise _bad_bundle(path, f"{name} is not a JSON object")
    return value


def _bad_bundle(path: Path, reason: str) -> ImportRejectedError:
    return ImportRejectedError(
        f"{path} is not a usable review bundle: {reason}. Choose a .zip exported with "
        "'Export review bundle' from Assets Desktop."
    )


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
