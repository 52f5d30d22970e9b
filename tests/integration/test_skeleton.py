"""The walking skeleton: the api client reaches the local sandbox over loopback."""

from __future__ import annotations

import pytest

from assets_desktop.api.client import PlaidApiError, PlaidClient
from assets_desktop.sandbox.embedded import EmbeddedSandbox


@pytest.mark.asyncio
async def test_client_reads_first_platypus_bank_over_loopback(sandbox: EmbeddedSandbox) -> None:
    assert sandbox.base_url.startswith("http://127.0.0.1:")
    client = PlaidClient(sandbox.base_url, sandbox.config.client_id, sandbox.config.secret)
    try:
        institution = (await client.institutions.get_by_id("ins_109508")).institution
    finally:
        await client.aclose()
    assert institution.name == "First Platypus Bank"
    assert institution.institution_id == "ins_109508"


@pytest.mark.asyncio
async def test_wrong_keys_are_refused(sandbox: EmbeddedSandbox) -> None:
    client = PlaidClient(sandbox.base_url, sandbox.config.client_id, "wrong-secret")
    try:
        with pytest.raises(PlaidApiError) as raised:
            await client.institutions.get_by_id("ins_109508")
    finally:
        await client.aclose()
    assert raised.value.error_code == "INVALID_API_KEYS"
