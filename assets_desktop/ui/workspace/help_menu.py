"""The Help menu: keyboard shortcuts, the underwriting rules with their Selling Guide
references, and About (versions, the data folder). `add_help_menu` builds it on a menu bar."""

from __future__ import annotations

import html
import platform
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QWidget

from assets_desktop import __version__
from assets_desktop.ui.workspace.actions import SPECS

__all__ = [
    "RULES",
    "VIEW_SHORTCUTS",
    "about_text",
    "add_help_menu",
    "rules_text",
    "shortcuts_text",
    "show_text",
]

#: Shortcuts of the report views and the PDF viewer (the menu actions' come from `SPECS`).
VIEW_SHORTCUTS = (
    ("Search the transactions or the PDF", "Ctrl+F"),
    ("Next / previous search hit", "F3 / Shift+F3"),
    ("First / last page of the PDF", "Home / End"),
    ("Save / print the PDF", "Ctrl+S / Ctrl+P"),
    ("Zoom the PDF in / out", "Ctrl+= / Ctrl+-"),
    ("Copy the PDF's selected text", "Ctrl+C"),
    ("Show a flag's transaction or account", "double-click or Enter on the flag"),
    ("An account's transactions and chart line", "double-click the account"),
    ("Copy, show, resolve, add a note", "right-click a flag or a transaction"),
)

#: What the analysis checks, each with the Fannie Mae Selling Guide section it follows.
RULES = (
    ("History", "60 days for a purchase, 30 for a refinance (two statements)", "B3-4.2-01"),
    ("Large deposits", "above 50% of the monthly income: source them or deduct them", "B3-4.2-02"),
    ("Securities", "stocks, bonds and funds count at 100% of their value", "B3-4.3-01"),
    ("Retirement", "vested value × the retirement factor (100% by default)", "B3-4.3-03"),
    ("Gifts", "a gift letter and the donor's transfer document a gift", "B3-4.3-04"),
    ("Earnest money", "its withdrawal must clear the borrower's account", "B3-4.3-09"),
    ("Report age", "flagged past 45 days (the app's limit); documents at most 4 months old "
     "at the note date; Freddie Mac AIM: the as-of date + 14 days", "B1-1-03"),
)  # fmt: skip


def shortcuts_text() -> str:
    """Every keyboard shortcut, as an HTML table."""
    rows = [
        (spec.text.replace("&", "").rstrip("…"), QKeySequence(spec.shortcut).toString(
            QKeySequence.SequenceFormat.NativeText))
        for spec in SPECS
        if spec.shortcut is not None
    ]  # fmt: skip
    return _table([*rows, *VIEW_SHORTCUTS])


def rules_text() -> str:
    """The underwriting rules with their Selling Guide references, as an HTML table."""
    return _table([(f"{name} ({reference})", rule) for name, rule, reference in RULES])


def about_text(data_dir: Path) -> str:
    """Versions and the data folder in use."""
    return _table(
        [
            ("Assets Desktop", __version__),
            ("Python", platform.python_version()),
            ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__}"),
            ("Data folder", str(data_dir)),
        ]
    )


def _table(rows: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    body = "".join(
        f"<tr><td><b>{html.escape(a)}</b>&nbsp;&nbsp;</td><td>{html.escape(b)}</td></tr>"
        for a, b in rows
    )
    return f"<table cellpadding=2>{body}</table>"


def show_text(parent: QWidget, name: str, title: str, text: Callable[[], str]) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, text(), QMessageBox.StandardButton.Close,
                      parent)  # fmt: skip
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def add_help_menu(menu_bar: QMenuBar, parent: QWidget, data_dir: Callable[[], Path]) -> QMenu:
    """Add Help ▸ Keyboard shortcuts (F1), Underwriting rules, About to a menu bar."""
    menu = menu_bar.addMenu("&Help")
    menu.setObjectName("helpMenu")
    for name, title, shortcut, text in (
        ("helpShortcuts", "Keyboard shortcuts", "F1", shortcuts_text),
        ("helpRules", "Underwriting rules", None, rules_text),
        ("helpAbout", "About Assets Desktop", None, lambda: about_text(data_dir())),
    ):
        action = menu.addAction(title)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(
            lambda _=False, n=name, t=title, x=text: show_text(parent, f"{n}Box", t, x)
        )
    return menu
