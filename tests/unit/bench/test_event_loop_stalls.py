"""The full-flow meter names the job stage of each phase's longest stall (by hand)."""

from __future__ import annotations

import pytest

from assets_desktop.bench.event_loop import _longest


def test_the_longest_gap_of_a_phase_and_the_stage_it_spans() -> None:
    ticks = [0.000, 0.005, 0.010, 0.060, 0.065, 0.120]
    stages = ["no job", "Saving", "Saving", "Downloading PDF", "Downloading PDF", "Ready (ended)"]
    # Gaps end at 5, 10, 60, 65, 120 ms and last 5, 5, 50, 5, 55 ms.
    worst, where = _longest(ticks, stages, 0.0, 0.100)
    assert worst == pytest.approx(50.0)
    assert where == "Saving → Downloading PDF"
    worst, where = _longest(ticks, stages, 0.100, 0.200)  # the 55 ms gap ends in this phase
    assert worst == pytest.approx(55.0)
    assert where == "Downloading PDF → Ready (ended)"
    assert _longest(ticks, stages, 0.061, 0.064) == (0.0, "")  # no gap ends inside it
    # A 7 ms gap between two ticks of the same stage (after a 5 ms one that began it).
    assert _longest([0.0, 0.005, 0.012], stages[:3], 0.0, 0.012)[1] == "Saving"
