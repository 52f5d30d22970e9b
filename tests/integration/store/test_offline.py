"""A laptop that loses the team server: the reports it opened stay readable (from an encrypted
local cache), it says it is offline, and writes are refused, never lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assets_desktop.bench.pg_cluster import PgServer, fresh_database, start_server
from assets_desktop.store.errors import TeamServerError
from assets_desktop.store.library import Library
from tests.unit.store.factories import MINIMAL_PDF, report_json


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A server of this test alone: it is stopped half-way."""
    server = start_server()
    if isinstance(server, str):
        pytest.skip(server)
    yield server
    server.stop()


def test_opened_reports_stay_readable_offline_and_writes_are_refused(
    own_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "laptop"))
    url = fresh_database(own_server, "team")
    with Library(url) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
        opened = library.reports.save(loan, report_json("rep-1"), MINIMAL_PDF, source="import")
        unopened = library.reports.save(loan, report_json("rep-2"), source="import")
        library.loan_files.all()
        assert library.reports.json(opened.id) == report_json("rep-1")
        assert library.database.backend.offline is False  # type: ignore[attr-defined]

        own_server.stop()  # the laptop leaves the office

        assert library.reports.json(opened.id) == report_json("rep-1")
        assert [f.id for f in library.loan_files.all()] == [loan]
        assert library.database.backend.offline is True  # type: ignore[attr-defined]
        with pytest.raises(TeamServerError, match="you are offline"):
            library.reports.json(unopened.id)
        with pytest.raises(TeamServerError, match="Nothing was saved"):
            library.reports.set_notes(opened.id, "written offline")
    files = list((tmp_path / "laptop").rglob("team-cache/*.sqlite3*"))
    assert files  # the offline cache is on the laptop
    cache = b"".join(path.read_bytes() for path in files)
    assert b"PAYROLL" in report_json("rep-1") and b"PAYROLL" not in cache
    assert b"Charleson" not in cache and b"8250" not in cache
