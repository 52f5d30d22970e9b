"""A minimal, fast PDF page writer on top of PyMuPDF: text, rules, boxes and line charts.

Pages are drawn by writing PDF content-stream operators directly (Helvetica and
Helvetica-Bold, WinAnsi). Measured on this machine: a `TextWriter.append` costs ~0.5 ms and
`Font.text_length` ~2.5 ms per call, which puts a 15,000-row report at tens of seconds;
writing the operators costs microseconds per row, so the largest report renders in well
under the 5 s target. PyMuPDF still builds, compresses and saves the document.
"""

from __future__ import annotations

import functools
from typing import Any

import pymupdf as _pymupdf

pymupdf: Any = _pymupdf  # PyMuPDF's own annotations are partial

Color = tuple[float, float, float]
# The report's palette (RGB, 0-1).
NAVY: Color = (0.11, 0.23, 0.38)
INK: Color = (0.13, 0.15, 0.19)
MUTED: Color = (0.42, 0.45, 0.50)
GREEN: Color = (0.05, 0.45, 0.22)
RED: Color = (0.66, 0.13, 0.13)
RULE: Color = (0.82, 0.84, 0.88)
ZEBRA: Color = (0.955, 0.963, 0.975)
AMBER_FILL: Color = (1.0, 0.965, 0.86)
AMBER: Color = (0.72, 0.45, 0.02)
WHITE: Color = (1.0, 1.0, 1.0)
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US Letter, points
FONTS = {"helv": "Helvetica", "hebo": "Helvetica-Bold"}


