"""Every library and keyring call of the workspace, in one place: when the store's names change,
only this module follows.

`ObservedLibrary` is the library the workflows (`services.reports`, `items`, `sharing`) receive:
each write it passes through is reported to the workspace, which turns it into change events.
Everything here runs on the store thread (`services.store_executor`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from assets_desktop.services import decision
from assets_desktop.services.review import ReviewState, record_disposition, record_note
from assets_desktop.services.settings import ENVIRONMENTS, forget_keys, has_keys
from assets_desktop.services.team import save_team_password
from assets_desktop.services.workspace_model import LoanFileTree, ReportTree, SharedToken, when
from assets_desktop.store import attachments
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from assets_desktop.store.records import AuditCopyRecord, ItemRecord, LoanFile, ReportRecord
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import Disposition
    from assets_desktop.domain.report import Account, AssetReportResponse

#: Words that name a removal: a call so named that returns nothing (or the records it removed)
#: removed what its first argument (or those records) named.
REMOVALS = ("delete", "purge", "remove", "drop")

Written = Callable[[str, tuple[Any, ...], Any], None]

#: Rows the navigation tree shows on its first screen, with room to spare (a 1400×900 window
#: shows 35-58): the loan files that fill them are read, and painted, before the rest.
FIRST_SCREEN_ROWS = 60
#: The most loan files that first screen can hold (three rows each at least).
FIRST_SCREEN_LOAN_FILES = FIRST_SCREEN_ROWS // 3


class ObservedLibrary:
    """The library (or one of its stores, at any depth), with every call reported to
    `written(name, args, result)` after it: the workspace compares what came back with what
    its listeners know, so reads tell nothing and a store renamed or split needs no change here.
    """

    def __init__(self, target: Any, written: Written) -> None:
        self._target = target
        self._written = written

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._target, name)
        if not callable(found):
            return found if _is_value(found) else ObservedLibrary(found, self._written)

        @functools.wraps(found)
        def observed(*args: Any, **kwargs: Any) -> Any:
            result = found(*args, **kwargs)
            self._written(name, args, result)
            return result

        return observed


def _is_value(found: object) -> bool:
    """A record or a plain value (a path, a name), not one of the library's stores."""
    plain = (str, bytes, int, float, Path, tuple, list, dict, type(None))
    return dataclasses.is_dataclass(found) or isinstance(found, plain)


