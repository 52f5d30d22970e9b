"""What the controller may know of the window: the selection and the tree's entries, the
report on screen and the current settings (a protocol the window implements)."""

from __future__ import annotations

from typing import Protocol

from assets_desktop.services.settings import Settings
from assets_desktop.ui.workspace.navigation import ItemEntry, LoanFileEntry, ReportEntry


class Selection(Protocol):
    """The selection provider the controller and its actions receive."""

    def selected_loan_file(self) -> LoanFileEntry | None: ...

    def selected_report(self) -> ReportEntry | None: ...

    def selected_item(self) -> ItemEntry | None: ...

    def loan_file(self, loan_file_id: str) -> LoanFileEntry | None: ...

    def loan_file_of_report(self, report_id: str) -> LoanFileEntry | None: ...

    def report(self, report_id: str) -> ReportEntry | None: ...

    def report_on_screen(self) -> str | None: ...

    def current_settings(self) -> Settings: ...
