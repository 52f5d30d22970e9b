"""Rows of the local library as frozen dataclasses (decrypted, ready to show)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from assets_desktop.domain.vocabulary import ReportRelation as ReportRelation
from assets_desktop.domain.vocabulary import ReportState as ReportState

LoanPurpose = Literal["purchase", "refinance"]

LOAN_PURPOSES: tuple[LoanPurpose, ...] = ("purchase", "refinance")
REPORT_STATES: tuple[ReportState, ...] = tuple(ReportState)
REPORT_RELATIONS: tuple[ReportRelation, ...] = tuple(ReportRelation)


# `audit_copies.auditor` of the tokens shared beside audit copies (same table, same keyring kind).
GSE_VOA = "gse_voa"  # the loan's one VOA token for Fannie Mae D1C / Freddie Mac AIM
RELAY_PREFIX = "relay:"  # + the partner's secondary_client_id: a Credit Relay token


class Activity:
    """Names for `ActivityEntry.what` (free text is allowed too)."""

    LOAN_FILE_CREATED = "loan file created"
    LOAN_FILE_UPDATED = "loan file updated"
    LOAN_FILE_DELETED = "loan file deleted"
    ITEM_ADDED = "item added"
    REPORT_REQUESTED = "report requested"
    REPORT_SAVED = "report saved"
    REPORT_CREATED = "created"
    REPORT_REFRESHED = "refreshed"
    REPORT_FILTERED = "filtered"
    REPORT_REMOVED = "removed"
    REPORT_DELETED = "report deleted"
    REPORT_IMPORTED = "imported"
    REPORT_EXPORTED = "exported"
    BUNDLE_EXPORTED = "review bundle exported"
    BUNDLE_IMPORTED = "review bundle imported"
    AUDIT_COPY_CREATED = "audit copy created"
    AUDIT_COPY_REMOVED = "audit copy removed"
    GSE_TOKEN_CREATED = "GSE token created"  # noqa: S105 - an activity name
    GSE_TOKEN_UPDATED = "GSE token updated"  # noqa: S105 - an activity name
    GSE_TOKEN_REMOVED = "GSE token removed"  # noqa: S105 - an activity name
    RELAY_TOKEN_CREATED = "relay token created"  # noqa: S105 - an activity name
    RELAY_TOKEN_REMOVED = "relay token removed"  # noqa: S105 - an activity name
    RELAYED_REPORT_OPENED = "relayed report opened"
    FLAG_CLEARED = "flag cleared"
    ATTACHMENT_ADDED = "document attached"
    NOTE = "note"
    PURGED = "purged"


@dataclass(frozen=True)
class PersonName:
    """A borrower's name in parts (the middle name may be empty)."""

    first: str
    middle: str
    last: str

    @property
    def full(self) -> str:
        """`John Q. Smith`."""
        return " ".join(part for part in (self.first, self.middle, self.last) if part)

    @classmethod
    def parse(cls, text: str) -> PersonName:
        """`John Quincy Smith` → first John, middle Quincy, last Smith; one word is a last name."""
        words = text.split()
        if len(words) < 2:
            return cls("", "", " ".join(words))
        return cls(words[0], " ".join(words[1:-1]), words[-1])


@dataclass(frozen=True)
class LoanTermsRecord:
    """What a decision needs beyond the borrowers: amounts in the loan's currency (USD)."""

    name: str | None = None
    cash_to_close: Decimal | None = None
    monthly_housing_payment: Decimal | None = None
    reserve_months: Decimal | None = None
    earnest_money: Decimal | None = None
    earnest_money_date: dt.date | None = None


@dataclass(frozen=True)
class LoanFile:
    """A loan application under review: its borrowers (the first is the borrower, the others
    co-borrowers), purpose, income and the terms the qualification needs."""

    id: str
    borrowers: tuple[PersonName, ...]
    purpose: LoanPurpose
    monthly_income: Decimal | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime
    terms: LoanTermsRecord = LoanTermsRecord()
    version: int = 0
    """Bumped by every write: an update naming an older one is refused (ConcurrentChangeError)."""

    @property
    def borrower_names(self) -> tuple[str, ...]:
        """Full names, borrower first."""
        return tuple(person.full for person in self.borrowers)

    @property
    def title(self) -> str:
        """The loan file's name, else `Alberta Charleson & Bo Charleson — purchase`."""
        if self.terms.name:
            return self.terms.name
        names = " & ".join(self.borrower_names) or "Unnamed borrower"
        return f"{names} — {self.purpose}"


@dataclass(frozen=True)
class AttachmentRecord:
    """A document (PDF or image) kept encrypted in the library, e.g. a gift letter."""

    id: str
    loan_file_id: str
    report_id: str | None
    name: str
    media_type: str
    sha256: str
    size: int
    created_at: dt.datetime


@dataclass(frozen=True)
class ItemRecord:
    """A bank connection (its access token is in the keyring, never here)."""

    item_id: str
    institution_id: str
    institution_name: str
    environment: str
    status: str
    loan_file_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ReportRecord:
    """A report's metadata; its JSON and PDF are read on demand (`Library.report_json`)."""

    id: str
    asset_report_id: str
    client_report_id: str | None
    loan_file_id: str
    parent_id: str | None
    relation: ReportRelation | None
    state: ReportState
    source: str
    date_generated: dt.datetime | None
    days_requested: int | None
    json_sha256: str | None
    json_size: int | None
    pdf_sha256: str | None
    pdf_size: int | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = 0

    @property
    def has_json(self) -> bool:
        return self.json_sha256 is not None

    @property
    def has_pdf(self) -> bool:
        return self.pdf_sha256 is not None


@dataclass(frozen=True)
class AuditCopyRecord:
    """An audit copy given to an auditor (its token is in the keyring under `id`)."""

    id: str
    report_id: str
    auditor: str
    created_at: dt.datetime
    removed_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def kind(self) -> str:
        """`audit copy`, `gse` (the loan's VOA token) or `relay` (shared with a partner)."""
        if self.auditor == GSE_VOA:
            return "gse"
        return "relay" if self.auditor.startswith(RELAY_PREFIX) else "audit copy"

    @property
    def partner(self) -> str:
        """The partner's `secondary_client_id` of a relay token ('' otherwise)."""
        return self.auditor.removeprefix(RELAY_PREFIX) if self.kind == "relay" else ""


@dataclass(frozen=True)
class ActivityEntry:
    """One line of the append-only activity log."""

    seq: int
    id: str
    at: dt.datetime
    what: str
    subject: str
    loan_file_id: str | None
    report_id: str | None
    detail: str
    actor: str | None = None
    """The database role that acted (a team library); None in a library on this computer."""
