"""The underwriter's dispositions of flags: what each kind means for the figures.

A disposition resolves one flag (by its stable key) with a reason, and it drives the
qualification:

* `sourced` — a large deposit whose source is documented (gift letter, proof of sale, transfer
  from a verified account, payroll, other): added back to eligible assets. A gift records its
  donor and amount.
* `accepted` — accepted as is: the flag is resolved, the figures stay as the rules make them
  (an unsourced large deposit stays deducted on a purchase).
* `excluded` — on an account flag (owners, history, NSF, negative balance), the account is left
  out of eligible assets; on a large deposit, the deposit is deducted even on a refinance.
* `included` — on an owner flag, the account counts (the underwriter confirmed the borrower
  holds it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, cast

from assets_desktop.domain.errors import AppError

DispositionKind = Literal["sourced", "accepted", "excluded", "included"]
SourceType = Literal["gift_letter", "proof_of_sale", "verified_transfer", "payroll", "other"]

DISPOSITION_KINDS: tuple[DispositionKind, ...] = ("sourced", "accepted", "excluded", "included")
SOURCE_TYPES: tuple[SourceType, ...] = (
    "gift_letter",
    "proof_of_sale",
    "verified_transfer",
    "payroll",
    "other",
)
SOURCE_TITLES: Mapping[str, str] = {
    "gift_letter": "gift letter",
    "proof_of_sale": "proof of sale",
    "verified_transfer": "transfer from a verified account",
    "payroll": "payroll",
    "other": "other",
}
KIND_TITLES: Mapping[str, str] = {
    "sourced": "Sourced",
    "accepted": "Accepted as is",
    "excluded": "Excluded",
    "included": "Included",
}


@dataclass(frozen=True)
class Disposition:
    """How the underwriter resolved one flag.

    `report_id` is the library report it was decided on; `carried_from` names the earlier
    report it was carried from ("report … of 2026-12-03") when it applies to another one.
    """

    key: str
    kind: DispositionKind
    reason: str
    source: SourceType | None = None
    gift_donor: str | None = None
    gift_amount: Decimal | None = None
    document_id: str | None = None
    document_name: str | None = None
    report_id: str | None = None
    decided_at: dt.datetime | None = None
    decided_by: str | None = None
    carried_from: str | None = None

    @property
    def summary(self) -> str:
        """`Sourced (gift letter): parents' gift` — one line for tables and the worksheet."""
        head = KIND_TITLES[self.kind]
        if self.source:
            head += f" ({SOURCE_TITLES.get(self.source, self.source)})"
        text = f"{head}: {self.reason}" if self.reason else head
        if self.gift_donor:
            text += f" · gift from {self.gift_donor}"
        if self.document_name:
            text += f" · document {self.document_name}"
        if self.decided_by:
            text += f" · by {self.decided_by}"
        if self.carried_from:
            text += f" · carried from {self.carried_from}"
        return text


class DecisionError(AppError, ValueError):
    """A decisions file or a disposition that cannot be used; the message says what to fix."""


def disposition_to_json(disposition: Disposition) -> dict[str, Any]:
    """The JSON object kept in the activity log (and written by `--decisions` users)."""
    data: dict[str, Any] = {
        "key": disposition.key,
        "disposition": disposition.kind,
        "reason": disposition.reason,
    }
    optional = {
        "by": disposition.decided_by,
        "source": disposition.source,
        "gift_donor": disposition.gift_donor,
        "gift_amount": None if disposition.gift_amount is None else str(disposition.gift_amount),
        "document_id": disposition.document_id,
        "document_name": disposition.document_name,
    }
    data.update({name: value for name, value in optional.items() if value is not None})
    return data


def disposition_from_json(data: object, where: str = "a decision") -> Disposition:
    """A disposition from its JSON object; DecisionError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise DecisionError(f"{where} is not a JSON object with key, disposition and reason.")
    key, kind, reason = data.get("key"), data.get("disposition"), data.get("reason", "")
    if not isinstance(key, str) or not key.strip():
        raise DecisionError(f'{where} has no flag key: give "key" as printed by analyze.')
    if kind not in DISPOSITION_KINDS:
        raise DecisionError(
            f"{where} (key {key}) has disposition {kind!r}; use one of "
            f"{', '.join(DISPOSITION_KINDS)}."
        )
    if not isinstance(reason, str):
        raise DecisionError(f'{where} (key {key}): "reason" must be text.')
    source = data.get("source")
    if source is not None and source not in SOURCE_TYPES:
        raise DecisionError(
            f"{where} (key {key}) has source {source!r}; use one of {', '.join(SOURCE_TYPES)}."
        )
    return Disposition(
        key=key.strip(),
        kind=cast(DispositionKind, kind),
        reason=reason.strip(),
        source=cast(SourceType | None, source),
        gift_donor=_text(data.get("gift_donor")),
        gift_amount=_amount(data.get("gift_amount"), where, key),
        document_id=_text(data.get("document_id")),
        document_name=_text(data.get("document_name")),
        decided_by=_text(data.get("by")),
    )


def parse_decisions(text: str | bytes, known_keys: Iterable[str]) -> tuple[Disposition, ...]:
    """A `--decisions` file: a JSON list of dispositions, each naming a flag of the report.

    An unknown key is an error that names it (a typo must not pass silently).
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise DecisionError(f"the decisions file is not valid JSON ({error}).") from None
    if not isinstance(data, list):
        raise DecisionError("the decisions file must hold a JSON list of decisions.")
    known = set(known_keys)
    decisions = tuple(
        disposition_from_json(item, f"decision {n}") for n, item in enumerate(data, 1)
    )
    unknown = [d.key for d in decisions if d.key not in known]
    if unknown:
        raise DecisionError(
            f"no flag of this report has the key {unknown[0]!r}"
            + (f" (nor {len(unknown) - 1} more)" if len(unknown) > 1 else "")
            + "; copy keys from `analyze --format json` (flags[].key)."
        )
    return decisions


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _amount(value: object, where: str, key: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount <= 0 or amount > Decimal("1e12"):
        raise DecisionError(f"{where} (key {key}): gift_amount {value!r} is not an amount.")
    return amount.quantize(Decimal("0.01"))
