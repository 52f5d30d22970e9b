"""Bounds on what a user may type, shared by every door that takes it (stdlib only: cheap)."""

from __future__ import annotations

from decimal import Decimal

MAX_MONTHLY_INCOME = Decimal("1e12")
"""Larger monthly incomes are typing mistakes (and would overflow exact cent arithmetic)."""
