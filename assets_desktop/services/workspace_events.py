"""What changed in the workspace: typed events the workspace service emits after each write.

The Qt adapter turns them into signals and the navigation tree applies each to its rows; a full
`LibraryLoaded` (after `LibraryOpening` for a large library) comes only at start-up, after an
unlock or a library switch.
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
class LibraryOpening:
    """The newest loan files of a library too large for one screen, read first so the tree
    shows them while the rest is read: the `LibraryLoaded` with every loan file follows."""

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
class _ItemEvent:
    item: ItemRecord


class ItemAdded(_ItemEvent):
    """An Item was linked to a loan file."""


class ItemChanged(_ItemEvent):
    """An Item's status changed (e.g. it needs the borrower to log in again)."""


@dataclass(frozen=True)
class _ReportEvent:
    report: ReportTree


class ReportAdded(_ReportEvent):
    """A report was recorded (building, or imported ready)."""


class ReportStateChanged(_ReportEvent):
    """A report's record changed: its state, its saved content, its audit copies."""


@dataclass(frozen=True)
class _Removed:
    id: str


class LoanFileRemoved(_Removed):
    """A loan file left the library, with its Items and reports."""


class ItemRemoved(_Removed):
    """An Item was removed (its reports stay)."""


class ReportRemoved(_Removed):
    """A report left the library (deleted, or purged by retention)."""


@dataclass(frozen=True)
class FlagDisposed:
    """A flag's disposition was kept in the activity log."""

    report_id: str
    disposition: Disposition


@dataclass(frozen=True)
class ReviewChanged:
    """A colleague kept a note or a flag's disposition on a report of this loan file (it may
    carry to its later reports): an open review of the loan file reads it again."""

    loan_file_id: str
    report_id: str | None
    actor: str


@dataclass(frozen=True)
class ColleaguesHeard:
    """Whether colleagues' changes reach this window (a team library): False when the server
    dropped the listener, so what is shown may be out of date; True once it listens again and
    has read what changed meanwhile."""

    listening: bool


WorkspaceEvent = (
    LibraryLoaded
    | LibraryOpening
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
    | ReviewChanged
    | ColleaguesHeard
)
