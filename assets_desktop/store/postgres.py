"""The team library on PostgreSQL (psycopg 3 with its connection pool).

The stores' portable SQL is translated here (`?` placeholders to `%s`); rows come back
addressable by position and by name, as SQLite's do. Writes take a pooled connection for one
transaction; reads take another, so a read never waits for a write to finish. Values are sealed
by the app before they are sent (`store.crypto`): the server holds ciphertext, ids and dates.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from assets_desktop.domain.errors import AppError
from assets_desktop.store import schema_pg
from assets_desktop.store.backend import Connection, Cursor, Row
from assets_desktop.store.errors import AccessDeniedError, TeamServerError
from assets_desktop.store.offline_cache import OfflineCache

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 3.0  # a read waits this long for a connection, then the offline cache answers
OFFLINE_RETRY = 0.3  # once offline, how long a read tries the server before the cache
POOL_SIZE = 6
CACHE_FOLDER = "team-cache"


class PgRow(tuple[Any, ...]):
    """A row by position (`row[0]`) or column name (`row["id"]`), like `sqlite3.Row`."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._names)


def make_row(names: Sequence[str] | dict[str, int], values: Sequence[Any]) -> PgRow:
    row = PgRow(values)
    row._names = names if isinstance(names, dict) else {n: i for i, n in enumerate(names)}
    return row


def _row_maker(cursor: Any) -> Any:
    names = {column.name: index for index, column in enumerate(cursor.description or ())}
    return lambda values: make_row(names, values)


def translate(sql: str) -> str:
    """Portable SQL (`?` placeholders) to psycopg's (`%s`; a literal `%` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgConnection:
    """A psycopg connection speaking the stores' `Connection` interface."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        if not parameters:  # sent as it is (a script of several statements may run too)
            return cast(Cursor, self.raw.execute(sql.encode()))
        return cast(Cursor, self.raw.execute(translate(sql).encode(), parameters))

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor:
        cursor = self.raw.cursor()
        cursor.executemany(translate(sql).encode(), parameters)
        return cast(Cursor, cursor)


def public_location(url: str) -> str:
    """The server's address for messages: `postgresql://user@host:port/db`, no password."""
    parts = conninfo_to_dict(url)
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', 'localhost')}{port}/{parts.get('dbname', '')}"


def has_password(url: str) -> bool:
    return bool(conninfo_to_dict(url).get("password"))


class PostgresBackend:
    """A pool of connections to the team's database; migrates it on first open."""

    def __init__(
        self, url: str, password: str | None = None, cache_dir: Path | None = None
    ) -> None:
        self.location = public_location(url)
        self.offline = False
        """True while reads are answered from the offline cache (the server is unreachable)."""
        digest = hashlib.sha256(self.location.encode()).hexdigest()[:16]
        self._cache = OfflineCache(cache_dir / f"{digest}.sqlite3") if cache_dir else None
        extra = {"password": password} if password else {}
        self._url, self._extra = url, extra
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True, "row_factory": _row_maker, **extra},
            open=False,
            timeout=CONNECT_TIMEOUT,
            name="assets-desktop-team-library",
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
            with self._pool.connection() as raw:
                schema_pg.migrate(PgConnection(raw), self.location)
        except (PoolTimeout, psycopg.Error) as error:
            self._pool.close()
            raise self.error(error) or error from error
        except BaseException:
            self._pool.close()
            raise

    def begin(self) -> Connection:
        raw = self._pool.getconn(timeout=OFFLINE_RETRY if self.offline else None)
        try:
            raw.execute("BEGIN")
        except BaseException:
            self._pool.putconn(raw)
            raise
        return PgConnection(raw)

    def commit(self, connection: Connection) -> None:
        raw = cast(PgConnection, connection).raw
        try:
            raw.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(psycopg.Error):
                raw.execute("ROLLBACK")
            raise
        finally:
            self._pool.putconn(raw)

    def rollback(self, connection: Connection) -> None:
        raw = cast(PgConnection, connection).raw
        try:
            with contextlib.suppress(psycopg.Error):
                raw.execute("ROLLBACK")
        finally:
            self._pool.putconn(raw)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self._pool.connection() as raw:
                yield PgConnection(raw)
        except PoolTimeout as error:
            raise self.error(error) or error from error

    def query(self, sql: str, params: tuple[object, ...]) -> list[Row]:
        """The rows of one read; kept for offline use, and taken from there while the server
        cannot be reached (reports opened before stay readable)."""
        try:
            wait = OFFLINE_RETRY if self.offline else READ_TIMEOUT
            with self._pool.connection(timeout=wait) as raw:
                found: list[Row] = PgConnection(raw).execute(sql, params).fetchall()
        except (PoolTimeout, psycopg.OperationalError) as error:
            kept = self._cache.get(sql, params) if self._cache else None
            if kept is None:
                raise self.error(error) or error from error
            self.offline = True
            return [make_row(names, values) for names, values in kept]
        self.offline = False
        if self._cache is not None:
            self._cache.put(sql, params, found)
        return found

    @contextlib.contextmanager
    def session(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection for the team's own statements (roles, notifications)."""
        with self._pool.connection() as raw:
            yield raw

    def listening_connection(self) -> psycopg.Connection[Any]:
        """A connection of its own (not pooled), for LISTEN (`store.changes`)."""
        return psycopg.connect(
            self._url,
            autocommit=True,
            connect_timeout=int(CONNECT_TIMEOUT),
            password=self._extra.get("password"),
        )

    def error(self, error: BaseException) -> AppError | None:
        if isinstance(error, psycopg.errors.InsufficientPrivilege):
            return AccessDeniedError(
                f"The team server refused this ({error.diag.message_primary or error}): your "
                "role may not change or see it. Ask your supervisor to assign or share the "
                "loan file with you."
            )
        if isinstance(error, PoolTimeout | psycopg.OperationalError):
            return TeamServerError(
                f"The team library at {self.location} cannot be reached ({error}): you are "
                "offline. Nothing was saved by this action; the reports you opened stay "
                "readable. Check the network and the server, then try again."
            )
        return None

    def checkpoint(self) -> None:
        """Nothing to fold: the server keeps its own log."""

    def close(self) -> None:
        self._pool.close()
        if self._cache is not None:
            self._cache.close()
