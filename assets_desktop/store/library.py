"""The encrypted local library: loan files, Items, reports (JSON + PDF), audit copies, activity.

`Library(data_dir)` opens (or creates) `library.sqlite3` in `data_dir` (default: the platform's
user data directory). Report JSON, PDFs, documents and personal data (borrower names, income,
loan terms, notes, activity details) are sealed with AES-GCM under a random key kept in the
keyring, or wrapped by the library passphrase where there is none (`store.keys`); tokens live in
the keyring, or sealed in the library under that key. Every save is one SQLite transaction (WAL,
synchronous=FULL).

The library is a composition: one `Database` (connection, key, transactions) shared by the
stores, each the one place for its records — `library.reports`, `library.loan_files`,
`library.items`, `library.attachments`, `library.audit_copies`, `library.tokens` (GSE and relay
tokens), `library.activity`, `library.files` (import, export, review bundles) and
`library.protection` (how the key is kept) and, on a team server, `library.team` (who works on
which loan file).
"""

from __future__ import annotations

from pathlib import Path

from assets_desktop.store.activity_log import ActivityLog
from assets_desktop.store.attachments import AttachmentStore
from assets_desktop.store.audit_copy_store import AuditCopyStore
from assets_desktop.store.changes import ChangeFeed
from assets_desktop.store.database import (
    DATABASE_NAME,
    Clock,
    ClosedOnExit,
    Database,
    default_data_dir,
    utc_now,
)
from assets_desktop.store.item_store import ItemStore
from assets_desktop.store.keys import Access
from assets_desktop.store.loan_file_store import LoanFileStore
from assets_desktop.store.protection import KeyProtection
from assets_desktop.store.report_store import ReportStore
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.shared_tokens import SharedTokenStore
from assets_desktop.store.team import TeamStore
from assets_desktop.store.transfer import ReportFiles

__all__ = ["DATABASE_NAME", "Database", "Library", "default_data_dir", "utc_now"]


class Library(ClosedOnExit):
    """The local library. Safe to share between the Qt thread and worker threads.

    Opening raises PassphraseRequiredError / WrongPassphraseError as `Database` does.
    """

    def __init__(
        self,
        data_dir: Path | str | None = None,
        secret_store: SecretStore | None = None,
        clock: Clock = utc_now,
        access: Access | None = None,
    ) -> None:
        self.database = Database(data_dir, secret_store, clock, access)
        self.data_dir: Path = self.database.data_dir
        self.path: Path = self.database.path
        self.secrets: SecretStore = self.database.secrets
        self.warning: str | None = self.database.warning
        """A sentence for the UI when a session-only library was emptied, else None."""
        self.protection = KeyProtection(self.database)
        self.activity = ActivityLog(self.database)
        self.reports = ReportStore(self.database)
        self.items = ItemStore(self.database)
        self.loan_files = LoanFileStore(self.database, self.reports, self.items)
        self.attachments = AttachmentStore(self.database, self.loan_files)
        self.audit_copies = AuditCopyStore(self.database, self.reports)
        self.tokens = SharedTokenStore(self.database, self.reports, self.audit_copies)
        self.files = ReportFiles(self)
        self.team = TeamStore(self.database)
        listen = getattr(self.database.backend, "listening_connection", None)
        self.changes = ChangeFeed(listen)

    def close(self) -> None:
        """Checkpoint the write-ahead log and close the database."""
        self.database.close()
