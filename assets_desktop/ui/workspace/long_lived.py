"""Python's cyclic collector and the app's long-lived objects.

Once start-up is done (the window painted, the library read, ~100k objects: Qt wrappers, the
tree's entries, modules), those objects live as long as the app. A full collection walks every
tracked object (50-90 ms at that size on a 2-core VM): an unlabelled stall whenever enough new
objects pile up. `gc.freeze()` moves what is alive into a permanent generation that the
collector skips; what is made later is still collected as before. Until then the collector
is off: what start-up makes is nearly all long-lived, so walking it finds little garbage.
"""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QTimer

#: If the window has not painted and read by then (started minimised, a slow server), the
#: collector goes back on anyway: it must never stay off for the whole session.
START_UP_BUDGET_MS = 20_000


def freeze_long_lived() -> None:
    """Exempt every object alive now from later collections (they stay reference-counted), and
    collect again from here on."""
    gc.freeze()
    gc.enable()


def freeze_after_start(window: Any) -> None:
    """No collections from now until `window` (the workspace window) has painted and its first
    library read has ended (`window.loading`, that read's future), then freeze — or after
    `START_UP_BUDGET_MS` at the latest. At 1,000 reports a full collection during that read
    took 52-118 ms, in the tree's first paint."""
    gc.disable()
    frozen = False

    def freeze_once() -> None:
        nonlocal frozen
        if not frozen:
            frozen = True
            freeze_long_lived()

    def painted() -> None:
        loading = getattr(window, "loading", None)
        if loading is None or loading.done():
            freeze_once()
        else:
            loading.add_done_callback(lambda _future: freeze_once())

    window.first_painted.connect(painted)
    QTimer.singleShot(START_UP_BUDGET_MS, window, freeze_once)
