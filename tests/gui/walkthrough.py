"""Looking at a window as an underwriter would: save a PNG of it (to ASSETS_DESKTOP_ARTEFACTS,
when set) and list what is cut: widgets outside the window, labels elided without a tooltip."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget

ARTEFACTS = "ASSETS_DESKTOP_ARTEFACTS"


def save_artefact(widget: QWidget, name: str) -> Path | None:
    """A PNG of `widget` in the artefact folder (None when ASSETS_DESKTOP_ARTEFACTS is unset)."""
    folder = os.environ.get(ARTEFACTS)
    if not folder:
        return None
    safe = re.sub(r"[^\w.-]+", "-", name)
    path = Path(folder) / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def palette(dark: bool) -> QPalette:
    """A light or a dark Fusion-like palette."""
    if not dark:
        return QApplication.style().standardPalette()
    p = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e8e8e8"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#353535"),
        (QPalette.ColorRole.ToolTipText, "#e8e8e8"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Link, "#6fa8ff"),
    ):
        p.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def _in_scrolled_content(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return True  # it lives in a viewport: scrolling shows it
        parent = parent.parentWidget()
    return False


def _elided(label: QLabel) -> bool:
    text = label.text()
    if not text or label.wordWrap() or label.sizePolicy().horizontalPolicy().name == "Ignored":
        return False  # wraps, or is meant to be cut (with its tooltip, checked below)
    room = label.contentsRect().width() - 2 * label.margin()
    if label.textFormat() == Qt.TextFormat.RichText or text.lstrip().startswith("<"):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        needed = document.idealWidth()
    else:
        needed = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    return needed > room + 1


def cut_widgets(root: QWidget, screen: QRect) -> list[str]:
    """What an underwriter could not read in full: the window wider or taller than the screen,
    a visible widget outside the window, a label cut without a tooltip giving its text."""
    problems = []
    if root.width() > screen.width() or root.height() > screen.height():
        problems.append(f"{root.objectName()}: {root.width()}×{root.height()} exceeds the screen")
    frame = QRect(QPoint(0, 0), root.size())
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _in_scrolled_content(widget, root):
            continue
        top_left = widget.mapTo(root, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        name = widget.objectName() or type(widget).__name__
        if not frame.contains(rect):
            problems.append(f"{name} at {rect.getRect()} is outside the window {frame.getRect()}")
        if isinstance(widget, QLabel) and _elided(widget) and not widget.toolTip():
            problems.append(f"label {name} {widget.text()[:60]!r} is cut and has no tooltip")
        if (
            isinstance(widget, QLabel)
            and widget.sizePolicy().horizontalPolicy().name == "Ignored"
            and widget.text()
            and not widget.toolTip()
        ):
            problems.append(f"label {name} may be cut and has no tooltip")
    return problems
