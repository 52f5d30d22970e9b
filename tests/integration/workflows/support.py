"""Helpers for workflow tests: a connected local environment and a library in a temp dir."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from assets_desktop.api import RetryPolicy
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services.environment import ConnectedEnvironment, connect, save_keys
from assets_desktop.services.progress import Progress
from assets_desktop.store.library import Library

FAST_RETRY = RetryPolicy(max_attempts=3, initial_delay=0.01, max_delay=0.05)


@contextlib.asynccontextmanager
async def local_environment(
    sandbox: EmbeddedSandbox,
    library: Library,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109 - the client's per-request timeout
    retry: RetryPolicy = FAST_RETRY,
    receive_webhooks: bool = True,
) -> AsyncIterator[ConnectedEnvironment]:
    """The `local` environment on the test sandbox, keys kept in the library's SecretStore."""
    save_keys(library.secrets, "local", sandbox.config.client_id, sandbox.config.secret)
    env = await connect(
        "local",
        library.secrets,
        base_url=sandbox.base_url,
        timeout=timeout,
        retry=retry,
        receive_webhooks=receive_webhooks,
    )
    try:
        yield env
    finally:
        await env.aclose()


def open_library(path: Path) -> Library:
    return Library(path)


class Recorder:
    """A progress callback that keeps every Progress."""

    def __init__(self) -> None:
        self.seen: list[Progress] = []

    def __call__(self, progress: Progress) -> None:
        self.seen.append(progress)

    @property
    def stages(self) -> list[str]:
        return [p.stage for p in self.seen]
