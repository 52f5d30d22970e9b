"""Property tests: the report rules hold for any seed, window and clock."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from assets_desktop.sandbox.data import generate_item
from assets_desktop.sandbox.persona_spec import balance_direction
from assets_desktop.sandbox.reportgen import build_report, render_report_json
from tests.unit.sandbox.conftest import ITEM_ID, NOW, REPORT_ID

LIGHT_PERSONAS = ["user_good", "user_nsf_overdraft", "user_gift_deposit", "user_thin_history"]


@settings(max_examples=12, deadline=None)
@given(
    username=st.sampled_from(LIGHT_PERSONAS),
    seed=st.integers(0, 2**31),
    days=st.integers(0, 731),
    include=st.one_of(st.none(), st.integers(0, 731)),
    shift=st.integers(0, 400),
    age=st.integers(0, 60),
)
def test_report_rules_hold(
    username: str, seed: int, days: int, include: int | None, shift: int, age: int
) -> None:
    now = NOW + dt.timedelta(days=shift, seconds=shift * 977)
    item = generate_item(username, "ins_109510", item_id=ITEM_ID, seed=seed, now=now,
                         created=now - dt.timedelta(days=age))  # fmt: skip
    stored = build_report([item], asset_report_id=REPORT_ID, client_report_id=None,
                          days_requested=days, user={}, date_generated=now)  # fmt: skip
    report, _ = render_report_json(stored, include_insights=False, days_to_include=include,
                                   fast=False)  # fmt: skip
    window = days if include is None else min(days, include)
    today = now.date()
    for account in report["items"][0]["accounts"]:
        txns = account["transactions"]
        assert all(0 <= (today - dt.date.fromisoformat(t["date"])).days < window for t in txns)
        assert 0 <= account["days_available"] <= window
        history = account["historical_balances"]
        assert len(history) <= window
        for n, entry in enumerate(history):
            assert entry["date"] == (today - dt.timedelta(days=n + 1)).isoformat()
            later = sum(t["amount"] for t in txns if t["date"] > entry["date"])
            direction = balance_direction(account["type"])
            assert (
                abs(entry["current"] - (account["balances"]["current"] - direction * later)) < 0.005
            )
