"""Row binding: a MAC under the library key over each loan file's and report's identity, a
version every write bumps, its relations and a digest of each sealed value.

Sealing already binds a value to its row and column (`store.crypto`); what it cannot see is a
plain column changed beside it — a report moved to another loan file, its parent or state
rewritten — or an older ciphertext of one column put back. Both break the row's MAC, and the row
is then reported as tampered, never shown. (Putting a whole row back from a backup, MAC
included, stays possible: that is restoring a backup.)
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from assets_desktop.store.backend import Connection, Row, set_meta
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.errors import TamperedDataError

#: What each table's MAC covers, besides its id and version.
FIELDS: Mapping[str, tuple[str, ...]] = {
    "loan_files": (
        "purpose", "borrower_names_sealed", "monthly_income_sealed", "notes_sealed",
        "terms_sealed",
    ),
    "reports": (
        "asset_report_id", "loan_file_id", "parent_id", "relation", "state", "date_generated",
        "days_requested", "json_sha256", "pdf_sha256", "notes_sealed",
    ),
}  # fmt: skip
COLUMNS: Mapping[str, str] = {
    table: ", ".join(("id", "version", "row_mac", *fields)) for table, fields in FIELDS.items()
}
SINCE_FORMAT = 3  # the library format that added the MACs
BOUND_MARK = "rows_bound"  # in meta: every row has its MAC (from then on, none missing is ok)
_WHAT = {"loan_files": "loan file", "reports": "report"}


def _message(table: str, row: Row, version: int) -> bytes:
    parts = [table, str(row["id"]), str(version)]
    for name in FIELDS[table]:
        value = row[name]
        if isinstance(value, bytes | memoryview):
            value = hashlib.sha256(bytes(value)).hexdigest()
        parts.append(f"{name}={'' if value is None else value}")
    return "\x1f".join(parts).encode()


def bind(connection: Connection, sealer: Sealer, table: str, ident: str) -> None:
    """After a write (inside its transaction): bump the row's version and seal its MAC."""
    row = connection.execute(
        f"SELECT {COLUMNS[table]} FROM {table} WHERE id = ?",  # noqa: S608
        (ident,),
    ).fetchone()
    if row is None:
        return
    version = int(row["version"] or 0) + 1
    connection.execute(
        f"UPDATE {table} SET version = ?, row_mac = ? WHERE id = ?",  # noqa: S608
        (version, sealer.mac(_message(table, row, version)), ident),
    )


def check(sealer: Sealer, table: str, row: Row) -> None:
    """Raise TamperedDataError unless the row's MAC matches what it holds now."""
    mac = row["row_mac"]
    expected = sealer.mac(_message(table, row, int(row["version"] or 0)))
    if mac is None or not hmac.compare_digest(bytes(mac), expected):
        what = _WHAT[table]
        raise TamperedDataError(
            f"A {what} in the library was changed outside Assets Desktop (which loan file or "
            f"report it belongs to, its state, or one of its encrypted values no longer match "
            f"what was saved), so it is not shown. Restore the library folder from a backup, or "
            f"re-import the {what} from a review bundle."
        )


def bind_all(connection: Connection, sealer: Sealer) -> None:
    """Once, after the upgrade that added the MACs: bind every row as it is now."""
    done = connection.execute("SELECT 1 FROM meta WHERE name = ?", (BOUND_MARK,)).fetchone()
    if done is not None:
        return
    for table in FIELDS:
        for (ident,) in connection.execute(f"SELECT id FROM {table}").fetchall():  # noqa: S608
            bind(connection, sealer, table, ident)
    set_meta(connection, [(BOUND_MARK, "1")])
