"""The whole workspace window, as an underwriter sees it at 1400×900 and 1024×768, light and
dark: the loan file, an Item, a report's Summary and PDF. Nothing may be cut; with
ASSETS_DESKTOP_ARTEFACTS set, a PNG of each is saved to look at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.ui.workspace.navigation import ITEM, LOAN_FILE, REPORT

from ..walkthrough import cut_widgets, palette, save_artefact
from .conftest import WindowFactory
from .test_journeys import TIMEOUT, add_item, create_report, new_loan_file, wait_ready

SIZES = ((1400, 900), (1024, 768))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_page_of_the_window_fits_both_screens(
    qtbot: QtBot, make_window: WindowFactory, sandbox: EmbeddedSandbox, dark: bool
) -> None:
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(palette(dark))
    try:
        window = make_window(sandbox)
        new_loan_file(qtbot, window)
        add_item(qtbot, window)
        qtbot.waitUntil(lambda: bool(window.model.loan_files[0].items), timeout=TIMEOUT)
        create_report(qtbot, window)
        report = wait_ready(qtbot, window, "original")
        loan = window.model.loan_files[0]
        pages = {
            "summary": lambda: window.select(REPORT, report.report_id),
            "pdf": lambda: window.pane.tabs.setCurrentIndex(1),
            "item": lambda: window.select(ITEM, loan.items[0].item_id),
            "loan-file": lambda: window.select(LOAN_FILE, loan.loan_file_id),
        }
        problems: list[str] = []
        for page, show in pages.items():
            show()
            if page == "pdf":  # its page count is set when the document has loaded
                qtbot.waitUntil(lambda: window.pane.pdf.page_count >= 1, timeout=TIMEOUT)
            for width, height in SIZES:
                window.resize(width, height)
                qtbot.wait(50)
                theme = "dark" if dark else "light"
                save_artefact(window, f"window-{page}-{width}-{theme}")
                problems += [
                    f"{page} {width}: {p}" for p in cut_widgets(window, QRect(0, 0, width, height))
                ]
        assert problems == [], "\n".join(problems)
    finally:
        app.setPalette(before)


def test_the_first_window_fits_the_screen_with_its_frame(make_window: WindowFactory) -> None:
    """On a short screen the status bar stays on it (the window once opened 900 px tall)."""
    window = make_window()
    free = QApplication.primaryScreen().availableGeometry()
    assert window.width() <= free.width()
    assert window.height() <= free.height() - 40  # room for the title bar and borders
