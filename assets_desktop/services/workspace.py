"""The workspace's Qt-free back end: the library (offline truth) plus one environment's client.

The UI's `WorkspaceBackend` adapts this to its dialogs and tree entries; everything here that
touches the library, the keyring or Plaid lives below the UI, as the layering requires. Reads come
from the library, so everything listed opens with no network. Heavy work (decrypting, decoding,
analysing a large report) is done by the `*_sync` methods, meant for a worker thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assets_desktop.services import decision
from assets_desktop.services.review import ReviewState, record_disposition, record_note
from assets_desktop.services.workspace_model import (
    LoanFileTree,
    OfflineError,
    OpenedReport,
    ReportTree,
    WorkspaceError,
)
from assets_desktop.store import attachments
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from assets_desktop.store.records import (
    AttachmentRecord,
    AuditCopyRecord,
    ItemRecord,
    LoanFile,
    PersonName,
    ReportRecord,
)
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:  # httpx, the API client and the analysis load after the first paint
    from assets_desktop.domain.analysis import AnalysisParameters, Disposition, LoanTerms
    from assets_desktop.domain.report import ReportUser
    from assets_desktop.services.environment import ConnectedEnvironment as Environment
    from assets_desktop.services.progress import ProgressCallback
    from assets_desktop.services.reports import WaitPolicy

__all__ = [
    "AuditCopyRecord",
    "ItemRecord",
    "Library",
    "LoanFile",
    "LoanFileTree",
    "OfflineError",
    "OpenedReport",
    "PersonName",
    "ReportRecord",
    "SecretStore",
    "Workspace",
    "WorkspaceError",
]

DEFAULT_WAIT_TIMEOUT = 15 * 60.0


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
        env: Environment | None,
        environment: str,
        *,
        poll_interval: float | None = None,
        large_deposit_ratio: float = 0.5,
        min_history_days: int | None = None,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        retirement_factor: float = 1.0,
    ) -> None:
        self.library = library
        self.secrets = secrets
        self.env = env  # None: offline (the library only)
        self.environment = environment
        self.poll_interval = poll_interval
        self.large_deposit_ratio = large_deposit_ratio
        self.min_history_days = min_history_days
        self.wait_timeout = wait_timeout
        self.retirement_factor = retirement_factor
        # False: a resumed wait asks Plaid only through webhooks and the missed-webhook list.
        self.poll_reports = True

    def connected(self) -> Environment:
        """The connected environment, or OfflineError."""
        if self.env is None:
            raise OfflineError()
        return self.env

    # --- reads (offline) -------------------------------------------------------------------

    def tree(self) -> list[LoanFileTree]:
        """Every loan file with its Items, reports and audit copies."""
        return [
            LoanFileTree(
                loan,
                tuple(self.library.items.all(loan.id)),
                tuple(
                    ReportTree(r, tuple(self.library.audit_copies.of_report(r.id)))
                    for r in self.library.reports.all(loan.id)
                ),
            )
            for loan in self.library.loan_files.all()
        ]

    def account_choices(self, report_id: str) -> list[tuple[str, str]]:
        """(account_id, label) for each account of a saved report."""
        report = self.library.reports.open(report_id).report
        return [(a.account_id, f"{a.label} ({a.subtype or a.type})") for a in report.accounts()]

    def analysis_parameters(self, loan: LoanFile) -> AnalysisParameters:
        """The analysis parameters of a loan file, with the user's settings applied."""
        return decision.analysis_parameters(loan, self.large_deposit_ratio, self.min_history_days)

    def loan_terms(self, loan: LoanFile) -> LoanTerms:
        """What the qualification needs from a loan file, with the retirement factor setting."""
        return decision.loan_terms(loan, self.retirement_factor)

    def open_report_sync(self, report_id: str) -> OpenedReport:
        """Decrypt, decode and analyse a saved report: call from a worker thread."""
        from assets_desktop.domain.analysis import analyze, diff_reports

        record = self.library.reports.get(report_id)
        loan = self.library.loan_files.get(record.loan_file_id)
        params = self.analysis_parameters(loan)
        response = self.library.reports.open(report_id, in_pieces=True)  # lets the UI thread run
        analysis = analyze(response, params)
        diff, parent_label = None, None
        if record.parent_id:
            parent = self.library.reports.get(record.parent_id)
            parent_label = decision.report_label(parent)
            if parent.has_json:
                before = self.library.reports.open(parent.id)
                diff = diff_reports(before, response, params)
        pdf = self.library.reports.pdf(report_id)
        return OpenedReport(
            response, analysis, self.review_state(report_id), diff, pdf,
            self.loan_terms(loan), decision.report_label(record), parent_label,
        )  # fmt: skip

    def review_state(self, report_id: str) -> ReviewState:
        """Dispositions (with those carried from earlier reports of the loan file) and notes."""
        return decision.review_for_report(self.library, self.library.reports.get(report_id))

    # --- local writes ----------------------------------------------------------------------

    def record_disposition(self, report_id: str, disposition: Disposition) -> None:
        """Keep a flag's disposition in the activity log (it carries to later reports)."""
        record = self.library.reports.get(report_id)
        with _refused():
            record_disposition(
                self.library.activity,
                disposition,
                report_id=report_id,
                loan_file_id=record.loan_file_id,
            )

    def record_note(self, report_id: str, text: str) -> None:
        """Keep a note on a report in the activity log."""
        record = self.library.reports.get(report_id)
        record_note(
            self.library.activity, text, report_id=report_id, loan_file_id=record.loan_file_id
        )

    def attach_document(
        self, report_id: str, path: Path, data: bytes | None = None
    ) -> AttachmentRecord:
        """Seal a document (a gift letter, a proof of sale) in the report's loan file."""
        record = self.library.reports.get(report_id)
        content = data if data is not None else attachments.read_document(path)
        return self.library.attachments.add(
            record.loan_file_id, path.name, content, report_id=report_id
        )

    def document(self, attachment_id: str) -> tuple[AttachmentRecord, bytes]:
        """An attached document and its bytes (integrity-checked)."""
        return (
            self.library.attachments.get(attachment_id),
            self.library.attachments.content(attachment_id),
        )

    def create_loan_file(
        self,
        borrowers: Sequence[str | PersonName],
        purpose: str,
        monthly_income: object,
        **terms: object,
    ) -> str:
        """A new loan file (local only); its id. Values are checked by the library."""
        fields: dict[str, Any] = dict(terms)
        with _refused():
            return self.library.loan_files.create(borrowers, purpose, monthly_income, **fields).id

    def update_loan_file(
        self,
        loan_file_id: str,
        borrowers: Sequence[str | PersonName],
        purpose: str,
        monthly_income: object,
        **terms: object,
    ) -> LoanFile:
        """Edit a loan file; each change goes to its activity log as old → new."""
        fields: dict[str, Any] = dict(terms)
        with _refused():
            return self.library.loan_files.update(
                loan_file_id,
                borrower_names=borrowers,
                purpose=purpose,
                monthly_income=monthly_income,
                **fields,
            )

    def delete_loan_file(self, loan_file_id: str) -> None:
        """Delete a loan file with its reports, Items, documents and their tokens."""
        self.library.loan_files.delete(loan_file_id)

    def import_report_file_sync(self, path: Path, loan_file_id: str | None) -> str:
        """Import a report JSON (and `<name>.pdf` beside it); without a loan file, one for the
        report's borrower is made in the same transaction (a refused file leaves nothing)."""
        pdf = path.with_suffix(".pdf")
        record = self.library.files.import_report(
            path, pdf if pdf.exists() else None, loan_file_id=loan_file_id
        )
        return record.id

    def store_keys(self, environment: str, client_id: str, secret: str) -> None:
        """Keys typed in Settings go straight to the keyring."""
        if client_id and secret:
            self.secrets.set(kinds.PLAID_CLIENT_ID, environment, client_id)
            self.secrets.set(kinds.PLAID_SECRET, environment, secret)

    def audit_copy_token(self, copy_id: str) -> str:
        """The token of an audit copy (to show the auditor), or '' when not kept."""
        return self.secrets.get(kinds.AUDIT_COPY_TOKEN, copy_id) or ""

    # --- Items (network) -------------------------------------------------------------------

    async def add_sandbox_item(
        self,
        loan_file_id: str,
        institution_id: str,
        username: str,
        password: str,
        progress: ProgressCallback | None = None,
    ) -> ItemRecord:
        """Link a sandbox persona as an Item of the loan file."""
        from assets_desktop.services import items

        return await items.add_sandbox_item(
            self.connected(), self.library, institution_id=institution_id, username=username,
            password=password, loan_file_id=loan_file_id, progress=progress,
        )  # fmt: skip

    async def import_access_token(
        self, loan_file_id: str, access_token: str, progress: ProgressCallback | None = None
    ) -> ItemRecord:
        """An Item from an access token the lender's backend already holds."""
        from assets_desktop.services import items

        return await items.import_access_token(
            self.connected(), self.library, access_token, loan_file_id=loan_file_id,
            progress=progress,
        )  # fmt: skip

    async def add_items_by_hosted_link(
        self,
        loan_file_id: str,
        show_url: Callable[[str], None],
        progress: ProgressCallback | None = None,
    ) -> list[ItemRecord]:
        """Create a Hosted Link URL, wait for the borrower to finish, save the Items."""
        from assets_desktop.services import items

        return await items.add_items_by_hosted_link(
            self.connected(), self.library, client_user_id=loan_file_id, show_url=show_url,
            loan_file_id=loan_file_id, progress=progress,
        )  # fmt: skip

    async def remove_item(self, item_id: str) -> None:
        """Revoke the Item at Plaid, then forget it locally (its reports stay)."""
        from assets_desktop.services import items

        await items.remove_item(self.connected(), self.library, item_id)

    # --- report workflows (network) --------------------------------------------------------

    async def create_report(
        self,
        loan_file_id: str,
        item_ids: Sequence[str],
        days: int,
        user: ReportUser | None,
        *,
        include_insights: bool = False,
        add_ons: Sequence[str] = (),
        progress: ProgressCallback | None = None,
    ) -> ReportRecord:
        """Create a report, wait (at the polling-interval setting) and keep JSON and PDF."""
        from assets_desktop.services import reports

        return await reports.create_report_and_wait(
            self.connected(), self.library, loan_file_id=loan_file_id, item_ids=item_ids,
            days_requested=days, user=user, add_ons=add_ons, progress=progress,
            wait=self._wait_policy(include_insights=include_insights),
        )  # fmt: skip

    async def refresh_report(
        self, report_id: str, days: int | None, progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """A refresh (new report linked to this one), waited for and saved."""
        from assets_desktop.services import reports

        return await reports.refresh_report_and_wait(
            self.connected(), self.library, report_id, days_requested=days,
            wait=self._wait_policy(), progress=progress,
        )  # fmt: skip

    async def filter_report(
        self, report_id: str, exclude: Sequence[str], progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """A filtered copy without some accounts, waited for and saved."""
        from assets_desktop.services import reports

        return await reports.filter_report_and_wait(
            self.connected(), self.library, report_id, exclude, wait=self._wait_policy(),
            progress=progress,
        )  # fmt: skip

    async def resume_report(
        self, report_id: str, progress: ProgressCallback | None = None
    ) -> ReportRecord:
        """Wait again for a report left building (after a cancel or a restart)."""
        from assets_desktop.services import reports

        return await reports.wait_and_store(
            self.connected(), self.library, report_id,
            wait=self._wait_policy(poll=self.poll_reports), progress=progress,
        )  # fmt: skip

    def _wait_policy(self, *, include_insights: bool = False, poll: bool = True) -> WaitPolicy:
        from assets_desktop.services.reports import WaitPolicy

        return WaitPolicy(
            timeout=self.wait_timeout, interval=self.poll_interval, poll=poll,
            include_insights=include_insights,
        )  # fmt: skip

    async def remove_report(self, report_id: str) -> None:
        """Remove at Plaid (its audit copies die with it); the library keeps its copy."""
        from assets_desktop.services import reports

        await reports.remove_report(self.connected(), self.library, report_id)

    async def create_audit_copy(self, report_id: str, auditor_id: str) -> str:
        """An audit copy for `auditor_id`; its token (kept in the keyring) is returned."""
        from assets_desktop.services import reports

        copy = await reports.create_audit_copy(
            self.connected(), self.library, report_id, auditor_id
        )
        return self.audit_copy_token(copy.id)

    async def remove_audit_copy(self, copy_id: str) -> None:
        """Revoke an audit copy at Plaid and mark it removed."""
        from assets_desktop.services import reports

        await reports.remove_audit_copy(self.connected(), self.library, copy_id)

    async def aclose(self) -> None:
        """Close the HTTP client (the library stays open for the app's lifetime)."""
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


def when(moment: Any) -> str:
    """A record's timestamp as local 'YYYY-MM-DD HH:MM' ('' for none)."""
    if moment is None:
        return ""
    local = moment.astimezone() if getattr(moment, "tzinfo", None) else moment
    return str(local.strftime("%Y-%m-%d %H:%M"))
