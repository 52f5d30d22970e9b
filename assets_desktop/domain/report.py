"""Typed, immutable model of a Plaid Asset Report (`/asset_report/get`, API version 2020-09-14).

Every field the schema marks nullable is `X | None`; fields Plaid may leave out have defaults;
unknown fields are ignored, so a field Plaid adds later never breaks a review. Structs are frozen,
keyword-only and untracked by the garbage collector (`gc=False`: decoded JSON holds no reference
cycles), which makes decoding the largest report ~40% faster and keeps its ~100k objects out of
every full collection. Decoding uses msgspec: a small multiple of `json.loads`.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from assets_desktop.domain.errors import AppError
from assets_desktop.domain.json_input import decode_untrusted


class PlaidErrorBody(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Plaid's error object, as found in warnings, webhooks and `item.error`."""

    error_type: str
    error_code: str
    error_message: str | None = None
    display_message: str | None = None
    request_id: str | None = None
    item_id: str | None = None
    status: int | None = None
    causes: tuple[PlaidErrorBody, ...] = ()


class ReportUser(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The borrower details sent with `/asset_report/create` (all nullable)."""

    client_user_id: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    ssn: str | None = None
    phone_number: str | None = None
    email: str | None = None


class InCurrency(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Amounts in one currency: Plaid gives an ISO code or, for others, an unofficial one."""

    iso_currency_code: str | None = None
    unofficial_currency_code: str | None = None

    @property
    def currency(self) -> str:
        """The ISO code, else the unofficial code, else "USD" (Plaid's default)."""
        return self.iso_currency_code or self.unofficial_currency_code or "USD"


class Balances(InCurrency, frozen=True, kw_only=True):
    """Balances of an account (when the report was generated, or cached by `/accounts/get`)."""

    available: float | None = None
    current: float | None = None
    limit: float | None = None
    margin_loan_amount: float | None = None
    last_updated_datetime: str | None = None


class PhoneNumber(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    data: str
    primary: bool | None = None
    type: str | None = None


class Email(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    data: str
    primary: bool | None = None
    type: str | None = None


class AddressData(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


class Address(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    data: AddressData
    primary: bool | None = None


class Owner(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One owner record; joint owners share one record with several names."""

    names: tuple[str, ...] = ()
    phone_numbers: tuple[PhoneNumber, ...] = ()
    emails: tuple[Email, ...] = ()
    addresses: tuple[Address, ...] = ()


class HistoricalBalance(InCurrency, frozen=True, kw_only=True):
    """End-of-day balance of an account on one date (newest first in a report)."""

    date: dt.date
    current: float


class Location(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    address: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    store_number: str | None = None


class PaymentMeta(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    reference_number: str | None = None
    ppd_id: str | None = None
    payee: str | None = None
    by_order_of: str | None = None
    payer: str | None = None
    payment_method: str | None = None
    payment_processor: str | None = None
    reason: str | None = None


class CreditCategory(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    primary: str
    detailed: str


class Transaction(InCurrency, frozen=True, kw_only=True):
    """A transaction. Plaid's sign convention: positive `amount` is money OUT, negative is IN."""

    transaction_id: str
    account_id: str
    amount: float
    date: dt.date
    pending: bool = False
    original_description: str | None = None
    # Insights-only enrichment (present with include_insights=true).
    name: str | None = None
    merchant_name: str | None = None
    category: tuple[str, ...] | None = None
    category_id: str | None = None
    credit_category: CreditCategory | None = None
    location: Location | None = None
    payment_meta: PaymentMeta | None = None
    transaction_type: str | None = None
    check_number: str | None = None
    date_transacted: str | None = None
    pending_transaction_id: str | None = None
    account_owner: str | None = None

    @property
    def description(self) -> str:
        """The best human description available."""
        return self.original_description or self.name or self.merchant_name or ""

    @property
    def is_inflow(self) -> bool:
        """True for money coming in (a negative amount in Plaid's convention)."""
        return self.amount < 0


class TaxLot(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One lot of a holding (schema 1.778.0; every field nullable)."""

    institution_lot_id: str | None = None
    original_purchase_datetime: str | None = None
    quantity: float | None = None
    purchase_price: float | None = None
    cost_basis: float | None = None
    current_value: float | None = None
    position_type: str | None = None


class Holding(InCurrency, frozen=True, kw_only=True):
    """A position of an investment account; `vested_*` is what the owner may withdraw today
    (a 401(k) match still vesting is not), null when the institution does not say."""

    account_id: str
    security_id: str
    institution_price: float
    institution_value: float
    quantity: float
    ticker_symbol: str | None = None
    institution_price_as_of: str | None = None
    cost_basis: float | None = None
    vested_quantity: float | None = None
    vested_value: float | None = None
    tax_lots: tuple[TaxLot, ...] = ()


class Security(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """What a holding or investment transaction is in (`type`: etf, equity, mutual fund, …)."""

    security_id: str
    name: str | None = None
    ticker_symbol: str | None = None
    type: str | None = None


class InvestmentTransaction(InCurrency, frozen=True, kw_only=True):
    """A buy, sell, dividend or fee. `amount` is positive when cash is debited (a buy)."""

    investment_transaction_id: str
    account_id: str
    date: dt.date
    name: str
    quantity: float
    amount: float
    price: float
    type: str
    subtype: str
    security_id: str | None = None
    fees: float | None = None
    vested_quantity: float | None = None
    vested_value: float | None = None


class Investments(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An investment account's `investments` (reports created with `add_ons: ["investments"]`)."""

    holdings: tuple[Holding, ...] = ()
    securities: tuple[Security, ...] = ()
    transactions: tuple[InvestmentTransaction, ...] = ()

    def security(self, security_id: str | None) -> Security | None:
        """The security with this id, or None."""
        return next((s for s in self.securities if s.security_id == security_id), None)


class LinkedAccount(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An account of an Item as `/accounts/get` lists it: what names it, and its balances."""

    account_id: str
    name: str
    type: str
    balances: Balances = Balances()
    mask: str | None = None
    official_name: str | None = None
    subtype: str | None = None

    @property
    def label(self) -> str:
        """`Plaid Checking ••0000`, the way underwriters refer to an account."""
        return f"{self.name} ••{self.mask}" if self.mask else self.name


class Account(LinkedAccount, frozen=True, kw_only=True):
    """An account of an Item in the report: a linked account with its history."""

    days_available: float = 0
    transactions: tuple[Transaction, ...] = ()
    owners: tuple[Owner, ...] = ()
    ownership_type: str | None = None
    historical_balances: tuple[HistoricalBalance, ...] = ()
    investments: Investments | None = None


class Item(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One bank connection in the report."""

    item_id: str
    institution_name: str
    institution_id: str
    date_last_updated: str | None = None
    accounts: tuple[Account, ...] = ()


class AssetReport(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The `report` object of `/asset_report/get`."""

    asset_report_id: str
    date_generated: dt.datetime
    days_requested: float
    items: tuple[Item, ...]
    client_report_id: str | None = None
    user: ReportUser = ReportUser()

    def accounts(self) -> list[Account]:
        """Every account of every Item, in report order."""
        return [account for item in self.items for account in item.accounts]

    def transaction_count(self) -> int:
        """Number of transactions over all accounts."""
        return sum(len(account.transactions) for item in self.items for account in item.accounts)


class ReportWarning(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A report warning, e.g. OWNERS_UNAVAILABLE with its cause."""

    warning_type: str
    warning_code: str
    cause: PlaidErrorBody | None = None


class AssetReportResponse(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The whole `/asset_report/get` (or `/audit_copy/get`) response."""

    report: AssetReport
    warnings: tuple[ReportWarning, ...] = ()
    request_id: str | None = None


class NotAnAssetReportError(AppError, ValueError):
    """The bytes are not a Plaid Asset Report; the message says why."""


_response_decoder = msgspec.json.Decoder(AssetReportResponse)
_report_decoder = msgspec.json.Decoder(AssetReport)


def decode_report_response(data: bytes | str) -> AssetReportResponse:
    """Decode an `/asset_report/get` response, or a bare `report` object, into the model.

    Raises NotAnAssetReportError with a readable reason when the bytes are not a report.
    """
    try:
        return decode_untrusted(data, _response_decoder)
    except msgspec.DecodeError as whole_error:
        try:
            report = decode_untrusted(data, _report_decoder)
        except msgspec.DecodeError:
            raise NotAnAssetReportError(_explain(whole_error)) from whole_error
        return AssetReportResponse(report=report)


def _explain(error: msgspec.DecodeError) -> str:
    text = str(error)
    if text.startswith(("JSON is malformed", "Input data was truncated")):
        return f"the file is not valid JSON ({text})"
    return f"the JSON is not a Plaid Asset Report ({text})"


def encode(value: object) -> bytes:
    """Encode a model (or plain data) as JSON bytes."""
    return msgspec.json.encode(value)
