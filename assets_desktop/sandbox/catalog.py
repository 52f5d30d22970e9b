"""Kinds of transaction the sandbox generates: bank descriptions plus their Insights enrichment.

A `Kind` is what a bank would print (`original_description`) and what Plaid's enrichment adds
with `include_insights=true` (legacy category and id, credit category, merchant, location,
payment meta). Amounts are integer cents; `low`..`high` is the range a random draw uses.

The kinds themselves are a table, `kinds.csv`, one row a kind: Plaid's well-known sandbox
transactions, everyday spending, bills, payroll and other income, transfers between the
borrower's own accounts (`{mask}` in a description is the other account's), bank fees. An empty
`low`/`high` means the persona gives the amount; `flow` is `in` for money in; empty text
cells are null. Code names a kind as an attribute of this module: `catalog.GROCERY`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """Where a card purchase happened (Insights `location`)."""

    address: str | None
    city: str
    region: str
    postal_code: str
    lat: float | None = None
    lon: float | None = None
    store_number: str | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of transaction; `inflow` kinds are money in (negative Plaid amounts)."""

    description: str
    name: str
    merchant_name: str | None
    category: tuple[str, ...]
    category_id: str
    credit_category: tuple[str, str]
    transaction_type: str
    low: int = 0
    high: int = 0
    inflow: bool = False
    place: Place | None = None
    payment_method: str | None = None
    payer: str | None = None
    payee: str | None = None
    insights_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def insights(self) -> dict[str, Any]:
        """The enrichment fields added by `include_insights=true` (shared, do not mutate)."""
        if not self.insights_cache:
            place = self.place
            self.insights_cache.update(
                {
                    "category": list(self.category),
                    "category_id": self.category_id,
                    "name": self.name,
                    "merchant_name": self.merchant_name,
                    "credit_category": {
                        "primary": self.credit_category[0],
                        "detailed": self.credit_category[1],
                    },
                    "transaction_type": self.transaction_type,
                    "location": {
                        "address": place.address if place else None,
                        "city": place.city if place else None,
                        "region": place.region if place else None,
                        "postal_code": place.postal_code if place else None,
                        "country": "US" if place else None,
                        "lat": place.lat if place else None,
                        "lon": place.lon if place else None,
                        "store_number": place.store_number if place else None,
                    },
                    "payment_meta": {
                        "reference_number": None,
                        "ppd_id": None,
                        "payee": self.payee,
                        "by_order_of": None,
                        "payer": self.payer,
                        "payment_method": self.payment_method,
                        "payment_processor": None,
                        "reason": None,
                    },
                }
            )
        return self.insights_cache


#: The places of `kinds.csv`'s `place` column.
PLACES: dict[str, Place] = {
    "SF": Place("1 Market St", "San Francisco", "CA", "94105", 37.7941, -122.3952),
    "NYC": Place(None, "New York", "NY", "10001", 40.7506, -73.9972),
    "BKLYN": Place("445 Albee Sq W", "Brooklyn", "NY", "11201", 40.6907, -73.9836, "1183"),
    "MALAKOFF": Place(None, "Malakoff", "NY", "14236"),
    "MALAKOFF_3322": Place(None, "Malakoff", "NY", "14236", store_number="3322"),
}

PRIMARY_CREDIT_CATEGORIES = (
    "FOOD_AND_DRINK",
    "GENERAL_MERCHANDISE",
    "PERSONAL_CARE",
    "GENERAL_SERVICES",
    "TRANSPORTATION",
    "MEDICAL",
    "ENTERTAINMENT",
    "RENT_AND_UTILITIES",
    "TRAVEL",
    "INCOME",
    "TRANSFER_IN",
    "TRANSFER_OUT",
    "LOAN_PAYMENTS",
    "BANK_FEES",
)


def _kind(row: dict[str, str]) -> Kind:
    """A Kind from a row of `kinds.csv`; the credit primary category is the prefix of the
    detailed one."""
    detailed = row["credit_category"]
    primary = next(p for p in PRIMARY_CREDIT_CATEGORIES if detailed.startswith(p + "_"))
    return Kind(
        description=row["description"],
        name=row["name"],
        merchant_name=row["merchant_name"] or None,
        category=tuple(row["category"].split("|")),
        category_id=row["category_id"],
        credit_category=(primary, detailed),
        transaction_type=row["transaction_type"],
        low=int(row["low"] or 0),
        high=int(row["high"] or 0),
        inflow=row["flow"] == "in",
        place=PLACES[row["place"]] if row["place"] else None,
        payment_method=row["payment_method"] or None,
        payer=row["payer"] or None,
        payee=row["payee"] or None,
    )


def _load_kinds() -> dict[str, Kind]:
    text = resources.files(__package__).joinpath("kinds.csv").read_text(encoding="utf-8")
    return {row["kind"]: _kind(row) for row in csv.DictReader(io.StringIO(text))}


#: Every kind by its row name in `kinds.csv`.
KINDS: dict[str, Kind] = _load_kinds()


def __getattr__(name: str) -> Kind:
    """`catalog.GROCERY` is the kind of the row GROCERY of `kinds.csv`."""
    try:
        return KINDS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
