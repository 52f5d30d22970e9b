"""The library's database: its backend, key, transactions and the activity log's writer.

The backend (`store.backend`) keeps the rows: SQLite in a folder (the default), or a team's
PostgreSQL server (`store.postgres`) when the location is a `postgresql://` URL. Every save is
one transaction; a transaction opened inside another on the same thread joins it, and a read
on that thread meanwhile sees what it wrote. The library's stores (`store.library`) share one
Database and may run on worker threads while the Qt thread keeps reading.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

import platformdirs

from assets_desktop.store import backend as backends
from assets_desktop.store import (
    binding,
    changes,
    keys,
    protection,
    rows,
    schema,
    secrets,
    team_key,
)
from assets_desktop.store.backend import DATABASE_NAME, Backend, Connection, Row
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.errors import (
    ConcurrentChangeError,
    NotFoundError,
    UnlockDelayedError,
    WrongPassphraseError,
)
from assets_desktop.store.keys import Access
from assets_desktop.store.records import Activity, ActivityEntry
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.vault import LibraryVault

__all__ = [
    "DATABASE_NAME",
    "Clock",
    "ClosedOnExit",
    "Database",
    "Store",
    "current_user",
    "default_data_dir",
    "utc_now",
]

Clock = Callable[[], dt.datetime]
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_T = TypeVar("_T")


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


def is_server_location(location: Path | str | None) -> bool:
    """True for a `postgresql://…` URL (a team server), False for a folder."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def open_backend(location: Path | str | None, store: SecretStore, data_dir: Path) -> Backend:
    """The backend of a folder (SQLite; None: the platform's data folder) or a server URL.

    A server's password: in the URL, else the keyring's (kind `team_password`, key the URL
    without password), else libpq's own sources (PGPASSWORD, ~/.pgpass).
    """
    if is_server_location(location):
        from assets_desktop.store import postgres  # psycopg only when needed

        url = str(location)
        kept = store.keyring_get(secrets.TEAM_PASSWORD, postgres.public_location(url))
        password = None if postgres.has_password(url) else kept
        return postgres.PostgresBackend(url, password, data_dir / postgres.CACHE_FOLDER)
    return backends.SqliteBackend(data_dir)


