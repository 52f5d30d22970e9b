"""Encryption at rest: tampering, swapped blobs, wrong or missing keys, newer schema, no keyring."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from assets_desktop.store import secrets
from assets_desktop.store.crypto import key_to_text, new_key
from assets_desktop.store.errors import (
    LibraryError,
    MissingKeyError,
    NewerSchemaError,
    PassphraseRequiredError,
    TamperedDataError,
    WrongKeyError,
)
from assets_desktop.store.keys import Access
from assets_desktop.store.library import DATABASE_NAME, Library
from assets_desktop.store.schema import LATEST_VERSION

from .factories import MINIMAL_PDF, report_json


def _saved_report(tmp_path: Path) -> tuple[Path, str]:
    with Library(tmp_path) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", notes="Gift funds")
        record = library.reports.save(loan.id, report_json("rep-1"), MINIMAL_PDF, source="import")
    return tmp_path, record.id


def _sql(folder: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    raw = sqlite3.connect(folder / DATABASE_NAME)
    raw.execute(statement, params)
    raw.commit()
    raw.close()


def test_a_flipped_bit_in_the_report_json_is_reported_not_shown(tmp_path: Path) -> None:
    folder, report_id = _saved_report(tmp_path)
    raw = sqlite3.connect(folder / DATABASE_NAME)
    sealed = bytearray(raw.execute("SELECT json_sealed FROM reports").fetchone()[0])
    raw.close()
    sealed[40] ^= 0x01
    _sql(folder, "UPDATE reports SET json_sealed = ?", (bytes(sealed),))
    with Library(folder) as library:
        with pytest.raises(TamperedDataError, match=r"report JSON .* failed its integrity check"):
            library.reports.json(report_id)
        with pytest.raises(TamperedDataError):
            library.reports.open(report_id)
        assert library.reports.pdf(report_id) == MINIMAL_PDF  # the rest is still readable


def test_blobs_swapped_between_rows_or_columns_are_detected(tmp_path: Path) -> None:
    with Library(tmp_path) as library:
        loan = library.loan_files.create(["A B"], "purchase")
        one = library.reports.save(loan.id, report_json("rep-1"), MINIMAL_PDF, source="import")
        two = library.reports.save(loan.id, report_json("rep-2"), source="import")
    # Give rep-2 the JSON of rep-1 (and its digest, so only the binding can tell).
    _sql(
        tmp_path,
        "UPDATE reports SET (json_sealed, json_sha256) = "
        "(SELECT json_sealed, json_sha256 FROM reports WHERE id = ?) WHERE id = ?",
        (one.id, two.id),
    )
    # Put rep-1's PDF where its JSON goes.
    _sql(tmp_path, "UPDATE reports SET json_sealed = pdf_sealed WHERE id = ?", (one.id,))
    with Library(tmp_path) as library:
        with pytest.raises(TamperedDataError):
            library.reports.json(two.id)
        with pytest.raises(TamperedDataError):
            library.reports.json(one.id)


def test_a_changed_digest_is_detected(tmp_path: Path) -> None:
    folder, report_id = _saved_report(tmp_path)
    _sql(folder, "UPDATE reports SET json_sha256 = ?", ("0" * 64,))
    with Library(folder) as library, pytest.raises(TamperedDataError, match="SHA-256"):
        library.reports.json(report_id)


def test_tampered_personal_data_is_detected(tmp_path: Path) -> None:
    folder, _ = _saved_report(tmp_path)
    _sql(folder, "UPDATE loan_files SET notes_sealed = borrower_names_sealed")
    with Library(folder) as library, pytest.raises(TamperedDataError, match="loan file in the"):
        library.loan_files.all()


def test_a_missing_key_refuses_to_open_with_a_clear_message(tmp_path: Path, memory_keyring) -> None:
    folder, _ = _saved_report(tmp_path)
    memory_keyring.secrets.clear()
    with pytest.raises(MissingKeyError, match="not in the system keyring"):
        Library(folder)


def test_a_wrong_key_refuses_to_open(tmp_path: Path, memory_keyring) -> None:
    folder, _ = _saved_report(tmp_path)
    (entry,) = [k for k in memory_keyring.secrets if k[1].startswith(secrets.LIBRARY_KEY)]
    memory_keyring.secrets[entry] = key_to_text(new_key())
    with pytest.raises(WrongKeyError, match="does not decrypt"):
        Library(folder)
    memory_keyring.secrets[entry] = "not base64!"
    with pytest.raises(WrongKeyError, match="malformed"):
        Library(folder)


def test_a_moved_library_folder_still_finds_its_key(tmp_path: Path) -> None:
    folder, report_id = _saved_report(tmp_path / "a")
    moved = folder.rename(tmp_path / "b")
    with Library(moved) as library:
        assert library.reports.json(report_id) == report_json("rep-1")


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    folder, _ = _saved_report(tmp_path)
    _sql(folder, f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = (folder / DATABASE_NAME).read_bytes()
    with pytest.raises(NewerSchemaError, match=r"newer version of Assets Desktop .*--data-dir"):
        Library(folder)
    assert (folder / DATABASE_NAME).read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"hello, this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="not a usable Assets Desktop library"):
        Library(tmp_path)


def test_without_a_keyring_a_new_library_asks_for_a_passphrase(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(PassphraseRequiredError, match="needs a passphrase") as raised:
        Library(tmp_path)
    assert raised.value.new_library


def test_the_explicit_session_only_choice_keeps_nothing(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with Library(tmp_path, access=Access(session_only=True)) as library:
        assert library.warning is None and library.protection.key_storage == "session"
        loan = library.loan_files.create(["A B"], "purchase")
        record = library.reports.save(loan.id, report_json("rep-1"), source="import")
        assert library.reports.json(record.id) == report_json("rep-1")
    # Next run: what the session saved cannot be read; the library is emptied, and says so.
    with Library(tmp_path, access=Access(session_only=True)) as library:
        assert library.warning is not None and "emptied" in library.warning
        assert library.loan_files.all() == [] and library.reports.all() == []
        library.loan_files.create(["C D"], "refinance")


def test_a_keyring_library_without_a_keyring_now_is_refused(tmp_path: Path) -> None:
    folder, _ = _saved_report(tmp_path)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(MissingKeyError, match="no usable keyring is available now"):
        Library(folder)


@pytest.mark.parametrize(
    ("table", "column", "read"),
    [
        ("loan_files", "borrower_names_sealed", lambda lib: lib.loan_files.all()),
        ("loan_files", "monthly_income_sealed", lambda lib: lib.loan_files.all()),
        ("reports", "notes_sealed", lambda lib: lib.reports.all()),
        ("reports", "pdf_sealed", lambda lib: [lib.reports.pdf(r.id) for r in lib.reports.all()]),
        ("activity", "detail_sealed", lambda lib: lib.activity.entries()),
    ],
)
def test_any_altered_byte_of_a_sealed_column_is_detected(
    tmp_path: Path, table: str, column: str, read
) -> None:
    with Library(tmp_path) as library:
        loan = library.loan_files.create(["A B"], "purchase", "5000", notes="n")
        library.reports.save(loan.id, report_json("rep-1"), MINIMAL_PDF, source="import", notes="x")
    _sql(tmp_path, "DROP TRIGGER activity_is_append_only")  # an attacker would, too
    raw = sqlite3.connect(tmp_path / DATABASE_NAME)
    query = f"SELECT rowid, {column} FROM {table} LIMIT 1"  # noqa: S608
    rowid, sealed = raw.execute(query).fetchone()
    raw.close()
    update = f"UPDATE {table} SET {column} = ? WHERE rowid = ?"  # noqa: S608
    for position in (0, 5, len(sealed) // 2, len(sealed) - 1):  # version, nonce, body, tag
        altered = bytearray(sealed)
        altered[position] ^= 0x80
        _sql(tmp_path, update, (bytes(altered), rowid))
        with Library(tmp_path) as library, pytest.raises(TamperedDataError):
            read(library)
    _sql(tmp_path, update, (sealed, rowid))
    with Library(tmp_path) as library:
        read(library)
