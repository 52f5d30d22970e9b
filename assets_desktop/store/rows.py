"""Row ↔ record conversion, field checks and sealing helpers for the library."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import cast

from assets_desktop.store import binding, loan_terms
from assets_desktop.store.backend import Connection, Row, set_meta
from assets_desktop.store.crypto import Sealer
from assets_desktop.store.records import (
    LOAN_PURPOSES,
    REPORT_RELATIONS,
    REPORT_STATES,
    ActivityEntry,
    AttachmentRecord,
    AuditCopyRecord,
    ItemRecord,
    LoanFile,
    LoanPurpose,
    LoanTermsRecord,
    PersonName,
    ReportRecord,
    ReportRelation,
    ReportState,
)

CENT = Decimal("0.01")


def timestamp(moment: dt.datetime) -> str:
    """An aware datetime as a sortable UTC ISO string (naive ones are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _required_timestamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def check_purpose(purpose: str) -> LoanPurpose:
    if purpose not in LOAN_PURPOSES:
        raise ValueError(f"The loan purpose must be purchase or refinance, not {purpose!r}.")
    return purpose


def check_income(value: object) -> Decimal | None:
    """Monthly qualifying income as an exact amount in cents (None when not known yet)."""
    if value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).replace(",", "").replace("$", "").strip())
    except InvalidOperation as error:
        raise ValueError(f"The monthly income {value!s} is not an amount of money.") from error
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"The monthly income must be zero or more, not {value!s}.")
    if amount > loan_terms.MAX_AMOUNT:
        raise ValueError(
            f"The monthly income {value!s} is not plausible (at most 1,000,000,000); give it "
            "in dollars, e.g. 6500."
        )
    return amount.quantize(CENT)


def check_state(state: str) -> ReportState:
    if state not in REPORT_STATES:
        raise ValueError(f"A report state is one of {', '.join(REPORT_STATES)}, not {state!r}.")
    return ReportState(state)


def check_relation(parent_id: str | None, relation: str | None) -> ReportRelation | None:
    if parent_id is None and relation is None:
        return None
    if parent_id is None or relation not in REPORT_RELATIONS:
        raise ValueError("A derived report needs a parent report and a relation (refresh|filter).")
    return ReportRelation(relation)


def seal_loan_fields(
    sealer: Sealer,
    ident: str,
    borrowers: tuple[PersonName, ...],
    income: object,
    notes: str,
    terms: LoanTermsRecord,
) -> tuple[bytes, bytes | None, bytes, bytes]:
    """(borrowers, monthly income, notes, terms) sealed for loan file `ident`."""
    sealed_names = sealer.seal(loan_terms.borrowers_json(borrowers), f"loan_files.names:{ident}")
    sealed_income = (
        None
        if income is None
        else sealer.seal(str(income).encode(), f"loan_files.monthly_income:{ident}")
    )
    sealed_notes = sealer.seal(notes.encode(), f"loan_files.notes:{ident}")
    sealed_terms = sealer.seal(loan_terms.terms_json(terms), f"loan_files.terms:{ident}")
    return sealed_names, sealed_income, sealed_notes, sealed_terms


def loan_file_from_row(row: Row, sealer: Sealer) -> LoanFile:
    binding.check(sealer, "loan_files", row)
    ident = row["id"]
    names = sealer.open(row["borrower_names_sealed"], f"loan_files.names:{ident}", "borrower name")
    income_sealed = row["monthly_income_sealed"]
    income = (
        None
        if income_sealed is None
        else Decimal(
            sealer.open(
                income_sealed, f"loan_files.monthly_income:{ident}", "monthly income"
            ).decode()
        )
    )
    terms_sealed = row["terms_sealed"]
    terms = (
        None
        if terms_sealed is None
        else sealer.open(terms_sealed, f"loan_files.terms:{ident}", "loan terms")
    )
    return LoanFile(
        id=ident,
        borrowers=loan_terms.borrowers_from_json(names),
        purpose=cast(LoanPurpose, row["purpose"]),
        monthly_income=income,
        notes=_opened_text(sealer, row, "notes_sealed", "loan_files.notes", "loan file notes"),
        created_at=_required_timestamp(row["created_at"]),
        updated_at=_required_timestamp(row["updated_at"]),
        terms=loan_terms.terms_from_json(terms),
        version=int(row["version"] or 0),
    )


