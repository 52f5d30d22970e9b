"""Parts of the workspace window: the navigation tree's view, its rows filled from the
workspace's events (the first screen painted first) and its right-click menu, the "jobs are
running" prompt on quit, the layout it remembers and its first size on this screen."""

from __future__ import annotations

import asyncio
import base64
import contextlib
from collections.abc import Callable, Sequence
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSize
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTreeView,
    QWidget,
)

from assets_desktop.services.settings import Settings
from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_events import LibraryLoaded, LibraryOpening, WorkspaceEvent
from assets_desktop.ui.workspace.entries import apply_event
from assets_desktop.ui.workspace.jobs import Job
from assets_desktop.ui.workspace.navigation import (
    ITEM,
    LOAN_FILE,
    REPORT,
    KindRole,
    NavigationModel,
)

#: What the tree's right-click menu offers, by the kind of node under the cursor.
MENU_ACTIONS = {
    LOAN_FILE: ("editLoanFile", "addItem", "createReport", "importBundle", "deleteLoanFile"),
    ITEM: ("addItem", "removeItem"),
    REPORT: ("refreshReport", "filterReport", "auditCopies", "exportBundle", "removeReport"),
}


def navigation_tree(parent: QWidget, model: NavigationModel) -> QTreeView:
    """The tree of loan files, Items and reports (three columns, one selection)."""
    tree = QTreeView(parent)
    tree.setObjectName("navigationTree")
    tree.setAccessibleName("Loan files, Items and reports")
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAlternatingRowColors(True)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(60)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 72)  # "ready", "good": the name needs the room
    header.resizeSection(2, 112)
    tree.setMinimumWidth(280)
    return tree


class _PaintWatch(QObject):
    """Resolves `painted` at its widget's next paint."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted: asyncio.Future[None] = asyncio.get_event_loop().create_future()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted.done():
            self.painted.set_result(None)
        return False


#: The longest wait for the first screen's paint (seconds): a minimised window paints nothing.
PAINT_WAIT = 0.5


class TreeFill:
    """The tree's rows from the workspace's events. The library's first rows are shown
    expanded, and so are the rest of its loan files when they follow its first screen."""

    def __init__(self, tree: QTreeView) -> None:
        self._tree = tree
        self._opening = False  # the first screen was the last read: the rest follows
        self._screen: _PaintWatch | None = None

    def apply(self, event: WorkspaceEvent) -> None:
        """One change applied to the rows (one loan file's, but for a read of the library)."""
        model = self._tree.model()
        first = model.rowCount() == 0
        apply_event(cast(NavigationModel, model), event)
        rest = self._opening and isinstance(event, LibraryLoaded)
        if (first or rest) and model.rowCount():
            self._tree.expandAll()
        if isinstance(event, LibraryOpening | LibraryLoaded):
            self._opening = first and isinstance(event, LibraryOpening)
        if isinstance(event, LibraryOpening) and self._opening and self._tree.isVisible():
            self._screen = _PaintWatch(self._tree.viewport())  # its rows' paint is next

    async def first_screen_painted(self) -> None:
        """Return once the first screen's rows have been painted (at once when the tree is
        not on screen; after `PAINT_WAIT` at the latest)."""
        watch, self._screen = self._screen, None
        if watch is None or not shiboken6.isValid(watch):
            return
        try:
            async with asyncio.timeout(PAINT_WAIT):
                await watch.painted
        except TimeoutError:
            pass
        finally:
            _dispose(watch)


#: What a window receives before its widgets paint: shown (the first frame), asked to update.
_BEFORE_PAINT = (QEvent.Type.Show, QEvent.Type.UpdateRequest)


class _ReadBeforePaint(QObject):
    def __init__(self, window: QWidget, workspace: Workspace) -> None:
        super().__init__(window)
        self._workspace = workspace
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _BEFORE_PAINT:
            self._workspace.deliver_pending()
        return False


def read_before_paint(window: QWidget, workspace: Workspace, loading: Any) -> None:
    """Until `loading` (the library's read) ends, each paint of `window` first takes the events
    already read and not delivered yet: the first frames show the rows read so far (queued,
    they would come after the paints already due)."""
    watch = _ReadBeforePaint(window, workspace)
    loading.add_done_callback(lambda _read: _dispose(watch))


def _dispose(watch: QObject) -> None:
    if shiboken6.isValid(watch):  # (gone with its widget, if that closed first)
        watch.deleteLater()  # its event filter goes with it


def tree_menu(tree: QTreeView, commands: dict[str, QAction], point: QPoint) -> QMenu | None:
    """The actions for the node under the cursor (it becomes the selection first)."""
    index = tree.indexAt(point)
    if not index.isValid():
        return None
    tree.setCurrentIndex(index)
    names = MENU_ACTIONS.get(index.data(KindRole), ())
    if not names:
        return None
    menu = QMenu(tree)
    menu.setObjectName("treeMenu")
    for name in names:
        menu.addAction(commands[name])
    menu.popup(tree.viewport().mapToGlobal(point))
    return menu


def quit_prompt(parent: QWidget, running: Sequence[Job], quit_: Callable[[], None]) -> QMessageBox:
    """Ask whether to cancel the running jobs and quit (non-blocking); `quit_` on yes."""
    names = "\n".join(f"• {job.title}: {job.stage}" for job in running)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Jobs are running",
        f"{len(running)} job(s) are still running:\n{names}\n\nCancel them and quit? "
        "Reports already created stay in Plaid and are listed when you return.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("confirmQuit")
    quit_button = box.addButton("Cancel jobs and quit", QMessageBox.ButtonRole.AcceptRole)
    quit_button.setObjectName("confirmButton")
    keep = box.addButton("Keep working", QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("cancelButton")
    box.setDefaultButton(keep)
    box.buttonClicked.connect(lambda button: quit_() if button is quit_button else None)
    return box


def restore_layout(settings: Settings, window: QMainWindow, splitter: QSplitter) -> None:
    """Put the window, its toolbar and its splitter as they were (a damaged blob: the default)."""
    for blob, restore in (
        (settings.window_geometry, window.restoreGeometry),
        (settings.window_state, window.restoreState),
        (settings.splitter_state, splitter.restoreState),
    ):
        if blob:
            with contextlib.suppress(ValueError):
                restore(QByteArray(base64.b64decode(blob)))


def saved_layout(window: QMainWindow, splitter: QSplitter) -> dict[str, str]:
    """The window's geometry, toolbar and splitter state, as settings keep them."""

    def encode(data: QByteArray) -> str:
        return base64.b64encode(bytes(data.data())).decode("ascii")

    return {
        "window_geometry": encode(window.saveGeometry()),
        "window_state": encode(window.saveState()),
        "splitter_state": encode(splitter.saveState()),
    }


def fitting(width: int, height: int) -> QSize:
    """The first size of the window, within the screen's free area, its frame (title bar,
    borders: about 40 px) included: the status bar never falls below a 900 px screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width()), min(height, free.height() - 40))
