"""Connect to an environment: local sandbox, Plaid Sandbox or Plaid Production.

A `ConnectedEnvironment` owns the one long-lived `PlaidClient` of that environment and, when
the server can reach this machine on loopback (the local sandbox), a verified `WebhookReceiver`
so that PRODUCT_READY webhooks end report waits early. Keys come from the SecretStore (kinds
`plaid_client_id` / `plaid_secret`, keyed by the environment name); they are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assets_desktop.api import redact
from assets_desktop.api.client import PlaidClient
from assets_desktop.api.errors import UserActionRequired
from assets_desktop.api.transport import RetryPolicy
from assets_desktop.api.webhook_events import WebhookCatchUp
from assets_desktop.api.webhook_receiver import WebhookReceiver
from assets_desktop.api.webhook_verify import WebhookVerifier
from assets_desktop.domain.errors import AppError
from assets_desktop.domain.vocabulary import PlaidEnvironment
from assets_desktop.services.errors import MissingTokenError
from assets_desktop.services.progress import Progress, ProgressCallback, reporter
from assets_desktop.services.store_executor import in_store
from assets_desktop.store import secrets as secret_kinds
from assets_desktop.store.records import ReportRecord
from assets_desktop.store.secrets import SecretStore

if TYPE_CHECKING:
    from assets_desktop.store.library import Library

log = logging.getLogger(__name__)


class EnvironmentSetupError(AppError):
    """The environment cannot be used yet; `user_message` says what to do."""


@dataclass
class ConnectedEnvironment:
    """A connected environment: its name, client and (maybe) webhook receiver."""

    name: PlaidEnvironment
    client: PlaidClient
    secrets: SecretStore
    webhooks: WebhookReceiver | None = None

    def __post_init__(self) -> None:
        self.name = PlaidEnvironment(self.name)

    @property
    def label(self) -> str:
        """The environment's name for people, e.g. `Plaid Sandbox`."""
        return self.name.label

    @property
    def webhook_url(self) -> str | None:
        """The URL to give Plaid for webhooks, or None when they cannot reach us."""
        return self.webhooks.url if self.webhooks is not None else None

    @property
    def source(self) -> str:
        """How the library labels reports fetched here, e.g. `plaid:production`."""
        return f"plaid:{self.name}"

    async def aclose(self) -> None:
        """Stop the webhook receiver and close the client's connections."""
        if self.webhooks is not None:
            await self.webhooks.aclose()
        await self.client.aclose()


def save_keys(secrets: SecretStore, environment: str, client_id: str, secret: str) -> None:
    """Keep an environment's Plaid keys in the SecretStore."""
    environment = _checked(environment)
    if not client_id.strip() or not secret.strip():
        raise EnvironmentSetupError("Enter both the client_id and the secret.")
    secrets.set(secret_kinds.PLAID_CLIENT_ID, environment, client_id.strip())
    secrets.set(secret_kinds.PLAID_SECRET, environment, secret.strip())


async def connect(
    name: str,
    secrets: SecretStore,
    *,
    base_url: str | None = None,
    receive_webhooks: bool | None = None,
    timeout: float = 30.0,  # noqa: ASYNC109 - the client's per-request timeout
    retry: RetryPolicy | None = None,
    progress: ProgressCallback | None = None,
) -> ConnectedEnvironment:
    """Build the environment `name` (local | sandbox | production) with keys from `secrets`.

    Args:
        name: the environment.
        secrets: where the keys are (save them first with `save_keys`).
        base_url: required for `local` (the embedded sandbox's URL); optional override otherwise.
        receive_webhooks: start a loopback webhook receiver; default: only for `local`, the one
            server that can reach this machine.
        timeout, retry: passed to the PlaidClient.
        progress: called with each step.

    Raises:
        EnvironmentSetupError: unknown name, no base URL, or no keys (message says what to do).
    """
    name = _checked(name)
    report = reporter(progress)
    url = base_url or name.plaid_url
    if not url:
        raise EnvironmentSetupError(
            "The local sandbox is not running, so there is no address to connect to. Restart "
            "the app, or pick Plaid Sandbox or Production in Settings."
        )
    client_id = await in_store(secrets.get, secret_kinds.PLAID_CLIENT_ID, name)
    secret = await in_store(secrets.get, secret_kinds.PLAID_SECRET, name)
    if not client_id or not secret:
        raise EnvironmentSetupError(
            f"No Plaid keys for {name.label} yet. Enter the client_id and secret "
            "from the Plaid Dashboard (Developers → Keys) in Settings."
        )
    redact.install()
    redact.register_secret(client_id)
    redact.register_secret(secret)
    report(Progress("Connecting", f"Connecting to {name.label} ({url})"))
    client = PlaidClient(url, client_id, secret, environment=name, timeout=timeout, retry=retry)
    environment = ConnectedEnvironment(name, client, secrets)
    if receive_webhooks if receive_webhooks is not None else name is PlaidEnvironment.LOCAL:
        receiver = WebhookReceiver(WebhookVerifier(client.webhooks.verification_key_get))
        receiver.catch_up_source = WebhookCatchUp(client.webhooks.events_list)
        try:
            await receiver.start()
        except OSError as error:
            log.warning("No webhook receiver (%s): report waits will poll only", error)
        else:
            environment.webhooks = receiver
    report(Progress("Connected", f"Using {name.label}", 1.0))
    return environment


def _checked(name: str) -> PlaidEnvironment:
    try:
        return PlaidEnvironment(name)
    except ValueError:
        raise EnvironmentSetupError(
            f"Unknown environment {name!r}; choose one of {', '.join(PlaidEnvironment)}."
        ) from None


@dataclass(frozen=True)
class WorkflowContext:
    """What a workflow (`services.items`, `reports`, `sharing`) runs with: the connected
    environment, the library it reads and writes, and who hears its progress."""

    env: ConnectedEnvironment
    library: Library
    progress: ProgressCallback | None = None

    def report(self, step: Progress) -> None:
        """Announce `step` (a failing callback never breaks the workflow)."""
        reporter(self.progress)(step)


def report_token(env: ConnectedEnvironment, record: ReportRecord) -> str:
    """The report's asset_report_token from the keyring, else MissingTokenError."""
    return stored_token(
        env,
        secret_kinds.ASSET_REPORT_TOKEN,
        record.asset_report_id,
        f"The token of report {record.asset_report_id} is not in the keyring (it was removed, "
        "imported from a file, or kept for one session only). The library copy can still be "
        "reviewed; create a new report to work with Plaid.",
    )


def stored_token(env: ConnectedEnvironment, kind: str, key: str, missing: str) -> str:
    """The token kept in the keyring under (`kind`, `key`), else MissingTokenError(`missing`)."""
    token = env.secrets.get(kind, key)
    if not token:
        raise MissingTokenError(missing)
    return token


async def revoke_stored_token(
    ctx: WorkflowContext,
    kind: str,
    key: str,
    revoke: Callable[[str], Awaitable[object]],
    gone_codes: Collection[str],
    step: Progress,
) -> None:
    """Revoke the token kept under (`kind`, `key`) at Plaid with `revoke`, announcing `step`.

    Nothing kept: nothing to do. Plaid answering one of `gone_codes` (it no longer knows the
    token) counts as revoked.
    """
    token = await in_store(ctx.env.secrets.get, kind, key)
    if not token:
        return
    ctx.report(step)
    try:
        await revoke(token)
    except UserActionRequired as error:
        if error.error_code not in gone_codes:
            raise
        log.info("%s %s was already gone at Plaid (%s)", kind, key, error.error_code)
