"""What the workspace's listeners know, as last read, and the events that tell them the rest.

Every library call the workspace makes is reported here after it (`written`), and a colleague's
change reads its loan file again (`follow_loan_file`): each record read back is compared with
what the listeners know, and each difference becomes one typed event
(`services.workspace_events`). Everything here runs on the store thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assets_desktop.services import workspace_events as ev
from assets_desktop.services.workspace_model import LoanFileTree
from assets_desktop.services.workspace_store import REMOVALS, WorkspaceStore
from assets_desktop.store.errors import NotFoundError
from assets_desktop.store.records import AuditCopyRecord, ItemRecord, LoanFile, ReportRecord


class KnownRecords:
    """The loan files, Items, reports and audit copies the listeners know; `emit` tells them
    each change."""

    def __init__(self, store: WorkspaceStore, emit: Callable[[ev.WorkspaceEvent], None]) -> None:
        self._store = store
        self._emit = emit
        self.loans: dict[str, LoanFile] = {}
        self.items: dict[str, ItemRecord] = {}
        self.reports: dict[str, ReportRecord] = {}
        self.copies: dict[str, AuditCopyRecord] = {}

    def loaded(self, trees: tuple[LoanFileTree, ...]) -> None:
        """The whole library was read: it is all the listeners know (`LibraryLoaded`)."""
        for known in (self.loans, self.items, self.reports, self.copies):
            known.clear()
        for tree in trees:
            self.loan_added(tree)
        self._emit(ev.LibraryLoaded(trees))

    def written(self, name: str, args: tuple[Any, ...], result: Any) -> None:
        """A library call went through (store thread): tell what it changed, if anything."""
        removal = result is None or isinstance(result, list)
        if removal and any(word in name for word in REMOVALS):
            named = (
                [r.id for r in result] if result else [a for a in args[:1] if isinstance(a, str)]
            )
            events: list[ev.WorkspaceEvent] = [e for i in named if (e := self.removed(i))]
        else:
            found = result if isinstance(result, list | tuple) else [result]
            events = [e for record in found if (e := self.changed(record))]
        for event in events:
            self._emit(event)

    def follow_loan_file(self, loan_file_id: str) -> None:
        """Read a loan file again (store thread) and tell what differs from what the listeners
        know: it, its Items and reports added, changed or gone (gone too when no longer
        visible to this member)."""
        try:
            tree = self._store.loan_file_tree(loan_file_id)
        except NotFoundError:
            tree = None
        if tree is None or loan_file_id not in self.loans:
            gone = self.removed(loan_file_id) if tree is None else self.loan_added(tree)
            for event in [gone] if gone else []:
                self._emit(event)
            return
        items = {i.item_id for i in tree.items}
        reports = {r.record.id for r in tree.reports}
        stale = [
            i for i, k in self.items.items() if k.loan_file_id == loan_file_id and i not in items
        ]
        stale += [
            r
            for r, k in self.reports.items()
            if k.loan_file_id == loan_file_id and r not in reports
        ]
        records: list[object] = [tree.loan, *tree.items]
        for report in tree.reports:
            records += [report.record, *report.audit_copies]
        events = [e for record in records if (e := self.changed(record))]
        events += [e for ident in stale if (e := self.removed(ident))]
        for event in events:
            self._emit(event)

    def follow_removals(self) -> set[str]:
        """A loan file deleted elsewhere (its notice names none): the ones gone are removed.
        Returns the ids of those still there."""
        present = self._store.loan_file_ids()
        for event in [e for i in list(self.loans) if i not in present and (e := self.removed(i))]:
            self._emit(event)
        return present

    def follow_all(self) -> None:
        """Read every loan file again and tell what differs (writes that were not heard)."""
        for loan_file_id in self.follow_removals():
            self.follow_loan_file(loan_file_id)

    def removed(self, ident: str) -> ev.WorkspaceEvent | None:
        if self.reports.pop(ident, None) is not None:
            return ev.ReportRemoved(ident)
        if self.items.pop(ident, None) is not None:
            return ev.ItemRemoved(ident)
        if self.loans.pop(ident, None) is not None:
            return ev.LoanFileRemoved(ident)
        return None

    def changed(self, record: object) -> ev.WorkspaceEvent | None:
        """The event a record read back after a call means (None: the listeners know it)."""
        loan_id = getattr(record, "loan_file_id", None)
        if isinstance(record, ItemRecord | ReportRecord) and loan_id and loan_id not in self.loans:
            return self.loan_added(self._store.loan_file_tree(loan_id))  # e.g. an import
        if isinstance(record, LoanFile):
            before: object = self.loans.get(record.id)
            if before is None:
                return self.loan_added(LoanFileTree(record, (), ()))
            self.loans[record.id] = record
            return ev.LoanFileChanged(record) if before != record else None
        if isinstance(record, ItemRecord):
            before = self.items.get(record.item_id)
            self.items[record.item_id] = record
            if before is None:
                return ev.ItemAdded(record)
            return ev.ItemChanged(record) if before != record else None
        if isinstance(record, ReportRecord | AuditCopyRecord):
            known = self.reports if isinstance(record, ReportRecord) else self.copies
            before = known.get(record.id)
            if before == record:
                return None
            known[record.id] = record  # type: ignore[assignment]
            report_id = record.id if isinstance(record, ReportRecord) else record.report_id
            tree = self._store.report_tree(report_id)
            new = isinstance(record, ReportRecord) and before is None
            return ev.ReportAdded(tree) if new else ev.ReportStateChanged(tree)
        return None

    def loan_added(self, tree: LoanFileTree) -> ev.LoanFileAdded:
        self.loans[tree.loan.id] = tree.loan
        self.items.update((i.item_id, i) for i in tree.items)
        for report in tree.reports:
            self.reports[report.record.id] = report.record
            self.copies.update((c.id, c) for c in report.audit_copies)
        return ev.LoanFileAdded(tree)
