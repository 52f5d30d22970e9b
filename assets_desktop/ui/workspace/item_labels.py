"""Names that tell a loan file's Items apart: two Items at the same bank read the same
("First Platypus Bank") unless something else is added."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assets_desktop.ui.workspace.navigation import ItemEntry

__all__ = ["item_labels"]


def item_labels(
    items: Sequence[ItemEntry], masks: dict[str, Sequence[str]] | None = None
) -> dict[str, str]:
    """A label per Item id: the bank's name, and where two Items share it, their account masks
    (`••6203, ••6204`) when known, then the date added or last updated, then the id's tail."""
    masks = masks or {}
    count = Counter(item.institution for item in items)
    labels: dict[str, str] = {}
    for item in items:
        if count[item.institution] < 2:
            labels[item.item_id] = item.institution
            continue
        parts = [", ".join(f"••{m}" for m in masks.get(item.item_id, ()))]
        parts.append(f"updated {item.updated}" if item.updated else "")
        parts.append(f"…{item.item_id[-6:]}")
        labels[item.item_id] = f"{item.institution} ({' · '.join(p for p in parts if p)})"
    return labels
