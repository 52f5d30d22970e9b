"""`assets-desktop sandbox --exit-with-parent`: the sandbox ends whenever the process that
started it ends, however that ends (quit, crash, SIGTERM, SIGKILL).

Two ties, either one enough:
- standard input is a pipe whose other end only the parent holds and never writes to; the
  operating system closes it when the parent ends, so reading it returns end-of-file (every OS);
- on Linux, `PR_SET_PDEATHSIG` asks the kernel to send SIGTERM when the parent dies. The kernel
  means the parent THREAD: the parent must start the sandbox from a thread that lives as long as
  it does (the app starts it from its main thread).
On either, the sandbox shuts down gracefully (SIGTERM to itself), and is forced out after
`GRACE_SECONDS`.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from typing import BinaryIO

log = logging.getLogger(__name__)

GRACE_SECONDS = 5.0
_PR_SET_PDEATHSIG = 1


def follow_parent(stream: BinaryIO | None = None) -> None:
    """End this process when its parent ends (watching `stream`, default standard input)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        _ask_kernel_for_sigterm_on_parent_death()
    if os.getppid() != parent:  # the parent died before the tie was made
        _end("the parent process ended before the sandbox started")
    watched = stream if stream is not None else sys.stdin.buffer
    threading.Thread(target=_watch, args=(watched,), name="parent-lifeline", daemon=True).start()


def _ask_kernel_for_sigterm_on_parent_death() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError) as error:
        log.warning("prctl is unavailable (%s); relying on standard input closing", error)


def _watch(stream: BinaryIO) -> None:
    try:
        while stream.read(1):  # the parent never writes: this returns only at end-of-file
            pass
    except (OSError, ValueError):
        pass
    _end("the parent process ended (its pipe closed)")


def _end(why: str) -> None:
    print(f"Stopping: {why}.", flush=True)
    threading.Thread(target=_force_out, name="parent-lifeline-grace", daemon=True).start()
    os.kill(os.getpid(), signal.SIGTERM)


def _force_out() -> None:
    time.sleep(GRACE_SECONDS)
    os._exit(0)
