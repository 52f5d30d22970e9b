"""`assets-desktop team …` sets up a team library and its members on a real server."""

from __future__ import annotations

import psycopg
import pytest

from assets_desktop.bench.pg_cluster import PgServer
from assets_desktop.cli import main
from assets_desktop.store.library import Library


def test_team_setup_from_the_command_line(
    pg_database: str, pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    database = pg_database.rsplit("/", 1)[1]
    assert main(["team", "init", pg_database]) == 0
    assert main(["team", "add-member", pg_database, "carla", "underwriter"]) == 0
    assert main(["team", "add-member", pg_database, "dan", "underwriter"]) == 0
    with Library(pg_server.url(database, user="carla")) as carla:
        loan = carla.loan_files.create(["Carla Borrower"], "purchase").id
    assert main(["team", "share", pg_server.url(database, user="carla"), loan, "dan"]) == 0
    with Library(pg_server.url(database, user="dan")) as dan:
        assert [f.id for f in dan.loan_files.all()] == [loan]
    assert main(["team", "remove-member", pg_database, "dan"]) == 0
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(pg_server.url(database, user="dan")).close()
    out = capsys.readouterr()
    assert "Team library ready at postgresql://postgres@127.0.0.1" in out.out
    assert "carla is a member (underwriter)." in out.out
    assert main(["team", "add-member", pg_database, "Not A Role", "qc"]) == 1
    assert "cannot be a member's name" in capsys.readouterr().err
    with pg_server.admin() as admin:
        admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        admin.execute("DROP ROLE carla")
        admin.execute("DROP ROLE dan")
