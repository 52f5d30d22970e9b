"""The report view's exports: the worksheet PDF (built off the UI thread) and the qualification
CSV, each from a file dialog, with the outcome in one status label that never widens the view."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from assets_desktop.domain.analysis.qualification import Qualification
from assets_desktop.services.export_csv import write_qualification_csv
from assets_desktop.ui.report.widgets import ask_save_path

__all__ = ["ReportExports"]

log = logging.getLogger(__name__)

#: Said with every export: the library is encrypted, the files it writes out are not.
NOT_ENCRYPTED = (
    "It is not encrypted: it holds the borrower's name and balances; keep it like a bank statement."
)


def _gone(*_args: object) -> NoReturn:
    raise RuntimeError("the report view was closed")


class ReportExports(QObject):
    """Exports of one report view.

    Signals:
        worksheet_exported(str): the path of a written worksheet PDF.
        worksheet_failed(str): what went wrong exporting it, and what to do.
    """

    worksheet_exported = Signal(str)
    worksheet_failed = Signal(str)

    def __init__(
        self,
        owner: QWidget,
        status: QLabel,
        button: QPushButton,
        worksheet: Callable[[], bytes],
        qualification: Callable[[], Qualification],
        file_name: Callable[[str, str], str],
    ) -> None:
        super().__init__(owner)
        self.status, self.button = status, button
        self.worksheet, self.qualification, self.file_name = worksheet, qualification, file_name

    def forget_view(self) -> None:
        """The view goes: drop what refers back to it (a reference cycle that kept the whole
        report in memory until the next full garbage collection)."""
        self.worksheet = self.qualification = self.file_name = _gone

    def show_status(self, text: str) -> None:
        """The outcome, in full in the tooltip (the label may elide it)."""
        self.status.setText(text)
        self.status.setToolTip(text)

    # --- worksheet ----------------------------------------------------------------------------

    def ask_worksheet(self) -> None:
        self._save_dialog(
            "Export underwriting worksheet", "exportWorksheetDialog", "PDF files (*.pdf)",
            self.file_name("worksheet", "pdf"), self.start_worksheet,
        )  # fmt: skip

    def start_worksheet(self, target: Path | str) -> None:
        """Build the worksheet on a worker thread when the app's asyncio loop runs (else now);
        `worksheet_exported` or `worksheet_failed` tells how it went."""
        target = Path(target)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        self.button.setEnabled(False)
        self.status.setText("Building the worksheet…")
        if loop is None:
            self._finish_worksheet(target, self.worksheet)
            return
        future = loop.run_in_executor(None, self.worksheet)
        future.add_done_callback(lambda done: self._finish_worksheet(target, done.result))

    def _finish_worksheet(self, target: Path, result: Callable[[], bytes]) -> None:
        self.button.setEnabled(True)
        try:
            self.write_worksheet(target, result())
        except OSError as error:
            message = (
                f"The worksheet could not be written to {target}: {error.strerror or error}. "
                "Choose another folder and export again."
            )
            self.show_status(message)
            self.worksheet_failed.emit(message)
        except Exception as error:  # a bug in the PDF builder: say so, keep the view usable
            log.exception("worksheet export failed")
            message = f"The worksheet could not be built ({error}). Please report this."
            self.show_status(message)
            self.worksheet_failed.emit(message)

    def write_worksheet(self, target: Path, data: bytes) -> Path:
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        self.show_status(f"Worksheet saved to {target}. {NOT_ENCRYPTED}")
        self.worksheet_exported.emit(str(target))
        return target

    # --- qualification CSV --------------------------------------------------------------------

    def ask_qualification(self) -> None:
        self._save_dialog(
            "Export the qualification as CSV", "exportQualificationDialog", "CSV files (*.csv)",
            self.file_name("qualification", "csv"), self._qualification_chosen,
        )  # fmt: skip

    def write_qualification(self, target: Path) -> Path:
        write_qualification_csv(target, self.qualification())
        self.show_status(f"Qualification saved to {target}. {NOT_ENCRYPTED}")
        return target

    def _qualification_chosen(self, path: str) -> None:
        try:
            self.write_qualification(Path(path))
        except OSError as error:
            self.show_status(
                f"The CSV could not be written to {path}: {error.strerror or error}. Choose "
                "another folder and export again."
            )

    def _save_dialog(
        self, title: str, name: str, filter_: str, file: str, chosen: Callable[[str], None]
    ) -> None:
        ask_save_path(self.button, title, name, filter_, file, chosen)
