"""Targets read as limits: the `met` mark of the benchmark table."""

from __future__ import annotations

import sys

import pytest

from assets_desktop.bench.figures import Figure, child_outcome, format_table


@pytest.mark.parametrize(
    ("value", "target", "peer_value", "met"),
    [
        (42.0, "≤ 50 ms", None, True),
        (50.0, "≤ 50 ms", None, True),
        (50.0, "< 50 ms", None, False),
        (1200.0, "well under 1 s", None, False),
        (450.0, "well under 1,000 ms", None, True),
        (600.0, "well under 1,000 ms", None, False),
        (4999.0, "≤ 5,000 ms", None, True),
        (11.0, "≤ 1.20x", 10.0, True),
        (13.0, "≤ 1.20x", 10.0, False),
        (130.0, "< 100 ms more than the peer", 40.0, True),
        (150.0, "< 100 ms more than the peer", 40.0, False),
        (90.0, "faster than the official SDK", 30_000.0, True),
        (140.0, "small multiple of json.loads", 400.0, True),
        (1400.0, "small multiple of json.loads", 400.0, False),
        (12.0, "near the 5 ms tick", 5.0, None),
        (12.0, None, None, None),
        (12.0, "≤ 1.20x", None, None),
    ],
)
def test_target_read_as_a_limit(
    value: float, target: str | None, peer_value: float | None, met: bool | None
) -> None:
    figure = Figure("f", value, "ms", peer="p" if peer_value else None, peer_value=peer_value,
                    target=target)  # fmt: skip
    assert figure.met is met
    assert figure.as_dict()["met"] is met


def test_table_marks_misses() -> None:
    table = format_table(
        [Figure("fast", 10.0, "ms", target="≤ 50 ms"), Figure("slow", 90.0, "ms", target="≤ 50 ms")]
    )
    fast, slow = table.splitlines()[2:]
    assert fast.endswith("✓")
    assert slow.endswith("✗ MISS")
    assert table.splitlines()[0].split()[-1] == "met"


def test_child_outcome_is_the_last_json_line_and_a_failure_names_the_benchmark() -> None:
    script = "print('warming up'); print('{\"ms\": 1}'); print('{\"ms\": 2.5}'); print('done')"
    assert child_outcome([sys.executable, "-c", script], "demo", timeout=60) == {"ms": 2.5}
    failing = "import sys; print('{}'); sys.exit('the child broke')"
    with pytest.raises(RuntimeError, match="demo benchmark failed: the child broke"):
        child_outcome([sys.executable, "-c", failing], "demo", timeout=60)
    with pytest.raises(RuntimeError, match="demo benchmark failed"):
        child_outcome([sys.executable, "-c", "print('no json')"], "demo", timeout=60)