class WorkspaceStore:
    """The library and keyring as the workspace uses them (call only on the store thread)."""

    def __init__(self, library: Library, secrets: SecretStore, written: Written) -> None:
        self.raw = library
        self.secrets = secrets
        self.library = cast(Library, ObservedLibrary(library, written))

    # --- the tree ----------------------------------------------------------------------------

    def loan_files(self, newest: int | None = None) -> list[LoanFile]:
        """Every loan file this member may see (or the `newest` ones only), newest first."""
        return self.raw.loan_files.all(newest)

    def first_screen(self, loans: list[LoanFile]) -> tuple[LoanFileTree, ...]:
        """The trees of the first loan files, as many as fill `FIRST_SCREEN_ROWS` rows of the
        tree expanded (a loan file takes one row, two for Items and Reports, one each more):
        few queries, as each waits for the interpreter again while the window is being built."""
        shared = _Listing(self.raw.items.all(), self.raw.audit_copies.all())
        trees: list[LoanFileTree] = []
        rows = 0
        for loan in loans:
            if rows >= FIRST_SCREEN_ROWS:
                break
            trees.append(tree := shared.tree(loan, self.raw.reports.all(loan.id)))
            rows += 3 + len(tree.items) + len(tree.reports)
        return tuple(trees)

    def trees(self, loans: list[LoanFile]) -> tuple[LoanFileTree, ...]:
        """These loan files with their Items, reports and audit copies, each kind read in one
        query for the whole library (not one per loan file or report)."""
        shared = _Listing(self.raw.items.all(), self.raw.audit_copies.all())
        reports: dict[str, list[ReportRecord]] = {loan.id: [] for loan in loans}
        for record in self.raw.reports.all():
            if (of_loan := reports.get(record.loan_file_id)) is not None:
                of_loan.append(record)
        return tuple(shared.tree(loan, reports[loan.id]) for loan in loans)

    def loan_file_tree(self, loan: LoanFile | str) -> LoanFileTree:
        """One loan file with its Items, reports and audit copies."""
        if isinstance(loan, str):
            loan = self.raw.loan_files.get(loan)
        reports = tuple(self.report_tree(r) for r in self.raw.reports.all(loan.id))
        return LoanFileTree(loan, tuple(self.raw.items.all(loan.id)), reports)

    def loan_file_ids(self) -> set[str]:
        """The ids of the loan files this member may see."""
        return {loan.id for loan in self.raw.loan_files.all()}

    def report_tree(self, record: ReportRecord | str) -> ReportTree:
        """A report with its audit copies."""
        if isinstance(record, str):
            record = self.raw.reports.get(record)
        return ReportTree(record, tuple(self.raw.audit_copies.of_report(record.id)))

    # --- reads -------------------------------------------------------------------------------

    def report(self, report_id: str) -> ReportRecord:
        return self.raw.reports.get(report_id)

    def loan_file(self, loan_file_id: str) -> LoanFile:
        return self.raw.loan_files.get(loan_file_id)

    def open_response(self, report_id: str, in_pieces: bool = False) -> AssetReportResponse:
        """A saved report, decrypted and decoded (`in_pieces`: yielding between pieces)."""
        return self.raw.reports.open(report_id, in_pieces=in_pieces)

    def report_pdf(self, report_id: str) -> bytes | None:
        return self.raw.reports.pdf(report_id)

    def review_state(self, report_id: str) -> ReviewState:
        """Dispositions (with those carried from earlier reports of the loan file) and notes."""
        return decision.review_for_report(self.raw, self.raw.reports.get(report_id))

    def item_overview(self, item_id: str) -> tuple[str | None, tuple[Account, ...]]:
        """(label of the newest saved report covering the Item, its accounts there)."""
        loan_file_id = self.raw.items.get(item_id).loan_file_id
        ready = [r for r in self.raw.reports.all(loan_file_id) if r.has_json]
        for record in reversed(ready):
            for item in self.raw.reports.open(record.id).report.items:
                if item.item_id == item_id:
                    return decision.report_label(record), tuple(item.accounts)
        return None, ()

    def document(self, attachment_id: str) -> tuple[str, str, bytes]:
        """An attached document: (name, media type, bytes), integrity-checked."""
        record = self.raw.attachments.get(attachment_id)
        return record.name, record.media_type, self.raw.attachments.content(attachment_id)

    def token(self, copy_id: str) -> str:
        """An audit copy's, GSE or relay token, or '' when the keyring no longer has it."""
        return self.secrets.get(kinds.AUDIT_COPY_TOKEN, copy_id) or ""

    def gse_token(self, report_id: str) -> SharedToken | None:
        """The live GSE token of the report's loan file (it may point at another report)."""
        copy = self.raw.tokens.gse(self.raw.reports.get(report_id).loan_file_id)
        return None if copy is None else self._shared(copy)

    def relay_tokens(self, report_id: str) -> tuple[SharedToken, ...]:
        """The live relay tokens sharing this report, oldest first."""
        copies = self.raw.audit_copies.of_report(report_id)
        return tuple(self._shared(c) for c in copies if c.kind == "relay" and c.active)

    def _shared(self, copy: AuditCopyRecord) -> SharedToken:
        return SharedToken(
            copy.id, copy.report_id, self.token(copy.id), when(copy.created_at), copy.partner
        )

    # --- local writes ------------------------------------------------------------------------

    def create_loan_file(self, borrowers: Any, purpose: str, income: Any, **terms: Any) -> str:
        return self.library.loan_files.create(borrowers, purpose, income, **terms).id

    def update_loan_file(
        self, loan_file_id: str, borrowers: Any, purpose: str, income: Any,
        expected_version: int | None, **terms: Any,
    ) -> LoanFile:  # fmt: skip
        return self.library.loan_files.update(
            loan_file_id, borrower_names=borrowers, purpose=purpose, monthly_income=income,
            expected_version=expected_version, **terms,
        )  # fmt: skip

    def delete_loan_file(self, loan_file_id: str) -> None:
        self.library.loan_files.delete(loan_file_id)

    def record_disposition(
        self, report_id: str, disposition: Disposition, document: Path | None
    ) -> Disposition:
        """Seal the document (if any) in the report's loan file, then keep the disposition
        naming it; returns the disposition as kept."""

        loan_file_id = self.raw.reports.get(report_id).loan_file_id
        if document is not None:
            data = attachments.read_document(document)
            kept = self.raw.attachments.add(loan_file_id, document.name, data, report_id=report_id)
            disposition = dataclasses.replace(
                disposition, document_id=kept.id, document_name=kept.name
            )
        record_disposition(
            self.raw.activity, disposition, report_id=report_id, loan_file_id=loan_file_id
        )
        return disposition

    def record_note(self, report_id: str, text: str) -> None:
        loan_file_id = self.raw.reports.get(report_id).loan_file_id
        record_note(self.raw.activity, text, report_id=report_id, loan_file_id=loan_file_id)

    def import_report_file(self, path: Path, loan_file_id: str | None) -> str:
        """A report JSON (and `<name>.pdf` beside it), through the library's atomic import."""
        pdf = path.with_suffix(".pdf")
        found = pdf if pdf.exists() else None
        return self.library.files.import_report(path, found, loan_file_id=loan_file_id).id

    def import_bundle(self, path: Path, loan_file_id: str | None) -> str:
        return self.library.files.import_bundle(path, loan_file_id).id

    def export_bundle(self, report_id: str, path: Path) -> Path:
        return self.raw.files.export_bundle(report_id, path)

    def purge_older_than(self, days: int) -> int:
        return len(self.library.reports.purge_older_than(days))

    def stored_keys(self) -> dict[str, bool]:
        """Which environments have both Plaid keys in the keyring."""
        return {name: has_keys(self.secrets, name) for name in ENVIRONMENTS}

    def forget_keys(self, environment: str) -> None:
        forget_keys(self.secrets, environment)

    def store_team_password(self, team_server: str, password: str) -> None:
        save_team_password(self.secrets, team_server, password)

    def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        if client_id and secret:
            self.secrets.set(kinds.PLAID_CLIENT_ID, environment, client_id)
            self.secrets.set(kinds.PLAID_SECRET, environment, secret)


class _Listing:
    """Items and audit copies read once for the whole library, handed out per loan file."""

    def __init__(self, items: list[ItemRecord], copies: list[AuditCopyRecord]) -> None:
        self._items: dict[str | None, list[ItemRecord]] = {}
        for item in items:
            self._items.setdefault(item.loan_file_id, []).append(item)
        self._copies: dict[str, list[AuditCopyRecord]] = {}
        for copy in copies:
            self._copies.setdefault(copy.report_id, []).append(copy)

    def tree(self, loan: LoanFile, reports: list[ReportRecord]) -> LoanFileTree:
        """`loan` with its Items, these reports (its own, oldest first) and their copies."""
        return LoanFileTree(
            loan,
            tuple(self._items.get(loan.id, ())),
            tuple(ReportTree(r, tuple(self._copies.get(r.id, ()))) for r in reports),
        )
