"""The navigation tree: loan files → their Items, and their reports with lineage and state.

The model is a `QAbstractItemModel` over small frozen entries (built by the workspace from the
library and the running jobs), so the tree view never reaches into storage itself. New data is
applied row by row (inserted, removed, changed), never by resetting the model.

    Alberta Charleson · purchase
      Items
        First Platypus Bank        good         2026-11-25 10:02
      Reports
        Report 60 days             ready        2026-11-25 10:03
          Refresh 60 days          building
            Filter (2 excluded)    ready
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

LOAN_FILE, ITEMS, REPORTS, ITEM, REPORT = "loan_file", "items", "reports", "item", "report"
KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
EntryRole = Qt.ItemDataRole.UserRole + 3

COLUMNS = ("Name", "Status", "Updated")
_TOP = QModelIndex()  # the invisible root, as a default argument
STATE_LABELS = {
    "building": "building…",
    "ready": "ready",
    "failed": "failed",
    "removed": "removed",
    "cancelled": "cancelled",
    "unknown": "outcome unknown",
}


@dataclass(frozen=True)
class ItemEntry:
    """An Item (a borrower's link to one bank) as the tree shows it."""

    item_id: str
    institution: str
    status: str = "good"
    updated: str = ""
    label: str = ""  # told apart from another Item at the same bank (`item_labels`)


@dataclass(frozen=True)
class AuditCopyEntry:
    """An audit copy made from a report."""

    copy_id: str
    auditor: str
    created: str = ""
    removed: bool = False


@dataclass(frozen=True)
class ReportEntry:
    """A report (or a report being built) with its place in the lineage."""

    report_id: str
    days: int
    state: str = "ready"  # building | ready | failed | removed | cancelled | unknown
    relation: str = "original"  # original | refresh | filter
    parent_id: str | None = None
    created: str = ""
    client_report_id: str = ""
    detail: str = ""  # e.g. "2 accounts excluded", or why it failed
    item_ids: tuple[str, ...] = ()
    audit_copies: tuple[AuditCopyEntry, ...] = ()

    @property
    def label(self) -> str:
        """What the tree shows in the name column."""
        name = {"refresh": "Refresh", "filter": "Filter"}.get(self.relation, "Report")
        text = f"{name} · {self.days} days"
        if self.detail:
            text += f" · {self.detail}"
        return text


@dataclass(frozen=True)
class LoanFileEntry:
    """A loan file with what belongs to it."""

    loan_file_id: str
    borrower: str
    purpose: str = "purchase"
    monthly_income: float = 0.0
    items: tuple[ItemEntry, ...] = ()
    reports: tuple[ReportEntry, ...] = ()
    record: Any = None  # the library's LoanFile (borrowers in parts, the loan's terms)

    @property
    def label(self) -> str:
        """The loan file's name, else borrower · purpose."""
        name = getattr(getattr(self.record, "terms", None), "name", None)
        return name or f"{self.borrower} · {self.purpose}"


@dataclass(eq=False)  # a node is itself (`row` looks it up among its siblings by identity)
class _Node:
    kind: str
    id: str
    entry: Any
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def add(self, child: _Node) -> _Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


def _key(node: _Node) -> tuple[str, str]:
    return node.kind, node.id


def _build(loan_files: list[LoanFileEntry]) -> _Node:
    root = _Node("root", "", None)
    for loan in loan_files:
        loan_node = root.add(_Node(LOAN_FILE, loan.loan_file_id, loan))
        items = loan_node.add(_Node(ITEMS, f"{loan.loan_file_id}/items", loan))
        for item in loan.items:
            items.add(_Node(ITEM, item.item_id, item))
        reports = loan_node.add(_Node(REPORTS, f"{loan.loan_file_id}/reports", loan))
        by_id: dict[str, _Node] = {}
        for report in sorted(loan.reports, key=lambda r: r.created):
            by_id[report.report_id] = _Node(REPORT, report.report_id, report)
        for report in sorted(loan.reports, key=lambda r: r.created):
            parent = by_id.get(report.parent_id or "", reports)
            parent.add(by_id[report.report_id])
    return root


class NavigationModel(QAbstractItemModel):
    """Loan files, Items and report lineage as a three-column tree."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", "", None)
        self.loan_files: list[LoanFileEntry] = []

    def set_loan_files(self, loan_files: list[LoanFileEntry]) -> None:
        """Show these loan files: rows are inserted, removed and updated one by one (never a
        reset), so the view keeps its expanded nodes, selection and scroll position."""
        self.loan_files = list(loan_files)
        self._sync(self._root, _build(self.loan_files))

    def set_first_loan_files(self, first: list[LoanFileEntry]) -> None:
        """Show these loan files on top (the library's first screen, while the rest is read):
        the other rows stay as they are until `set_loan_files` brings the whole library."""
        shown = {loan.loan_file_id for loan in first}
        rest = [loan for loan in self.loan_files if loan.loan_file_id not in shown]
        self.set_loan_files([*first, *rest])

    def loan_file(self, loan_file_id: str) -> LoanFileEntry | None:
        """The loan file with this id, as shown."""
        return next((f for f in self.loan_files if f.loan_file_id == loan_file_id), None)

    def put_loan_file(self, loan: LoanFileEntry) -> None:
        """Show one loan file as given: its rows change one by one (a new one goes on top,
        as the library lists the newest first)."""
        fresh = _build([loan]).children[0]
        for row, node in enumerate(self._root.children):
            if node.id == loan.loan_file_id:
                self.loan_files[row] = loan
                self._sync(node, fresh)
                return
        self.loan_files.insert(0, loan)
        self._insert(self._root, 0, [fresh])

    def drop_loan_file(self, loan_file_id: str) -> None:
        """Remove one loan file's rows."""
        for row, node in enumerate(self._root.children):
            if node.id == loan_file_id:
                del self.loan_files[row]
                self._remove(self._root, row)
                return

    def _index_of(self, node: _Node) -> QModelIndex:
        return QModelIndex() if node is self._root else self.createIndex(node.row(), 0, node)

    def _sync(self, old: _Node, new: _Node) -> None:
        """Make `old`'s subtree equal `new`'s, keeping every node whose (kind, id) stays."""
        if old is not self._root and old.entry != new.entry:
            old.entry = new.entry
            index = self._index_of(old)
            self.dataChanged.emit(index, index.siblingAtColumn(len(COLUMNS) - 1))
        keep = {_key(child) for child in new.children}
        for row in reversed(range(len(old.children))):
            if _key(old.children[row]) not in keep:
                self._remove(old, row)
        present = {_key(child) for child in old.children}
        row = 0
        while row < len(new.children):
            fresh = new.children[row]
            current = old.children[row] if row < len(old.children) else None
            if current is not None and _key(current) == _key(fresh):
                self._sync(current, fresh)
                row += 1
                continue
            if _key(fresh) in present:  # moved (rare): out, then in at its new place
                self._remove(old, [_key(c) for c in old.children].index(_key(fresh)))
            end = row + 1  # with the nodes new to `old` after it: one insertion
            while end < len(new.children) and _key(new.children[end]) not in present:
                end += 1
            self._insert(old, row, new.children[row:end])
            present.update(_key(child) for child in new.children[row:end])
            row = end

    def _insert(self, parent: _Node, row: int, nodes: list[_Node]) -> None:
        self.beginInsertRows(self._index_of(parent), row, row + len(nodes) - 1)
        for node in nodes:
            node.parent = parent
        parent.children[row:row] = nodes
        self.endInsertRows()

    def _remove(self, parent: _Node, row: int) -> None:
        self.beginRemoveRows(self._index_of(parent), row, row)
        del parent.children[row]
        self.endRemoveRows()

    # --- lookups ---------------------------------------------------------------------------

    def find(self, kind: str, entry_id: str) -> QModelIndex:
        """The index of the node of this kind and id (invalid when absent)."""
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node.kind == kind and node.id == entry_id:
                return self.createIndex(node.row(), 0, node)
            stack.extend(node.children)
        return QModelIndex()

    def loan_file_of(self, index: QModelIndex) -> LoanFileEntry | None:
        """The loan file an index belongs to (itself, or an ancestor)."""
        node = self._node(index)
        while node is not None and node.kind != LOAN_FILE:
            node = node.parent
        return None if node is None else node.entry

    def report(self, report_id: str) -> ReportEntry | None:
        """A report entry by id, anywhere in the tree."""
        index = self.find(REPORT, report_id)
        entry: ReportEntry | None = index.data(EntryRole) if index.isValid() else None
        return entry

    # --- QAbstractItemModel ----------------------------------------------------------------

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        return node

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _TOP
    ) -> QModelIndex:
        node = self._node(parent) or self._root
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if 0 <= row < len(node.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = _TOP) -> Any:
        node = self._node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row(), 0, node.parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent) or self._root
        return len(node.children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _TOP) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _ROLES:  # most of what a paint asks (fonts, colours, icons): nothing
            return None
        node = self._node(index)
        if node is None:
            return None
        if role == KindRole:
            return node.kind
        if role == IdRole:
            return node.id
        if role == EntryRole:
            return node.entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(node)
        return _text(node, index.column())

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


