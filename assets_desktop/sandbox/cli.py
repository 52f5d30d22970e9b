"""`assets-desktop sandbox`: the local sandbox in the foreground."""

from __future__ import annotations

import uvicorn

from assets_desktop.sandbox.server import SandboxConfig, create_app


def serve(host: str, port: int, seed: int, ready_delay: float) -> int:
    """Serve until interrupted, after printing the base URL and the accepted credentials."""
    config = SandboxConfig(seed=seed, ready_delay=ready_delay)
    print(f"Local Plaid Assets sandbox on http://{host}:{port}", flush=True)
    print(f"  client_id: {config.client_id}", flush=True)
    print(f"  secret:    {config.secret}", flush=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", lifespan="off")
    return 0
