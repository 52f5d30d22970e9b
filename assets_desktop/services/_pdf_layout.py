"""Page layout for the worksheet PDF: fonts, cached text measuring, word wrap, a paging writer
and table rows. PyMuPDF `TextWriter` per colour and one `Shape` per page keep it fast."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf as _pymupdf

# PyMuPDF annotates only part of its API (mypy --strict rejects the rest): use it untyped.
pymupdf: Any = _pymupdf

MAX_PAGES = 3
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US Letter
MARGIN = 42.0
BOTTOM = PAGE_HEIGHT - 46.0
REGULAR = pymupdf.Font("helv")
BOLD = pymupdf.Font("hebo")
GREY = (0.35, 0.35, 0.35)
RED = (0.65, 0.16, 0.1)
GREEN = (0.09, 0.41, 0.18)


_ADVANCES: dict[tuple[str, str], float] = {}


def text_width(text: str, size: float, font: Any = REGULAR) -> float:
    """Width of `text` in points; glyph advances are cached (PyMuPDF's text_length is slow)."""
    name = font.name
    total = 0.0
    for char in text:
        advance = _ADVANCES.get((name, char))
        if advance is None:
            advance = _ADVANCES[(name, char)] = font.glyph_advance(ord(char))
        total += advance
    return total * size


def wrap(text: str, width: float, size: float, font: Any = REGULAR) -> list[str]:
    """Greedy word wrap to `width` points."""
    space = text_width(" ", size, font)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            word_width = text_width(word, size, font)
            if line and used + space + word_width > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += word_width + (space if line else 0.0)
            line.append(word)
        lines.append(" ".join(line))
    return lines


@dataclass
class Column:
    title: str
    width: float
    right: bool = False


class Writer:
    """Pages, a cursor and a TextWriter per colour; truncates politely past MAX_PAGES."""

    def __init__(self, footer: str) -> None:
        self.doc = pymupdf.open()
        self.footer = footer
        self.writers: list[dict[tuple[float, float, float], Any]] = []
        self.shapes: list[Any] = []
        self.y = MARGIN
        self.full = False
        self._new_page()

    def _new_page(self) -> None:
        if self.shapes:
            self.shapes[-1].commit()  # a Shape cannot be committed once a later page exists
        page = self.doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        self.writers.append({})
        self.shapes.append(page.new_shape())
        self.y = MARGIN

    def room(self, height: float) -> bool:
        """Make room for `height` points: a new page if needed; False past the last page."""
        if self.y + height <= BOTTOM:
            return True
        if len(self.writers) >= MAX_PAGES:
            self.full = True
            return False
        self._new_page()
        return True

    def text(
        self,
        x: float,
        text: str,
        size: float = 9,
        font: Any = REGULAR,
        color: tuple[float, float, float] = (0, 0, 0),
        right_edge: float | None = None,
    ) -> None:
        """Write one line on the baseline `self.y` (right-aligned to `right_edge` if given)."""
        if right_edge is not None:
            x = right_edge - text_width(text, size, font)
        writer = self.writers[-1].get(color)
        if writer is None:
            writer = self.writers[-1][color] = pymupdf.TextWriter(self.doc[-1].rect, color=color)
        writer.append((x, self.y), text, font=font, fontsize=size)

    def rule(self, weight: float = 0.5) -> None:
        """A horizontal line across the page below the cursor."""
        shape = self.shapes[-1]
        shape.draw_line((MARGIN, self.y + 3), (PAGE_WIDTH - MARGIN, self.y + 3))
        shape.finish(color=(0.6, 0.6, 0.6), width=weight)

    def band(self, height: float, fill: tuple[float, float, float]) -> None:
        """A tinted background behind the next `height` points."""
        shape = self.shapes[-1]
        shape.draw_rect(
            pymupdf.Rect(MARGIN - 2, self.y - 9, PAGE_WIDTH - MARGIN + 2, self.y - 9 + height)
        )
        shape.finish(color=None, fill=fill)

    def heading(self, text: str) -> bool:
        if not self.room(40):
            return False
        self.y += 16
        self.text(MARGIN, text, size=11.5, font=BOLD)
        self.rule(0.8)
        self.y += 16
        return True

    def finish(self) -> bytes:
        self.shapes[-1].commit()
        total = len(self.writers)
        for number, (page, writers) in enumerate(zip(self.doc, self.writers, strict=True), start=1):
            footer = pymupdf.TextWriter(page.rect, color=GREY)
            footer.append((MARGIN, PAGE_HEIGHT - 24), self.footer, font=REGULAR, fontsize=7.5)
            label = f"Page {number} of {total}"
            width = text_width(label, 7.5)
            footer.append(
                (PAGE_WIDTH - MARGIN - width, PAGE_HEIGHT - 24), label, font=REGULAR, fontsize=7.5
            )
            footer.write_text(page)
            for writer in writers.values():
                writer.write_text(page)
        data: bytes = self.doc.tobytes(garbage=3, deflate=True)
        self.doc.close()
        return data


def table_row(
    out: Writer,
    columns: Sequence[Column],
    cells: Sequence[str],
    *,
    font: Any = REGULAR,
    size: float = 8,
    colors: Sequence[tuple[float, float, float] | None] = (),
) -> None:
    x = MARGIN
    for n, (column, cell) in enumerate(zip(columns, cells, strict=True)):
        color = (colors[n] if n < len(colors) else None) or (0, 0, 0)
        text = cell
        while text and text_width(text, size, font) > column.width - 4:
            text = text[:-2] + "…"
        if column.right:
            out.text(x, text, size, font, color, right_edge=x + column.width - 4)
        else:
            out.text(x, text, size, font, color)
        x += column.width
