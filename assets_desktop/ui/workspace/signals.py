"""The Qt adapter of the workspace service: its change events as a Qt signal."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from assets_desktop.services.workspace import Workspace
from assets_desktop.services.workspace_events import WorkspaceEvent


class WorkspaceSignals(QObject):
    """The Qt adapter of the workspace service: each change event as a signal, on the UI
    thread.

    Signals:
        changed(object): a `services.workspace_events` event.
    """

    changed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        workspace.subscribe(self._relay)
        self.destroyed.connect(lambda: workspace.unsubscribe(self._relay))

    def _relay(self, event: WorkspaceEvent) -> None:
        if shiboken6.isValid(self):  # the window may be gone (the service outlives it)
            self.changed.emit(event)
