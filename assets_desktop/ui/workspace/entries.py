"""Tree entries from library records: Items (two at one bank told apart) and reports."""

from __future__ import annotations

import dataclasses
from typing import Any

from assets_desktop.services.workspace import ReportRecord, when
from assets_desktop.ui.workspace.item_labels import item_labels
from assets_desktop.ui.workspace.navigation import AuditCopyEntry, ItemEntry, ReportEntry


def item_entries(records: Any) -> tuple[ItemEntry, ...]:
    """Tree entries for a loan file's Items, two at the same bank told apart."""
    entries = [ItemEntry(i.item_id, i.institution_name, i.status, when(i.updated_at))
               for i in records]  # fmt: skip
    labels = item_labels(entries)
    return tuple(dataclasses.replace(e, label=labels[e.item_id]) for e in entries)


def report_entry(record: ReportRecord, copies: Any) -> ReportEntry:
    """A report as the tree shows it (audit copies only: GSE and relay tokens have dialogs)."""
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
            for c in copies
            if c.kind == "audit copy"  # GSE and relay tokens have their own dialogs
        ),
    )
