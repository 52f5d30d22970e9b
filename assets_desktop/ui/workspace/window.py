"""The workspace window: navigation tree, selection pane, job panel and the message area."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from assets_desktop.services.settings import ENVIRONMENT_LABELS, Settings
from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_events import WorkspaceEvent
from assets_desktop.ui.report.formatting import set_date_format
from assets_desktop.ui.resources import app_icon
from assets_desktop.ui.style import apply_style
from assets_desktop.ui.workspace.actions import apply_offline, build_actions
from assets_desktop.ui.workspace.audit_actions import open_audit_copies
from assets_desktop.ui.workspace.bundles import BundleActions
from assets_desktop.ui.workspace.controller import WorkspaceController
from assets_desktop.ui.workspace.decisions import DecisionActions
from assets_desktop.ui.workspace.errors import MessageArea, MessageRoute
from assets_desktop.ui.workspace.gse_actions import open_gse_token
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
    ItemEntry,
    KindRole,
    LoanFileEntry,
    NavigationModel,
    ReportEntry,
)
from assets_desktop.ui.workspace.pages import loan_html, report_html
from assets_desktop.ui.workspace.relay_actions import open_relay, open_relayed
from assets_desktop.ui.workspace.report_pane import ReportPane
from assets_desktop.ui.workspace.settings_actions import open_settings
from assets_desktop.ui.workspace.signals import WorkspaceSignals
from assets_desktop.ui.workspace.window_parts import (
    TreeFill,
    fitting,
    navigation_tree,
    quit_prompt,
    read_before_paint,
    restore_layout,
    saved_layout,
    tree_menu,
)


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

    def __init__(self, workspace: Workspace, settings: Settings, save_settings: Any = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Assets Desktop")
        self.setWindowIcon(app_icon())
        self.setAccessibleName("Assets Desktop workspace")
        self.resize(fitting(1400, 900))
        self.settings = settings
        self._save_settings = save_settings
        self._painted = self._closing = False
        self.route = MessageRoute(self)
        self.runner = JobRunner(self.route, self)
        self.model = NavigationModel(self)
        self.workspace = workspace
        self.signals = WorkspaceSignals(workspace, self)  # (its events come after __init__)
        self.reload()  # the library is read while the window is built
        self._build()
        self.fill = TreeFill(self.tree)
        read_before_paint(self, workspace, self.loading)
        self.controller = WorkspaceController(workspace, self, self.runner, self.route, self)
        self.decisions = DecisionActions(self.controller, self.pane)
        self.bundles = BundleActions(self.controller)
        self._connect()
        self.signals.changed.connect(self._apply)
        self.signals.changed.connect(self.decisions.follow)
        library = workspace.library
        self.idle_lock = IdleLock(
            self,
            library.protection.verify_passphrase,
            lambda: bool(library.protection.has_passphrase),
        )
        self.idle_lock.set_minutes(settings.lock_after_minutes)
        add_help_menu(self.menuBar(), self, lambda: Path(library.path).parent)
        set_date_format(settings.date_format)
        self.settings_changed.connect(lambda new: set_date_format(new.date_format))
        restore_layout(self.settings, self, self.splitter)
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
        self.tree = navigation_tree(self, self.model)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self.show_menu)
        self.menu: QMenu | None = None
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

    def _connect(self) -> None:
        """Every connection between the window, its actions and the controller, in one place."""
        controller, decisions, bundles = self.controller, self.decisions, self.bundles
        for name, slot in {
            "openReportFile": controller.open_report_file,
            "settings": lambda: open_settings(controller),
            "addItem": controller.add_item,
            "removeItem": controller.remove_item,
            "createReport": controller.create_report,
            "refreshReport": controller.refresh_report,
            "filterReport": controller.filter_report,
            "auditCopies": lambda: self._on_ready_report(open_audit_copies),
            "gseToken": lambda: self._on_ready_report(open_gse_token),
            "relayReport": lambda: self._on_ready_report(open_relay),
            "openRelayed": lambda: open_relayed(controller),
            "removeReport": controller.remove_report,
            "newLoanFile": decisions.new_loan_file,
            "editLoanFile": lambda: decisions.edit_loan_file(),
            "deleteLoanFile": decisions.delete_loan_file,
            "exportBundle": bundles.ask_export,
            "importBundle": bundles.ask_import,
        }.items():
            self.commands[name].triggered.connect(slot)
        controller.select_requested.connect(self.select)
        controller.report_opened.connect(self.pane.show_report)
        controller.details_shown.connect(self._show_details)
        controller.settings_saved.connect(self.settings_changed)
        controller.close_approved.connect(self.close_now)

    def _on_ready_report(self, open_dialog: Any) -> None:
        """Audit copies, GSE token, Credit Relay: their dialog for the selected ready report."""
        report = self.controller.ready_report()
        if report is not None:
            open_dialog(self.controller, report)

    def _show_details(self, node_id: str, html: str) -> None:
        current = self.tree.currentIndex()
        if current.isValid() and current.data(IdRole) == node_id:
            self.pane.show_details(html)

    def close_now(self) -> None:
        """Close without asking (the jobs have ended, or the caller stops them)."""
        self._closing = True
        self.close()

    def show_menu(self, point: QPoint) -> QMenu | None:
        """The tree's right-click menu for the node under `point`."""
        self.menu = tree_menu(self.tree, self.commands, point)
        return self.menu

    def show_environment(self, environment: str, note: str = "") -> None:
        """Name the environment in the status bar (and enable what its connection allows)."""
        if hasattr(self, "controller"):
            self._update_actions()
        label = ENVIRONMENT_LABELS.get(environment, environment)
        self.environment_label.setText(f"Environment: {label}{note}")
        self.environment_label.setProperty(
            "severity", "warning" if environment == "production" else ""
        )

    # --- selection -------------------------------------------------------------------------

    def reload(self) -> asyncio.Future[Any]:
        """Read the whole library again (start-up, unlock, library switch): the tree follows
        row by row, keeping expanded nodes, the selection and the scroll position. Every other
        change reaches the tree as an event."""
        self.loading: asyncio.Future[Any] = self.workspace.load(
            lambda: self.fill.first_screen_painted()
        )
        self.loading.add_done_callback(self._loaded)
        return self.loading

    def _loaded(self, future: asyncio.Future[Any]) -> None:
        if not future.cancelled() and future.exception() is not None and shiboken6.isValid(self):
            self.route.report(future.exception() or Exception(), "Reading the library")

    def _apply(self, event: WorkspaceEvent) -> None:
        self.fill.apply(event)
        self._update_actions()

    # --- the selection provider (`selection.Selection`) ------------------------------------

    def loan_file(self, loan_file_id: str) -> LoanFileEntry | None:
        return self.model.loan_file(loan_file_id)

    def loan_file_of_report(self, report_id: str) -> LoanFileEntry | None:
        return self.model.loan_file_of(self.model.find(REPORT, report_id))

    def report(self, report_id: str) -> ReportEntry | None:
        return self.model.report(report_id)

    def report_on_screen(self) -> str | None:
        return self.pane.report_id

    def current_settings(self) -> Settings:
        return self.settings

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
        report: ReportEntry | None = self._current(REPORT)
        return report

    def selected_item(self) -> ItemEntry | None:
        """The current node's Item, when an Item is current."""
        item: ItemEntry | None = self._current(ITEM)
        return item

    def _current(self, kind: str) -> Any:
        index = self.tree.currentIndex()
        found = index.isValid() and index.data(KindRole) == kind
        return index.data(EntryRole) if found else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if self._quiet_select and current.data(KindRole) == REPORT:
            return
        self.show_selection()

    def show_selection(self) -> None:
        """Show the current node in the pane (opening a ready report)."""
        index = self.tree.currentIndex()
        if not index.isValid():
            self.pane.show_empty()
            return
        kind, entry = index.data(KindRole), index.data(EntryRole)
        if kind == REPORT and entry.state == "ready":
            self.controller.open_report(entry)
        elif kind == REPORT:
            self.pane.show_details(report_html(entry))
            if entry.state == "building":
                self.controller.resume_report(entry)
        elif kind == ITEM:
            show_item(self.controller, entry)
        elif (loan := self.model.loan_file_of(index)) is not None:
            self.pane.show_details(loan_html(loan))
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
        offline = self.workspace.env is None
        apply_offline(self.commands, offline)
        self.commands["connect"].setEnabled(offline)
        if kind == LOAN_FILE and loan is not None and not loan.items:
            self.commands["createReport"].setToolTip("Add an Item first (Ctrl+I)")

    # --- layout memory, painting, closing --------------------------------------------------

    def layout_settings(self) -> Settings:
        """The settings with this window's geometry, toolbar and splitter state."""
        return self.settings.replace(**saved_layout(self, self.splitter))

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
            self.close_prompt = quit_prompt(self, running, self.controller.cancel_and_close)
            self.close_prompt.open()
            return
        if self._save_settings is not None:
            try:
                self.settings = self.layout_settings()
                self._save_settings(self.settings)
            except Exception as error:  # never block closing on a settings write
                self.route.report(error, "Saving the window layout")
        self.pane.close_pdf()
        self.idle_lock.stop()
        self.workspace.colleagues.stop()  # the listener thread ends with the window
        super().closeEvent(event)
