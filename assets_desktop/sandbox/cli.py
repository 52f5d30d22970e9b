"""`assets-desktop sandbox`: the local sandbox in the foreground."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import uvicorn

from assets_desktop.sandbox.faults import Faults
from assets_desktop.sandbox.lifeline import follow_parent
from assets_desktop.sandbox.runtime import CLIENT_ID_ENV, SECRET_ENV
from assets_desktop.sandbox.server import SandboxConfig, create_app


def serve(
    host: str,
    port: int,
    seed: int,
    ready_delay: float,
    *,
    client_id: str | None = None,
    secret: str | None = None,
    state_file: str | None = None,
    exit_with_parent: bool = False,
    faults: dict[str, Any] | None = None,
) -> int:
    """Serve until interrupted, after printing the base URL and the accepted credentials.

    Keys: `--client-id/--secret`, else ASSETS_SANDBOX_CLIENT_ID / ASSETS_SANDBOX_SECRET, else
    the documented defaults. With `exit_with_parent`, the sandbox ends when standard input
    closes or (Linux) its parent dies: how the app ties its child sandbox to itself.
    `faults` sets fields of the sandbox's `Faults` (the command's fault options).
    """
    if exit_with_parent:
        follow_parent()
    try:
        config = SandboxConfig.from_env(
            seed=seed,
            ready_delay=ready_delay,
            client_id=client_id,
            secret=secret,
            state_file=Path(state_file) if state_file else None,
            faults=Faults(**(faults or {})),
        )
        app = create_app(config)
    except ValueError as exc:  # an unreadable state file or state key
        print(f"error: {exc}", flush=True)
        return 2
    print(f"Local Plaid Assets sandbox on http://{host}:{port}", flush=True)
    print(f"  client_id: {config.client_id}", flush=True)
    print(f"  secret:    {config.secret}", flush=True)
    print(f"  (set with --client-id/--secret or {CLIENT_ID_ENV}/{SECRET_ENV})", flush=True)
    state = config.state_file or "in memory (use --state-file FILE to keep it)"
    print(f"  state:     {state}", flush=True)
    print(f"  reports ready {ready_delay:g} s after create; seed {seed}", flush=True)
    active = {k: v for k, v in (faults or {}).items() if v and v != Faults().__dict__.get(k)}
    if active:
        print(f"  faults:    {', '.join(f'{k}={v}' for k, v in active.items())}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on")
    return 0
