"""GSE audit copy tokens: `/credit/audit_copy_token/create` and `/update` (its `/remove` is
`/asset_report/audit_copy/remove`'s handler: the token is an audit copy).

One token per loan, shared with Fannie Mae (Day 1 Certainty) or Freddie Mac (AIM); `update`
points it at a newer report (a refresh). The GSE reads it like any audit copy
(`/asset_report/audit_copy/get`). The sandbox has Asset Reports only (no VOE or income reports),
so `report_tokens` holds exactly one Asset Report token.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from assets_desktop.sandbox.runtime import Sandbox
from assets_desktop.sandbox.state import (
    ReportRecord,
)
from assets_desktop.sandbox.validation import field_error

Body = dict[str, Any]


def _asset_report(sb: Sandbox, report_tokens: list[str]) -> ReportRecord:
    if len(report_tokens) != 1:
        raise field_error(
            "report_tokens must hold exactly one Asset Report token (the sandbox has no VOE or "
            f"income reports); got {len(report_tokens)}"
        )
    return sb.parent(report_tokens[0])


async def credit_audit_copy_token_create(sb: Sandbox, body: Body, request: Request) -> Body:
    # a GSE token: no auditor, whoever the lender gives it to reads the report
    return sb.new_audit_copy(_asset_report(sb, body["report_tokens"]), None)


async def credit_audit_copy_token_update(sb: Sandbox, body: Body, request: Request) -> Body:
    copy, _ = sb.audit_copy(body["audit_copy_token"])
    copy.asset_report_id = _asset_report(sb, body["report_tokens"]).asset_report_id
    sb.persist()
    return {"updated": True}
