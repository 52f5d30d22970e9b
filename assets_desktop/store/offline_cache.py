"""What a team library member has read, kept on the laptop for when the server is gone.

Each read's rows are kept as the server sent them: sealed values stay sealed under the team key
(the cache holds no more in clear than the server: ids, dates, states), in a SQLite file of
mode 600 beside the local library. When the server cannot be reached, the same read is answered
from here, so the reports already opened stay readable; writes are refused (TeamServerError).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import msgspec

from assets_desktop.store.backend import Row


class OfflineCache:
    """Rows of past reads, by query and parameters."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            path.touch(mode=0o600)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = OFF")  # a cache: losing its tail loses nothing
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS reads (key TEXT PRIMARY KEY, names BLOB, rows BLOB)"
        )
        if os.name == "posix":
            with contextlib.suppress(OSError):
                path.chmod(0o600)

    @staticmethod
    def _key(sql: str, params: tuple[object, ...]) -> str:
        return hashlib.sha256(sql.encode() + msgspec.msgpack.encode(list(params))).hexdigest()

    def put(self, sql: str, params: tuple[object, ...], rows: list[Row]) -> None:
        names = list(rows[0].keys()) if rows else []
        values = [list(row) for row in rows]
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.execute(
                "INSERT OR REPLACE INTO reads (key, names, rows) VALUES (?, ?, ?)",
                (self._key(sql, params), msgspec.msgpack.encode(names),
                 msgspec.msgpack.encode(values)),
            )  # fmt: skip

    def get(self, sql: str, params: tuple[object, ...]) -> list[tuple[list[str], list[Any]]] | None:
        """(column names, values) of each row the same read returned last time, or None."""
        with self._lock:
            found = self._db.execute(
                "SELECT names, rows FROM reads WHERE key = ?", (self._key(sql, params),)
            ).fetchone()
        if found is None:
            return None
        names = msgspec.msgpack.decode(found[0], type=list[str])
        return [
            (names, values) for values in msgspec.msgpack.decode(found[1], type=list[list[Any]])
        ]

    def close(self) -> None:
        with self._lock:
            self._db.close()
