"""A team library's members and who works on which loan file (PostgreSQL only).

Administration (`init`, `add_member`, `remove_member`) runs as a role that may create roles
(the server's administrator); assignment and sharing run as any member, and the server's
row-level security decides whether they may (`store.team_schema`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assets_desktop.store import team_key
from assets_desktop.store.database import Store
from assets_desktop.store.errors import LibraryError
from assets_desktop.store.passphrase import SCRYPT_N
from assets_desktop.store.team_schema import GROUPS

if TYPE_CHECKING:
    import psycopg

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class TeamMemberError(LibraryError, ValueError):
    """A member's name or role was refused (says why)."""


def check_member(name: str) -> str:
    """A role name PostgreSQL accepts unquoted: lower-case letters, digits, underscores."""
    if not _ROLE_NAME.match(name):
        raise TeamMemberError(
            f"{name!r} cannot be a member's name: use lower-case letters, digits and "
            "underscores (e.g. alberta_c), starting with a letter."
        )
    return name


def check_group(role: str) -> str:
    if role not in GROUPS:
        raise TeamMemberError(f"{role!r} is not a team role: choose one of {', '.join(GROUPS)}.")
    return GROUPS[role]


class TeamStore(Store):
    """Assignment and sharing of loan files (refused on a library on this computer)."""

    def _require_server(self) -> None:
        if not self._db.on_server:
            raise LibraryError(
                "This library is on this computer: loan files are assigned and shared only "
                "in a team library on a server (Settings → Library)."
            )

    def whoami(self) -> str:
        """The database role this library is opened as."""
        self._require_server()
        return str(self._db.all("SELECT current_user", ())[0][0])

    def assignee(self, loan_file_id: str) -> str:
        self._require_server()
        row = self._db.one(
            "SELECT assigned_to FROM loan_files WHERE id = ?", (loan_file_id,), "loan file"
        )
        return str(row[0])

    def assign(self, loan_file_id: str, member: str) -> None:
        """Hand the loan file to `member` (a supervisor, or its assignee, may)."""
        self._require_server()
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE loan_files SET assigned_to = ? WHERE id = ?",
                (check_member(member), loan_file_id),
            )
            self._db.append(
                connection, "loan file assigned", f"loan file {loan_file_id}", loan_file_id,
                detail=f"to {member}",
            )  # fmt: skip

    def share(self, loan_file_id: str, member: str) -> None:
        """Let `member` read and write the loan file beside its assignee."""
        self._require_server()
        with self._db.transaction() as connection:
            connection.execute(
                "INSERT INTO loan_file_shares (loan_file_id, member) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING",
                (loan_file_id, check_member(member)),
            )
            self._db.append(
                connection, "loan file shared", f"loan file {loan_file_id}", loan_file_id,
                detail=f"with {member}",
            )  # fmt: skip

    def invite(self, member: str, text: str, kdf_n: int = SCRYPT_N) -> None:
        """Seal the team key to the invite passphrase `text` for `member` (give them the
        passphrase by another channel than the server's address)."""
        self._require_server()
        with self._db.transaction() as connection:
            team_key.seal_invite(
                connection, self._db.key, check_member(member), text, self._db.now(), kdf_n
            )
            self._db.append(connection, "member invited", f"member {member}")

    def shared_with(self, loan_file_id: str) -> list[str]:
        self._require_server()
        found = self._db.all(
            "SELECT member FROM loan_file_shares WHERE loan_file_id = ? ORDER BY member",
            (loan_file_id,),
        )
        return [str(row[0]) for row in found]


# -- administration (as the server's administrator) ------------------------------------------


def _admin(url: str) -> psycopg.Connection[Any]:
    import psycopg  # only for a team library

    return psycopg.connect(url, autocommit=True)


def add_member(url: str, name: str, role: str, password: str | None = None) -> None:
    """Create (or re-enable) the member's login role in the team role `role`."""
    from psycopg import sql

    member, group = sql.Identifier(check_member(name)), sql.Identifier(check_group(role))
    with _admin(url) as admin:
        database = sql.Identifier(str(admin.info.dbname))
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        if password:
            admin.execute(
                sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(member, sql.Literal(password))
            )
        else:
            admin.execute(sql.SQL(verb + " ROLE {} LOGIN").format(member))
        for other in GROUPS.values():
            admin.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), member))
        admin.execute(sql.SQL("GRANT {} TO {}").format(group, member))
        admin.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, member))


def remove_member(url: str, name: str) -> None:
    """End a member's access: no team role, no connection to the database, no login; their
    open sessions are ended. (Their activity stays, attributed to their role.)"""
    from psycopg import sql

    member = sql.Identifier(check_member(name))
    with _admin(url) as admin:
        database = sql.Identifier(str(admin.info.dbname))
        for group in GROUPS.values():
            admin.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), member))
        admin.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(database, member))
        admin.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(member))
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
        )


def close_database_to_public(url: str) -> None:
    """Only members may connect (PostgreSQL lets every role connect by default)."""
    from psycopg import sql

    with _admin(url) as admin:
        database = sql.Identifier(str(admin.info.dbname))
        admin.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(database))