def attachment_from_row(row: Row, sealer: Sealer) -> AttachmentRecord:
    return AttachmentRecord(
        id=row["id"],
        loan_file_id=row["loan_file_id"],
        report_id=row["report_id"],
        name=_opened_text(sealer, row, "name_sealed", "attachments.name", "document name"),
        media_type=row["media_type"],
        sha256=row["sha256"],
        size=int(row["size"]),
        created_at=_required_timestamp(row["created_at"]),
    )


def item_from_row(row: Row) -> ItemRecord:
    return ItemRecord(
        item_id=row["item_id"],
        institution_id=row["institution_id"],
        institution_name=row["institution_name"],
        environment=row["environment"],
        status=row["status"],
        loan_file_id=row["loan_file_id"],
        created_at=_required_timestamp(row["created_at"]),
        updated_at=_required_timestamp(row["updated_at"]),
    )


REPORT_COLUMNS = (
    "id, asset_report_id, client_report_id, loan_file_id, parent_id, relation, state, source, "
    "date_generated, days_requested, json_sha256, json_size, pdf_sha256, pdf_size, notes_sealed, "
    "created_at, updated_at, version, row_mac"
)


def report_from_row(row: Row, sealer: Sealer) -> ReportRecord:
    binding.check(sealer, "reports", row)
    return ReportRecord(
        id=row["id"],
        asset_report_id=row["asset_report_id"],
        client_report_id=row["client_report_id"],
        loan_file_id=row["loan_file_id"],
        parent_id=row["parent_id"],
        relation=cast(ReportRelation | None, row["relation"]),
        state=ReportState(row["state"]),
        source=row["source"],
        date_generated=parse_timestamp(row["date_generated"]),
        days_requested=row["days_requested"],
        json_sha256=row["json_sha256"],
        json_size=row["json_size"],
        pdf_sha256=row["pdf_sha256"],
        pdf_size=row["pdf_size"],
        notes=_opened_text(sealer, row, "notes_sealed", "reports.notes", "report notes"),
        created_at=_required_timestamp(row["created_at"]),
        updated_at=_required_timestamp(row["updated_at"]),
        version=int(row["version"] or 0),
    )


def audit_copy_from_row(row: Row) -> AuditCopyRecord:
    return AuditCopyRecord(
        id=row["id"],
        report_id=row["report_id"],
        auditor=row["auditor"],
        created_at=_required_timestamp(row["created_at"]),
        removed_at=parse_timestamp(row["removed_at"]),
    )


def activity_from_row(row: Row, sealer: Sealer) -> ActivityEntry:
    return ActivityEntry(
        seq=row["seq"],
        id=row["id"],
        at=_required_timestamp(row["at"]),
        what=row["what"],
        subject=row["subject"],
        loan_file_id=row["loan_file_id"],
        report_id=row["report_id"],
        detail=_opened_text(sealer, row, "detail_sealed", "activity.detail", "activity detail"),
        actor=row["actor"] if "actor" in row.keys() else None,  # noqa: SIM118 (rows)
    )


def _opened_text(sealer: Sealer, row: Row, column: str, context: str, what: str) -> str:
    """The row's sealed text in `column`, opened (bound to `context:<row id>`) and decoded."""
    return sealer.open(row[column], f"{context}:{row['id']}", what).decode()


@contextlib.contextmanager
def retention(connection: Connection) -> Iterator[None]:
    """Within a transaction: allow deleting activity rows (retention only)."""
    set_meta(connection, [("retention", "1")])
    yield
    connection.execute("DELETE FROM meta WHERE name = 'retention'")
