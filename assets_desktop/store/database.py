"""The library's database: connection, key, transactions and the activity log's writer.

SQLite in WAL mode with `synchronous=FULL`: every save is one transaction, so a crash at any
moment leaves every earlier save intact. One connection shared by threads under a lock, so
callers may decrypt and decode in an executor while the Qt thread keeps saving.
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

from assets_desktop.store import binding, keys, passphrase, protection, rows
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.errors import (
    LibraryError,
    LibraryKeyError,
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
        self._clock = clock
        self._lock = threading.RLock()
        self._depth = 0
        self._connection = _connect(self.data_dir, self.path)
        try:
            opened = self._open_key(access or Access())
            self._key = opened.key
            self._sealer: Sealer = opened.sealer
            self.warning: str | None = opened.warning
            """A sentence for the UI when a session-only library was emptied, else None."""
            self.vault = LibraryVault(self._transaction, self._all, self._sealer)
            if self.key_storage != keys.KEYRING or not self.secrets.durable:
                self.secrets.attach_vault(self.vault)
            else:
                protection.adopt_stranded_secrets(self)
            if opened.stale_keyring_copy:
                protection.drop_keyring_copies(self)
            if opened.reset_needed:
                self._empty_everything()
            with self._transaction() as connection:  # once, after the upgrade to format 3
                binding.bind_all(connection, self._sealer)
        except BaseException:
            self._connection.close()
            raise

    def _open_key(self, access: Access) -> keys.OpenedKey:
        now = self._clock().timestamp()
        try:
            with self._transaction() as connection:
                return keys.open_key(connection, self.secrets, str(self.path), access, now)
        except UnlockDelayedError:
            raise
        except WrongPassphraseError:
            with self._transaction() as connection:
                refused = keys.record_failure(connection, now)
            raise refused from None

    # -- key protection ----------------------------------------------------------------------

    @property
    def key_storage(self) -> str:
        """Where the key is kept: `keyring`, `passphrase` (only) or `session` (nowhere)."""
        with self._lock:
            return keys.storage(self._connection)

    @property
    def has_passphrase(self) -> bool:
        """True when a passphrase unlocks the library (alone or beside the keyring)."""
        with self._lock:
            return keys.wrapped_key(self._connection) is not None

    def verify_passphrase(self, text: str) -> None:
        """Check the passphrase (to unlock an idle-locked window): WrongPassphraseError if not.

        Wrong tries count towards the growing delay, as when opening the library.
        """
        now = self._clock().timestamp()
        with self._transaction() as connection:
            wrapped = keys.wrapped_key(connection)
            if wrapped is None:
                raise LibraryKeyError("This library has no passphrase; set one in Settings first.")
            keys.refuse_if_delayed(connection, now)
        right = passphrase.matches(wrapped, text)  # the slow part, outside the transaction
        with self._transaction() as connection:
            if right:
                keys.clear_failures(connection)
                return
            refused = keys.record_failure(connection, now)
        raise refused

    def set_passphrase(self, new: str, repeated: str, current: str | None = None) -> None:
        """Add a passphrase, or change it (`current` needed): re-wraps the key, nothing else."""
        passphrase.check_new(new, repeated)
        if self.has_passphrase:
            self.verify_passphrase(current or "")
        protection.rewrap(self, new)

    def require_passphrase(self, required: bool) -> None:
        """Keep the key only under the passphrase (True) or also in the keyring (False).

        Moves the key and the secrets between the keyring and the library without touching a
        report; an interrupted move leaves the library as it was.
        """
        protection.require_passphrase(self, required)

    def close(self) -> None:
        """Checkpoint the write-ahead log and close the database."""
        if self.secrets.vault is self.vault:
            self.secrets.attach_vault(None)
        with self._lock:
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

    def log(
        self,
        what: str,
        subject: str,
        *,
        detail: str = "",
        loan_file_id: str | None = None,
        report_id: str | None = None,
    ) -> ActivityEntry:
        """Append to the activity log. `subject` is plain (ids only); `detail` is encrypted."""
        with self._transaction() as connection:
            ident = self._append(connection, what, subject, loan_file_id, report_id, detail)
        return self._activity_where("id = ?", (ident,))[0]

    def activity(
        self, loan_file_id: str | None = None, report_id: str | None = None
    ) -> list[ActivityEntry]:
        """The log, oldest first; filtered by loan file and/or report."""
        clauses, params = ["1"], []
        if loan_file_id is not None:
            clauses.append("loan_file_id = ?")
            params.append(loan_file_id)
        if report_id is not None:
            clauses.append("report_id = ?")
            params.append(report_id)
        return self._activity_where(" AND ".join(clauses), tuple(params))

    # -- for subclasses ----------------------------------------------------------------------

    def _append(
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
        sealed = self._sealer.seal(detail.encode(), f"activity.detail:{ident}")
        connection.execute(
            "INSERT INTO activity (id, at, what, subject, loan_file_id, report_id, detail_sealed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ident, at or self._now(), what, subject, loan_file_id, report_id, sealed),
        )
        return ident

    def _activity_where(self, where: str, params: tuple[object, ...]) -> list[ActivityEntry]:
        sql = f"SELECT * FROM activity WHERE {where} ORDER BY seq"  # noqa: S608
        return [rows.activity_from_row(row, self._sealer) for row in self._all(sql, params)]

    def _empty_everything(self) -> None:
        with self._transaction() as connection, rows.retention(connection):
            for table in (
                "activity",
                "attachments",
                "audit_copies",
                "reports",
                "items",
                "loan_files",
            ):
                connection.execute(f"DELETE FROM {table}")  # noqa: S608
            self._append(connection, Activity.PURGED, "library", detail=keys.SESSION_LIBRARY_RESET)

    def _now(self) -> str:
        return rows.timestamp(self._clock())

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several saves into one transaction: all of them land, or none."""
        with self._transaction():
            yield

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
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

    def _one(self, sql: str, params: tuple[object, ...], what: str) -> sqlite3.Row:
        with self._lock:
            row: sqlite3.Row | None = self._connection.execute(sql, params).fetchone()
        if row is None:
            raise NotFoundError(f"There is no such {what} in the library (id {params[0]!s}).")
        return row

    def _all(self, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
        with self._lock:
            found: list[sqlite3.Row] = self._connection.execute(sql, params).fetchall()
        return found

    def _checkpoint(self) -> None:
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
