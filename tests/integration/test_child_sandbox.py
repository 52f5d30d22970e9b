"""The app's child sandbox ends whenever the app ends: quit during start, SIGTERM, SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assets_desktop.child_sandbox import LocalSandbox

PARENT = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from assets_desktop.child_sandbox import LocalSandbox

    sandbox = LocalSandbox(Path(sys.argv[1]), ready_delay=0)
    asyncio.run(sandbox.start())
    print(sandbox.process.pid, flush=True)
    time.sleep(600)
    """
)


def _running(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _ends_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _running(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_child_ends_when_the_app_is_killed(how: signal.Signals, tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "local-sandbox.json")],
        stdout=subprocess.PIPE,
        text=True,
    )
    child = 0
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _running(child)
        os.kill(parent.pid, how)
        parent.wait(timeout=10)
        assert _ends_within(child, 10), "the sandbox outlived the app"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child and _running(child):
            os.kill(child, signal.SIGKILL)


def test_quitting_during_start_ends_the_child(tmp_path: Path) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_quitting_during_start_ends_the_child(tmp_path))


async def _quitting_during_start_ends_the_child(tmp_path: Path) -> None:
    sandbox = LocalSandbox(tmp_path / "local-sandbox.json", ready_delay=0)
    starting = asyncio.ensure_future(sandbox.start())
    for _ in range(500):  # until the child is spawned (start is then waiting for its port)
        if sandbox.process is not None:
            break
        await asyncio.sleep(0.01)
    process = sandbox.process
    assert process is not None
    starting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await starting
    assert process.poll() is not None, "a cancelled start left the sandbox running"
    assert sandbox.process is None


def test_quitting_while_the_environment_connects_leaves_no_child(tmp_path: Path) -> None:
    """The app's quit: its connect task is cancelled mid-start, then `stop_sandbox()` runs."""
    asyncio.run(_environment_quit(tmp_path))


async def _environment_quit(tmp_path: Path) -> None:
    from assets_desktop.app import EnvironmentConnector
    from assets_desktop.store import secrets as kinds
    from assets_desktop.store.settings import Settings

    environment = EnvironmentConnector(tmp_path / "local-sandbox.json", ready_delay=0)
    connecting = asyncio.ensure_future(
        environment.connect(Settings().replace(environment="local"), kinds.SecretStore())
    )
    for _ in range(500):
        if environment.sandbox is not None and environment.sandbox.process is not None:
            break
        await asyncio.sleep(0.01)
    assert environment.sandbox is not None and environment.sandbox.process is not None
    process = environment.sandbox.process
    connecting.cancel()
    environment.stop_sandbox()  # what run_gui does on quit, whether or not the task has run
    with pytest.raises(asyncio.CancelledError):
        await connecting
    assert process.poll() is not None, "quitting during start left the sandbox running"
    assert environment.sandbox is None
