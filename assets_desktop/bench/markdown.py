"""The benchmark table as Markdown, in the README's form (`assets-desktop bench --markdown`)."""

from __future__ import annotations

from assets_desktop.bench.figures import Figure

HEADER = (
    "| figure | value | peer (same run) | peer value | ratio | target | met |\n"
    "|---|---:|---|---:|---:|---|:-:|"
)
MET_CELL = {True: "✓", False: "**✗ miss**", None: ""}


def three_figures(value: float) -> str:
    """A value to about three significant figures, with thousands separators: 1,145 · 56.4 ·
    2.46 · 0.64."""
    size = abs(value)
    if size >= 99.95:
        return f"{value:,.0f}"
    if size >= 9.995:
        return f"{value:.1f}"
    return f"{value:.2f}"


def with_unit(value: float, unit: str) -> str:
    """`value` and its unit ("213 ms", "0.25 k"), or the bare number for a unitless count."""
    number = three_figures(value)
    return f"{number} {unit}" if unit else number


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_row(figure: Figure) -> str:
    """One figure as a table row; ratios and "x" targets written with the × sign."""
    peer_value = "" if figure.peer_value is None else with_unit(figure.peer_value, figure.unit)
    ratio = "" if figure.ratio is None else f"{figure.ratio:.2f}×"
    target = figure.target or ""
    if target.endswith("x") and target[:-1].rstrip()[-1:].isdigit():
        target = target[:-1] + "×"
    cells = (
        figure.name, with_unit(figure.value, figure.unit), figure.peer or "", peer_value,
        ratio, target, MET_CELL[figure.met],
    )  # fmt: skip
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def format_markdown(figures: list[Figure], machine: str) -> str:
    """The machine line, the table and the misses, ready to paste into README → Performance."""
    missed = [f.name.strip() for f in figures if f.met is False]
    lines = [f"Run: {machine}.", "", HEADER, *(markdown_row(f) for f in figures), ""]
    count = f"{len(missed)} target{'' if len(missed) == 1 else 's'} missed"
    lines.append(count + (": " + "; ".join(missed) if missed else "."))
    return "\n".join(lines) + "\n"
