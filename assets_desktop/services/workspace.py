"""The workspace service (Qt-free): the library (offline truth) plus one environment's client.

It owns the loan-file/Item/report state the window shows: it takes typed inputs
(`services.workspace_inputs`), runs every library and keyring call on the one store executor
(`services.store_executor`, through `services.workspace_store`) and tells its listeners what
changed with typed events (`services.workspace_events`), on the event loop they subscribed from.
Reads come from the library, so everything listed opens with no network.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import functools
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assets_desktop.services import decision
from assets_desktop.services import workspace_events as ev
from assets_desktop.services.settings import WorkspaceRules
from assets_desktop.services.store_executor import in_store, to_store
from assets_desktop.services.workspace_known import KnownRecords
from assets_desktop.services.workspace_live import ColleagueChanges
from assets_desktop.services.workspace_model import (
    LoanFileTree,
    OfflineError,
    OpenedReport,
    SharedToken,
    WorkspaceError,
)
from assets_desktop.services.workspace_store import FIRST_SCREEN_LOAN_FILES, WorkspaceStore
from assets_desktop.store.errors import ConcurrentChangeError
from assets_desktop.store.library import Library
from assets_desktop.store.records import LoanFile
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import AnalysisParameters, Disposition, LoanTerms
    from assets_desktop.domain.report import Account, AssetReportResponse
    from assets_desktop.services.environment import ConnectedEnvironment
    from assets_desktop.services.workspace_inputs import LoanFileInput
    from assets_desktop.services.workspace_plaid import PlaidActions

__all__ = ["ConcurrentChangeError", "OfflineError", "OpenedReport", "Workspace", "WorkspaceError"]

Listener = Callable[[ev.WorkspaceEvent], None]


class Workspace:
    """The library and (optionally) a connected environment, with the user's settings applied
    (`rules`: replaced when the user changes them)."""

    def __init__(
        self,
        library: Library,
        secrets: SecretStore,
        env: ConnectedEnvironment | None,
        environment: str,
        rules: WorkspaceRules | None = None,
    ) -> None:
        self.store = WorkspaceStore(library, secrets, lambda *call: self.known.written(*call))
        # What the listeners know, as last read (kept on the store thread).
        self.known = KnownRecords(self.store, self.emit)
        self.env = env  # None: offline (the library only)
        self.environment = environment
        self.rules = rules or WorkspaceRules()
        # False: a resumed wait asks Plaid only through webhooks and the missed-webhook list.
        self.poll_reports = True
        self._listeners: list[_Subscriber] = []
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
        self._listeners.append(_Subscriber(asyncio.get_event_loop(), listener))

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling `listener`."""
        self._listeners = [known for known in self._listeners if known.listener != listener]

    def emit(self, event: ev.WorkspaceEvent) -> None:
        for subscriber in self._listeners:
            if not subscriber.loop.is_closed():
                subscriber.pending.append(event)
                subscriber.loop.call_soon_threadsafe(subscriber.deliver_one)

    def deliver_pending(self) -> None:
        """Call this thread's listeners now with the events told and not delivered yet (before
        the window's first paint: it shows what has been read), in order."""
        for subscriber in self._listeners:
            if subscriber.loop is asyncio.get_event_loop():
                while subscriber.pending:
                    subscriber.deliver_one()

    def analysis_parameters(self, loan: LoanFile) -> AnalysisParameters:
        """The analysis parameters of a loan file, with the user's settings applied."""
        return decision.analysis_parameters(loan, self.rules)

    def loan_terms(self, loan: LoanFile) -> LoanTerms:
        """What the qualification needs from a loan file, with the retirement factor setting."""
        return decision.loan_terms(loan, self.rules)

    # --- reads (offline) -------------------------------------------------------------------

    def load(
        self, shown: Callable[[], Awaitable[object]] | None = None
    ) -> asyncio.Future[tuple[LoanFileTree, ...]]:
        """Read the whole library (start-up, unlock, library switch): `LibraryLoaded`.

        The read is queued at once (at start-up, while the window is being built). A library
        larger than the tree's first screen comes in two reads: that screen's loan files first
        (`LibraryOpening`), then, once `shown()` has returned (the window painted them), all
        of them: the second read does not take the interpreter from that paint."""
        first = asyncio.wrap_future(to_store(self._read_first_screen))
        return asyncio.ensure_future(self._load(first, shown))

    async def _load(
        self,
        first: asyncio.Future[tuple[LoanFileTree, ...] | None],
        shown: Callable[[], Awaitable[object]] | None,
    ) -> tuple[LoanFileTree, ...]:
        trees = await first
        if trees is None:
            if shown is not None:
                await shown()
            trees = await in_store(lambda: self._loaded(self.store.trees(self.store.loan_files())))
        return trees

    def _read_first_screen(self) -> tuple[LoanFileTree, ...] | None:
        """The whole library when it fits the first screen, else None (`LibraryOpening` told)."""
        loans = self.store.loan_files(newest=FIRST_SCREEN_LOAN_FILES + 1)  # (+1: more to come?)
        head = self.store.first_screen(loans)
        if len(head) == len(loans) <= FIRST_SCREEN_LOAN_FILES:
            return self._loaded(head)
        self.emit(ev.LibraryOpening(head))
        return None

    def _loaded(self, trees: tuple[LoanFileTree, ...]) -> tuple[LoanFileTree, ...]:
        """The library as read (store thread): `LibraryLoaded`, then colleagues' changes."""
        self.known.loaded(trees)
        self.colleagues.start()
        return trees

    def open_report(self, report_id: str) -> asyncio.Future[OpenedReport]:
        """Decrypt, decode and analyse a saved report (its parent too, for the changes).

        Queued on the store thread at the call, not when awaited: the read runs while the UI
        thread paints the selection that asked for it. Cancelling the future drops the read
        when it has not started."""
        return asyncio.wrap_future(to_store(self._open_report, report_id))

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
            await in_store(self.known.follow_loan_file, loan_file_id)
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


@dataclasses.dataclass
class _Subscriber:
    """A listener, its event loop and the events told to it and not delivered yet."""

    loop: asyncio.AbstractEventLoop
    listener: Listener
    pending: collections.deque[ev.WorkspaceEvent] = dataclasses.field(
        default_factory=collections.deque
    )

    def deliver_one(self) -> None:
        """The oldest pending event to the listener (on its loop; none left: nothing)."""
        if self.pending:
            self.listener(self.pending.popleft())


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
