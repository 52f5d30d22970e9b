"""The status colours follow the palette: flagged rows, muted labels and the form dialogs'
error notes read on light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from assets_desktop.ui.colors import palette_colors
from assets_desktop.ui.forms import FormDialog
from tests.gui.walkthrough import palette as scheme_palette


def _palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.PlaceholderText, text),
    ):
        palette.setColor(role, QColor(color))
    return palette


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_flagged_tint_and_status_colours_keep_text_readable_on_light_and_dark(
    qtbot: QtBot,
) -> None:
    light = _palette("#efefef", "#ffffff", "#000000")
    dark = _palette("#2b2b2b", "#1e1e1e", "#e8e8e8")
    for palette in (light, dark):
        colors = palette_colors(palette)
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        assert colors.dark is (palette is dark)
        assert colors.flagged != base, "flagged rows stand out"
        assert _contrast(text, colors.flagged) >= 7, "the palette's text reads on a flagged row"
        for name in ("good", "bad", "caution"):
            assert _contrast(getattr(colors, name), base) >= 4.5, name
        assert _contrast(colors.muted, base) >= 3, "muted labels stay legible"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_form_dialogs_error_note_is_drawn_in_the_palettes_readable_red(
    qtbot: QtBot, qapp: QApplication, dark: bool
) -> None:
    before = qapp.palette()
    qapp.setPalette(scheme_palette(dark))
    try:
        dialog = FormDialog("Check", "checkDialog")
        qtbot.addWidget(dialog)
        edit = dialog.add_line_edit("Amount:", "amount", "", validate=lambda: "Not a number.")
        dialog.show()
        qtbot.keyClicks(edit, "x")  # touched: its error shows
        qtbot.waitUntil(lambda: dialog.errors() == ["Not a number."])
        note = dialog.findChild(QLabel, "amountNote")
        image = note.grab().toImage()
        pixels = {
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
        }
    finally:
        qapp.setPalette(before)
    expected = "#ff8f80" if dark else "#a5281b"  # the dark and light sets' `bad`, by hand
    assert expected in pixels, "the note's glyphs are drawn in the palette's red"
    window = scheme_palette(dark).color(QPalette.ColorRole.Window)
    assert _contrast(QColor(expected), window) >= 4.5
