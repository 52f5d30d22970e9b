"""What a sandbox remembers: Items, reports, audit copies, link tokens (`state_file` saves them).

Only metadata is kept: report data is regenerated deterministically from (seed, Item, date
generated), so a state file stays small and a restarted sandbox serves the same reports.
"""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

_ALNUM = string.ascii_letters + string.digits
_UPPER_ALNUM = string.ascii_uppercase + string.digits
STATE_VERSION = 1


def utcnow() -> datetime:
    """The current time, timezone-aware UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """`2026-11-25T00:32:47Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_item_id() -> str:
    """A 37-character alphanumeric Item id (also the shape of account ids)."""
    return "".join(secrets.choice(_ALNUM) for _ in range(37))


def new_token(prefix: str) -> str:
    """`access-sandbox-<uuid>`, `public-sandbox-<uuid>`, `assets-sandbox-<uuid>`…"""
    return f"{prefix}-sandbox-{uuid.uuid4()}"


def new_audit_copy_token() -> str:
    """`a-sandbox-3TAU2CWVYBDVRHUCAAAI27ULU4`-shaped."""
    return "a-sandbox-" + "".join(secrets.choice(_UPPER_ALNUM) for _ in range(26))


@dataclass
class ItemRecord:
    """A linked Item."""

    item_id: str
    access_token: str
    institution_id: str
    username: str
    products: list[str]
    webhook: str | None
    created_at: str
    removed: bool = False
    error: dict[str, Any] | None = None  # set by /sandbox/item/reset_login
    last_webhook_code: str | None = None
    last_webhook_at: str | None = None


@dataclass
class PublicTokenRecord:
    """A single-use public token waiting to be exchanged for an Item."""

    public_token: str
    institution_id: str
    username: str
    products: list[str]
    webhook: str | None
    created_at: str
    item_id: str  # decided up front so Link can show the Item's accounts
    used: bool = False


class GenerationStatus(StrEnum):
    """Where Plaid is with building a report."""

    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


@dataclass
class ReportRecord:
    """An Asset Report: its request, lineage and generation status."""

    asset_report_id: str
    asset_report_token: str
    item_ids: list[str]
    days_requested: int
    client_report_id: str | None
    webhook: str | None
    user: dict[str, Any]
    add_ons: list[str]
    exclude_account_ids: list[str]
    date_generated: str
    created_at: str
    kind: str = "create"  # create | refresh | filter
    parent_id: str | None = None
    status: str = GenerationStatus.PENDING
    removed: bool = False
    error: dict[str, Any] | None = None


@dataclass
class AuditCopyRecord:
    """An audit copy token granted on a report."""

    audit_copy_token: str
    asset_report_id: str
    auditor_id: str | None
    created_at: str
    removed: bool = False


@dataclass
class LinkTokenRecord:
    """A link token, its settings and the sessions run on it (hosted Link)."""

    link_token: str
    created_at: str
    expiration: str
    client_name: str
    language: str
    country_codes: list[str]
    products: list[str]
    webhook: str | None
    redirect_uri: str | None
    hosted: bool
    completion_redirect_uri: str | None
    sessions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SandboxState:
    """Every record of one sandbox instance, keyed the way requests look them up."""

    items: dict[str, ItemRecord] = field(default_factory=dict)  # by access token
    public_tokens: dict[str, PublicTokenRecord] = field(default_factory=dict)
    reports: dict[str, ReportRecord] = field(default_factory=dict)  # by report token
    audit_copies: dict[str, AuditCopyRecord] = field(default_factory=dict)
    link_tokens: dict[str, LinkTokenRecord] = field(default_factory=dict)
    webhook_key_pem: str | None = None
    webhook_kid: str | None = None
    webhook_key_created_at: int | None = None
    webhooks_sent: list[dict[str, Any]] = field(default_factory=list, repr=False)
    webhook_events: list[dict[str, Any]] = field(default_factory=list, repr=False)  # 7 days
    webhook_events_seq: int = 0
    relays: dict[str, dict[str, Any]] = field(default_factory=dict)  # Credit Relay, by token

    def item_by_id(self, item_id: str) -> ItemRecord | None:
        """The Item with this id, removed or not."""
        return next((i for i in self.items.values() if i.item_id == item_id), None)

    def report_by_id(self, asset_report_id: str) -> ReportRecord | None:
        """The report with this id, removed or not."""
        return next(
            (r for r in self.reports.values() if r.asset_report_id == asset_report_id), None
        )

    @property
    def reports_created(self) -> int:
        """How many reports were ever created (create, refresh and filter)."""
        return len(self.reports)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready snapshot (webhook deliveries are not kept; the ASSETS events list is)."""
        return {
            "version": STATE_VERSION,
            "items": [asdict(r) for r in self.items.values()],
            "public_tokens": [asdict(r) for r in self.public_tokens.values()],
            "reports": [asdict(r) for r in self.reports.values()],
            "audit_copies": [asdict(r) for r in self.audit_copies.values()],
            "link_tokens": [asdict(r) for r in self.link_tokens.values()],
            "webhook_key_pem": self.webhook_key_pem,
            "webhook_kid": self.webhook_kid,
            "webhook_key_created_at": self.webhook_key_created_at,
            "webhook_events": self.webhook_events,
            "webhook_events_seq": self.webhook_events_seq,
            "relays": self.relays,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SandboxState:
        """Rebuild a state saved by `to_json`."""
        if data.get("version") != STATE_VERSION:
            raise ValueError(
                f"unsupported sandbox state version {data.get('version')!r} "
                f"(expected {STATE_VERSION}); delete the state file or use another path"
            )

        def load(kind: type[Any], rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
            names = {f.name for f in fields(kind)}
            return {row[key]: kind(**{k: v for k, v in row.items() if k in names}) for row in rows}

        return cls(
            items=load(ItemRecord, data.get("items", []), "access_token"),
            public_tokens=load(PublicTokenRecord, data.get("public_tokens", []), "public_token"),
            reports=load(ReportRecord, data.get("reports", []), "asset_report_token"),
            audit_copies=load(AuditCopyRecord, data.get("audit_copies", []), "audit_copy_token"),
            link_tokens=load(LinkTokenRecord, data.get("link_tokens", []), "link_token"),
            webhook_key_pem=data.get("webhook_key_pem"),
            webhook_kid=data.get("webhook_kid"),
            webhook_key_created_at=data.get("webhook_key_created_at"),
            webhook_events=list(data.get("webhook_events", [])),
            webhook_events_seq=int(data.get("webhook_events_seq", 0)),
            relays=dict(data.get("relays", {})),
        )
