"""What the workspace's actions take: typed inputs the dialogs collect and the workspace
service acts on (amounts exact; secrets travel to the request or the keyring only)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from assets_desktop.domain.report import ReportUser
from assets_desktop.store.records import LoanTermsRecord, PersonName

__all__ = [
    "HOSTED",
    "QUICK",
    "TOKEN",
    "AddItemInput",
    "CreateReportInput",
    "LoanFileInput",
    "PersonName",
]

QUICK, HOSTED, TOKEN = "quick", "hosted", "token"  # the three ways to add an Item


@dataclass(frozen=True, kw_only=True)
class LoanFileInput(LoanTermsRecord):
    """What the dialog collected: the loan terms plus the borrowers, purpose and income
    (amounts exact; None where left empty)."""

    borrowers: tuple[PersonName, ...]
    purpose: str
    monthly_income: Decimal | None

    @classmethod
    def of(cls, borrower: str, purpose: str, monthly_income: str, **terms: Any) -> LoanFileInput:
        """For scripts: one borrower by full name, the income as text (`"8500"`)."""
        return cls(
            borrowers=(PersonName.parse(borrower),),
            purpose=purpose,
            monthly_income=Decimal(monthly_income),
            **terms,
        )

    @property
    def borrower(self) -> str:
        """The borrower's full name."""
        return self.borrowers[0].full

    def terms(self) -> dict[str, Any]:
        """The loan terms as the library takes them."""
        return {field.name: getattr(self, field.name) for field in fields(LoanTermsRecord)}


@dataclass(frozen=True)
class AddItemInput:
    """What the dialog collected; the access token is a secret (keyring only)."""

    mode: str
    institution_id: str = ""
    username: str = ""
    password: str = ""
    access_token: str = ""


@dataclass(frozen=True)
class CreateReportInput:
    """What the dialog collected (the SSN travels only to the request, never to storage)."""

    days: int
    item_ids: tuple[str, ...]
    client_report_id: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    ssn: str = ""
    email: str = ""
    phone: str = ""
    include_insights: bool = False
    add_ons: tuple[str, ...] = ()  # fast_assets, investments

    def user(self, client_user_id: str) -> ReportUser:
        """The borrower as the report names them (`client_user_id`: the loan file's id)."""
        return ReportUser(
            client_user_id=client_user_id,
            first_name=self.first_name or None,
            middle_name=self.middle_name or None,
            last_name=self.last_name or None,
            ssn=self.ssn or None,
            email=self.email or None,
            phone_number=self.phone or None,
        )
