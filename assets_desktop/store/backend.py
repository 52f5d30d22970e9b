"""Where the library's rows live: the connection interface the stores use, and SQLite.

A backend hands out connections: one for a write transaction (`begin` … `commit`/`rollback`)
and one for reads outside a transaction (`reading`). The stores write portable SQL (`?`
placeholders, `ON CONFLICT … DO UPDATE` upserts); `store.postgres` translates what differs.
SQLite: one writer connection behind a lock, and a second connection for reads (WAL: a read
never waits behind a commit).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from assets_desktop.domain.errors import AppError
from assets_desktop.store.errors import LibraryError
from assets_desktop.store.schema import migrate
from assets_desktop.store.storage import opening_error, storage_error

DATABASE_NAME = "library.sqlite3"

Row = Any
"""A result row: by position (`row[0]`) and by column name (`row["id"]`)."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    def fetchone(self) -> Row: ...
    def fetchall(self) -> list[Row]: ...
    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """What the stores call on a connection (sqlite3's and `store.postgres`'s both have it)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...


class Backend(Protocol):
    location: str
    """Where the library is, for messages (a folder, or a server's address without password)."""

    def begin(self) -> Connection: ...
    def commit(self, connection: Connection) -> None: ...
    def rollback(self, connection: Connection) -> None: ...
    def reading(self) -> contextlib.AbstractContextManager[Connection]: ...
    def query(self, sql: str, params: tuple[object, ...]) -> list[Row]: ...
    def error(self, error: BaseException) -> AppError | None: ...
    def checkpoint(self) -> None: ...
    def close(self) -> None: ...


def set_meta(connection: Connection, rows: Iterable[tuple[str, object]]) -> None:
    """Insert or replace `meta` rows; values are kept as bytes (text as UTF-8), so both backends
    hold the same thing (`meta.value` is BLOB in SQLite, BYTEA in PostgreSQL)."""
    connection.executemany(
        "INSERT INTO meta (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [(name, meta_bytes(value)) for name, value in rows],
    )


def meta_bytes(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def meta_text(value: object) -> str | None:
    """A `meta` value as text (libraries before 21 kept some as TEXT)."""
    if value is None:
        return None
    return bytes(value).decode() if isinstance(value, bytes | memoryview) else str(value)


class SqliteBackend:
    """`library.sqlite3` in `data_dir`: WAL, synchronous=FULL, one writer and one reader."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DATABASE_NAME
        self.location = str(self.path)
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._writer = _connect(data_dir, self.path)
        try:
            self._reader = _reader(self.path)
        except BaseException:
            self._writer.close()
            raise

    def begin(self) -> Connection:
        self._lock.acquire()
        try:
            self._writer.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._writer

    def commit(self, connection: Connection) -> None:
        try:
            self._writer.execute("COMMIT")
        except BaseException:
            _roll_back(self._writer)
            raise
        finally:
            self._lock.release()

    def rollback(self, connection: Connection) -> None:
        try:
            _roll_back(self._writer)
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._read_lock:
            yield self._reader

    def query(self, sql: str, params: tuple[object, ...]) -> list[Row]:
        """The rows of one read, on the reader."""
        with self.reading() as connection:
            return connection.execute(sql, params).fetchall()

    def error(self, error: BaseException) -> AppError | None:
        if isinstance(error, sqlite3.OperationalError):
            return storage_error(error, self.data_dir)
        return None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database (after deletes: no old pages linger)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._reader.close()
            with contextlib.suppress(sqlite3.Error):
                self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._writer.close()

    @property
    def raw_writer(self) -> sqlite3.Connection:
        """The writer connection itself (tests simulate disk failures through it)."""
        return self._writer


def _roll_back(connection: sqlite3.Connection) -> None:
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _connect(data_dir: Path, path: Path) -> sqlite3.Connection:
    if data_dir.is_dir() and not os.access(data_dir, os.W_OK):
        raise opening_error(PermissionError(13, "read-only"), data_dir) or LibraryError(
            str(data_dir)
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            path.touch(mode=0o600)
        connection = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=10.0
        )
    except (OSError, sqlite3.Error) as error:
        raise opening_error(error, data_dir) or LibraryError(
            f"Cannot open the library folder {data_dir} ({error}). Check that it exists and is "
            "writable, or start Assets Desktop with a different --data-dir."
        ) from error
    connection.row_factory = sqlite3.Row
    try:
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")
        if str(mode).lower() != "wal":
            raise LibraryError(
                f"The library at {path} cannot use write-ahead logging (journal mode {mode}); "
                "it needs a local disk, not a network share. Use a different --data-dir."
            )
        migrate(connection, str(path))
    except sqlite3.DatabaseError as error:
        connection.close()
        opening = opening_error(error, data_dir)
        if opening is not None:
            raise opening from error
        raise LibraryError(
            f"{path} is not a usable Assets Desktop library ({error}). Move it aside or start "
            "with a different --data-dir; to restore a backup, copy the whole folder."
        ) from error
    except BaseException:
        connection.close()
        raise
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    return connection


def _reader(path: Path) -> sqlite3.Connection:
    """A second connection for reads only (WAL: it reads the last commit, never waits)."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA query_only = ON")
    return connection
