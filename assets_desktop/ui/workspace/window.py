"""The workspace window: navigation tree, selection pane, job panel and the message area."""

from __future__ import annotations

import base64
import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.services.settings import ENVIRONMENT_LABELS, Settings
from assets_desktop.ui.report.formatting import set_date_format
from assets_desktop.ui.resources import app_icon
from assets_desktop.ui.workspace.actions import apply_offline, build_actions
from assets_desktop.ui.workspace.controller import WorkspaceController
from assets_desktop.ui.workspace.errors import MessageArea, MessageRoute
from assets_desktop.ui.workspace.help_menu import add_help_menu
from assets_desktop.ui.workspace.idle_lock import IdleLock
from assets_desktop.ui.workspace.item_details import show_item
from assets_desktop.ui.workspace.jobs import JobPanel, JobRunner
from assets_desktop.ui.workspace.navigation import (
    ITEM,
    LOAN_FILE,
    REPORT,
    EntryRole,
    IdRole,
    KindRole,
    LoanFileEntry,
    NavigationModel,
    ReportEntry,
)
from assets_desktop.ui.workspace.pages import loan_html, report_html
from assets_desktop.ui.workspace.report_pane import ReportPane
from assets_desktop.ui.workspace.style import apply_style


class WorkspaceWindow(QMainWindow):
    """The underwriter's workspace.

    Signals:
        first_painted(): the window painted for the first time (start-up benchmark).
        settings_changed(object): the user saved new `Settings` (the app switches environment).
        connect_requested(): File ▸ Connect: leave offline review (the app connects).
    """

    first_painted = Signal()
    settings_changed = Signal(object)
    connect_requested = Signal()

    def __init__(self, backend: Any, settings: Settings, save_settings: Any = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Assets Desktop")
        self.setWindowIcon(app_icon())
        self.setAccessibleName("Assets Desktop workspace")
        self.resize(_fitting(1400, 900))
        self.settings = settings
        self._save_settings = save_settings
        self._painted = False
        self._closing = False
        self.route = MessageRoute(self)
        self.runner = JobRunner(self.route, self)
        self.model = NavigationModel(self)
        self._build()
        self.controller = WorkspaceController(self, backend)
        library = backend.library
        self.idle_lock = IdleLock(
            self,
            library.protection.verify_passphrase,
            lambda: bool(library.protection.has_passphrase),
        )
        self.idle_lock.set_minutes(settings.lock_after_minutes)
        add_help_menu(self.menuBar(), self, lambda: Path(library.path).parent)
        set_date_format(settings.date_format)
        self.settings_changed.connect(lambda new: set_date_format(new.date_format))
        self._restore_layout()
        self.reload()
        self._update_actions()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.commands = build_actions(self, self.menuBar(), toolbar)
        self.commands["quit"].triggered.connect(self.close)
        self.commands["connect"].triggered.connect(self.connect_requested)
        self.tree = QTreeView(self)
        self.tree.setObjectName("navigationTree")
        self.tree.setAccessibleName("Loan files, Items and reports")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 72)  # "ready", "good": the name needs the room
        header.resizeSection(2, 112)
        self.tree.setMinimumWidth(280)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.pane = ReportPane(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 880])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.messages = MessageArea(self.route, central)
        self.jobs = JobPanel(self.runner, central)
        column.addWidget(self.messages)
        column.addWidget(self.splitter, 1)
        column.addWidget(self.jobs)
        self.setCentralWidget(central)
        self.environment_label = QLabel(self)
        self.environment_label.setObjectName("environmentLabel")
        self.environment_label.setAccessibleName("Environment")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("connectionStatus")
        self.status_label.setAccessibleName("Connection status")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.environment_label)
        apply_style(self.messages, self.jobs, self.statusBar())
        self.show_environment(self.settings.environment)
        self.route.posted.connect(lambda message: self.status_label.setText(message.text))
        self.runner.started.connect(lambda _job: self._update_actions())
        self.runner.finished.connect(lambda _job: self._update_actions())

    def show_environment(self, environment: str, note: str = "") -> None:
        """Name the environment in the status bar (and enable what its connection allows)."""
        if hasattr(self, "controller"):
            self._update_actions()
        label = ENVIRONMENT_LABELS.get(environment, environment)  # type: ignore[call-overload]
        self.environment_label.setText(f"Environment: {label}{note}")
        self.environment_label.setProperty(
            "severity", "warning" if environment == "production" else ""
        )

    # --- selection -------------------------------------------------------------------------

    def reload(self) -> None:
        """Bring the tree up to date with the back end, row by row: expanded nodes, the
        selection and the scroll position stay as they are."""
        first = self.model.rowCount() == 0
        self.model.set_loan_files(self.controller.loan_files())
        if first:
            self.tree.expandAll()
        self._update_actions()

    def selected(self) -> tuple[str, str] | None:
        """(kind, id) of the current node."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.data(KindRole), index.data(IdRole)

    def select(self, kind: str, entry_id: str, open_report: bool = True) -> bool:
        """Make a node current (and expand its ancestors); False when absent."""
        index = self.model.find(kind, entry_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.setExpanded(parent, True)
            parent = parent.parent()
        self._quiet_select = not open_report
        try:
            self.tree.setCurrentIndex(index)
        finally:
            self._quiet_select = False
        self.tree.scrollTo(index)
        return True

    _quiet_select = False

    def selected_loan_file(self) -> LoanFileEntry | None:
        """The loan file of the current node."""
        return self.model.loan_file_of(self.tree.currentIndex())

    def selected_report(self) -> ReportEntry | None:
        """The current node's report, when a report is current."""
        index = self.tree.currentIndex()
        if index.isValid() and index.data(KindRole) == REPORT:
            return index.data(EntryRole)
        return None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if self._quiet_select and current.data(KindRole) == REPORT:
            return
        self.show_selection()

    def show_selection(self) -> None:
        """Show the current node in the pane (opening a ready report)."""
        index = self.tree.currentIndex()
        kind = index.data(KindRole) if index.isValid() else None
        entry = index.data(EntryRole) if index.isValid() else None
        if kind == REPORT and entry.state == "ready":
            self.controller.open_report(entry)
        elif kind == REPORT:
            self.pane.show_details(report_html(entry))
            if entry.state == "building":
                self.controller.resume_report(entry)
        elif kind == ITEM:
            show_item(self.controller, entry)
        elif entry is not None:
            loan = self.model.loan_file_of(index)
            self.pane.show_details(loan_html(loan)) if loan else self.pane.show_empty()
        else:
            self.pane.show_empty()

    def _update_actions(self) -> None:
        loan = self.selected_loan_file()
        report = self.selected_report()
        index = self.tree.currentIndex()
        kind = index.data(KindRole) if index.isValid() else None
        ready = report is not None and report.state == "ready"
        enable = {
            "addItem": loan is not None,
            "editLoanFile": loan is not None,
            "deleteLoanFile": loan is not None,
            "removeItem": kind == ITEM,
            "exportBundle": ready,
            "createReport": loan is not None and bool(loan.items),
            "refreshReport": ready,
            "filterReport": ready,
            "auditCopies": ready,
            "gseToken": ready,
            "relayReport": ready,
            "removeReport": report is not None and report.state in ("ready", "failed", "unknown"),
        }
        for name, on in enable.items():
            self.commands[name].setEnabled(on)
        offline = self.controller.backend.env is None
        apply_offline(self.commands, offline)
        self.commands["connect"].setEnabled(offline)
        if kind == LOAN_FILE and loan is not None and not loan.items:
            self.commands["createReport"].setToolTip("Add an Item first (Ctrl+I)")

    # --- layout memory, painting, closing --------------------------------------------------

    def _restore_layout(self) -> None:
        for blob, restore in (
            (self.settings.window_geometry, self.restoreGeometry),
            (self.settings.window_state, self.restoreState),
            (self.settings.splitter_state, self.splitter.restoreState),
        ):
            if blob:
                with contextlib.suppress(ValueError):  # a damaged blob: keep the default
                    restore(QByteArray(base64.b64decode(blob)))

    def layout_settings(self) -> Settings:
        """The settings with this window's geometry, toolbar and splitter state."""

        def encode(data: QByteArray) -> str:
            return base64.b64encode(bytes(data.data())).decode("ascii")

        return self.settings.replace(
            window_geometry=encode(self.saveGeometry()),
            window_state=encode(self.saveState()),
            splitter_state=encode(self.splitter.saveState()),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.settings.splitter_state and not self._sized:
            self._sized = True
            self.splitter.setSizes([520, max(400, self.width() - 520)])

    _sized = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.runner.running()
        if running and not self._closing:
            event.ignore()
            names = "\n".join(f"• {job.title}: {job.stage}" for job in running)
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Jobs are running",
                f"{len(running)} job(s) are still running:\n{names}\n\nCancel them and quit? "
                "Reports already created stay in Plaid and are listed when you return.",
                QMessageBox.StandardButton.NoButton,
                self,
            )
            box.setObjectName("confirmQuit")
            quit_button = box.addButton("Cancel jobs and quit", QMessageBox.ButtonRole.AcceptRole)
            quit_button.setObjectName("confirmButton")
            keep = box.addButton("Keep working", QMessageBox.ButtonRole.RejectRole)
            keep.setObjectName("cancelButton")
            box.setDefaultButton(keep)
            box.buttonClicked.connect(
                lambda button: self.controller.cancel_and_close() if button is quit_button else None
            )
            self.close_prompt = box
            box.open()
            return
        if self._save_settings is not None:
            try:
                self.settings = self.layout_settings()
                self._save_settings(self.settings)
            except Exception as error:  # never block closing on a settings write
                self.route.report(error, "Saving the window layout")
        self.pane.close_pdf()
        super().closeEvent(event)


def _fitting(width: int, height: int) -> QSize:
    """The first size of the window, within the screen's free area, its frame (title bar,
    borders: about 40 px) included: the status bar never falls below a 900 px screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width()), min(height, free.height() - 40))
