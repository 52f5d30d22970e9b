"""The library's database: connection, key, transactions and the activity log's writer.

SQLite in WAL mode with `synchronous=FULL`: every save is one transaction, so a crash at any
moment leaves every earlier save intact. One writer connection shared by threads under a lock;
reads outside a transaction go through a second, read-only connection with its own lock, so a
read on the Qt thread never waits behind a worker's commit (WAL lets it read the last committed
state meanwhile). The library's stores (`store.library`) share one Database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

import platformdirs

from assets_desktop.store import binding, keys, protection, rows
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.errors import (
    LibraryError,
    NotFoundError,
    UnlockDelayedError,
    WrongPassphraseError,
)
from assets_desktop.store.keys import Access
from assets_desktop.store.records import Activity, ActivityEntry
from assets_desktop.store.schema import migrate
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.storage import opening_error, storage_error
from assets_desktop.store.vault import LibraryVault

DATABASE_NAME = "library.sqlite3"

Clock = Callable[[], dt.datetime]


def default_data_dir() -> Path:
    """The platform's per-user data directory for the app."""
    return Path(platformdirs.user_data_dir("assets-desktop", appauthor=False))


def current_user() -> str:
    """Who is acting: the operating system's user name (a team library records its role)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown user"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Database:
    """Connection, key and transactions of the library in `data_dir`.

    `access` carries the passphrase (or the explicit session-only choice); without it a library
    protected by a passphrase, or a new one where no keyring works, raises
    PassphraseRequiredError. A wrong passphrase raises WrongPassphraseError (counted: after a
    few, the next try must wait `retry_after` seconds).
    """

    def __init__(
        self,
        data_dir: Path | str | None = None,
        secret_store: SecretStore | None = None,
        clock: Clock = utc_now,
        access: Access | None = None,
    ) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / DATABASE_NAME
        self.secrets = secret_store if secret_store is not None else SecretStore()
        self.clock = clock
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread inside a transaction (reads join it)
        self._connection = _connect(self.data_dir, self.path)
        self._read_lock = threading.Lock()
        try:
            self._reader = _reader(self.path)
        except BaseException:
            self._connection.close()
            raise
        try:
            opened = self._open_key(access or Access())
            self.key = opened.key
            self.sealer: Sealer = opened.sealer
            self.warning: str | None = opened.warning
            """A sentence for the UI when a session-only library was emptied, else None."""
            self.vault = LibraryVault(self.transaction, self.all, self.sealer)
            if self.key_storage != keys.KEYRING or not self.secrets.durable:
                self.secrets.attach_vault(self.vault)
            else:
                protection.adopt_stranded_secrets(self)
            if opened.stale_keyring_copy:
                protection.drop_keyring_copies(self)
            if opened.reset_needed:
                self._empty_everything()
            with self.transaction() as connection:  # once, after the upgrade to format 3
                binding.bind_all(connection, self.sealer)
        except BaseException:
            self._reader.close()
            self._connection.close()
            raise

    @property
    def key_storage(self) -> str:
        """Where the key is kept: `keyring`, `passphrase` (only) or `session` (nowhere)."""
        with self.reading() as connection:
            return keys.storage(connection)

    def _open_key(self, access: Access) -> keys.OpenedKey:
        now = self.clock().timestamp()
        try:
            with self.transaction() as connection:
                return keys.open_key(connection, self.secrets, str(self.path), access, now)
        except UnlockDelayedError:
            raise
        except WrongPassphraseError:
            with self.transaction() as connection:
                refused = keys.record_failure(connection, now)
            raise refused from None

    def close(self) -> None:
        """Checkpoint the write-ahead log and close the database."""
        if self.secrets.vault is self.vault:
            self.secrets.attach_vault(None)
        with self._lock, self._read_lock:
            self._reader.close()
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- for the stores --------------------------------------------------------------------

    def append(
        self,
        connection: sqlite3.Connection,
        what: str,
        subject: str,
        loan_file_id: str | None = None,
        report_id: str | None = None,
        detail: str = "",
        at: str | None = None,
    ) -> str:
        ident = uuid.uuid4().hex
        sealed = self.sealer.seal(detail.encode(), f"activity.detail:{ident}")
        connection.execute(
            "INSERT INTO activity (id, at, what, subject, loan_file_id, report_id, detail_sealed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ident, at or self.now(), what, subject, loan_file_id, report_id, sealed),
        )
        return ident

    def activity_where(self, where: str, params: tuple[object, ...]) -> list[ActivityEntry]:
        sql = f"SELECT * FROM activity WHERE {where} ORDER BY seq"  # noqa: S608
        return [rows.activity_from_row(row, self.sealer) for row in self.all(sql, params)]

    def _empty_everything(self) -> None:
        with self.transaction() as connection, rows.retention(connection):
            for table in (
                "activity",
                "attachments",
                "audit_copies",
                "reports",
                "items",
                "loan_files",
            ):
                connection.execute(f"DELETE FROM {table}")  # noqa: S608
            self.append(connection, Activity.PURGED, "library", detail=keys.SESSION_LIBRARY_RESET)

    def now(self) -> str:
        return rows.timestamp(self.clock())

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several saves into one transaction: all of them land, or none."""
        with self.transaction():
            yield

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: BEGIN IMMEDIATE … COMMIT, rolled back on any error.

        Re-entrant: a transaction opened inside another (same thread) joins it.
        """
        with self._lock:
            connection = self._connection
            if self._depth:
                self._depth += 1
                try:
                    yield connection
                finally:
                    self._depth -= 1
                return
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise storage_error(error, self.data_dir) or error from error
            self._depth = 1
            self._owner = threading.get_ident()
            try:
                yield connection
            except sqlite3.OperationalError as error:
                _roll_back(connection)
                raise storage_error(error, self.data_dir) or error from error
            except BaseException:
                _roll_back(connection)
                raise
            else:
                try:
                    connection.execute("COMMIT")
                except sqlite3.OperationalError as error:
                    _roll_back(connection)
                    raise storage_error(error, self.data_dir) or error from error
                except BaseException:
                    _roll_back(connection)
                    raise
            finally:
                self._depth = 0
                self._owner = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for a read: the reader, or the writer inside this thread's
        transaction (so the read sees what the transaction wrote)."""
        if self._owner == threading.get_ident():
            with self._lock:
                yield self._connection
        else:
            with self._read_lock:
                yield self._reader

    def one(self, sql: str, params: tuple[object, ...], what: str) -> sqlite3.Row:
        with self.reading() as connection:
            row: sqlite3.Row | None = connection.execute(sql, params).fetchone()
        if row is None:
            raise NotFoundError(f"There is no such {what} in the library (id {params[0]!s}).")
        return row

    def all(self, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
        with self.reading() as connection:
            found: list[sqlite3.Row] = connection.execute(sql, params).fetchall()
        return found

    def forget(self, refs: list[tuple[str, str]]) -> None:
        """Drop secrets after their rows are gone, and fold deleted pages out of the WAL."""
        for kind, key in refs:
            self.secrets.delete(kind, key)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database (after deletes: no old pages linger)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


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
