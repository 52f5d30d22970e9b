"""The workspace service (Qt-free): the library (offline truth) plus one environment's client.

It owns the loan-file/Item/report state the window shows: it takes typed inputs
(`services.workspace_inputs`), runs every library and keyring call on the one store executor
(`services.store_executor`, through `services.workspace_store`) and tells its listeners what
changed with typed events (`services.workspace_events`), on the event loop they subscribed from.
Reads come from the library, so everything listed opens with no network.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.services import decision
from assets_desktop.services import workspace_events as ev
from assets_desktop.services.store_executor import in_store
from assets_desktop.services.workspace_live import ColleagueChanges
from assets_desktop.services.workspace_model import (
    LoanFileTree,
    OfflineError,
    OpenedReport,
    SharedToken,
    WorkspaceError,
)
from assets_desktop.services.workspace_store import REMOVALS, WorkspaceStore
from assets_desktop.store.errors import ConcurrentChangeError, NotFoundError
from assets_desktop.store.library import Library
from assets_desktop.store.records import AuditCopyRecord, ItemRecord, LoanFile, ReportRecord
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import AnalysisParameters, Disposition, LoanTerms
    from assets_desktop.domain.report import Account, AssetReportResponse
    from assets_desktop.services.environment import ConnectedEnvironment
    from assets_desktop.services.workspace_inputs import LoanFileInput
    from assets_desktop.services.workspace_plaid import PlaidActions

__all__ = ["ConcurrentChangeError", "OfflineError", "OpenedReport", "Workspace", "WorkspaceError"]

DEFAULT_WAIT_TIMEOUT = 15 * 60.0
Listener = Callable[[ev.WorkspaceEvent], None]


class Workspace:
    """The library and (optionally) a connected environment, with the user's settings applied.

    `poll_interval`: seconds between report checks (None: the environment's default; the API
    never polls production faster than every 4 s). `large_deposit_ratio` and `min_history_days`
    (None: the rule for the loan's purpose) go into every analysis.
    """

    def __init__(
        self,
        library: Library,
        secrets: SecretStore,
        env: ConnectedEnvironment | None,
        environment: str,
        *,
        poll_interval: float | None = None,
        large_deposit_ratio: float = 0.5,
        min_history_days: int | None = None,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        retirement_factor: float = 1.0,
    ) -> None:
        self.store = WorkspaceStore(library, secrets, self._written)
        self.env = env  # None: offline (the library only)
        self.environment = environment
        self.poll_interval = poll_interval
        self.large_deposit_ratio = large_deposit_ratio
        self.min_history_days = min_history_days
        self.wait_timeout = wait_timeout
        self.retirement_factor = retirement_factor
        # False: a resumed wait asks Plaid only through webhooks and the missed-webhook list.
        self.poll_reports = True
        self._listeners: list[tuple[asyncio.AbstractEventLoop, Listener]] = []
        # What the listeners know, as last read (kept on the store thread).
        self._loans: dict[str, LoanFile] = {}
        self._items: dict[str, ItemRecord] = {}
        self._reports: dict[str, ReportRecord] = {}
        self._copies: dict[str, AuditCopyRecord] = {}
        # A team library: colleagues' writes become events too (from the first load on).
        self.colleagues = ColleagueChanges(self)

    @functools.cached_property
    def plaid(self) -> PlaidActions:
        """The network workflows (imported with the API client, after the first paint)."""
        from assets_desktop.services.workspace_plaid import PlaidActions

        return PlaidActions(self)

    @property
    def library(self) -> Library:
        """The library itself (its path, passphrase checks); read it through the service."""
        return self.store.raw

    @property
    def secrets(self) -> SecretStore:
        return self.store.secrets

    def connected(self) -> ConnectedEnvironment:
        """The connected environment, or OfflineError."""
        if self.env is None:
            raise OfflineError()
        return self.env

    # --- events ------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(event)` on this thread's event loop after every change."""
        self._listeners.append((asyncio.get_event_loop(), listener))

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling `listener`."""
        self._listeners = [(loop, known) for loop, known in self._listeners if known != listener]

    def emit(self, event: ev.WorkspaceEvent) -> None:
        for loop, listener in self._listeners:
            if not loop.is_closed():
                loop.call_soon_threadsafe(listener, event)

    def _written(self, name: str, args: tuple[Any, ...], result: Any) -> None:
        """A library call went through (store thread): tell what it changed, if anything."""
        removal = result is None or isinstance(result, list)
        if removal and any(word in name for word in REMOVALS):
            named = (
                [r.id for r in result] if result else [a for a in args[:1] if isinstance(a, str)]
            )
            events: list[ev.WorkspaceEvent] = [e for i in named if (e := self._removed(i))]
        else:
            found = result if isinstance(result, list | tuple) else [result]
            events = [e for record in found if (e := self._changed(record))]
        for event in events:
            self.emit(event)

    def follow_loan_file(self, loan_file_id: str) -> None:
        """Read a loan file again (store thread) and tell what differs from what the listeners
        know: it, its Items and reports added, changed or gone (gone too when no longer
        visible to this member)."""
        try:
            tree = self.store.loan_file_tree(loan_file_id)
        except NotFoundError:
            tree = None
        if tree is None or loan_file_id not in self._loans:
            gone = self._removed(loan_file_id) if tree is None else self._loan_added(tree)
            for event in [gone] if gone else []:
                self.emit(event)
            return
        items = {i.item_id for i in tree.items}
        reports = {r.record.id for r in tree.reports}
        stale = [
            i for i, k in self._items.items() if k.loan_file_id == loan_file_id and i not in items
        ]
        stale += [
            r
            for r, k in self._reports.items()
            if k.loan_file_id == loan_file_id and r not in reports
        ]
        records: list[object] = [tree.loan, *tree.items]
        for report in tree.reports:
            records += [report.record, *report.audit_copies]
        events = [e for record in records if (e := self._changed(record))]
        events += [e for ident in stale if (e := self._removed(ident))]
        for event in events:
            self.emit(event)

    def follow_removals(self) -> None:
        """A loan file deleted elsewhere (its notice names none): the ones gone are removed."""
        present = self.store.loan_file_ids()
        for event in [e for i in list(self._loans) if i not in present and (e := self._removed(i))]:
            self.emit(event)

    def _removed(self, ident: str) -> ev.WorkspaceEvent | None:
        if self._reports.pop(ident, None) is not None:
            return ev.ReportRemoved(ident)
        if self._items.pop(ident, None) is not None:
            return ev.ItemRemoved(ident)
        if self._loans.pop(ident, None) is not None:
            return ev.LoanFileRemoved(ident)
        return None

    def _changed(self, record: object) -> ev.WorkspaceEvent | None:
        """The event a record read back after a call means (None: the listeners know it)."""
        loan_id = getattr(record, "loan_file_id", None)
        if isinstance(record, ItemRecord | ReportRecord) and loan_id and loan_id not in self._loans:
            return self._loan_added(self.store.loan_file_tree(loan_id))  # e.g. an import
        if isinstance(record, LoanFile):
            before: object = self._loans.get(record.id)
            if before is None:
                return self._loan_added(LoanFileTree(record, (), ()))
            self._loans[record.id] = record
            return ev.LoanFileChanged(record) if before != record else None
        if isinstance(record, ItemRecord):
            before = self._items.get(record.item_id)
            self._items[record.item_id] = record
            if before is None:
                return ev.ItemAdded(record)
            return ev.ItemChanged(record) if before != record else None
        if isinstance(record, ReportRecord | AuditCopyRecord):
            known = self._reports if isinstance(record, ReportRecord) else self._copies
            before = known.get(record.id)
            if before == record:
                return None
            known[record.id] = record  # type: ignore[assignment]
            report_id = record.id if isinstance(record, ReportRecord) else record.report_id
            tree = self.store.report_tree(report_id)
            new = isinstance(record, ReportRecord) and before is None
            return ev.ReportAdded(tree) if new else ev.ReportStateChanged(tree)
        return None

    def _loan_added(self, tree: LoanFileTree) -> ev.LoanFileAdded:
        self._loans[tree.loan.id] = tree.loan
        self._items.update((i.item_id, i) for i in tree.items)
        for report in tree.reports:
            self._reports[report.record.id] = report.record
            self._copies.update((c.id, c) for c in report.audit_copies)
        return ev.LoanFileAdded(tree)

    def analysis_parameters(self, loan: LoanFile) -> AnalysisParameters:
        """The analysis parameters of a loan file, with the user's settings applied."""
        return decision.analysis_parameters(loan, self.large_deposit_ratio, self.min_history_days)

    def loan_terms(self, loan: LoanFile) -> LoanTerms:
        """What the qualification needs from a loan file, with the retirement factor setting."""
        return decision.loan_terms(loan, self.retirement_factor)

    # --- reads (offline) -------------------------------------------------------------------

    async def load(self) -> tuple[LoanFileTree, ...]:
        """Read the whole library (start-up, unlock, library switch): `LibraryLoaded`."""

        def read() -> tuple[LoanFileTree, ...]:
            trees = self.store.trees()
            for known in (self._loans, self._items, self._reports, self._copies):
                known.clear()
            for tree in trees:
                self._loan_added(tree)
            self.emit(ev.LibraryLoaded(trees))
            self.colleagues.start()
            return trees

        return await in_store(read)

    async def open_report(self, report_id: str) -> OpenedReport:
        """Decrypt, decode and analyse a saved report (its parent too, for the changes)."""
        return await in_store(self._open_report, report_id)

    def _open_report(self, report_id: str) -> OpenedReport:
        from assets_desktop.domain.analysis import analyze, diff_reports

        store = self.store
        record = store.report(report_id)
        loan = store.loan_file(record.loan_file_id)
        params = self.analysis_parameters(loan)
        response = store.open_response(report_id, in_pieces=True)  # lets the UI thread run
        analysis = analyze(response, params)
        diff, parent_label = None, None
        if record.parent_id:
            parent = store.report(record.parent_id)
            parent_label = decision.report_label(parent)
            if parent.has_json:
                diff = diff_reports(store.open_response(parent.id), response, params)
        return OpenedReport(
            response, analysis, store.review_state(report_id), diff, store.report_pdf(report_id),
            self.loan_terms(loan), decision.report_label(record),
            parent_label,
        )  # fmt: skip

    async def report_response(self, report_id: str) -> AssetReportResponse:
        """A saved report, decrypted and decoded (to compare with)."""
        return await in_store(self.store.open_response, report_id)

    async def account_choices(self, report_id: str) -> list[tuple[str, str]]:
        """(account_id, label) for each account of a saved report."""
        report = (await self.report_response(report_id)).report
        return [(a.account_id, f"{a.label} ({a.subtype or a.type})") for a in report.accounts()]

    async def item_overview(self, item_id: str) -> tuple[str | None, tuple[Account, ...]]:
        """(label of the newest saved report covering the Item, its accounts there)."""
        return await in_store(self.store.item_overview, item_id)

    async def document(self, attachment_id: str) -> tuple[str, str, bytes]:
        """An attached document: (name, media type, bytes), integrity-checked."""
        return await in_store(self.store.document, attachment_id)

    async def audit_copy_token(self, copy_id: str) -> str:
        """The token of an audit copy (to show the auditor), or '' when not kept."""
        return await in_store(self.store.token, copy_id)

    async def gse_token(self, report_id: str) -> SharedToken | None:
        return await in_store(self.store.gse_token, report_id)

    async def relay_tokens(self, report_id: str) -> tuple[SharedToken, ...]:
        return await in_store(self.store.relay_tokens, report_id)

    # --- local writes ----------------------------------------------------------------------

    async def create_loan_file(self, data: LoanFileInput) -> str:
        """A new loan file (local only); its id. Values are checked by the library."""
        with _refused():
            return await in_store(
                self.store.create_loan_file,
                data.borrowers, data.purpose, data.monthly_income, **data.terms(),
            )  # fmt: skip

    async def update_loan_file(
        self, loan_file_id: str, data: LoanFileInput, expected_version: int | None = None
    ) -> None:
        """Edit a loan file; each change goes to its activity log as old → new. With
        `expected_version` (read when the editor opened), a colleague's save since is refused
        (ConcurrentChangeError) and the loan file is read again: its row shows their version."""
        try:
            with _refused():
                await in_store(
                    self.store.update_loan_file, loan_file_id, data.borrowers, data.purpose,
                    data.monthly_income, expected_version, **data.terms(),
                )  # fmt: skip
        except ConcurrentChangeError:
            await in_store(self.follow_loan_file, loan_file_id)
            raise

    async def delete_loan_file(self, loan_file_id: str) -> None:
        """Delete a loan file with its reports, Items, documents and their tokens."""
        await in_store(self.store.delete_loan_file, loan_file_id)

    async def record_disposition(
        self, report_id: str, disposition: Disposition, document: Path | None = None
    ) -> Disposition:
        """Keep a flag's disposition (with its document, sealed) in the activity log; it carries
        to later reports. Returns it as kept (naming the document)."""
        with _refused():
            kept = await in_store(self.store.record_disposition, report_id, disposition, document)
        self.emit(ev.FlagDisposed(report_id, kept))
        return kept

    async def record_note(self, report_id: str, text: str) -> None:
        """Keep a note on a report in the activity log."""
        await in_store(self.store.record_note, report_id, text)

    async def import_report_file(self, path: Path, loan_file_id: str | None) -> str:
        """Import a report JSON (and `<name>.pdf` beside it); without a loan file, one for the
        report's borrower is made in the same transaction (a refused file leaves nothing)."""
        return await in_store(self.store.import_report_file, path, loan_file_id)

    async def import_bundle(self, path: Path, loan_file_id: str | None) -> str:
        """Import a review bundle (all or nothing); the new report's id."""
        return await in_store(self.store.import_bundle, path, loan_file_id)

    async def export_bundle(self, report_id: str, path: Path) -> Path:
        """Write a review bundle (report, PDF, notes, decisions; SHA-256 manifest)."""
        return await in_store(self.store.export_bundle, report_id, path)

    async def apply_retention(self, days: int) -> int:
        """Delete reports older than `days` (0 keeps everything); how many went."""
        return await in_store(self.store.purge_older_than, days) if days > 0 else 0

    async def stored_keys(self) -> dict[str, bool]:
        """Which environments have both Plaid keys in the keyring."""
        return await in_store(self.store.stored_keys)

    async def forget_keys(self, environment: str) -> None:
        """Delete an environment's Plaid keys from the keyring."""
        await in_store(self.store.forget_keys, environment)

    async def store_team_password(self, team_server: str, password: str) -> None:
        """The team server's password goes straight to the keyring."""
        await in_store(self.store.store_team_password, team_server, password)

    async def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        await in_store(self.store.store_keys, environment, client_id, secret)

    async def aclose(self) -> None:
        """Stop listening to colleagues and close the HTTP client (the library stays open for
        the app's lifetime)."""
        self.colleagues.stop()
        if self.env is not None:
            await self.env.aclose()


@contextlib.contextmanager
def _refused() -> Iterator[None]:
    """A value the library refused (a ValueError naming the field) becomes a WorkspaceError,
    whose sentence the window shows as it is."""
    try:
        yield
    except ValueError as error:
        if isinstance(error, WorkspaceError):
            raise
        raise WorkspaceError(str(error)) from error
