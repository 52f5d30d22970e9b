"""Moving a library to another location (a folder to a team server): resumable, verifiable.

Each row is copied with its id; sealed values are opened with the source's key and sealed
again with the target's (same place, so the same context); loan files and reports get their
MAC under the target's key. Rows go in batches, one transaction each, and a row the target
already has is skipped: a move that stops half-way continues where it stopped when run again.
`verify` compares the two libraries table by table: row counts, and a SHA-256 over every row's
ids, plain values and the SHA-256 of each decrypted value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assets_desktop.store import binding
from assets_desktop.store.backend import Row
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.library import Library

BATCH = 100
#: Table, its key column, the order rows are copied in (parents before children).
TABLES = (
    ("loan_files", "id", "created_at, id"),
    ("items", "item_id", "created_at, item_id"),
    ("reports", "id", "created_at, id"),
    ("audit_copies", "id", "created_at, id"),
    ("attachments", "id", "created_at, id"),
    ("activity", "id", "seq"),
)
_CONTEXT_NAME = {"borrower_names": "names"}  # a sealed column's context, where not its name
_NOT_COMPARED = {"seq", "version", "row_mac", "assigned_to", "actor"}  # differ by design


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_sha256: str
    target_sha256: str

    @property
    def same(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sha256 == self.target_sha256

    def line(self) -> str:
        verdict = "same" if self.same else "DIFFERENT"
        return (
            f"{self.table:<13} rows {self.source_rows:>6} → {self.target_rows:<6} sha256 "
            f"{self.source_sha256[:16]} → {self.target_sha256[:16]}  {verdict}"
        )


def _context(table: str, column: str, row: Row) -> str:
    name = column.removesuffix("_sealed")
    return f"{table}.{_CONTEXT_NAME.get(name, name)}:{row['id']}"


def _columns(row: Row) -> list[str]:
    return [name for name in row.keys() if name != "seq"]  # noqa: SIM118 (rows iterate values)


def move(source: Library, target: Library, progress: Callable[[str, int], None]) -> int:
    """Copy every row the target does not have yet; the number copied. `progress(table, n)`
    is called after each batch."""
    copied = 0
    for table, key, order in TABLES:
        have = {str(row[0]) for row in target.database.all(f"SELECT {key} FROM {table}", ())}  # noqa: S608
        rows = source.database.all(f"SELECT * FROM {table} ORDER BY {order}", ())  # noqa: S608
        missing = [row for row in rows if str(row[key]) not in have]
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            with target.database.transaction() as connection:
                for row in batch:
                    names = _columns(row)
                    values = [_resealed(table, name, row, source, target) for name in names]
                    connection.execute(
                        f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608
                        f"VALUES ({', '.join('?' for _ in names)})",
                        values,
                    )
                    if table in binding.FIELDS:
                        binding.bind(connection, target.database.sealer, table, str(row["id"]))
            copied += len(batch)
            progress(table, start + len(batch))
    return copied


def _resealed(table: str, column: str, row: Row, source: Library, target: Library) -> object:
    value = row[column]
    if not column.endswith("_sealed") or value is None:
        return value
    context = _context(table, column, row)
    plain = source.database.sealer.open(bytes(value), context, f"{table} value")
    return target.database.sealer.seal(plain, context)


def verify(source: Library, target: Library) -> list[TableCheck]:
    """Row counts and content digests of each table, source beside target."""
    checks = []
    for table, _key, _order in TABLES:
        source_rows, source_digest = _digest(source, table)
        target_rows, target_digest = _digest(target, table)
        checks.append(TableCheck(table, source_rows, target_rows, source_digest, target_digest))
    return checks


def _digest(library: Library, table: str) -> tuple[int, str]:
    rows = library.database.all(f"SELECT * FROM {table}", ())  # noqa: S608
    lines = sorted(_row_line(table, row, library.database.sealer) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode() + b"\n")
    return len(lines), digest.hexdigest()


def _row_line(table: str, row: Row, sealer: Sealer) -> str:
    return "\x1f".join(_compared(table, row, sealer))


def _compared(table: str, row: Row, sealer: Sealer) -> Iterator[str]:
    for name in sorted(row.keys()):
        if name in _NOT_COMPARED:
            continue
        value = row[name]
        if name.endswith("_sealed") and value is not None:
            plain = sealer.open(bytes(value), _context(table, name, row), f"{table} value")
            value = hashlib.sha256(plain).hexdigest()
        yield f"{name}={'' if value is None else value}"
