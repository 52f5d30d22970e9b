"""PdfViewer: save as writes the original bytes; print renders every page onto the printer."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.gui.pdf_support import known_sample, shown_viewer


def test_save_to_writes_the_original_bytes(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = known_sample(3)
    viewer = shown_viewer(qtbot, pdf)
    target = tmp_path / "report.pdf"
    assert viewer.output.save_to(str(target))
    assert target.read_bytes() == pdf.data
    assert viewer.status.text() == f"Saved {target}."
    assert not list(tmp_path.glob("*.part"))


def test_save_to_a_missing_folder_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = shown_viewer(qtbot, known_sample(2))
    target = tmp_path / "gone" / "report.pdf"
    assert not viewer.output.save_to(str(target))
    assert f"Could not save the PDF to {target}" in viewer.status.text()
    assert "Choose another folder." in viewer.status.text()


def test_save_as_opens_a_non_blocking_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = known_sample(2)
    viewer = shown_viewer(qtbot, pdf)
    viewer.title = "Asset Report 2026/11"
    viewer.output.save_as(str(tmp_path))
    dialog = viewer.findChild(QFileDialog, "pdfSaveDialog")
    assert dialog is not None and dialog.isVisible()
    assert Path(dialog.directory().absolutePath()) == tmp_path
    target = tmp_path / "chosen.pdf"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    assert target.read_bytes() == pdf.data
    assert viewer.output.suggested_name() == "Asset-Report-2026-11.pdf"


def test_print_to_a_pdf_file_renders_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = known_sample(3)
    viewer = shown_viewer(qtbot, pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert viewer.output.print_to(printer) == 3
    assert viewer.status.text() == "Sent 3 pages to the printer."
    printed = pymupdf.open(out)
    assert printed.page_count == 3
    for page in printed:
        assert len(page.get_images()) == 1
        pixmap = page.get_pixmap(dpi=20)
        assert pixmap.color_count() > 2, "the page image is not blank"


def test_print_a_page_range(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = shown_viewer(qtbot, known_sample(5))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)
    assert viewer.output.print_to(printer) == 2
    assert pymupdf.open(tmp_path / "range.pdf").page_count == 2


def test_print_failure_is_reported_not_raised(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = shown_viewer(qtbot, known_sample(2))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing-folder" / "x.pdf"))
    assert viewer.output.print_to(printer) == 0
    assert viewer.status.text().startswith("Printing failed:")


def test_print_opens_a_non_blocking_dialog(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, known_sample(2))
    viewer.output.print_document()
    dialog = viewer.findChild(QPrintDialog, "pdfPrintDialog")
    assert dialog is not None and dialog.isVisible()
    assert (dialog.minPage(), dialog.maxPage()) == (1, 2)
    dialog.reject()


def test_printing_from_the_dialog_runs_page_by_page_off_the_ui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    viewer = shown_viewer(qtbot, known_sample(4))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    printer.setOutputFileName(str(tmp_path / "background.pdf"))
    progress: list[tuple[int, int]] = []
    with qtbot.waitSignal(viewer.print_finished, timeout=20_000) as finished:
        job = viewer.output.print_in_background(printer)
        assert job is not None
        job.progressed.connect(lambda done, total: progress.append((done, total)))
        assert not viewer.toolbar.print.isEnabled(), "one print at a time"
    assert finished.args == [4, ""]
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert viewer.status.text() == "Sent 4 pages to the printer."
    assert viewer.toolbar.print.isEnabled()
    assert pymupdf.open(tmp_path / "background.pdf").page_count == 4


def test_closing_the_document_stops_a_print_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    viewer = shown_viewer(qtbot, known_sample(6))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    printer.setOutputFileName(str(tmp_path / "stopped.pdf"))
    with qtbot.waitSignal(viewer.print_finished, timeout=20_000) as finished:
        viewer.output.print_in_background(printer)
        viewer.close_document()
    printed, error = finished.args
    assert printed < 6 and error == "the document was closed"
    assert viewer.load_bytes(known_sample(2).data), "the viewer keeps working"
