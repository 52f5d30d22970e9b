"""One sandbox instance at run time: configuration, state, faults, signer, webhooks, reports."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from assets_desktop.sandbox.errors import asset_report_error, invalid_input
from assets_desktop.sandbox.faults import Faults
from assets_desktop.sandbox.reports import ReportEngine
from assets_desktop.sandbox.state import (
    AuditCopyRecord,
    GenerationStatus,
    ItemRecord,
    ReportRecord,
    iso,
    new_audit_copy_token,
    utcnow,
)
from assets_desktop.sandbox.state_file import load_state, parse_state_key, save_state
from assets_desktop.sandbox.webhooks import WebhookSender, WebhookSigner

DEFAULT_CLIENT_ID = "local-client-id"
DEFAULT_SECRET = "local-sandbox-secret"  # noqa: S105 - a documented, public test credential
# The second client identity: a Credit Relay partner (a report relayed to or from the lender).
PARTNER_CLIENT_ID = "local-partner-client-id"
PARTNER_SECRET = "local-partner-secret"  # noqa: S105 - a documented, public test credential
CLIENT_ID_ENV = "ASSETS_SANDBOX_CLIENT_ID"
SECRET_ENV = "ASSETS_SANDBOX_SECRET"  # noqa: S105 - the name of a variable, not a secret
STATE_KEY_ENV = "ASSETS_SANDBOX_STATE_KEY"


@dataclass
class SandboxConfig:
    """What a sandbox instance accepts and how it behaves."""

    client_id: str = DEFAULT_CLIENT_ID
    secret: str = DEFAULT_SECRET
    seed: int = 0
    ready_delay: float = 2.0  # seconds from create to ready; <= 0: ready when create returns
    state_file: Path | None = None  # None: state in memory only
    state_key: bytes | None = None  # seals the state file (else it holds no personal data)
    webhook_attempts: int = 4  # deliveries tried per webhook (the first + retries)
    webhook_backoff: float = 0.5  # seconds before the first retry; ×4 for each later one
    faults: Faults = field(default_factory=Faults)
    partner_client_id: str = PARTNER_CLIENT_ID
    partner_secret: str = PARTNER_SECRET

    @property
    def identities(self) -> dict[str, str]:
        """client_id → secret of every client the sandbox accepts (the lender, the partner)."""
        return {self.client_id: self.secret, self.partner_client_id: self.partner_secret}

    @classmethod
    def from_env(cls, **overrides: object) -> SandboxConfig:
        """Defaults, then ASSETS_SANDBOX_CLIENT_ID / _SECRET / _STATE_KEY, then `overrides`."""
        key = os.environ.get(STATE_KEY_ENV)
        config = cls(
            client_id=os.environ.get(CLIENT_ID_ENV) or DEFAULT_CLIENT_ID,
            secret=os.environ.get(SECRET_ENV) or DEFAULT_SECRET,
            state_key=parse_state_key(key) if key else None,
        )
        for name, value in overrides.items():
            if value is not None:
                setattr(config, name, value)
        return config


class Sandbox:
    """The live objects behind one app: handlers reach everything through this."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.faults = config.faults
        self.state = load_state(config.state_file, config.state_key)
        self.signer = WebhookSigner.for_state(self.state)
        self.sender = WebhookSender(
            self.signer,
            self.state,
            max_attempts=config.webhook_attempts,
            backoff=config.webhook_backoff,
        )
        self.sender.persist = self.persist
        self.engine = ReportEngine(
            self.state,
            self.faults,
            self.sender,
            seed=config.seed,
            ready_delay=config.ready_delay,
            persist=self.persist,
        )
        self.persist()

    def persist(self) -> None:
        """Save the state file, if there is one."""
        save_state(self.state, self.config.state_file, self.config.state_key)

    def item(self, access_token: str) -> ItemRecord:
        """The live Item of an access token, else INVALID_ACCESS_TOKEN."""
        return _live(
            self.state.items.get(access_token),
            "INVALID_ACCESS_TOKEN",
            "could not find matching access token: it is unknown, from another environment, "
            "or its Item was removed",
        )

    def report(self, token: str) -> ReportRecord:
        """The live report of an asset_report_token, else INVALID_ASSET_REPORT_TOKEN."""
        return _live(
            self.state.reports.get(token),
            "INVALID_ASSET_REPORT_TOKEN",
            "could not find matching asset report token: it is unknown or the report was removed",
        )

    def parent(self, token: str) -> ReportRecord:
        """A report usable as the parent of refresh/filter/audit copy, else INVALID_PARENT."""
        report = self.state.reports.get(token)
        if report is None or report.removed or report.status != GenerationStatus.READY:
            state = (
                "does not exist"
                if report is None
                else "was removed"
                if report.removed
                else "failed to generate"
                if report.status == GenerationStatus.FAILED
                else "is not ready yet"
            )
            raise asset_report_error(
                "INVALID_PARENT",
                f"the parent asset report {state}; use the token of a report that is ready",
            )
        return report

    def new_audit_copy(self, report: ReportRecord, auditor_id: str | None) -> dict[str, str]:
        """Keep a new audit copy token of `report` for `auditor_id` (None: a GSE token); the
        answer of the endpoints that create one."""
        copy = AuditCopyRecord(
            audit_copy_token=new_audit_copy_token(),
            asset_report_id=report.asset_report_id,
            auditor_id=auditor_id,
            created_at=iso(utcnow()),
        )
        self.state.audit_copies[copy.audit_copy_token] = copy
        self.persist()
        return {"audit_copy_token": copy.audit_copy_token}

    def audit_copy(self, token: str) -> tuple[AuditCopyRecord, ReportRecord]:
        """A live audit copy and its live report, else INVALID_AUDIT_COPY_TOKEN."""
        copy = self.state.audit_copies.get(token)
        report = self.state.report_by_id(copy.asset_report_id) if copy else None
        if copy is None or copy.removed or report is None or report.removed:
            raise invalid_input(
                "INVALID_AUDIT_COPY_TOKEN",
                "could not find matching audit copy token: it is unknown, was removed, or its "
                "asset report was removed",
            )
        return copy, report


Live = TypeVar("Live", ItemRecord, ReportRecord)


def _live(record: Live | None, error_code: str, message: str) -> Live:
    """`record` unless it is missing or removed: then the INVALID_INPUT error Plaid gives."""
    if record is None or record.removed:
        raise invalid_input(error_code, message)
    return record
