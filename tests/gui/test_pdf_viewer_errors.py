"""PdfViewer: a PDF that cannot be opened shows a clear message, raises nothing, and the viewer
keeps working for the next PDF."""

from __future__ import annotations

import random

import pytest
from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf.document import PdfOpenError, discard, open_soon
from assets_desktop.ui.pdf.notices import REPAIRED
from tests.gui.pdf_support import known_sample, shown_viewer

GOOD = known_sample(3)


def _encrypted() -> bytes:
    import pymupdf

    doc = pymupdf.open(stream=GOOD.data)
    return bytes(
        doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="borrower", owner_pw="lender")
    )


ADVICE = "Re-download it from the report, or open the JSON view."
BAD_FILES = {
    "empty": (b"", "the file is empty (0 bytes)"),
    "random bytes": (random.Random(9).randbytes(4000), "the file is not a PDF"),
    "html error page": (b"<html><body>502 Bad Gateway</body></html>", "the file is not a PDF"),
    "truncated to its header": (GOOD.data[:300], "the file is damaged or incomplete"),
    "pdf header then garbage": (
        b"%PDF-1.7\n" + random.Random(3).randbytes(3000),
        "the file is damaged or incomplete",
    ),
    "password-protected": (_encrypted(), "the file is password-protected"),
}


@pytest.mark.parametrize("opened_on_a_thread", [False, True])
@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_pdf_that_cannot_be_opened_shows_why_and_what_to_do(
    qtbot: QtBot, name: str, opened_on_a_thread: bool
) -> None:
    data, reason = BAD_FILES[name]
    viewer = shown_viewer(qtbot)
    opening = open_soon(data) if opened_on_a_thread else None
    with qtbot.waitSignal(viewer.load_failed) as failed:
        assert viewer.load_bytes(data, "Asset Report", opening) is False
    message = viewer.message.text()
    assert message == failed.args[0]
    assert message.startswith(f"This PDF could not be opened: {reason}")
    assert message.endswith(ADVICE)
    assert viewer.stack.currentWidget() is viewer.message
    assert viewer.page_count == 0
    assert not viewer.toolbar.zoom_in.isEnabled() and not viewer.toolbar.print.isEnabled()
    viewer.next_page()
    viewer.fit_width()
    viewer.finder.search("anything")
    assert viewer.output.copy_text() == ""
    viewer.output.print_document()
    assert viewer.load_bytes(
        GOOD.data, "Asset Report", open_soon(GOOD.data) if opened_on_a_thread else None
    ), "the next PDF opens normally"
    assert viewer.page_count == 3
    assert viewer.stack.currentWidget() is not viewer.message
    assert viewer.toolbar.zoom_in.isEnabled()
    qtbot.waitUntil(lambda: viewer.canvas.render_key(0) in viewer.cache, timeout=10_000)


def test_a_damaged_pdf_that_mupdf_repairs_opens_with_a_warning(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot)
    truncated = GOOD.data[: len(GOOD.data) // 2]
    assert viewer.load_bytes(truncated, "Asset Report")
    assert not viewer.warning.isHidden()
    assert viewer.warning.text() == REPAIRED
    qtbot.waitUntil(lambda: viewer.canvas.render_key(0) in viewer.cache, timeout=10_000)
    assert viewer.load_bytes(GOOD.data)
    assert viewer.warning.isHidden()


def test_save_as_still_offers_the_bytes_of_a_broken_pdf(qtbot: QtBot, tmp_path: object) -> None:
    viewer = shown_viewer(qtbot)
    viewer.load_bytes(b"%PDF-1.4 broken", "broken")
    assert viewer.toolbar.save_as.isEnabled(), "the user can keep the file to send it on"


def test_closing_the_document_says_so_and_disables_the_controls(qtbot: QtBot) -> None:
    viewer = shown_viewer(qtbot, GOOD)
    viewer.close_document()
    assert viewer.stack.currentWidget() is viewer.message
    assert viewer.message.text() == "No PDF loaded."
    assert not any(widget.isEnabled() for widget in viewer.toolbar.controls())
    assert viewer.page_count == 0 and viewer.output.copy_text() == ""


def test_a_pdf_opened_on_a_thread_and_not_shown_is_closed() -> None:
    opening = open_soon(GOOD.data)
    source = opening.result()
    discard(opening)
    with pytest.raises(PdfOpenError, match="closed"), source.locked():
        pass
    discard(open_soon(b"not a pdf"))  # a failed open: nothing to close, nothing raised
