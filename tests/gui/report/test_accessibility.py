"""Every interactive widget of the report view has a stable object name and an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assets_desktop.ui.report.balances_tab import BalanceChartView

from .conftest import MakeView
from .factory import build_analysis, build_response

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabWidget,
    BalanceChartView,
)


def _qt_internal(widget: QWidget, top: QWidget) -> bool:
    """Headers, corner buttons, popups and scroll buttons Qt makes inside our widgets."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QAbstractItemView, QComboBox, QTabBar, QAbstractSpinBox, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def test_interactive_widgets_are_named(make_view: MakeView, qtbot: QtBot) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    view.ensure_all_built()
    widgets = [w for w in view.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    unnamed = []
    for widget in widgets:
        if _qt_internal(widget, view):
            continue
        if not widget.objectName() or not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == [], "\n".join(unnamed)
    names = [w.objectName() for w in widgets if not _qt_internal(w, view)]
    assert len(names) == len(set(names)), "object names are unique"
