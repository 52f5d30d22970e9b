"""Run the sandbox in a background thread on an ephemeral loopback port (for the app and tests)."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from assets_desktop.sandbox.faults import Faults
from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.server import SandboxConfig, create_app
from assets_desktop.sandbox.state import SandboxState


class EmbeddedSandbox:
    """A sandbox server bound to 127.0.0.1:0 and served by uvicorn in a daemon thread."""

    def __init__(self, config: SandboxConfig | None = None, host: str = "127.0.0.1") -> None:
        self.config = config or SandboxConfig()
        self.app = create_app(self.config)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        self.host, self.port = self._socket.getsockname()[:2]
        uv_config = uvicorn.Config(self.app, lifespan="on", log_level="warning", access_log=False)
        self._server = uvicorn.Server(uv_config)
        self._thread = threading.Thread(target=self._run, name="local-sandbox", daemon=True)

    @property
    def sandbox(self) -> Sandbox:
        """The live sandbox: state, faults, webhook signer and sender, report engine."""
        sandbox: Sandbox = self.app.state.sandbox
        return sandbox

    @property
    def faults(self) -> Faults:
        """Fault switches, applied to the next requests (see `sandbox.faults.Faults`)."""
        return self.sandbox.faults

    @property
    def state(self) -> SandboxState:
        """Items, reports, audit copies, link tokens and webhooks sent, as the server sees them."""
        return self.sandbox.state

    @property
    def base_url(self) -> str:
        """The URL clients use, e.g. `http://127.0.0.1:41234`."""
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        self._server.run(sockets=[self._socket])

    def start(self, timeout: float = 10.0) -> EmbeddedSandbox:
        """Start serving; returns once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the local sandbox did not start on {self.base_url}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._socket.close()

    def __enter__(self) -> EmbeddedSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
