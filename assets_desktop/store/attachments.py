"""Documents attached to decisions (gift letters, proofs of sale): PDF or image bytes, sealed
in the library like reports, checked by type and size before they enter it."""

from __future__ import annotations

import uuid
from pathlib import Path

from assets_desktop.store import content, rows
from assets_desktop.store.database import Database, Store
from assets_desktop.store.errors import ImportRejectedError, TamperedDataError
from assets_desktop.store.loan_file_store import LoanFileStore
from assets_desktop.store.records import Activity, AttachmentRecord

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
_COLUMNS = "id, loan_file_id, report_id, name_sealed, media_type, sha256, size, created_at"


def media_type(data: bytes, name: str) -> str:
    """The document's type from its first bytes; ImportRejectedError for anything else."""
    if not data:
        raise ImportRejectedError(f"{name} is empty; attach the signed letter or statement.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ImportRejectedError(
            f"{name} is {content.megabytes(len(data))}, more than the "
            f"{content.megabytes(MAX_ATTACHMENT_BYTES)} a document may have; scan it at a lower "
            "resolution or attach a PDF."
        )
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    raise ImportRejectedError(
        f"{name} is not a PDF, PNG or JPEG file, so it was not attached. Attach the document "
        "as a PDF or a picture."
    )


def read_document(path: Path) -> bytes:
    """The bytes of a document chosen by the user (missing, empty, huge: refused clearly)."""
    return content.read_capped(path, "document", MAX_ATTACHMENT_BYTES)


class AttachmentStore(Store):
    """Documents of a loan file: sealed, typed, checked against their SHA-256 when read."""

    def __init__(self, db: Database, loan_files: LoanFileStore) -> None:
        super().__init__(db)
        self._loan_files = loan_files

    def add(
        self, loan_file_id: str, name: str, data: bytes, *, report_id: str | None = None
    ) -> AttachmentRecord:
        """Keep a PDF or image (a gift letter, a proof of sale) sealed in the library."""
        kind = media_type(data, name)
        self._loan_files.get(loan_file_id)  # NotFoundError before anything is written
        ident = uuid.uuid4().hex
        sealer = self._db.sealer
        with self._db.transaction() as connection:
            connection.execute(
                "INSERT INTO attachments (id, loan_file_id, report_id, name_sealed, media_type, "
                "content_sealed, sha256, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ident, loan_file_id, report_id,
                    sealer.seal(name.encode(), f"attachments.name:{ident}"), kind,
                    sealer.seal(data, f"attachments.content:{ident}"), content.sha256(data),
                    len(data), self._db.now(),
                ),
            )  # fmt: skip
            self._db.append(
                connection, Activity.ATTACHMENT_ADDED, f"document {ident}", loan_file_id,
                report_id, detail=name,
            )  # fmt: skip
        return self.get(ident)

    def get(self, attachment_id: str) -> AttachmentRecord:
        row = self._db.one(
            f"SELECT {_COLUMNS} FROM attachments WHERE id = ?",  # noqa: S608
            (attachment_id,),
            "document",
        )
        return rows.attachment_from_row(row, self._db.sealer)

    def of_loan_file(self, loan_file_id: str) -> list[AttachmentRecord]:
        """The loan file's documents, oldest first."""
        found = self._db.all(
            f"SELECT {_COLUMNS} FROM attachments WHERE loan_file_id = ? "  # noqa: S608
            "ORDER BY created_at, id",
            (loan_file_id,),
        )
        return [rows.attachment_from_row(row, self._db.sealer) for row in found]

    def content(self, attachment_id: str) -> bytes:
        """The document's bytes, after their integrity check."""
        row = self._db.one(
            "SELECT content_sealed, sha256 FROM attachments WHERE id = ?",
            (attachment_id,),
            "document",
        )
        plain = self._db.sealer.open(
            bytes(row[0]), f"attachments.content:{attachment_id}", "attached document"
        )
        if content.sha256(plain) != row[1]:
            raise TamperedDataError(
                "The attached document does not match the SHA-256 recorded when it was "
                "attached, so it is not shown. Attach it again from the original file."
            )
        return plain
