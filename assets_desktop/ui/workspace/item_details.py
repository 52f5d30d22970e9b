"""An Item selected in the tree: its status, when it was added, its accounts (from the newest
saved report that covers it, read off the UI thread) and that report."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from assets_desktop.ui.report.formatting import money
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import ItemEntry

if TYPE_CHECKING:
    from assets_desktop.domain.report import Account
    from assets_desktop.ui.workspace.controller import WorkspaceController


def item_html(entry: ItemEntry, overview: Any = None) -> str:
    """The Item's page: status and date, then its accounts and the report they come from."""
    head = (
        f"<h2>{html.escape(entry.label or entry.institution)}</h2><p>Item status: "
        f"<b>{html.escape(entry.status)}</b> · last update {html.escape(entry.updated)} · "
        f"id {html.escape(entry.item_id)}</p>"
    )
    if overview is None:
        return head + "<p>Reading its accounts from the library…</p>"
    report, accounts = overview
    if report is None:
        return head + "<p>No saved report covers this Item yet: create one (Ctrl+R).</p>"
    rows = "".join(
        f"<tr><td>{html.escape(a.label)}&nbsp;&nbsp;</td><td>{html.escape(a.subtype or a.type)}"
        f"&nbsp;&nbsp;</td><td align=right>{money(a.balances.current, a.balances.currency)}"
        "</td></tr>"
        for a in accounts
    )
    return (
        f"{head}<p><b>Accounts</b> ({len(accounts)}), as of the newest report that covers it, "
        f"{html.escape(report)}:</p><table>{rows}</table>"
    )


def show_item(controller: WorkspaceController, entry: ItemEntry) -> None:
    """Show the Item at once, then its accounts when the library has been read."""
    controller.details_shown.emit(entry.item_id, item_html(entry))

    async def work(job: Job) -> tuple[str | None, tuple[Account, ...]]:
        job.set_stage("Reading the Item's accounts…")
        return await controller.workspace.item_overview(entry.item_id)

    def done(overview: tuple[str | None, tuple[Account, ...]]) -> None:
        controller.details_shown.emit(entry.item_id, item_html(entry, overview))

    controller.run(f"Open {entry.institution}", work, key="open-item", on_success=done)
