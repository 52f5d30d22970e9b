"""The report view's tab pages: built on first need (`LazyPage`), scrolled when the window is
short (`ScrollPage`), and read as typed attributes of the view (`TabPage`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar, overload

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

__all__ = ["LazyPage", "ScrollPage", "TabPage"]

PageT = TypeVar("PageT", bound=QWidget)


class LazyPage(QWidget):
    """A tab page whose content is built by `build(page)` on first need."""

    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget) -> None:
        super().__init__(parent)
        self._build: Callable[[QWidget], QWidget] | None = build
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.content is None:
            content = self._build(self) if self._build is not None else QWidget(self)
            self._layout.addWidget(content)
            if self.isVisible():  # (else it shows with the page)
                content.show()
            self.content = content
            self._build = None  # (a method of the view: a reference cycle with it)
        return self.content

    def forget_builder(self) -> None:
        """The view goes: a page not built yet stays empty."""
        self._build = None


class ScrollPage(QScrollArea):
    """A tab page that scrolls its content when the window is short (1024×768) rather than
    pushing the window past the screen. The content goes in with `attach` (its size hints are
    worked out then: ~15 ms for the largest report's summary, a turn of its own), or when the
    page first shows."""

    def __init__(self, content: QWidget, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Marked as sized: else setWidget lays out (and polishes) all of `content` for its
        # size hint, and again when it shows, sized to the page.
        content.setAttribute(Qt.WidgetAttribute.WA_Resized)
        content.hide()  # until attached (a child of the page's parent meanwhile)
        self._content: QWidget | None = content

    def attach(self) -> None:
        """Put the content in (once)."""
        if self._content is not None:
            content, self._content = self._content, None
            self.setWidget(content)

    def showEvent(self, event: QShowEvent) -> None:
        self.attach()
        super().showEvent(event)


class _Tabs(Protocol):
    def built_tab(self, index: int) -> QWidget: ...


class TabPage(Generic[PageT]):
    """A tab of the view as an attribute of type `kind`: reading it builds the tab if it is
    not built yet (`view.balances` is the Balances chart, ready to use)."""

    def __init__(self, index: int, kind: type[PageT]) -> None:
        self.index = index
        self.kind = kind

    @overload
    def __get__(self, view: None, owner: type) -> TabPage[PageT]: ...
    @overload
    def __get__(self, view: _Tabs, owner: type) -> PageT: ...
    def __get__(self, view: _Tabs | None, owner: type) -> TabPage[PageT] | PageT:
        if view is None:
            return self
        page = view.built_tab(self.index)
        if not isinstance(page, self.kind):
            raise TypeError(f"tab {self.index} holds a {type(page).__name__}, not {self.kind}")
        return page
