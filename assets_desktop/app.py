"""Composition root: settings, secrets, library, the environment's client, the workspace window.

The window paints first; the environment connects right after (starting the embedded sandbox
for "local"), so start-up never waits on the network. `--smoke-test` (`smoke.py`) runs one
report through create → ready → views → PDF page on the embedded sandbox with a throwaway
library and exits.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The API client, services and sandbox constants are imported where used (after first paint).
if TYPE_CHECKING:
    from assets_desktop.services.environment import ConnectedEnvironment
from assets_desktop.child_sandbox import EnvironmentNotReadyError, LocalSandbox
from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.store import secrets as kinds
from assets_desktop.store.settings import Settings, SettingsFile
from assets_desktop.ui.shell import ensure_platform

if TYPE_CHECKING:
    from assets_desktop.ui.shell import WindowShell

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "ASSETS_DESKTOP_CONFIG_DIR"
KEY_CHECK_INSTITUTION = "ins_109508"


def _sandbox_state_key(secrets: kinds.SecretStore, state_file: Path) -> str:
    """The key sealing the local sandbox's state file, made on first use (OS keyring)."""
    from assets_desktop.sandbox.state_file import new_state_key

    location = str(state_file)
    key = secrets.get(kinds.SANDBOX_STATE_KEY, location)
    if key is None:
        key = new_state_key()
        secrets.set(kinds.SANDBOX_STATE_KEY, location, key)
    return key


class EnvironmentConnector:
    """Connects the chosen environment; owns the local sandbox process when it is "local"."""

    def __init__(self, sandbox_state: Path, ready_delay: float = 2.0) -> None:
        self.sandbox: LocalSandbox | None = None
        self._starting: LocalSandbox | None = None
        self._sandbox_state = sandbox_state
        self._ready_delay = ready_delay

    async def connect(self, settings: Settings, secrets: kinds.SecretStore) -> ConnectedEnvironment:
        """The connected environment (services); raises EnvironmentNotReadyError saying why."""
        from assets_desktop.api import PlaidApiError, PlaidError
        from assets_desktop.services.environment import EnvironmentSetupError, save_keys
        from assets_desktop.services.environment import connect as connect_environment
        from assets_desktop.services.store_executor import in_store

        name = PlaidEnvironment(settings.environment)
        base_url = settings.base_urls.get(name)
        if name is PlaidEnvironment.LOCAL:
            if self.sandbox is None:
                key = await in_store(_sandbox_state_key, secrets, self._sandbox_state)
                sandbox = LocalSandbox(self._sandbox_state, self._ready_delay, key)
                self._starting = sandbox  # stopped with the app even if it quits mid-start
                try:
                    await sandbox.start()
                except BaseException:  # failed or cancelled (quit during start): nothing left
                    sandbox.stop()
                    raise
                finally:
                    self._starting = None
                self.sandbox = sandbox
            sandbox_keys = (self.sandbox.client_id, self.sandbox.secret)
            await in_store(save_keys, secrets, name, *sandbox_keys)
            base_url = self.sandbox.base_url
        else:
            self.stop_sandbox()
        try:
            env = await connect_environment(name, secrets, base_url=base_url)
        except EnvironmentSetupError as error:
            raise EnvironmentNotReadyError(
                f"{error.user_message} Until then the library is available for offline review."
            ) from error
        try:  # a cheap call that Plaid answers only for valid keys
            await env.client.institutions.get_by_id(KEY_CHECK_INSTITUTION)
        except PlaidApiError as error:
            if error.error_code in ("INVALID_API_KEYS", "INVALID_CLIENT_ID", "INVALID_SECRET"):
                await env.aclose()
                raise EnvironmentNotReadyError(
                    f"{name.label} rejected the stored keys ({error.error_code}). Open Settings "
                    "(Ctrl+,) and enter the client_id and secret again."
                ) from error
        except PlaidError as error:
            log.warning("Could not check the keys: %s", error.user_message)
        return env

    def stop_sandbox(self) -> None:
        """Stop the embedded sandbox (if it runs or is starting)."""
        if self._starting is not None:
            self._starting.stop()
            self._starting = None
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None


