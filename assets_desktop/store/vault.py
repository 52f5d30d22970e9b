"""Secrets sealed in the library (no keyring): `meta` rows `secret:<kind>:<key>`.

Each value is sealed with the library key and bound to its row name, so a value copied onto
another name fails to open. The row names hold only ids (item, report, audit copy, environment),
which the library keeps in clear anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from assets_desktop.store.backend import Connection, Row, set_meta
from assets_desktop.store.crypto import Sealer

Transaction = Callable[[], AbstractContextManager[Connection]]
Query = Callable[[str, tuple[object, ...]], list[Row]]
_PREFIX = "secret:"


def row_name(kind: str, key: str) -> str:
    return f"{_PREFIX}{kind}:{key}"


def seal(sealer: Sealer, kind: str, key: str, value: str) -> tuple[str, bytes]:
    """The meta row (name, sealed value) of one secret."""
    name = row_name(kind, key)
    return name, sealer.seal(value.encode("utf-8"), f"meta.{name}")


class LibraryVault:
    """The `Vault` of a passphrase library (see `store.secrets`)."""

    def __init__(self, transaction: Transaction, query: Query, sealer: Sealer) -> None:
        self._transaction = transaction
        self._query = query
        self._sealer = sealer

    def get(self, kind: str, key: str) -> str | None:
        name = row_name(kind, key)
        found = self._query("SELECT value FROM meta WHERE name = ?", (name,))
        if not found:
            return None
        return self._sealer.open(bytes(found[0][0]), f"meta.{name}", f"stored {kind}").decode()

    def set(self, kind: str, key: str, value: str) -> None:
        with self._transaction() as connection:
            set_meta(connection, [seal(self._sealer, kind, key, value)])

    def delete(self, kind: str, key: str) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM meta WHERE name = ?", (row_name(kind, key),))

    def entries(self) -> Iterator[tuple[str, str, str]]:
        """Every (kind, key, value) held."""
        found = self._query("SELECT name, value FROM meta WHERE name LIKE 'secret:%'", ())
        for name, value in found:
            kind, _, key = str(name)[len(_PREFIX) :].partition(":")
            text = self._sealer.open(bytes(value), f"meta.{name}", f"stored {kind}")
            yield kind, key, text.decode("utf-8")
