"""Tree entries from the workspace's records, and each change event applied to the tree's rows.

Only `LibraryLoaded` (start-up, unlock, library switch) replaces the whole tree (its first
screen may come before, as `LibraryOpening`); every other event changes the rows of one loan
file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from assets_desktop.services import workspace_events as ev
from assets_desktop.services.workspace_model import (
    ItemRecord,
    LoanFileTree,
    ReportTree,
    when,
)
from assets_desktop.ui.workspace.item_labels import item_labels
from assets_desktop.ui.workspace.navigation import (
    AuditCopyEntry,
    ItemEntry,
    LoanFileEntry,
    NavigationModel,
    ReportEntry,
)


def item_entry(record: ItemRecord) -> ItemEntry:
    return ItemEntry(
        record.item_id, record.institution_name, record.status, when(record.updated_at)
    )


def labelled(entries: Iterable[ItemEntry]) -> tuple[ItemEntry, ...]:
    """A loan file's Items, two at the same bank told apart."""
    items = list(entries)
    labels = item_labels(items)
    return tuple(replace(e, label=labels[e.item_id]) for e in items)


def report_entry(tree: ReportTree) -> ReportEntry:
    """A report as the tree shows it (audit copies only: GSE and relay tokens have dialogs)."""
    record = tree.record
    return ReportEntry(
        report_id=record.id,
        days=record.days_requested or 0,
        state=record.state,
        relation=record.relation or "original",
        parent_id=record.parent_id,
        created=when(record.created_at),
        client_report_id=record.client_report_id or "",
        detail="imported" if record.source.startswith("import") else "",
        audit_copies=tuple(
            AuditCopyEntry(c.id, c.auditor, when(c.created_at), not c.active)
            for c in tree.audit_copies
            if c.kind == "audit copy"
        ),
    )


def loan_entry(tree: LoanFileTree) -> LoanFileEntry:
    """A loan file with its Items and reports as the tree shows it."""
    loan = tree.loan
    return LoanFileEntry(
        loan.id,
        " & ".join(loan.borrower_names) or "Unnamed borrower",
        loan.purpose,
        float(loan.monthly_income or 0),
        items=labelled(item_entry(i) for i in tree.items),
        reports=tuple(report_entry(r) for r in tree.reports),
        record=loan,
    )


def apply_event(model: NavigationModel, event: ev.WorkspaceEvent) -> None:
    """Bring the tree's rows up to date with one change (one loan file's rows at most)."""
    if isinstance(event, ev.LibraryLoaded):
        model.set_loan_files([loan_entry(tree) for tree in event.loan_files])
    elif isinstance(event, ev.LibraryOpening):
        model.set_first_loan_files([loan_entry(tree) for tree in event.loan_files])
    elif isinstance(event, ev.LoanFileAdded):
        model.put_loan_file(loan_entry(event.tree))
    elif isinstance(event, ev.LoanFileRemoved):
        model.drop_loan_file(event.id)
    elif isinstance(event, ev.LoanFileChanged):
        if (old := model.loan_file(event.loan.id)) is not None:
            fresh = loan_entry(LoanFileTree(event.loan, (), ()))
            model.put_loan_file(replace(fresh, items=old.items, reports=old.reports))
    elif isinstance(event, ev.ItemAdded | ev.ItemChanged):
        if (loan := model.loan_file(event.item.loan_file_id or "")) is not None:
            others = [i for i in loan.items if i.item_id != event.item.item_id]
            items = labelled([*others, item_entry(event.item)])
            model.put_loan_file(replace(loan, items=items))
    elif isinstance(event, ev.ItemRemoved):
        for loan in list(model.loan_files):
            left = labelled(i for i in loan.items if i.item_id != event.id)
            if len(left) < len(loan.items):
                model.put_loan_file(replace(loan, items=left))
    elif isinstance(event, ev.ReportAdded | ev.ReportStateChanged):
        entry = report_entry(event.report)
        if (loan := model.loan_file(event.report.record.loan_file_id)) is not None:
            kept = tuple(r for r in loan.reports if r.report_id != entry.report_id)
            model.put_loan_file(replace(loan, reports=_in_place(loan.reports, kept, entry)))
    elif isinstance(event, ev.ReportRemoved):
        for loan in list(model.loan_files):
            kept = tuple(r for r in loan.reports if r.report_id != event.id)
            if kept != loan.reports:
                model.put_loan_file(replace(loan, reports=kept))


def _in_place(
    before: tuple[ReportEntry, ...], kept: tuple[ReportEntry, ...], entry: ReportEntry
) -> tuple[ReportEntry, ...]:
    """The reports with `entry` where it was (or last, when new)."""
    if len(kept) == len(before):
        return (*kept, entry)
    return tuple(entry if r.report_id == entry.report_id else r for r in before)
