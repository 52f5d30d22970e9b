"""A workspace window on a library in tmp_path, talking to the local sandbox over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from assets_desktop.api import PlaidClient, RetryPolicy
from assets_desktop.child_sandbox import LocalSandbox
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services.environment import ConnectedEnvironment
from assets_desktop.services.settings import WorkspaceRules
from assets_desktop.services.workspace import Workspace
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.settings import Settings
from assets_desktop.ui.workspace.window import WorkspaceWindow

WindowFactory = Callable[..., WorkspaceWindow]


@pytest.fixture
def local_sandbox(qtbot: QtBot, qloop: Any, tmp_path: Path) -> Iterator[LocalSandbox]:
    """The sandbox in a child process, as the app runs it (reports ready after 0.6 s).

    The journeys use it rather than the in-process fixture: its PDF generation (PyMuPDF) then
    never runs in a thread of this process while the PDF viewer renders in another.
    """
    sandbox = LocalSandbox(tmp_path / "local-sandbox.json", ready_delay=0.6)
    starting = asyncio.ensure_future(sandbox.start())
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()
    yield sandbox
    sandbox.stop()


@pytest.fixture
def make_window(qtbot: QtBot, qloop: Any, tmp_path: Path) -> Iterator[WindowFactory]:
    """Build windows over `tmp_path/library`; a client only when a sandbox is given."""
    opened: list[tuple[WorkspaceWindow, Library, PlaidClient | None]] = []

    def make(
        sandbox: EmbeddedSandbox | LocalSandbox | None = None,
        *,
        secret: str | None = None,
        wait_timeout: float = 30.0,
        settings: Settings | None = None,
        library: Library | None = None,
    ) -> WorkspaceWindow:
        if library is None:
            library = Library(tmp_path / "library", SecretStore())
        secrets = library.secrets
        client = None
        if sandbox is not None:
            keys = getattr(sandbox, "config", sandbox)  # EmbeddedSandbox or LocalSandbox
            client = PlaidClient(
                sandbox.base_url,
                keys.client_id,
                secret or keys.secret,
                environment="local",
                retry=RetryPolicy(max_attempts=2, initial_delay=0.01, max_delay=0.05),
                timeout=5.0,
            )
        env = ConnectedEnvironment("local", client, secrets) if client is not None else None
        workspace = Workspace(
            library, secrets, env, "local", WorkspaceRules(wait_timeout=wait_timeout)
        )
        window = WorkspaceWindow(workspace, settings or Settings())
        qtbot.addWidget(window)
        window.show()
        loaded(qtbot, window)
        opened.append((window, library, client))
        return window

    yield make
    bugs = [
        message.text
        for window, _library, _client in opened
        if shiboken6.isValid(window)
        for message in window.route.history
        if "please report it" in message.text
    ]
    for window, library, client in opened:
        if shiboken6.isValid(window):
            window.runner.cancel_all()
            qtbot.waitUntil(lambda w=window: not w.runner.running(), timeout=5000)
        if client is not None:
            closing = asyncio.ensure_future(client.aclose())
            qtbot.waitUntil(closing.done, timeout=5000)
        if shiboken6.isValid(window):
            window.close_now()
            # Delete now: left to Python's cycle collector, the window could be destroyed in
            # the middle of a later test's event dispatch (a timer firing on a freed object).
            shiboken6.delete(window)
        library.close()
    assert bugs == [], "the user was shown a bug instead of a typed message"


def loaded(qtbot: QtBot, window: WorkspaceWindow) -> None:
    """Wait until the window's full read of the library has reached the tree."""
    loading = window.loading
    assert loading is not None
    qtbot.waitUntil(loading.done, timeout=10_000)
    loading.result()


def reload(qtbot: QtBot, window: WorkspaceWindow) -> None:
    """Read the whole library again (after a test changed it behind the window's back)."""
    window.reload()
    loaded(qtbot, window)


def open_action(qtbot: QtBot, window: WorkspaceWindow, name: str) -> Any:
    """Trigger a window action and return its dialog once what it shows has been read."""
    before = window.controller.dialog
    window.commands[name].trigger()
    qtbot.waitUntil(
        lambda: (
            window.controller.dialog is not before
            and not any(job.title.startswith("Reading") for job in window.runner.running())
        ),
        timeout=10_000,
    )
    return window.controller.dialog


@pytest.fixture(autouse=True)
def _fresh_add_item_choice() -> Iterator[None]:
    """Each test's Add Item starts from the first persona (the dialog remembers the last)."""
    from assets_desktop.ui.workspace.dialogs.add_item import AddItemDialog

    AddItemDialog.last_quick = None
    yield
    AddItemDialog.last_quick = None
