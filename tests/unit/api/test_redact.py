"""Secrets never reach a log record: Plaid tokens, SSNs and registered keys are scrubbed."""

from __future__ import annotations

import logging

import pytest

from assets_desktop.api import redact
from tests.unit.api.helpers import Recorder, client_for, ok


def test_plaid_tokens_and_ssns_are_masked() -> None:
    text = (
        "tokens access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6 public-production-abc "
        "link-sandbox-1 assets-sandbox-9 a-sandbox-3TAU2CWVYBDVRHUCAAAI27ULU4 ssn 123-45-6789"
    )
    cleaned = redact.redact(text)
    assert cleaned.count(redact.MASK) == 6
    for secret in ("access-sandbox", "public-production", "3TAU2", "123-45-6789"):
        assert secret not in cleaned


def test_registered_values_are_masked_and_short_ones_ignored() -> None:
    redact.register_secret("my-very-private-secret-value")
    redact.register_secret("abc")  # too short to register safely
    assert redact.redact("key=my-very-private-secret-value abc") == f"key={redact.MASK} abc"


def test_installed_factory_scrubs_records_of_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    redact.install()
    redact.register_secret("registered-secret-xyz")
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").debug("POST with %s", "access-sandbox-1234")
    logging.getLogger("some.library").info("secret is registered-secret-xyz, n=%d", 3)
    try:
        raise ValueError("boom assets-sandbox-777")
    except ValueError:
        logging.getLogger("x").exception("failed")
    text = caplog.text
    assert "access-sandbox-1234" not in text
    assert "registered-secret-xyz" not in text
    assert "assets-sandbox-777" not in text
    assert "n=3" in text


def test_the_handler_filter_scrubs_too() -> None:
    record = logging.LogRecord("n", logging.INFO, "f", 1, "token %s", ("link-sandbox-zz",), None)
    assert redact.RedactingFilter().filter(record)
    assert record.getMessage() == f"token {redact.MASK}"


def test_register_tokens_takes_token_fields_and_token_lists_only() -> None:
    redact.register_tokens(
        {
            "access_tokens": ["opaque-access-one", 7],
            "audit_copy_token": "opaque-audit-two",
            "item_id": "item-id-not-secret",
            "token": "no-suffix-not-secret",
        }
    )
    text = "opaque-access-one opaque-audit-two item-id-not-secret no-suffix-not-secret"
    assert redact.redact(text) == (
        f"{redact.MASK} {redact.MASK} item-id-not-secret no-suffix-not-secret"
    )


@pytest.mark.asyncio
async def test_the_client_registers_the_tokens_it_sends_and_receives() -> None:
    recorder = Recorder(ok({"access_token": "opaque-received-token", "item_id": "item-9"}))
    client = client_for(recorder)
    try:
        await client.items.public_token_exchange("opaque-sent-token")
    finally:
        await client.aclose()
    assert recorder.bodies()[0]["public_token"] == "opaque-sent-token"
    cleaned = redact.redact("sent opaque-sent-token got opaque-received-token for item-9")
    assert cleaned == f"sent {redact.MASK} got {redact.MASK} for item-9"
