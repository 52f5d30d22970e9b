"""Connecting to an environment: keys from the SecretStore, clear messages when something is
missing, a verified webhook receiver only where the server can reach us."""

from __future__ import annotations

import pytest

from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.services.environment import EnvironmentSetupError, connect, save_keys
from assets_desktop.store import secrets as kinds
from assets_desktop.store.secrets import SecretStore
from tests.integration.workflows.support import Recorder


@pytest.mark.asyncio
async def test_local_connects_with_stored_keys_and_receives_webhooks(
    sandbox: EmbeddedSandbox,
) -> None:
    secrets = SecretStore()
    save_keys(secrets, "local", f" {sandbox.config.client_id} ", sandbox.config.secret)
    progress = Recorder()
    env = await connect("local", secrets, base_url=sandbox.base_url, progress=progress)
    try:
        institution = await env.client.institutions.get_by_id("ins_109508")
        assert env.webhook_url and env.webhook_url.startswith("http://127.0.0.1:")
    finally:
        await env.aclose()
    assert institution.institution.name == "First Platypus Bank"
    assert institution.institution.connection_availability == "SUPPORTED"
    assert secrets.get(kinds.PLAID_CLIENT_ID, "local") == sandbox.config.client_id
    assert (env.source, env.label) == ("plaid:local", "Local sandbox (built in)")
    assert progress.stages == ["Connecting", "Connected"]


@pytest.mark.asyncio
async def test_plaid_environments_use_their_urls_and_poll_without_webhooks() -> None:
    secrets = SecretStore()
    save_keys(secrets, "production", "prod-client-id", "prod-secret-value")
    env = await connect("production", secrets)
    try:
        assert env.client.base_url == "https://production.plaid.com"
        assert env.webhooks is None
        assert env.client.connection.min_poll_interval == 4.0
    finally:
        await env.aclose()


@pytest.mark.asyncio
async def test_missing_keys_unknown_names_and_no_local_url_say_what_to_do() -> None:
    secrets = SecretStore()
    with pytest.raises(EnvironmentSetupError, match="Settings"):
        await connect("sandbox", secrets)
    with pytest.raises(EnvironmentSetupError, match="local, sandbox, production"):
        await connect("development", secrets)
    with pytest.raises(EnvironmentSetupError, match="local sandbox is not running"):
        await connect("local", secrets)
    with pytest.raises(EnvironmentSetupError, match="both"):
        save_keys(secrets, "sandbox", "id-only", "  ")
