"""The workspace with libraries of 10, 100 and 1,000 reports (200 loan files at 1,000) beside an
empty library: start to the window with its tree painted, selecting a report (the first one
after start, and the median of later ones), and one "Create report" end to end (full tree
reloads counted, longest stall), plus the fitted exponent k of the tree's first paint (∝ nᵏ).
That paint is the first screen's: a library larger than a screen lists its other loan files
after it, and the time until all are listed is shown too.

Libraries are built fast in this process: copies of one small report (10 transactions per
account, a fresh report id each) saved through the library API, under a passphrase with a
cheap scrypt cost so a child process can open them. Each library is measured in a child
process (clean start, as the app: offscreen, 1400×900) that drives the window only through
what a user reaches: its navigation tree's model, `select` and its commands and dialogs.
"""

from __future__ import annotations

import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assets_desktop.bench import fixtures
from assets_desktop.bench.figures import Figure, child_outcome
from assets_desktop.bench.growth import fitted_exponent

FULL_SIZES = (10, 100, 1000)
QUICK_SIZES = (10, 100)
REPORTS_PER_LOAN_FILE = 5
PASSPHRASE = "bench-workspace"  # noqa: S105 - a throwaway library's
KDF_N = 2**14  # the cheapest scrypt a library accepts (~40 ms): the unlock is not measured here
TICK_MS = 5
CREATE_DAYS = 61
SETTLED_SELECTIONS = 4  # selections after the first, each SETTLE_S after the one before
SETTLE_S = 0.8


def run(quick: bool) -> list[Figure]:
    """Build each library, then measure it in a child (the largest also creates a report)."""
    sizes = QUICK_SIZES if quick else FULL_SIZES
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="assets-bench-workspace-") as folder:
        for size in (0, *sizes):
            library = Path(folder) / f"library-{size}"
            build_library(library, size)
            results[size] = _run_child(library, size, sizes[-1] == size, 1 if quick else 3)
    empty, largest = results[0], results[sizes[-1]]
    label = f"{sizes[-1]:,} reports, {max(1, sizes[-1] // REPORTS_PER_LOAN_FILE)} loan files"
    tree = [results[n]["tree_ms"] for n in sizes]
    shown = " / ".join(f"{t:,.0f}" for t in tree)
    counts = " / ".join(f"{n:,}" for n in sizes)
    create = largest["create"]
    return [
        Figure(
            f"workspace: start to the window with its tree painted ({label})",
            largest["start_ms"], "ms", peer="the same with an empty library",
            peer_value=empty["start_ms"], target="≤ 1.20x",
        ),
        Figure(
            f"  tree first paint, window built → painted ({label})", largest["tree_ms"], "ms",
            peer="the same with an empty library", peer_value=empty["tree_ms"],
            target="≤ 1.20x",
        ),
        Figure(
            f"  every loan file listed, window built → the whole read applied ({label})",
            largest["listed_ms"], "ms", peer="the same with an empty library",
            peer_value=empty["listed_ms"],
        ),
        Figure(
            f"workspace: selecting a report → its views shown ({label}, median of "
            f"{SETTLED_SELECTIONS})", largest["select_ms"], "ms", target="< 100 ms",
        ),
        Figure(
            "  the first selection, 0.5 s after every loan file is listed (the PDF render "
            "processes start beside it)", largest["first_select_ms"], "ms", target="< 100 ms",
        ),
        Figure(
            f"workspace: full tree reloads in one Create report ({label})",
            create["reloads"], "reloads", target="≤ 0",
        ),
        Figure(
            f"  longest stall during that Create report ({CREATE_DAYS} days, user_good)",
            create["stall_ms"], "ms", peer="idle window (same timer)",
            peer_value=create["idle_ms"], target="< 50 ms",
        ),
        Figure(
            f"growth k: workspace tree first paint ({shown} ms at {counts} reports)",
            fitted_exponent(list(sizes), tree), "k", peer="linear growth (time ∝ n)",
            peer_value=1.0, target="≤ 1.1",
        ),
    ]  # fmt: skip


