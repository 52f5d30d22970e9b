"""The app's local sandbox: a child process on a free loopback port, ending with the app."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

from assets_desktop.domain.errors import AppError

SANDBOX_START_TIMEOUT = 30.0


class EnvironmentNotReadyError(AppError):
    """The environment cannot be used yet; `user_message` says what to do."""


class LocalSandbox:
    """The local sandbox in a child process on a free loopback port.

    A separate process keeps its report and PDF generation off this process's GIL (the window
    stays responsive, as it would against Plaid) and away from the PDF viewer's PyMuPDF thread.
    Its Items and reports persist in `state_file`, so they can be refreshed after a restart.
    """

    def __init__(
        self, state_file: Path, ready_delay: float = 2.0, state_key: str | None = None
    ) -> None:
        self.state_file = state_file
        self.state_key = state_key  # seals state_file (`ASSETS_SANDBOX_STATE_KEY`)
        self.log_file = state_file.with_suffix(".log")
        self.ready_delay = ready_delay
        from assets_desktop.sandbox.runtime import DEFAULT_CLIENT_ID, DEFAULT_SECRET

        self.client_id = DEFAULT_CLIENT_ID
        self.secret = DEFAULT_SECRET
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = ""

    async def start(self) -> None:
        """Start the child and wait until it accepts connections (its log: `log_file`).

        The child ends with this process however it ends (`--exit-with-parent`: a stdin pipe
        only this process holds, and on Linux PR_SET_PDEATHSIG); a start that fails or is
        cancelled stops it at once. Call from a thread that lives as long as the app.
        """
        try:
            await self._start()
        except BaseException:
            self.stop()
            raise

    async def _start(self) -> None:
        port = _free_port()
        command = [*_self_command(), "sandbox", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--ready-delay", f"{self.ready_delay:g}", "--exit-with-parent"]
        command += ["--state-file", str(self.state_file)]
        self.process = self._spawn(command)
        self.base_url = f"http://127.0.0.1:{port}"
        from assets_desktop.api.polling import poll_until

        process, log_file = self.process, self.log_file

        async def accepts_connections() -> bool | None:
            if process.poll() is not None:
                lines = log_file.read_text("utf-8", "replace").strip().splitlines()
                raise EnvironmentNotReadyError(
                    f"The built-in sandbox did not start: {lines[-1] if lines else 'it exited'} "
                    f"(see {log_file})."
                )
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                return None
            writer.close()
            return True

        await poll_until(
            accepts_connections,
            interval=0.05,
            timeout=SANDBOX_START_TIMEOUT,
            timed_out=lambda _tries: EnvironmentNotReadyError(
                f"The built-in sandbox did not start within {SANDBOX_START_TIMEOUT:g} s "
                f"(see {log_file})."
            ),
        )

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        from assets_desktop.sandbox.runtime import CLIENT_ID_ENV, SECRET_ENV, STATE_KEY_ENV

        env = {**os.environ, CLIENT_ID_ENV: self.client_id, SECRET_ENV: self.secret}
        if self.state_key:
            env[STATE_KEY_ENV] = self.state_key
        with open(self.log_file, "wb") as log_output:  # the child keeps its own handle
            return subprocess.Popen(
                command,
                stdin=subprocess.PIPE,  # never written: it closes when this process ends
                stdout=log_output,
                stderr=subprocess.STDOUT,
                env=env,
            )

    def stop(self) -> None:
        """End the child process."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdin is not None:
            process.stdin.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _self_command() -> list[str]:
    """How to run this app's command line (frozen bundles are the command themselves)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "assets_desktop"]
