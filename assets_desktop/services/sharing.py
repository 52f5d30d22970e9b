"""Sharing a loan's reports beyond audit copies: the GSE VOA token and Credit Relay tokens.

- The GSE token: one VOA token per loan file for Fannie Mae D1C / Freddie Mac AIM
  (`/credit/audit_copy_token/*`). Create it from a ready report, point it at a refreshed report
  before closing (`update`), revoke it (`remove`). The token stays in the keyring; the library
  keeps the record and its lifecycle in the activity log.
- Credit Relay (`/credit/relay/*`): share a report with a partner's `secondary_client_id`,
  revoke the relay token, and open a report relayed to the lender into the library.
"""

from __future__ import annotations

from assets_desktop.services.environment import (
    ConnectedEnvironment,
    WorkflowContext,
    report_token,
    revoke_stored_token,
    stored_token,
)
from assets_desktop.services.errors import WorkflowError
from assets_desktop.services.progress import Progress
from assets_desktop.services.store_executor import in_store
from assets_desktop.store import secrets as secret_kinds
from assets_desktop.store.records import Activity, AuditCopyRecord, ReportRecord
from assets_desktop.store.transfer import borrower_names

GONE_TOKEN_CODES = frozenset({"INVALID_AUDIT_COPY_TOKEN", "INVALID_RELAY_TOKEN"})


async def create_gse_token(ctx: WorkflowContext, report_id: str) -> AuditCopyRecord:
    """The loan file's GSE token, made from this ready report (one live token per loan)."""
    copy, report_token_ = await in_store(_gse_and_report_token, ctx, report_id)
    if copy is not None:
        raise WorkflowError(
            "This loan file already has a GSE token: point it at this report with “Update” or "
            "remove it first."
        )
    token = await ctx.env.client.credit.audit_copy_token_create(report_token_)
    return await in_store(ctx.library.tokens.add_gse, report_id, token)


async def update_gse_token(ctx: WorkflowContext, report_id: str) -> AuditCopyRecord:
    """Point the loan file's GSE token at `report_id` (e.g. the refresh before closing)."""
    copy, report_token_ = await in_store(_gse_and_report_token, ctx, report_id)
    if copy is None:
        raise WorkflowError("This loan file has no GSE token yet; create one first.")
    if copy.report_id == report_id:
        raise WorkflowError("The GSE token already points at this report.")
    gse_token = await in_store(_shared_token, ctx.env, copy)
    await ctx.env.client.credit.audit_copy_token_update(gse_token, report_token_)
    return await in_store(ctx.library.tokens.move_gse, copy.id, report_id)


async def remove_shared_token(ctx: WorkflowContext, copy_id: str) -> AuditCopyRecord:
    """Revoke a GSE or relay token at Plaid and mark it removed (one Plaid lost counts too)."""
    copy = await in_store(ctx.library.audit_copies.get, copy_id)
    if copy.kind == "audit copy":
        raise WorkflowError("That is an audit copy; remove it from the audit copies dialog.")
    step = Progress("Revoking", f"Revoking the {_name(copy)}", 0.3)
    client = ctx.env.client
    revoke = client.credit.audit_copy_token_remove if copy.kind == "gse" else client.relay.remove
    await revoke_stored_token(
        ctx, secret_kinds.AUDIT_COPY_TOKEN, copy_id, revoke, GONE_TOKEN_CODES, step
    )
    return await in_store(ctx.library.tokens.mark_removed, copy_id)


async def create_relay_token(
    ctx: WorkflowContext, report_id: str, secondary_client_id: str
) -> AuditCopyRecord:
    """Share a ready report with a partner (its `secondary_client_id`) through Credit Relay."""
    partner = secondary_client_id.strip()
    if not partner:
        raise WorkflowError("Enter the partner's secondary_client_id (the partner gives it).")
    _, report_token_ = await in_store(_gse_and_report_token, ctx, report_id)
    token = await ctx.env.client.relay.create(report_token_, partner)
    return await in_store(ctx.library.tokens.add_relay, report_id, partner, token)


async def open_relayed_report(
    ctx: WorkflowContext, relay_token: str, loan_file_id: str | None = None
) -> ReportRecord:
    """Read a report relayed to us (we are the receiving partner) and keep it with its PDF.

    Into `loan_file_id`, or a new loan file named after the report's first owner. The relay
    token is not kept: the library copy is what is reviewed.
    """
    library = ctx.library
    token = relay_token.strip()
    if not token:
        raise WorkflowError("Paste the relay token the report's owner gave you.")
    download = await ctx.env.client.relay.get(token)
    asset_report_id = download.response.report.asset_report_id
    if await in_store(library.reports.by_asset_report_id, asset_report_id) is not None:
        raise WorkflowError(f"Report {asset_report_id} is already in the library.")
    pdf = await ctx.env.client.relay.pdf(token)
    if loan_file_id is None:
        names = borrower_names(download.response) or ["Relayed report"]
        loan_file_id = (await in_store(library.loan_files.create, names, "purchase")).id
    return await in_store(
        library.reports.save, loan_file_id, download.raw, pdf, source="relay",
        what=Activity.RELAYED_REPORT_OPENED, detail="read with a Credit Relay token",
    )  # fmt: skip


def _gse_and_report_token(
    ctx: WorkflowContext, report_id: str
) -> tuple[AuditCopyRecord | None, str]:
    """(the loan file's live GSE token record or None, the report's own token): store thread."""
    record = ctx.library.reports.get(report_id)
    return ctx.library.tokens.gse(record.loan_file_id), report_token(ctx.env, record)


def _shared_token(env: ConnectedEnvironment, copy: AuditCopyRecord) -> str:
    return stored_token(
        env,
        secret_kinds.AUDIT_COPY_TOKEN,
        copy.id,
        f"The {_name(copy)} is not in the keyring (it was kept for one session only). "
        "Remove it and create a new one.",
    )


def _name(copy: AuditCopyRecord) -> str:
    return "GSE token" if copy.kind == "gse" else f"relay token for {copy.partner}"
