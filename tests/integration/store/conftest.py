"""Fixtures for the store's contract suite: one library on each backend (SQLite in a temp
folder, PostgreSQL in a throw-away cluster started once per session)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assets_desktop.bench.pg_cluster import PgServer, drop_database, fresh_database, start_server
from assets_desktop.store.library import DATABASE_NAME, Library

BACKENDS = ("sqlite", "postgresql")
RawSql = Callable[[str, tuple[object, ...]], list[tuple[object, ...]]]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | str]:
    """The session's PostgreSQL server, or the reason there is none (the tests then skip)."""
    started = start_server()
    yield started
    if isinstance(started, PgServer):
        started.stop()


def require_server(pg_server: PgServer | str) -> PgServer:
    if isinstance(pg_server, str):
        pytest.skip(pg_server)
    return pg_server


@pytest.fixture
def pg_database(pg_server: PgServer | str) -> Iterator[str]:
    """A new, empty database on the session's server: its URL (dropped after the test)."""
    server = require_server(pg_server)
    name = f"lib_{uuid.uuid4().hex[:12]}"
    url = fresh_database(server, name)
    yield url
    drop_database(server, name)


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a library lives: a folder (SQLite) or a server URL (PostgreSQL)."""
    if request.param == "sqlite":
        return str(tmp_path / "library")
    url: str = request.getfixturevalue("pg_database")
    return url


@pytest.fixture
def library(location: str) -> Iterator[Library]:
    with Library(location) as opened:
        yield opened


@pytest.fixture
def raw_sql(location: str, pg_server: PgServer | str) -> RawSql:
    """Run SQL on the library's database behind the app's back (as its owner / superuser)."""

    def run(statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        if location.startswith("postgresql://"):
            server = require_server(pg_server)
            with server.admin(location.rsplit("/", 1)[1]) as admin:
                cursor = admin.execute(statement.replace("?", "%s").encode(), params)
                return list(cursor.fetchall()) if cursor.description else []
        with sqlite3.connect(Path(location) / DATABASE_NAME) as raw:
            return list(raw.execute(statement, params).fetchall())

    return run
