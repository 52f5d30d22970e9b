"""Work done on the UI thread a slice a turn: `Sliced` and the report view's step generators."""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from assets_desktop.domain.analysis.types import Flag, FlagCode
from assets_desktop.ui.report.balance_chart import balance_line_steps
from assets_desktop.ui.report.slices import Sliced, run_to_end
from assets_desktop.ui.report.transactions_columns import (
    STEP_ROWS,
    running_balance_steps,
    transaction_row_steps,
)

from .factory import build_response

T = TypeVar("T")


def _counting(steps: int, log: list[int]) -> Generator[None, None, str]:
    for step in range(steps):
        log.append(step)
        yield
    return f"{steps} steps"


def _slices_and_value(steps: Generator[None, None, T]) -> tuple[int, T]:
    """How many times `steps` yielded, and the value it returned."""
    slices = 0
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return slices, stop.value  # type: ignore[no-any-return]
        slices += 1


def test_run_to_end_returns_the_generators_value() -> None:
    log: list[int] = []
    assert run_to_end(_counting(3, log)) == "3 steps"
    assert log == [0, 1, 2]


def test_sliced_work_waits_for_start_then_runs_in_later_turns(qtbot: QtBot) -> None:
    owner, log = QObject(), []
    work = Sliced(_counting(4, log), owner)
    qtbot.wait(20)
    assert log == [] and not work.started and not work.done  # nothing before start
    work.start()
    assert log == [] and work.started  # not in the turn that starts it
    qtbot.waitUntil(lambda: work.done, timeout=2000)
    assert log == [0, 1, 2, 3] and work.result() == "4 steps"


def test_result_finishes_the_work_now_and_stop_halts_it(qtbot: QtBot) -> None:
    owner, log = QObject(), []
    work = Sliced(_counting(5, log), owner)
    work.start()
    work.stop()
    qtbot.wait(20)
    assert log == [] and not work.done  # stopped before its first turn
    assert work.result() == "5 steps"  # finished at once, without the event loop
    assert log == [0, 1, 2, 3, 4] and work.done


def test_running_balances_yield_every_step_rows_transactions() -> None:
    # 2 depository accounts of 2,500 transactions and a credit card of none (factory):
    # ceil(2,500 / 2,000) = 2 slices each, none for the card.
    accounts = build_response(transactions_per_account=2_500).report.accounts()
    assert [len(a.transactions) for a in accounts] == [2_500, 2_500, 0]
    assert STEP_ROWS == 2_000
    slices, balances = _slices_and_value(running_balance_steps(accounts))
    assert slices == 2 + 2
    assert len(balances) == 5_000


def test_running_balances_walk_back_from_the_current_balance() -> None:
    response = build_response(transactions_per_account=2, accounts=1)
    account = response.report.accounts()[0]
    newer, older = sorted(account.transactions, key=lambda t: t.date, reverse=True)
    current = account.balances.current
    assert current is not None
    balances = run_to_end(running_balance_steps([account]))
    # Newest first: the newest transaction shows the current balance; the one before it
    # the balance before the newest (Plaid: money out positive, so it is added back).
    assert balances[newer.transaction_id] == round(current, 2)
    assert balances[older.transaction_id] == round(current + newer.amount, 2)


def test_rows_worked_out_across_slices_keep_each_transactions_facts() -> None:
    # 2 x 2,100 transactions: the second account starts after the first slice's boundary.
    response = build_response(transactions_per_account=2_100)
    accounts = response.report.accounts()
    last = accounts[1].transactions[-1]  # index 2,100 + 2,099 = 4,199 of the rows
    flag = Flag(
        code=FlagCode.LARGE_DEPOSIT,
        message="check it",
        key="k1",
        account_id="acc1",
        transaction_id=last.transaction_id,
    )
    rows = run_to_end(transaction_row_steps(accounts, [flag]))
    assert len(rows.transactions) == len(rows.ordinals) == len(rows.flagged) == 4_200
    assert [i for i, on in enumerate(rows.flagged) if on] == [4_199]
    assert rows.ordinals[4_199] == last.date.toordinal()
    assert rows.account_ids[4_199] == "acc1" and rows.flags_by_transaction == {
        last.transaction_id: [flag]
    }
    dates = [rows.ordinals[i] for i in rows.newest_first]
    assert dates == sorted(dates, reverse=True) and len(set(rows.newest_first)) == 4_200


def test_balance_lines_yield_once_per_account_with_a_history() -> None:
    accounts = build_response().report.accounts()
    with_history = [a for a in accounts if a.historical_balances]
    slices, lines = _slices_and_value(balance_line_steps(accounts))
    assert slices == len(with_history) >= 1
    assert lines.accounts == tuple(with_history)
