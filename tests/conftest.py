"""Shared fixtures: offscreen Qt, qasync loops, in-memory keyring, local sandbox on port 0."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import keyring
import keyring.backend
import pytest
import qasync
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.server import SandboxConfig


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps secrets in a dict: no test touches a real keyring."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class _Probe(QObject):
    fired = Signal()


@pytest.fixture(scope="session", autouse=True)
def pyside_refcount_guard() -> None:
    """Stop early if PySide6 corrupts the refcount of True on disconnect (6.12.0, Py 3.11)."""
    QApplication.instance() or QApplication([])
    probe = _Probe()
    before = sys.getrefcount(True)

    def slot() -> None:
        pass

    for _ in range(10):
        probe.fired.connect(slot)
        probe.fired.disconnect(slot)
    if sys.getrefcount(True) <= before - 10:
        pytest.exit(
            "This PySide6 build corrupts the refcount of True on Signal.disconnect "
            "(PySide6 6.12.0 on CPython 3.11). Install the pinned PySide6 (constraints.txt).",
            returncode=3,
        )


def pytest_asyncio_loop_factories(config: object, item: object) -> dict[str, object]:
    """Run every @pytest.mark.asyncio test on a qasync loop, so Qt and asyncio both progress."""
    return {"qasync": lambda: qasync.QEventLoop(QApplication.instance() or QApplication([]))}


@pytest.fixture(autouse=True)
def collect_closed_qasync_loops(request: pytest.FixtureRequest) -> None:
    """Before each asyncio test, collect what earlier (closed) qasync loops left behind.

    Their Qt objects (socket notifiers, signallers) collected while a LATER loop runs crash the
    process (segfault in run_forever, seen after ~18 tests that used real sockets).
    """
    if request.node.get_closest_marker("asyncio") is not None:
        import gc

        gc.collect()


_CLOSED_LOOPS: list[qasync.QEventLoop] = []


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop for widget tests: qtbot.wait* pumps the tasks that asyncSlot starts."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        qapp.processEvents()
    # Undo what already_running=True did, without QApplication.exit() (it would end later waits).
    qapp.aboutToQuit.disconnect(loop._after_run_forever)
    asyncio.events._set_running_loop(None)
    loop._after_run_forever()
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    loop.close()
    asyncio.set_event_loop(None)
    # WORKAROUND: close() only flags qasync's _SimpleTimer as stopped; its Qt timers still fire
    # once more. If the garbage collector frees the old loop inside such a timer event, Qt
    # dereferences the freed object (segfault in QTimerInfoList::activateTimers, seen when
    # many widget tests run in one process). Keep closed loops alive for the session.
    _CLOSED_LOOPS.append(loop)


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    """The configuration of the `sandbox` fixture; override in a module to change it."""
    return SandboxConfig(ready_delay=0.0)


@pytest.fixture
def sandbox(sandbox_config: SandboxConfig) -> Iterator[EmbeddedSandbox]:
    """The local sandbox serving real HTTP on 127.0.0.1, on an ephemeral port."""
    with EmbeddedSandbox(sandbox_config) as server:
        yield server


def _sandbox_processes() -> set[int]:
    """Pids of `assets_desktop sandbox` processes run by THIS interpreter (this checkout)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        command = b" ".join(args)
        ours = args[0] == sys.executable.encode() and state != "Z"
        if ours and re.search(rb"assets[_-]desktop sandbox", command):
            found.add(int(entry.name))
    return found


@pytest.fixture(scope="module", autouse=True)
def no_stray_sandboxes() -> Iterator[None]:
    """After each test module, no sandbox process that it started is left running."""
    if not sys.platform.startswith("linux"):
        yield
        return
    before = _sandbox_processes()
    yield
    deadline = time.monotonic() + 10
    while (left := _sandbox_processes() - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"sandbox processes left running after this module: {sorted(left)}"
