"""`assets-desktop sandbox`: the local sandbox in the foreground."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from assets_desktop.sandbox.fault_options import faults_from_args
from assets_desktop.sandbox.faults import Faults
from assets_desktop.sandbox.lifeline import follow_parent
from assets_desktop.sandbox.runtime import CLIENT_ID_ENV, SECRET_ENV
from assets_desktop.sandbox.server import SandboxConfig, create_app


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve until interrupted, after printing the base URL and the accepted credentials.

    Keys: `--client-id/--secret`, else ASSETS_SANDBOX_CLIENT_ID / ASSETS_SANDBOX_SECRET, else
    the documented defaults. With `--exit-with-parent`, the sandbox ends when standard input
    closes or (Linux) its parent dies: how the app ties its child sandbox to itself. The fault
    options set fields of the sandbox's `Faults`.
    """
    if args.exit_with_parent:
        follow_parent()
    faults = faults_from_args(args)
    try:
        config = SandboxConfig.from_env(
            seed=args.seed,
            ready_delay=args.ready_delay,
            client_id=args.client_id,
            secret=args.secret,
            state_file=Path(args.state_file) if args.state_file else None,
            faults=Faults(**faults),
        )
        app = create_app(config)
    except ValueError as exc:  # an unreadable state file or state key
        print(f"error: {exc}", flush=True)
        return 2
    print(f"Local Plaid Assets sandbox on http://{args.host}:{args.port}", flush=True)
    print(f"  client_id: {config.client_id}", flush=True)
    print(f"  secret:    {config.secret}", flush=True)
    print(f"  (set with --client-id/--secret or {CLIENT_ID_ENV}/{SECRET_ENV})", flush=True)
    state = config.state_file or "in memory (use --state-file FILE to keep it)"
    print(f"  state:     {state}", flush=True)
    print(f"  reports ready {args.ready_delay:g} s after create; seed {args.seed}", flush=True)
    active = {k: v for k, v in faults.items() if v and v != Faults().__dict__.get(k)}
    if active:
        print(f"  faults:    {', '.join(f'{k}={v}' for k, v in active.items())}", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", lifespan="on")
    return 0