class ClosedOnExit:
    """`with thing:` closes the thing when the block ends."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class Database(ClosedOnExit):
    """Backend, key and transactions of the library at `location` (a folder or a server URL).

    Opened by `Library`, whose arguments (and their defaults) it takes.

    `access` carries the passphrase (or the explicit session-only choice); without it a library
    protected by a passphrase, or a new one where no keyring works, raises
    PassphraseRequiredError. A wrong passphrase raises WrongPassphraseError (counted: after a
    few, the next try must wait `retry_after` seconds).
    """

    def __init__(
        self,
        location: Path | str | None,
        secret_store: SecretStore | None,
        clock: Clock,
        access: Access | None,
    ) -> None:
        self.secrets = secret_store if secret_store is not None else SecretStore()
        self.on_server = is_server_location(location)
        self.data_dir = default_data_dir() if self.on_server or location is None else Path(location)
        if self.on_server:  # local files beside a team library (offline cache, sandbox state)
            with contextlib.suppress(OSError):
                self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.backend = open_backend(location, self.secrets, self.data_dir)
        self.location = self.backend.location
        self.path = self.data_dir / DATABASE_NAME
        self.clock = clock
        self._local = threading.local()  # the connection of this thread's open transaction
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
            if schema.LATEST_VERSION >= binding.SINCE_FORMAT:  # once, after the upgrade to it
                with self.transaction() as connection:
                    binding.bind_all(connection, self.sealer)
        except BaseException:
            self.backend.close()
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
                if self.on_server:
                    team_key.accept_invite(connection, self.secrets, access)
                return keys.open_key(connection, self.secrets, self.location, access, now)
        except UnlockDelayedError:
            raise
        except WrongPassphraseError:
            with self.transaction() as connection:
                refused = keys.record_failure(connection, now)
            raise refused from None

    def close(self) -> None:
        """Close the database (SQLite: after folding the write-ahead log into it)."""
        if self.secrets.vault is self.vault:
            self.secrets.attach_vault(None)
        self.backend.close()

    # -- for the stores --------------------------------------------------------------------

    def append(
        self,
        connection: Connection,
        what: str,
        subject: str,
        loan_file_id: str | None = None,
        report_id: str | None = None,
        detail: str = "",
        at: str | None = None,
    ) -> str:
        """Add an activity entry inside the caller's transaction; its id."""
        ident = uuid.uuid4().hex
        sealed = self.sealer.seal(detail.encode(), f"activity.detail:{ident}")
        connection.execute(
            "INSERT INTO activity (id, at, what, subject, loan_file_id, report_id, detail_sealed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ident, at or self.now(), what, subject, loan_file_id, report_id, sealed),
        )
        if self.on_server:  # colleagues listening hear of it when this write commits
            connection.execute(changes.NOTIFY_SQL, (what, loan_file_id, report_id))
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

    def claim(self, connection: Connection, table: str, ident: str, expected: int | None) -> None:
        """Inside a write: refuse it (ConcurrentChangeError) when the row's version is no
        longer `expected`, the one the caller read — someone saved it since. None: no check."""
        if expected is None:
            return
        claimed = connection.execute(
            f"UPDATE {table} SET version = version WHERE id = ? AND version = ?",  # noqa: S608
            (ident, expected),
        )
        if claimed.rowcount:
            return
        column = "loan_file_id" if table == "loan_files" else "report_id"
        last = connection.execute(
            f"SELECT * FROM activity WHERE {column} = ? ORDER BY seq DESC LIMIT 1",  # noqa: S608
            (ident,),
        ).fetchone()
        actor = last["actor"] if last is not None and "actor" in last.keys() else None  # noqa: SIM118
        what = "loan file" if table == "loan_files" else "report"
        raise ConcurrentChangeError(
            f"This {what} was changed by {actor or 'someone else'} since you opened it, so "
            "your change was not saved. It has been reloaded: make your change again.",
            actor,
        )

    def now(self) -> str:
        return rows.timestamp(self.clock())

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Group several saves into one transaction: all of them land, or none."""
        with self.transaction():
            yield

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic write, rolled back on any error; one on the same thread joins it."""
        joined: Connection | None = getattr(self._local, "connection", None)
        if joined is not None:
            yield joined
            return
        connection = self._translating(self.backend.begin)
        self._local.connection = connection
        try:
            yield connection
        except BaseException as error:
            self._local.connection = None
            self.backend.rollback(connection)
            converted = self.backend.error(error)
            if converted is not None:
                raise converted from error
            raise
        self._local.connection = None
        self._translating(lambda: self.backend.commit(connection))

    def _translating(self, step: Callable[[], _T]) -> _T:
        try:
            return step()
        except Exception as error:
            converted = self.backend.error(error)
            if converted is not None:
                raise converted from error
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """The connection for a read: the backend's reader, or this thread's transaction (so
        the read sees what the transaction wrote)."""
        joined: Connection | None = getattr(self._local, "connection", None)
        if joined is not None:
            yield joined
        else:
            with self.backend.reading() as connection:
                yield connection

    def one(self, sql: str, params: tuple[object, ...], what: str) -> Row:
        found = self.all(sql, params)
        if not found:
            raise NotFoundError(f"There is no such {what} in the library (id {params[0]!s}).")
        return found[0]

    def all(self, sql: str, params: tuple[object, ...]) -> list[Row]:
        """The rows of a read: inside this thread's transaction, or by the backend (a team
        server's answers the same read from the offline cache when the server is gone)."""
        joined: Connection | None = getattr(self._local, "connection", None)
        if joined is not None:
            return joined.execute(sql, params).fetchall()
        return self.backend.query(sql, params)

    def forget(self, refs: list[tuple[str, str]]) -> None:
        """Drop secrets after their rows are gone, and fold deleted pages out of the WAL."""
        for kind, key in refs:
            self.secrets.delete(kind, key)
        self.backend.checkpoint()


class Store:
    """One part of the library (its reports, Items, activity, …) over the shared Database."""

    def __init__(self, db: Database) -> None:
        self._db = db
