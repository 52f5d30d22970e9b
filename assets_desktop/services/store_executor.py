"""The one store executor: every library and keyring call of the workspace runs on one worker
thread, so the event loop (the UI thread) never waits on SQLite, decryption or the keyring, and
the library's writes never race each other.

A plain Python thread (under qasync, `asyncio.to_thread` starts QThreads on the event loop's
thread; a QThread destroyed with its loop while idle aborted the process in tests).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_STORE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")


def on_store_thread() -> bool:
    """True in the store executor's thread."""
    return threading.current_thread().name.startswith("store_")


async def in_store(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`call(*args, **kwargs)` on the store thread (at once when already there)."""
    if on_store_thread():
        return call(*args, **kwargs)
    # The arguments travel in a closure: qasync logs what it is given (at DEBUG), and these
    # include passphrases.
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_STORE, lambda: call(*args, **kwargs))


def to_store(call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
    """Queue `call(*args, **kwargs)` on the store thread from any thread (no event loop)."""
    return _STORE.submit(call, *args, **kwargs)
