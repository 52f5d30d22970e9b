"""Tree entries from the workspace's records, and each change event applied to the tree's rows.

Only `LibraryLoaded` (start-up, unlock, library switch) replaces the whole tree; every other
event changes the rows of one loan file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from assets_desktop.services import workspace_events as ev
from assets_desktop.services.workspace_model import (
    ItemRecord,
    LoanFile,
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
    return tuple(dataclasses.replace(e, label=labels[e.item_id]) for e in items)


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


def _loan_fields(loan: LoanFile) -> dict[str, object]:
    return {
        "borrower": " & ".join(loan.borrower_names) or "Unnamed borrower",
        "purpose": loan.purpose,
        "monthly_income": float(loan.monthly_income or 0),
        "record": loan,
    }


def loan_entry(tree: LoanFileTree) -> LoanFileEntry:
    """A loan file with its Items and reports as the tree shows it."""
    return LoanFileEntry(
        tree.loan.id,
        items=labelled(item_entry(i) for i in tree.items),
        reports=tuple(report_entry(r) for r in tree.reports),
        **_loan_fields(tree.loan),  # type: ignore[arg-type]
    )


def apply_event(model: NavigationModel, event: ev.WorkspaceEvent) -> None:
    """Bring the tree's rows up to date with one change."""
    if isinstance(event, ev.LibraryLoaded):
        model.set_loan_files([loan_entry(tree) for tree in event.loan_files])
    elif isinstance(event, ev.LoanFileAdded):
        model.put_loan_file(loan_entry(event.tree))
    elif isinstance(event, ev.LoanFileRemoved):
        model.drop_loan_file(event.id)
    elif isinstance(event, ev.LoanFileChanged):
        _change(model, event.loan.id, **_loan_fields(event.loan))
    elif isinstance(event, ev.ItemAdded | ev.ItemChanged):
        item = event.item
        loan = model.loan_file(item.loan_file_id or "")
        if loan is not None:
            others = [i for i in loan.items if i.item_id != item.item_id]
            _change(model, loan.loan_file_id, items=labelled([*others, item_entry(item)]))
    elif isinstance(event, ev.ItemRemoved):
        for loan in model.loan_files:
            if any(i.item_id == event.id for i in loan.items):
                left = [i for i in loan.items if i.item_id != event.id]
                _change(model, loan.loan_file_id, items=labelled(left))
    elif isinstance(event, ev.ReportAdded | ev.ReportStateChanged):
        entry = report_entry(event.report)
        loan = model.loan_file(event.report.record.loan_file_id)
        if loan is not None:
            kept = tuple(r for r in loan.reports if r.report_id != entry.report_id)
            _change(model, loan.loan_file_id, reports=_in_place(loan.reports, kept, entry))
    elif isinstance(event, ev.ReportRemoved):
        for loan in model.loan_files:
            kept = tuple(r for r in loan.reports if r.report_id != event.id)
            if kept != loan.reports:
                _change(model, loan.loan_file_id, reports=kept)


def _in_place(
    before: tuple[ReportEntry, ...], kept: tuple[ReportEntry, ...], entry: ReportEntry
) -> tuple[ReportEntry, ...]:
    """The reports with `entry` where it was (or last, when new)."""
    if len(kept) == len(before):
        return (*kept, entry)
    return tuple(entry if r.report_id == entry.report_id else r for r in before)


def _change(model: NavigationModel, loan_file_id: str, **fields: object) -> None:
    loan = model.loan_file(loan_file_id)
    if loan is not None:
        model.put_loan_file(dataclasses.replace(loan, **fields))  # type: ignore[arg-type]
