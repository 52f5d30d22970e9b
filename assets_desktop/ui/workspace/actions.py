"""The workspace's actions: menu entries, toolbar buttons and keyboard shortcuts in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QToolBar


@dataclass(frozen=True)
class ActionSpec:
    """One action: its objectName, text, shortcut, menu and whether it is on the toolbar."""

    name: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None
    menu: str
    toolbar: bool = True
    tip: str = ""


SPECS = (
    ActionSpec(
        "newLoanFile", "&New loan file…", "Ctrl+N", "&File", tip="Open a loan file for a borrower"
    ),
    ActionSpec(
        "openReportFile",
        "&Open report file…",
        "Ctrl+O",
        "&File",
        tip="Open an Asset Report JSON (and its PDF) from disk",
    ),
    ActionSpec(
        "editLoanFile",
        "&Edit loan file…",
        "Ctrl+E",
        "&File",
        toolbar=False,
        tip="Borrowers, purpose, income, cash to close, PITIA, reserves, earnest money",
    ),
    ActionSpec(
        "openRelayed",
        "Open re&layed report…",
        None,
        "&File",
        toolbar=False,
        tip="Read a report a partner shared with you through Credit Relay",
    ),
    ActionSpec("deleteLoanFile", "&Delete loan file…", None, "&File", toolbar=False),
    ActionSpec(
        "connect",
        "&Connect",
        None,
        "&File",
        toolbar=False,
        tip="Connect to the chosen environment (leave offline review without a restart)",
    ),
    ActionSpec("settings", "&Settings…", "Ctrl+,", "&File", toolbar=False),
    ActionSpec(
        "exportBundle",
        "&Export review bundle…",
        None,
        "&File",
        toolbar=False,
        tip="The selected report, its PDF, notes and decisions in one file for a colleague",
    ),
    ActionSpec(
        "importBundle",
        "&Import review bundle…",
        None,
        "&File",
        toolbar=False,
        tip="A review bundle from a colleague, into the selected loan file (or a new one)",
    ),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "&File", toolbar=False),
    ActionSpec("addItem", "Add &Item…", "Ctrl+I", "&Item", tip="Link a bank to the loan file"),
    ActionSpec("removeItem", "&Remove Item…", None, "&Item", toolbar=False),
    ActionSpec(
        "createReport",
        "&Create report…",
        "Ctrl+R",
        "&Report",
        tip="Ask Plaid for an Asset Report over the loan file's Items",
    ),
    ActionSpec(
        "refreshReport",
        "Re&fresh report…",
        "F5",
        "&Report",
        tip="Make a new report with fresh data, linked to this one",
    ),
    ActionSpec(
        "filterReport",
        "Fi&lter accounts…",
        "Ctrl+L",
        "&Report",
        tip="Make a copy of the report without some accounts",
    ),
    ActionSpec(
        "auditCopies",
        "&Audit copies…",
        "Ctrl+Shift+A",
        "&Report",
        tip="Create or remove audit copies (Fannie Mae, Freddie Mac, Ocrolus)",
    ),
    ActionSpec(
        "gseToken",
        "&GSE token…",
        "Ctrl+Shift+G",
        "&Report",
        toolbar=False,
        tip="The loan's VOA token for Fannie Mae D1C / Freddie Mac AIM: create, update, remove",
    ),
    ActionSpec(
        "relayReport",
        "Credit Re&lay…",
        None,
        "&Report",
        toolbar=False,
        tip="Share the report with a partner (Credit Relay), or revoke a share",
    ),
    ActionSpec("removeReport", "Re&move report…", "Del", "&Report", toolbar=False),
)


def build_actions(window: QMainWindow, menu_bar: QMenuBar, toolbar: QToolBar) -> dict[str, QAction]:
    """Create every action with its shortcut, add it to its menu and the toolbar."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for spec in SPECS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.name)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        plain = spec.text.replace("&", "").rstrip("…")
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = spec.tip or plain
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        if spec.menu not in menus:
            menus[spec.menu] = menu_bar.addMenu(spec.menu)
        menus[spec.menu].addAction(action)
        if spec.toolbar:
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            button.setObjectName(f"{spec.name}Button")
            button.setAccessibleName(plain)
        actions[spec.name] = action
    window.addActions(list(actions.values()))
    return actions


#: Actions that need Plaid (or the sandbox): disabled while offline.
NETWORK_ACTIONS = (
    "addItem",
    "removeItem",
    "createReport",
    "refreshReport",
    "filterReport",
    "auditCopies",
)
OFFLINE_REASON = (
    "Offline: this needs a connection to Plaid. The library stays open for review; use "
    "File ▸ Connect to go online."
)


def apply_offline(actions: dict[str, QAction], offline: bool) -> None:
    """Disable the network actions while offline, the reason in their tooltip; online, give
    them back their own tooltip (the window then enables them as the selection allows)."""
    for name in NETWORK_ACTIONS:
        action = actions[name]
        own = action.property("onlineToolTip") or action.toolTip()
        action.setProperty("onlineToolTip", own)
        if offline:
            action.setEnabled(False)
        action.setToolTip(f"{own}\n{OFFLINE_REASON}" if offline else own)