@functools.cache
def _small_body() -> dict[str, Any]:
    import msgspec

    body: dict[str, Any] = msgspec.json.decode(fixtures.report_bytes(fixtures.SMALL_PERSONA))
    for item in body["report"]["items"]:
        for account in item["accounts"]:
            account["transactions"] = account["transactions"][:10]
    return body


def small_report(index: int) -> bytes:
    """The quick persona's report cut to 10 transactions per account, with its own id."""
    from assets_desktop.domain.report import encode

    body = _small_body()
    report = {**body["report"], "asset_report_id": f"bench-copy-{index}"}
    return encode({**body, "report": report})


def build_library(folder: Path, reports: int) -> None:
    """A library of `reports` small reports, `REPORTS_PER_LOAN_FILE` per loan file."""
    from assets_desktop.store.keys import Access
    from assets_desktop.store.library import Library
    from assets_desktop.store.secrets import SecretStore

    access = Access(passphrase=PASSPHRASE, kdf_n=KDF_N)
    with Library(folder, SecretStore(), access=access) as library:
        loans = [
            library.loan_files.create([f"Borrower {n}"], "purchase", "6000").id
            for n in range(max(1, reports // REPORTS_PER_LOAN_FILE) if reports else 0)
        ]
        for index in range(reports):
            library.reports.save(loans[index % len(loans)], small_report(index), source="bench")


def _run_child(library: Path, reports: int, create: bool, attempts: int) -> dict[str, Any]:
    """The median of `attempts` children (start-up is noisy on a shared machine); with
    `create`, one more child (its sandbox started first) does the Create report."""
    samples = [_child_outcome(library, reports, False) for _ in range(attempts)]
    data = {
        key: statistics.median(sample[key] for sample in samples)
        for key in ("start_ms", "tree_ms", "listed_ms", "first_select_ms", "select_ms")
    }
    if create:
        data["create"] = _child_outcome(library, reports, True)["create"]
    return data


def _child_outcome(library: Path, reports: int, create: bool) -> dict[str, Any]:
    command = [
        sys.executable, "-m", __name__, str(library), str(reports), "1" if create else "0",
        repr(time.time()),
    ]  # fmt: skip
    return child_outcome(command, "workspace", timeout=300)


def _child(library: Path, reports: int, create: bool, started: float) -> int:  # pragma: no cover
    import asyncio
    import itertools

    from PySide6.QtCore import QEvent, QObject, QTimer

    from assets_desktop.bench import drive
    from assets_desktop.store.keys import Access
    from assets_desktop.store.library import Library
    from assets_desktop.store.secrets import SecretStore
    from assets_desktop.ui.workspace.navigation import REPORT

    app, loop = drive.child_loop()
    outcome: dict[str, Any] = {}
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def longest_gap_ms(start: float, end: float) -> float:
        inside = [t for t in ticks if start <= t <= end]
        return max((b - a for a, b in itertools.pairwise(inside)), default=0.0) * 1000

    class TreePainted(QObject):
        """Resolves `done` at the tree's first paint that shows loan files (if any)."""

        def __init__(self, window: Any) -> None:
            super().__init__(window)
            self.window = window
            self.done: asyncio.Future[float] = loop.create_future()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            shown = self.window.model.rowCount() > 0 or reports == 0
            if event.type() == QEvent.Type.Paint and shown and not self.done.done():
                self.done.set_result(time.perf_counter())
            return False

    async def flow() -> None:
        secrets = SecretStore()
        sandbox_file = library.parent / f"sandbox-{reports}.json"
        environment = await _sandbox_environment(secrets, sandbox_file) if create else (None, None)
        built = time.perf_counter()  # (the sandbox, for Create report only, is not timed)
        store = Library(library, secrets, access=Access(passphrase=PASSPHRASE, kdf_n=KDF_N))
        window = drive.workspace_window(store, secrets, environment[0])
        watch = TreePainted(window)
        window.tree.viewport().installEventFilter(watch)
        window.show()
        painted = await asyncio.wait_for(watch.done, 120)
        outcome["start_ms"] = (time.time() - started) * 1000
        outcome["tree_ms"] = (painted - built) * 1000
        await window.loading  # the first screen painted, the rest of a large library follows
        outcome["listed_ms"] = (time.perf_counter() - built) * 1000
        outcome["select_ms"] = outcome["first_select_ms"] = 0.0
        await asyncio.sleep(0.5)
        try:
            if reports:
                outcome["first_select_ms"], outcome["select_ms"] = await _select_ms(window, store)
            if create:
                outcome["create"] = await _create(window, store)
        finally:
            window.runner.cancel_all()
            window._closing = True
            window.close()
            if environment[1] is not None:
                await environment[1][1].aclose()
                environment[1][0].stop()
            store.close()

    async def _select_ms(window: Any, store: Any) -> tuple[float, float]:
        """The first selection after start, then the median of SETTLED_SELECTIONS more (of
        reports in loan files spread over the library), each once the last one has settled."""
        loans = store.loan_files.all()
        spread = range(0, len(loans), max(1, len(loans) // (SETTLED_SELECTIONS + 1)))
        picks = [store.reports.all(loans[i].id)[0].id for i in spread][: SETTLED_SELECTIONS + 1]
        times = []
        for report_id in picks:
            shown: asyncio.Future[float] = loop.create_future()

            def installed(*_args: object, shown: asyncio.Future[float] = shown) -> None:
                if not shown.done():
                    shown.set_result(time.perf_counter())

            window.pane.view_installed.connect(installed)
            start = time.perf_counter()
            window.select(REPORT, report_id)
            times.append((await asyncio.wait_for(shown, 60) - start) * 1000)
            window.pane.view_installed.disconnect(installed)
            await asyncio.sleep(SETTLE_S)
        return times[0], statistics.median(times[1:] or times)

    async def _create(window: Any, store: Any) -> dict[str, float]:
        loan = store.loan_files.all()[-1]
        await drive.add_sandbox_item(window, loan.id, fixtures.SMALL_PERSONA)
        reloads: list[str] = []
        reload = window.reload

        def counted_reload(*args: Any, **kwargs: Any) -> Any:
            reloads.append("reload")
            return reload(*args, **kwargs)

        window.reload = counted_reload  # the window's own calls go through it too
        window.model.modelReset.connect(lambda: reloads.append("model reset"))
        ticker.start()
        await asyncio.sleep(1.0)
        idle_ms = longest_gap_ms(ticks[0], time.perf_counter())
        start = time.perf_counter()
        job = drive.start_create_report(window, CREATE_DAYS)
        await drive.until(lambda: not job.running)
        if job.error is not None:
            raise job.error
        await asyncio.sleep(0.5)  # the report opens
        stall = longest_gap_ms(start, time.perf_counter())
        return {"reloads": len(reloads), "stall_ms": stall, "idle_ms": idle_ms}

    return drive.finish(drive.run_flow(loop, flow(), app.quit), outcome)


async def _sandbox_environment(secrets: Any, file: Path) -> tuple[Any, Any]:  # pragma: no cover
    """The local sandbox in its own process and an Environment on it (for Create report)."""
    from assets_desktop.api import PlaidClient
    from assets_desktop.child_sandbox import LocalSandbox
    from assets_desktop.services.environment import ConnectedEnvironment

    sandbox = LocalSandbox(file, ready_delay=1.0)
    await sandbox.start()
    client = PlaidClient(sandbox.base_url, sandbox.client_id, sandbox.secret, environment="local")
    return ConnectedEnvironment(client.environment, client, secrets), (sandbox, client)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_child(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", float(sys.argv[4])))