#: The roles `data` answers (as ints: comparing Qt's enums costs more than the rest of it).
_ROLES = frozenset(
    int(role)
    for role in (
        KindRole, IdRole, EntryRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)  # fmt: skip
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # built once: `|` costs µs


def _text(node: _Node, column: int) -> str:
    entry = node.entry
    if node.kind == LOAN_FILE:
        return str([entry.label, "", ""][column])
    if node.kind == ITEMS:
        return [f"Items ({len(entry.items)})", "", ""][column]
    if node.kind == REPORTS:
        return [f"Reports ({len(entry.reports)})", "", ""][column]
    if node.kind == ITEM:
        return str([entry.label or entry.institution, entry.status, entry.updated][column])
    if node.kind == REPORT:
        state = STATE_LABELS.get(entry.state, entry.state)
        copies = sum(1 for copy in entry.audit_copies if not copy.removed)
        if copies and column == 1:
            state += f" · {copies} audit cop{'y' if copies == 1 else 'ies'}"
        return str([entry.label, state, entry.created][column])
    return ""


def _tooltip(node: _Node) -> str | None:
    entry = node.entry
    if node.kind == REPORT:
        lines = [f"Asset report {entry.report_id}", f"{entry.days} days requested"]
        if entry.client_report_id:
            lines.append(f"client_report_id {entry.client_report_id}")
        lines += [f"Audit copy for {c.auditor}" for c in entry.audit_copies if not c.removed]
        return "\n".join(lines)
    if node.kind == ITEM:
        return f"Item {entry.item_id} at {entry.institution}: {entry.status}"
    if node.kind == LOAN_FILE:
        return f"{entry.borrower}: {entry.purpose}, monthly income {entry.monthly_income:,.2f}"
    return None