@functools.cache
def _widths(font: str) -> dict[str, float]:
    """Advance widths (per point of font size) of every WinAnsi character."""
    face = pymupdf.Font(font)
    table: dict[str, float] = {}
    for code in range(32, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        table[char] = float(face.glyph_advance(ord(char)))
    return table


_WIDTH_CACHE: dict[tuple[str, str], float] = {}
_FIT_CACHE: dict[tuple[str, float, float, str], str] = {}


def text_width(text: str, size: float, font: str = "helv") -> float:
    """Width of `text` in points (per-string cache: descriptions and amounts repeat)."""
    key = (text, font)
    unit = _WIDTH_CACHE.get(key)
    if unit is None:
        widths = _widths(font)
        unit = _WIDTH_CACHE[key] = sum(widths.get(char, 0.5) for char in text)
        if len(_WIDTH_CACHE) > 50_000:
            _WIDTH_CACHE.clear()
    return unit * size


def fit(text: str, width: float, size: float, font: str = "helv") -> str:
    """`text`, cut with an ellipsis so that it fits in `width` points."""
    key = (text, width, size, font)
    fitted = _FIT_CACHE.get(key)
    if fitted is None:
        fitted = _FIT_CACHE[key] = _fit(text, width, size, font)
        if len(_FIT_CACHE) > 50_000:
            _FIT_CACHE.clear()
    return fitted


def _fit(text: str, width: float, size: float, font: str) -> str:
    if text_width(text, size, font) <= width:
        return text
    widths = _widths(font)
    budget = width / size - widths["…"]
    used = 0.0
    for index, char in enumerate(text):
        used += widths.get(char, 0.5)
        if used > budget:
            return text[:index].rstrip() + "…"
    return text


def _escape(text: str) -> str:
    if "(" in text or ")" in text or "\\" in text:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return text


@functools.cache
def _rgb(color: Color) -> str:
    return f"{color[0]:.3f} {color[1]:.3f} {color[2]:.3f}"


class Canvas:
    """One page's drawing, top-left origin, in points."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(
        self, x: float, y: float, text: str, size: float = 9, font: str = "helv",
        color: Color = INK,
    ) -> None:  # fmt: skip
        """Text with its baseline at `y`."""
        self.ops.append(
            f"BT /{font} {size:g} Tf {_rgb(color)} rg 1 0 0 1 {x:.2f} {PAGE_HEIGHT - y:.2f} Tm "
            f"({_escape(text)}) Tj ET"
        )

    def row(self, y: float, cells: list[tuple[float, str, float, str, Color]]) -> None:
        """Several texts on one baseline in one text object: (x, text, size, font, color)."""
        parts = ["BT"]
        base = PAGE_HEIGHT - y
        for x, text, size, font, color in cells:
            parts.append(
                f"/{font} {size:g} Tf {_rgb(color)} rg 1 0 0 1 {x:.2f} {base:.2f} Tm "
                f"({_escape(text)}) Tj"
            )
        parts.append("ET")
        self.ops.append(" ".join(parts))

    def text_right(
        self, right: float, y: float, text: str, size: float = 9, font: str = "helv",
        color: Color = INK,
    ) -> None:  # fmt: skip
        """Text that ends at `right`."""
        self.text(right - text_width(text, size, font), y, text, size, font, color)

    def rect(
        self, x: float, y: float, w: float, h: float, *, fill: Color | None = None,
        stroke: Color | None = None, width: float = 0.5,
    ) -> None:  # fmt: skip
        """A rectangle with its top-left corner at (x, y)."""
        paint = "B" if fill and stroke else ("f" if fill else "S")
        colors = (f"{_rgb(fill)} rg " if fill else "") + (f"{_rgb(stroke)} RG " if stroke else "")
        self.ops.append(
            f"q {colors}{width:g} w {x:.2f} {PAGE_HEIGHT - y - h:.2f} {w:.2f} {h:.2f} re {paint} Q"
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, color: Color = (0.8, 0.82, 0.86),
        width: float = 0.5, dash: str = "",
    ) -> None:  # fmt: skip
        """A straight line (`dash` like "2 2" for a dashed one)."""
        self.ops.append(
            f"q {_rgb(color)} RG {width:g} w [{dash}] 0 d {x1:.2f} {PAGE_HEIGHT - y1:.2f} m "
            f"{x2:.2f} {PAGE_HEIGHT - y2:.2f} l S Q"
        )

    def polyline(
        self, points: list[tuple[float, float]], *, color: Color, width: float = 1.0,
        fill_to: float | None = None, fill: Color | None = None,
    ) -> None:  # fmt: skip
        """A connected line through `points`; optionally the area down to `fill_to` filled."""
        if len(points) < 2:
            return
        path = " ".join(f"{x:.2f} {PAGE_HEIGHT - y:.2f} l" for x, y in points[1:])
        start = f"{points[0][0]:.2f} {PAGE_HEIGHT - points[0][1]:.2f} m"
        if fill_to is not None and fill is not None:
            base = PAGE_HEIGHT - fill_to
            self.ops.append(
                f"q {_rgb(fill)} rg {points[0][0]:.2f} {base:.2f} m {start.replace(' m', ' l')} "
                f"{path} {points[-1][0]:.2f} {base:.2f} l h f Q"
            )
        self.ops.append(f"q {_rgb(color)} RG {width:g} w 1 j {start} {path} S Q")


class PdfBuilder:
    """Collects pages drawn on Canvases and saves them as one compact PDF."""

    def __init__(self) -> None:
        self.pages: list[Canvas] = []

    def new_page(self) -> Canvas:
        canvas = Canvas()
        self.pages.append(canvas)
        return canvas

    def to_bytes(self, title: str) -> bytes:
        doc = pymupdf.open()
        fonts = {}
        for name, base in FONTS.items():
            xref = doc.get_new_xref()
            doc.update_object(xref, f"<</Type/Font/Subtype/Type1/BaseFont/{base}"
                                    "/Encoding/WinAnsiEncoding>>")  # fmt: skip
            fonts[name] = xref
        resources = "<</Font<<" + "".join(f"/{n} {x} 0 R" for n, x in fonts.items()) + ">>>>"
        for canvas in self.pages:
            page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
            content = doc.get_new_xref()
            doc.update_object(content, "<<>>")
            stream = "\n".join(canvas.ops).encode("cp1252", errors="replace")
            doc.update_stream(content, stream, compress=True)
            doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
            doc.xref_set_key(page.xref, "Resources", resources)
        doc.set_metadata({"title": title, "producer": "Assets Desktop local sandbox"})
        data: bytes = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
        doc.close()
        return data