def run_gui(
    argv: Sequence[str],
    *,
    smoke_test: bool = False,
    first_paint_exit: bool = False,
    data_dir: str | None = None,
    offline: bool = False,
    passphrase_file: str | None = None,
    shell: WindowShell | None = None,
) -> int:
    """Run the workspace; in smoke mode, check it end to end and exit (0 = passed).

    `shell`, a window already painted before this module's imports, gives way to the workspace
    window once that has painted.

    With `offline`, no environment is connected: the library is all there is. A smoke test then
    opens the newest ready report of the library (views and PDF page) instead of creating one.
    The library opens with the keyring, else the passphrase from `passphrase_file` or
    ASSETS_DESKTOP_PASSPHRASE, else (with a display) the passphrase dialog.
    """
    ensure_platform(headless=smoke_test)
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from assets_desktop.services.library_access import (
        PASSPHRASE_ENV,
        Access,
        PassphraseRequiredError,
        is_server_location,
        open_library,
        passphrase_from,
    )
    from assets_desktop.services.settings import WorkspaceRules
    from assets_desktop.services.workspace import Workspace
    from assets_desktop.ui.workspace.library_gate import LibraryGate, open_with_gate
    from assets_desktop.ui.workspace.long_lived import freeze_after_start
    from assets_desktop.ui.workspace.window import WorkspaceWindow

    qapp = QApplication.instance() or QApplication(list(argv))
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Assets Desktop")
    qapp.setOrganizationName("Assets Desktop")
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)

    throwaway = (smoke_test or first_paint_exit) and data_dir is None
    scratch = tempfile.TemporaryDirectory(prefix="assets-desktop-") if throwaway else None
    config_dir = os.environ.get(CONFIG_DIR_ENV)
    settings_file = SettingsFile(Path(config_dir) / "settings.json" if config_dir else None)
    settings, settings_warning = (Settings(), None) if throwaway else settings_file.load()
    if smoke_test:
        settings = settings.replace(environment=PlaidEnvironment.LOCAL)
    server = data_dir if data_dir and is_server_location(data_dir) else None
    if server is None and data_dir is None and not throwaway and settings.team_server:
        server = settings.team_server  # Settings → Library → Team server
    local_dir = None if server else data_dir  # a team library keeps local files in the usual
    library_dir = Path(scratch.name) if scratch else Path(local_dir or settings.resolved_data_dir())
    secrets = kinds.SecretStore()
    gate = LibraryGate(server or library_dir, secrets)
    try:
        gate.passphrase = passphrase_from(passphrase_file)
        if scratch is not None:  # nothing of a throwaway run is kept: no passphrase needed
            library = open_library(library_dir, secrets, Access(session_only=True))
        else:
            library = open_with_gate(loop, gate, ask=not (smoke_test or first_paint_exit))
    except Exception as error:
        message = getattr(error, "user_message", None) or str(error)
        if isinstance(error, PassphraseRequiredError):
            message += f" Without a display, give it in {PASSPHRASE_ENV} or --passphrase-file."
        print(
            f"The library in {server or library_dir} could not be opened: {message}",
            file=sys.stderr,
        )
        return 2
    if library is None:  # the user cancelled the passphrase dialog
        return 0
    workspace = Workspace(
        library,
        secrets,
        None,
        settings.environment,
        WorkspaceRules.of(settings),
    )
    window = WorkspaceWindow(
        workspace, settings, save_settings=None if throwaway else settings_file.save
    )
    for warning in (settings_warning, library.warning):
        if warning:
            window.route.warning(warning)
    if library.protection.key_storage == "session":
        window.setWindowTitle("Assets Desktop — nothing is saved on this computer")
    environment = EnvironmentConnector(
        library_dir / "local-sandbox.json", 0.5 if smoke_test else 2.0
    )
    _install_error_hooks(loop, window.route)
    outcome = {"code": 0}
    tasks: list[asyncio.Task[Any]] = []

    async def connect(current: Settings) -> None:
        old, workspace.env = workspace.env, None
        if old is not None:
            await old.aclose()
        workspace.environment = current.environment
        window.show_environment(current.environment, " · connecting…")
        try:
            workspace.env = await environment.connect(current, secrets)
        except EnvironmentNotReadyError as problem:
            window.route.warning(problem.user_message)
            window.show_environment(current.environment, " · not connected")
            return
        window.show_environment(current.environment, " · connected")

    def apply_settings(new: Settings) -> None:
        previous = window.settings
        window.settings = new
        workspace.rules = WorkspaceRules.of(new)
        window.idle_lock.set_minutes(new.lock_after_minutes)
        if not throwaway:
            settings_file.save(window.layout_settings())
        if new.data_dir != previous.data_dir:
            window.route.info("The new data directory is used from the next start.")
        tasks.append(loop.create_task(connect(new)))

    window.settings_changed.connect(apply_settings)
    window.connect_requested.connect(
        lambda: tasks.append(loop.create_task(connect(window.settings)))
    )
    if first_paint_exit:
        label = "FIRST_PAINT" if shell is None else "WINDOW_PAINT"
        window.first_painted.connect(lambda: _report_first_paint(qapp, label))
    if shell is not None:
        window.first_painted.connect(shell.close)
    freeze_after_start(window)  # no collections until painted and read, then gc.freeze()
    window.show()

    def start() -> None:
        tasks.append(loop.create_task(_apply_retention(workspace, settings, window.route)))
        if offline:
            window.show_environment(settings.environment, " · offline (library only)")
        else:
            tasks.append(loop.create_task(connect(settings)))
        if smoke_test:
            from assets_desktop.smoke import offline_steps, online_steps, run_smoke

            steps = offline_steps if offline else online_steps
            tasks.append(loop.create_task(run_smoke(window, workspace, outcome, qapp.quit, steps)))

    QTimer.singleShot(0, start)
    try:
        with loop:
            loop.run_forever()
    finally:
        for task in tasks:
            task.cancel()
        if not loop.is_closed():
            loop.run_until_complete(workspace.aclose())
        environment.stop_sandbox()
        library.close()
        for folder in (scratch, gate.scratch):
            if folder is not None:
                folder.cleanup()
    return outcome["code"]


async def _apply_retention(workspace: Any, settings: Settings, route: Any) -> None:
    """Delete reports older than the retention setting (0 keeps everything)."""
    try:
        purged = await workspace.apply_retention(settings.retention_days)
    except Exception as error:
        route.report(error, "Applying the retention setting")
        return
    if purged:
        route.info(
            f"{purged} report(s) older than {settings.retention_days} days were deleted "
            "(Settings → retention)."
        )


def _install_error_hooks(loop: asyncio.AbstractEventLoop, route: Any) -> None:
    """Anything uncaught reaches the user through the one message route (and the log)."""

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception") or RuntimeError(context.get("message", "error"))
        log.error("Unhandled in the event loop: %s", context.get("message"), exc_info=error)
        route.report(error, "A background task")

    def excepthook(kind: type[BaseException], error: BaseException, tb: Any) -> None:
        log.error("Unhandled exception", exc_info=(kind, error, tb))
        route.report(error, "The last action")

    loop.set_exception_handler(loop_handler)
    sys.excepthook = excepthook


def _report_first_paint(qapp: object, label: str) -> None:
    print(f"{label} {time.time():.6f}", flush=True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, qapp.quit)  # type: ignore[attr-defined]
