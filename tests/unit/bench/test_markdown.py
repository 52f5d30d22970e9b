"""The README-ready Markdown table of `assets-desktop bench --markdown`."""

from __future__ import annotations

import pytest

from assets_desktop.bench.figures import Figure
from assets_desktop.bench.markdown import format_markdown, markdown_row, three_figures


@pytest.mark.parametrize(
    ("value", "text"),
    [(1145.3, "1,145"), (213.2, "213"), (99.96, "100"), (56.44, "56.4"), (2.456, "2.46"),
     (0.0, "0.00"), (-0.031, "-0.03")],
)  # fmt: skip
def test_values_keep_about_three_significant_figures(value: float, text: str) -> None:
    assert three_figures(value) == text


@pytest.mark.parametrize(
    ("figure", "row"),
    [
        (  # met; 213.2 / 151 = 1.4119…
            Figure("first paint", 213.2, "ms", peer="bare PySide6 window",
                   peer_value=151.0, target="≤ 1.50x"),
            "| first paint | 213 ms | bare PySide6 window | 151 ms | 1.41× | ≤ 1.50× | ✓ |",
        ),
        (  # a missed sub-row keeps its indent; 54.4 / 13.1 = 4.1526…
            Figure("  longest stall", 54.4, "ms", peer="idle window", peer_value=13.1,
                   target="< 50 ms"),
            "|   longest stall | 54.4 ms | idle window | 13.1 ms | 4.15× | < 50 ms | **✗ miss** |",
        ),
    ],
)  # fmt: skip
def test_rows_read_as_in_the_readme(figure: Figure, row: str) -> None:
    assert markdown_row(figure) == row


def test_unitless_counts_free_text_targets_and_pipes() -> None:
    errors = Figure("team library: errors + lost writes", 0.0, "", target="≤ 0")
    assert (
        markdown_row(errors) == "| team library: errors + lost writes | 0.00 |  |  |  | ≤ 0 | ✓ |"
    )
    odd = Figure("a | b", 12.0, "ms", target="near the 5 ms tick")
    assert markdown_row(odd) == "| a \\| b | 12.0 ms |  |  |  | near the 5 ms tick |  |"


def test_the_table_names_its_run_and_its_misses() -> None:
    figures = [
        Figure("fast", 10.0, "ms", target="< 50 ms"),
        Figure("slow", 61.5, "ms", target="< 50 ms"),
    ]
    text = format_markdown(figures, "box · 2 CPUs · full mode")
    lines = text.splitlines()
    assert lines[0] == "Run: box · 2 CPUs · full mode."
    assert lines[2].startswith("| figure | value |") and lines[3].startswith("|---|")
    assert lines[4].startswith("| fast |") and lines[5].startswith("| slow |")
    assert lines[-1] == "1 target missed: slow"
    assert format_markdown(figures[:1], "box").splitlines()[-1] == "0 targets missed."
