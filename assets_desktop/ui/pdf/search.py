"""Text search: the hits and the current one, and the search bar (box, previous/next, count)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from assets_desktop.ui.pdf.document import SearchHit


class SearchState:
    """The hits for one search text and which of them is current (wrapping both ways)."""

    def __init__(self, text: str = "", hits: Sequence[SearchHit] = ()) -> None:
        self.text = text
        self.hits = list(hits)
        self.current = 0 if self.hits else -1

    def step(self, forward: bool) -> SearchHit | None:
        if not self.hits:
            return None
        self.current = (self.current + (1 if forward else -1)) % len(self.hits)
        return self.hits[self.current]

    def first_from(self, page: int) -> SearchHit | None:
        """Make the first hit on or after `page` current (wrapping), as readers do."""
        if not self.hits:
            return None
        after = [i for i, hit in enumerate(self.hits) if hit.page >= page]
        self.current = after[0] if after else 0
        return self.hits[self.current]

    def label(self) -> str:
        if not self.text:
            return ""
        if not self.hits:
            return "No matches"
        return f"hit {self.current + 1} of {len(self.hits)}"


class SearchBar(QWidget):
    """Search box with previous/next buttons and a "hit k of n" label.

    Signals: `search_requested(text)` when the text settles or Enter is pressed on new text;
    `step_requested(forward)` for Enter/Shift+Enter on the same text and the buttons.
    """

    search_requested = Signal(str)
    step_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.box = QLineEdit(self)
        self.box.setObjectName("pdfSearchBox")
        self.box.setAccessibleName("Search the PDF")
        self.box.setPlaceholderText("Search (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(140)
        self.box.installEventFilter(self)
        self.previous = self._button("pdfPreviousHit", "Previous hit (Shift+Enter)", "▲")
        self.next = self._button("pdfNextHit", "Next hit (Enter, F3)", "▼")
        self.count = QLabel("", self)
        self.count.setObjectName("pdfHitCount")
        self.count.setAccessibleName("Search hits")
        self.count.setMinimumWidth(76)
        for widget in (self.box, self.previous, self.next, self.count):
            layout.addWidget(widget)
        self.previous.clicked.connect(lambda: self.step_requested.emit(False))
        self.next.clicked.connect(lambda: self.step_requested.emit(True))
        self._searched = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._settle)
        self.box.textEdited.connect(lambda _: self._debounce.start())

    def _button(self, name: str, tip: str, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAccessibleName(tip.split(" (")[0])
        button.setToolTip(tip)
        button.setText(text)
        return button

    def _settle(self) -> None:
        text = self.box.text()
        if text != self._searched:
            self._searched = text
            self.search_requested.emit(text)

    def enter(self, forward: bool = True) -> None:
        """Enter: search new text now, or step to the next/previous hit of the same text."""
        self._debounce.stop()
        if self.box.text() != self._searched:
            self._settle()
        else:
            self.step_requested.emit(forward)

    def reset(self) -> None:
        self._debounce.stop()
        self._searched = ""
        self.box.clear()
        self.count.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.reset()
                self.search_requested.emit("")
                return True
        return super().eventFilter(watched, event)
