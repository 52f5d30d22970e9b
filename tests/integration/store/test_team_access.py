"""Access in a team library is enforced by PostgreSQL itself: plain psycopg connections as each
member's role can read and change only what their team role allows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import psycopg.errors
import pytest

from assets_desktop.bench.pg_cluster import PgServer
from assets_desktop.store import team
from assets_desktop.store.errors import (
    AccessDeniedError,
    ConcurrentChangeError,
    NotFoundError,
    PassphraseRequiredError,
)
from assets_desktop.store.keys import Access
from assets_desktop.store.library import Library
from assets_desktop.store.team_key import WrongInviteError
from tests.conftest import MemoryKeyring
from tests.unit.store.factories import report_json


@dataclass
class Team:
    url: str
    server: PgServer
    database: str
    alice_file: str
    alice_report: str

    def url_of(self, member: str) -> str:
        return self.server.url(self.database, user=member)

    def plain(self, member: str) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url_of(member), autocommit=True)


@pytest.fixture
def team_library(pg_database: str, pg_server: PgServer) -> Iterator[Team]:
    with Library(pg_database):  # the administrator's first open migrates the database
        pass
    team.close_database_to_public(pg_database)
    for name, role in (("alice", "underwriter"), ("bob", "underwriter"),
                       ("sue", "supervisor"), ("quinn", "qc")):  # fmt: skip
        team.add_member(pg_database, name, role)
    database = pg_database.rsplit("/", 1)[1]
    with Library(pg_server.url(database, user="alice")) as alice:
        loan = alice.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
        report = alice.reports.save(loan, report_json("rep-a"), source="import").id
    yield Team(pg_database, pg_server, database, loan, report)
    with pg_server.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for name in ("alice", "bob", "sue", "quinn", "mallory"):
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


def _count(connection: psycopg.Connection[Any], table: str) -> int:
    row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    assert row is not None
    return int(row[0])


def test_an_underwriter_cannot_see_or_change_a_colleagues_loan_file(team_library: Team) -> None:
    with team_library.plain("bob") as bob:
        for table in ("loan_files", "reports", "activity"):
            assert _count(bob, table) == 0
        changed = bob.execute("UPDATE loan_files SET purpose = 'refinance'")
        assert changed.rowcount == 0
        assert bob.execute("DELETE FROM reports").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bob.execute(
                "INSERT INTO reports (id, asset_report_id, loan_file_id, state, source, "
                "notes_sealed, created_at, updated_at) VALUES ('x', 'rep-x', %s, 'ready', "
                "'import', '\\x00', 'now', 'now')",
                (team_library.alice_file,),
            )
        key_check = "UPDATE meta SET value = '\\x00' WHERE name = 'key_check'"
        assert bob.execute(key_check).rowcount == 0  # the library's key rows: not his to change
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("ALTER TABLE loan_files DISABLE ROW LEVEL SECURITY")
    with Library(team_library.url_of("bob")) as library:
        assert library.loan_files.all() == []
        with pytest.raises(NotFoundError):
            library.reports.get(team_library.alice_report)
    with team_library.plain("alice") as alice:  # nothing of hers changed
        assert _count(alice, "loan_files") == 1 and _count(alice, "reports") == 1


def test_sharing_lets_a_colleague_read_and_write(team_library: Team) -> None:
    with Library(team_library.url_of("alice")) as alice:
        alice.team.share(team_library.alice_file, "bob")
    with Library(team_library.url_of("bob")) as bob:
        assert [f.id for f in bob.loan_files.all()] == [team_library.alice_file]
        assert bob.reports.set_notes(team_library.alice_report, "Checked").notes == "Checked"
        mine = bob.loan_files.create(["Bob Borrower"], "refinance").id
        assert bob.team.assignee(mine) == "bob"
    with team_library.plain("alice") as alice:
        assert _count(alice, "loan_files") == 1  # Bob's own file stays his


def test_a_supervisor_sees_and_reassigns_everything(team_library: Team) -> None:
    with Library(team_library.url_of("bob")) as bob:
        bob.loan_files.create(["Bob Borrower"], "refinance")
    with Library(team_library.url_of("sue")) as sue:
        assert len(sue.loan_files.all()) == 2
        sue.team.assign(team_library.alice_file, "bob")
    with team_library.plain("bob") as bob:
        assert _count(bob, "loan_files") == 2 and _count(bob, "reports") == 1
    with team_library.plain("alice") as alice:
        assert _count(alice, "loan_files") == 0
    with team_library.plain("sue") as sue:  # everything in the library, nothing of its rules
        for statement in ("ALTER TABLE loan_files DISABLE ROW LEVEL SECURITY",
                          "DELETE FROM schema_migrations", "DROP TABLE activity",
                          "GRANT assets_supervisor TO alice"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sue.execute(statement)


def test_qc_reads_everything_and_changes_nothing(team_library: Team) -> None:
    with team_library.plain("quinn") as quinn:
        assert _count(quinn, "loan_files") == 1 and _count(quinn, "reports") == 1
        for statement in ("UPDATE loan_files SET purpose = 'refinance'", "DELETE FROM activity",
                          "DELETE FROM loan_file_shares"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                quinn.execute(statement)
    with Library(team_library.url_of("quinn")) as library:
        assert library.reports.json(team_library.alice_report) == report_json("rep-a")
        with pytest.raises(AccessDeniedError, match="refused"):
            library.reports.set_notes(team_library.alice_report, "QC was here")


def test_a_removed_member_can_no_longer_connect(team_library: Team) -> None:
    team.remove_member(team_library.url, "bob")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        team_library.plain("bob").close()
    with team_library.server.admin() as admin:
        admin.execute("CREATE ROLE mallory LOGIN")  # a role of the server, not of the team
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        team_library.plain("mallory").close()


def test_a_member_joins_with_an_invite_sealed_to_their_passphrase(
    team_library: Team, memory_keyring: MemoryKeyring
) -> None:
    phrase, cheap = "plum tiger harbor 41", 2**14
    with Library(team_library.url_of("sue")) as sue:
        sue.team.invite("bob", phrase, kdf_n=cheap)
        sue.team.invite("alice", "another phrase 7", kdf_n=cheap)
    memory_keyring.secrets.clear()  # Bob's computer: no team key yet
    with pytest.raises(PassphraseRequiredError, match="invite passphrase"):
        Library(team_library.url_of("bob"))
    with pytest.raises(WrongInviteError):
        Library(team_library.url_of("bob"), access=Access(passphrase="plum tiger harbor 42"))
    with Library(team_library.url_of("bob"), access=Access(passphrase=phrase)) as bob:
        assert bob.loan_files.all() == []
    with Library(team_library.url_of("bob")) as bob:  # the key is in his keyring now
        bob.loan_files.create(["Bob Borrower"], "refinance")
    with team_library.plain("bob") as bob:
        assert [row[0] for row in bob.execute("SELECT member FROM team_invites")] == ["bob"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bob.execute("DELETE FROM team_invites")


def test_a_colleagues_save_is_named_when_it_wins(team_library: Team) -> None:
    with Library(team_library.url_of("alice")) as alice:
        alice.team.share(team_library.alice_file, "bob")
    with Library(team_library.url_of("alice")) as alice, Library(team_library.url_of("bob")) as bob:
        opened = bob.loan_files.get(team_library.alice_file)
        alice.loan_files.update(team_library.alice_file, notes="Assets verified")
        with pytest.raises(ConcurrentChangeError, match="changed by alice since you opened it"):
            bob.loan_files.update(
                team_library.alice_file, notes="Bob's take", expected_version=opened.version
            )
        assert [e.actor for e in bob.activity.entries(loan_file_id=team_library.alice_file)][
            -2:
        ] == ["alice", "alice"]
