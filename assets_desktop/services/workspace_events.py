"""What changed in the workspace: typed events the workspace service emits after each write.

The Qt adapter turns them into signals and the navigation tree applies each to its rows; a full
`LibraryLoaded` comes only at start-up, after an unlock or a library switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assets_desktop.services.workspace_model import LoanFileTree, ReportTree
from assets_desktop.store.records import ItemRecord, LoanFile

if TYPE_CHECKING:
    from assets_desktop.domain.analysis import Disposition


@dataclass(frozen=True)
class LibraryLoaded:
    """The whole library, read at once (start-up, unlock, library switch)."""

    loan_files: tuple[LoanFileTree, ...]


@dataclass(frozen=True)
class LoanFileAdded:
    """A new loan file (with what came with it, e.g. an imported report)."""

    tree: LoanFileTree


@dataclass(frozen=True)
class LoanFileChanged:
    """A loan file's borrowers, purpose, income or terms changed."""

    loan: LoanFile


@dataclass(frozen=True)
class LoanFileRemoved:
    loan_file_id: str


@dataclass(frozen=True)
class ItemAdded:
    item: ItemRecord


@dataclass(frozen=True)
class ItemChanged:
    """An Item's status changed (e.g. it needs the borrower to log in again)."""

    item: ItemRecord


@dataclass(frozen=True)
class ItemRemoved:
    item_id: str


@dataclass(frozen=True)
class ReportAdded:
    """A report was recorded (building, or imported ready)."""

    report: ReportTree


@dataclass(frozen=True)
class ReportStateChanged:
    """A report's record changed: its state, its saved content, its audit copies."""

    report: ReportTree


@dataclass(frozen=True)
class ReportRemoved:
    """A report left the library (deleted, or purged by retention)."""

    report_id: str


@dataclass(frozen=True)
class FlagDisposed:
    """A flag's disposition was kept in the activity log."""

    report_id: str
    disposition: Disposition


WorkspaceEvent = (
    LibraryLoaded
    | LoanFileAdded
    | LoanFileChanged
    | LoanFileRemoved
    | ItemAdded
    | ItemChanged
    | ItemRemoved
    | ReportAdded
    | ReportStateChanged
    | ReportRemoved
    | FlagDisposed
)
