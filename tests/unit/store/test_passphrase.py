"""A library protected by a passphrase: no keyring needed, nothing lost, moves both ways."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from assets_desktop.store import secrets
from assets_desktop.store.errors import (
    MissingKeyError,
    PassphraseRequiredError,
    TamperedDataError,
    UnlockDelayedError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from assets_desktop.store.keys import Access
from assets_desktop.store.library import DATABASE_NAME, Library
from assets_desktop.store.passphrase import KdfParams, retry_delay, strength
from assets_desktop.store.secrets import SecretStore

from .factories import MINIMAL_PDF, report_json

PHRASE = "correct horse battery staple"
CHEAP = 2**14  # scrypt cost for these tests only; the app uses passphrase.SCRYPT_N
TOKEN = "access-production-0123456789abcdef"


def _open(folder: Path, phrase: str | None = PHRASE, **kwargs: object) -> Library:
    access = Access(passphrase=phrase, kdf_n=CHEAP)
    return Library(folder, SecretStore(), access=access, **kwargs)  # type: ignore[arg-type]


def _no_keyring() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())


def _saved(folder: Path) -> str:
    with _open(folder) as library:
        loan = library.loan_files.create(["Alberta Charleson"], "purchase", notes="Gift funds")
        library.items.save("item-1", "ins_1", "First Platypus Bank", access_token=TOKEN)
        library.secrets.set(secrets.PLAID_SECRET, "production", "plaid-secret-XYZ")
        record = library.reports.save(loan.id, report_json("rep-1"), MINIMAL_PDF, source="import")
    return record.id


def _meta(folder: Path, name: str) -> object:
    with sqlite3.connect(folder / DATABASE_NAME) as raw:
        row = raw.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else row[0]


def test_without_a_keyring_the_passphrase_library_survives_restarts(tmp_path: Path) -> None:
    _no_keyring()
    report_id = _saved(tmp_path)
    with pytest.raises(PassphraseRequiredError, match="protected by a passphrase") as raised:
        _open(tmp_path, None)
    assert not raised.value.new_library
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        _open(tmp_path, "correct horse battery stapler")
    with _open(tmp_path) as library:
        assert library.protection.key_storage == "passphrase"
        assert library.loan_files.all()[0].notes == "Gift funds"
        assert library.reports.json(report_id) == report_json("rep-1")
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
        assert library.secrets.get(secrets.PLAID_SECRET, "production") == "plaid-secret-XYZ"


def test_the_database_holds_no_secret_and_no_key_in_clear(tmp_path: Path) -> None:
    _no_keyring()
    _saved(tmp_path)
    raw = b"".join(path.read_bytes() for path in tmp_path.iterdir() if path.is_file())
    for clear in (TOKEN, "plaid-secret-XYZ", PHRASE, "Alberta", "Gift funds"):
        assert clear.encode() not in raw
    assert _meta(tmp_path, "secret:access_token:item-1") is not None  # sealed, by id


def test_a_damaged_wrap_is_told_apart_from_a_wrong_passphrase(tmp_path: Path) -> None:
    _no_keyring()
    _saved(tmp_path)
    sealed = _meta(tmp_path, "passphrase_key")
    assert isinstance(sealed, bytes)
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:
        damaged = sealed[:-1] + bytes([sealed[-1] ^ 1])
        raw.execute("UPDATE meta SET value = ? WHERE name = 'passphrase_key'", (damaged,))
    with pytest.raises(WrongPassphraseError):
        _open(tmp_path, "not the passphrase")
    with pytest.raises(TamperedDataError, match=r"passphrase is right, but .* damaged"):
        _open(tmp_path)


def test_wrong_passphrases_make_the_next_try_wait_longer(tmp_path: Path) -> None:
    _no_keyring()
    _saved(tmp_path)
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]

    def clock() -> dt.datetime:
        return now[0]

    waits: list[float] = []
    for _ in range(4):
        now[0] += dt.timedelta(seconds=waits[-1] if waits else 0)
        with pytest.raises(WrongPassphraseError) as raised:
            _open(tmp_path, "guess", clock=clock)
        waits.append(raised.value.retry_after)
    assert waits == [0, 0, 1, 2]
    assert "Wait 2 s" in str(raised.value)
    with pytest.raises(UnlockDelayedError, match="wait 2 s"):
        _open(tmp_path, clock=clock)  # even the right one is not tried yet
    now[0] += dt.timedelta(seconds=2)
    _open(tmp_path, clock=clock).close()  # the right one, in time: opens, and the count resets
    with pytest.raises(WrongPassphraseError) as raised:
        _open(tmp_path, "guess", clock=clock)
    assert raised.value.retry_after == 0
    assert [retry_delay(n) for n in (1, 2, 3, 4, 8, 20)] == [0, 0, 1, 2, 30, 30]


def test_changing_the_passphrase_rewraps_the_key_only(tmp_path: Path) -> None:
    _no_keyring()
    report_id = _saved(tmp_path)
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:
        before = raw.execute("SELECT json_sealed, pdf_sealed FROM reports").fetchall()
    with _open(tmp_path) as library:
        with pytest.raises(WrongPassphraseError):
            library.protection.set_passphrase(
                "a new passphrase here", "a new passphrase here", "nope"
            )
        with pytest.raises(WeakPassphraseError, match="differ"):
            library.protection.set_passphrase(
                "a new passphrase here", "a new passphrase herE", PHRASE
            )
        library.protection.set_passphrase("a new passphrase here", "a new passphrase here", PHRASE)
    with pytest.raises(WrongPassphraseError):
        _open(tmp_path)
    with _open(tmp_path, "a new passphrase here") as library:
        assert library.reports.json(report_id) == report_json("rep-1")
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:
        assert raw.execute("SELECT json_sealed, pdf_sealed FROM reports").fetchall() == before


def test_a_new_passphrase_must_be_long_enough(tmp_path: Path) -> None:
    _no_keyring()
    with pytest.raises(WeakPassphraseError, match="at least 8 characters"):
        _open(tmp_path, "short")
    assert strength("short")[0] == "weak"
    assert strength("correct horse battery staple")[0] == "strong"


def test_a_keyring_library_can_add_a_passphrase_and_open_where_the_keyring_is_gone(
    tmp_path: Path,
) -> None:
    with Library(tmp_path) as library:
        assert library.protection.key_storage == "keyring" and not library.protection.has_passphrase
        loan = library.loan_files.create(["A B"], "purchase")
        record = library.reports.save(loan.id, report_json("rep-1"), source="import")
        library.protection.set_passphrase(PHRASE, PHRASE)
        assert library.protection.has_passphrase
    with Library(tmp_path) as library:  # the keyring still opens it, without asking
        assert library.reports.json(record.id) == report_json("rep-1")
    _no_keyring()
    with pytest.raises(PassphraseRequiredError):
        Library(tmp_path)
    with _open(tmp_path) as library:
        assert library.reports.json(record.id) == report_json("rep-1")


def test_a_passphrase_library_moves_its_key_into_a_keyring_that_appears(
    tmp_path: Path, memory_keyring: keyring.backend.KeyringBackend
) -> None:
    _no_keyring()
    report_id = _saved(tmp_path)
    keyring.set_keyring(memory_keyring)  # a keyring appears
    with _open(tmp_path) as library:
        library.protection.require_passphrase(False)
        assert library.protection.key_storage == "keyring"
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    assert _meta(tmp_path, "secret:access_token:item-1") is None
    assert memory_keyring.get_password("assets-desktop", "access_token:item-1") == TOKEN
    with Library(tmp_path) as library:  # no passphrase asked now
        assert library.reports.json(report_id) == report_json("rep-1")


def test_requiring_the_passphrase_takes_key_and_secrets_out_of_the_keyring(
    tmp_path: Path, memory_keyring: keyring.backend.KeyringBackend
) -> None:
    with Library(tmp_path) as library:
        library.items.save("item-1", "ins_1", "First Platypus Bank", access_token=TOKEN)
        with pytest.raises(Exception, match="Set a passphrase first"):
            library.protection.require_passphrase(True)
        library.protection.set_passphrase(PHRASE, PHRASE)
        library.protection.require_passphrase(True)
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    assert memory_keyring.get_password("assets-desktop", "access_token:item-1") is None
    with pytest.raises(PassphraseRequiredError):
        Library(tmp_path)  # the keyring works, but the lender's policy wants the passphrase
    with _open(tmp_path) as library:
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN


class _KeyringThatFailsLater(keyring.backend.KeyringBackend):
    """Keeps the first `keeps` secrets, then fails (a keyring locked in the middle of a move)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self, keeps: int) -> None:
        super().__init__()
        self.keeps = keeps
        self.secrets: dict[str, str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(self.secrets) >= self.keeps:
            raise keyring.errors.PasswordSetError("locked")
        self.secrets[username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop(username, None)


def test_an_interrupted_move_into_the_keyring_loses_nothing(tmp_path: Path) -> None:
    _no_keyring()
    report_id = _saved(tmp_path)
    failing = _KeyringThatFailsLater(keeps=2)
    keyring.set_keyring(failing)
    with _open(tmp_path) as library:
        with pytest.raises(MissingKeyError, match="stays under the passphrase"):
            library.protection.require_passphrase(False)
        assert library.protection.key_storage == "passphrase"
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    failing.keeps = 100  # the keyring works again; the copies left in it get dropped on open
    with _open(tmp_path) as library:
        assert library.reports.json(report_id) == report_json("rep-1")
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    assert not any(name.startswith("library_key") for name in failing.secrets)


def test_kdf_parameters_from_a_damaged_library_are_refused(tmp_path: Path) -> None:
    text = KdfParams.fresh().to_json()
    assert KdfParams.from_json(text).n == 2**17
    for bad in ("{}", "not json", text.replace("131072", "1024"), text.replace("131072", "3")):
        with pytest.raises(TamperedDataError, match="key-derivation parameters are damaged"):
            KdfParams.from_json(bad)


def test_secrets_saved_while_the_keyring_was_gone_go_back_to_it(
    tmp_path: Path, memory_keyring: keyring.backend.KeyringBackend
) -> None:
    with _open(tmp_path) as library:  # a keyring library with a passphrase beside it
        assert library.protection.key_storage == "keyring" and library.protection.has_passphrase
    _no_keyring()
    with _open(tmp_path) as library:  # opened with the passphrase: secrets are sealed in it
        library.items.save("item-1", "ins_1", "First Platypus Bank", access_token=TOKEN)
    assert _meta(tmp_path, "secret:access_token:item-1") is not None
    keyring.set_keyring(memory_keyring)  # the keyring is back
    with Library(tmp_path, SecretStore()) as library:
        assert library.secrets.get(secrets.ACCESS_TOKEN, "item-1") == TOKEN
    assert memory_keyring.get_password("assets-desktop", "access_token:item-1") == TOKEN
    assert _meta(tmp_path, "secret:access_token:item-1") is None
