"""The app's status colours, readable on light and dark palettes: the report views' flagged
rows, good/bad/caution figures and muted labels, and the stylesheet's error, warning and ok.

Tints and text colours come from the application palette when asked for (a dark `Window`
picks the dark set), so flagged rows keep the palette's own text colour readable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["PaletteColors", "palette_colors"]

_AMBER = QColor("#ffb000")


class PaletteColors:
    """One palette's colours: `flagged` row tint, `good`/`bad`/`caution` text, `muted` text."""

    def __init__(self, palette: QPalette) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        base = palette.color(QPalette.ColorRole.Base)
        self.dark = window.lightness() < 128
        if self.dark:
            self.flagged = _blend(_AMBER, base, 0.28)  # a dim amber under the light text
            self.good, self.bad, self.caution = (
                QColor("#7fd69a"), QColor("#ff8f80"), QColor("#f0b45a"),
            )  # fmt: skip
        else:
            self.flagged = QColor("#fff0c2")
            self.good, self.bad, self.caution = (
                QColor("#17692f"), QColor("#a5281b"), QColor("#946000"),
            )  # fmt: skip
        self.muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        if abs(self.muted.lightness() - base.lightness()) < 90:  # styles with a faint one
            self.muted = _blend(text, base, 0.65)

    def css(self, name: str) -> str:
        """A colour as `#rrggbb` for rich text (`good`, `bad`, `caution`, `muted`)."""
        color: QColor = getattr(self, name)
        return color.name()


def _blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """`amount` of `top` over `bottom`."""
    return QColor(
        round(top.red() * amount + bottom.red() * (1 - amount)),
        round(top.green() * amount + bottom.green() * (1 - amount)),
        round(top.blue() * amount + bottom.blue() * (1 - amount)),
    )


def palette_colors(palette: QPalette | None = None) -> PaletteColors:
    """The colours for `palette` (default: the application's)."""
    return PaletteColors(palette if palette is not None else QGuiApplication.palette())
