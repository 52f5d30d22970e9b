"""The workspace's values: what an opened report carries, the library's tree, its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from assets_desktop.domain.errors import AppError
from assets_desktop.services.review import ReviewState
from assets_desktop.store.records import AuditCopyRecord, ItemRecord, LoanFile, ReportRecord

__all__ = [
    "AuditCopyRecord", "ItemRecord", "LoanFile", "LoanFileTree", "OfflineError", "OpenedReport",
    "ReportRecord", "ReportTree", "SharedToken", "WorkspaceError", "when",
]  # fmt: skip

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import LoanTerms
    from assets_desktop.domain.analysis.types import Analysis, ReportDiff
    from assets_desktop.domain.report import AssetReportResponse


class WorkspaceError(AppError):
    """A failure with a sentence for the user (what went wrong and what to do)."""


class OfflineError(WorkspaceError):
    """A network action asked of a workspace that has no client (offline review)."""

    def __init__(self) -> None:
        super().__init__(
            "this needs a connection to Plaid, and the app is offline. Your library is "
            "available for review; connect, then try again."
        )


@dataclass(frozen=True)
class OpenedReport:
    """Everything the report view needs, decoded and analysed off the UI thread."""

    response: AssetReportResponse
    analysis: Analysis
    review: ReviewState = field(default_factory=ReviewState)
    diff: ReportDiff | None = None
    """What changed since the report it refreshes or filters (`parent_label`)."""
    pdf: bytes | None = None
    terms: LoanTerms | None = None
    """None: the view shows the qualification without loan terms."""
    label: str = ""
    parent_label: str | None = None


@dataclass(frozen=True)
class ReportTree:
    """One report with its audit copies."""

    record: ReportRecord
    audit_copies: tuple[AuditCopyRecord, ...]


@dataclass(frozen=True)
class LoanFileTree:
    """One loan file with its Items and reports, as the library holds them."""

    loan: LoanFile
    items: tuple[ItemRecord, ...]
    reports: tuple[ReportTree, ...]


@dataclass(frozen=True)
class SharedToken:
    """A GSE or relay token as the dialogs show it."""

    copy_id: str
    report_id: str
    token: str  # '' when the keyring no longer has it
    created: str
    partner: str = ""  # a relay token's secondary_client_id


def when(moment: datetime | None) -> str:
    """A record's timestamp as local 'YYYY-MM-DD HH:MM' ('' for none)."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo else moment
    # (not strftime: it imports `time` on every call, ~10 µs each for the tree's 1,000s of rows)
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"
