"""Exports started from the view's buttons: non-blocking file dialogs, worksheet off the UI
thread, CSV and PNG files written, and a clear message when the target cannot be written."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from .conftest import MakeView
from .factory import build_analysis, build_response


def _dialog(view: object, name: str) -> QFileDialog:
    dialog = view.findChild(QFileDialog, name)  # type: ignore[attr-defined]
    assert dialog is not None and dialog.isVisible()
    assert (
        dialog.isModal() is False or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    )
    return dialog


def test_worksheet_button_builds_the_pdf_off_the_ui_thread(
    make_view: MakeView, qtbot: QtBot, qloop: object, tmp_path: Path
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    qtbot.mouseClick(view.worksheet_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(view, "exportWorksheetDialog")
    target = tmp_path / "worksheet.pdf"
    with qtbot.waitSignal(view.worksheet_exported, timeout=10_000) as exported:
        dialog.fileSelected.emit(str(target))
        assert not view.worksheet_button.isEnabled()  # building: not started twice
    assert exported.args == [str(target)]
    assert view.worksheet_button.isEnabled()
    assert "Worksheet saved" in view.export_status.text()
    assert "not encrypted" in view.export_status.text()  # exports warn: the file is in clear
    with pymupdf.open(target) as doc:
        text = doc[0].get_text()
    assert "Alberta Charleson" in text and "report-1234" in text and "Large deposit" in text


def test_worksheet_to_an_unwritable_place_says_what_to_do(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    with qtbot.waitSignal(view.worksheet_failed) as failed:
        view.start_worksheet_export(tmp_path / "missing-folder" / "worksheet.pdf")
    assert "could not be written" in failed.args[0]
    assert "Choose another folder" in view.export_status.text()
    assert view.worksheet_button.isEnabled()


def test_csv_and_png_buttons_open_file_dialogs_and_write(
    make_view: MakeView, qtbot: QtBot, tmp_path: Path
) -> None:
    response = build_response()
    view = make_view(response, build_analysis(response))
    view.show()
    qtbot.mouseClick(view.transactions.export_button, Qt.MouseButton.LeftButton)
    csv_target = tmp_path / "txns.csv"
    with qtbot.waitSignal(view.transactions.csv_exported):
        _dialog(view, "exportCsvDialog").fileSelected.emit(str(csv_target))
    lines = csv_target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + response.report.transaction_count()
    qtbot.mouseClick(view.balances.export_button, Qt.MouseButton.LeftButton)
    png_target = tmp_path / "chart.png"
    with qtbot.waitSignal(view.balances.png_exported):
        _dialog(view, "exportPngDialog").fileSelected.emit(str(png_target))
    assert png_target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
