"""Plaid's Sandbox institutions (contract §5), as `/institutions/get_by_id` describes them."""

from __future__ import annotations

from typing import Any

_US_PRODUCTS = [
    "assets",
    "auth",
    "balance",
    "identity",
    "investments",
    "liabilities",
    "transactions",
]

# institution_id -> (name, country codes, oauth, supports identity)
INSTITUTIONS: dict[str, tuple[str, list[str], bool, bool]] = {
    "ins_109508": ("First Platypus Bank", ["US"], False, True),
    "ins_130016": ("First Platypus Balance Bank", ["US"], False, True),
    "ins_109509": ("First Gingham Credit Union", ["US"], False, True),
    "ins_109510": ("Tattersall Federal Credit Union", ["US"], False, True),
    "ins_109511": ("Tartan Bank", ["US"], False, True),
    "ins_109512": ("Houndstooth Bank", ["US"], False, False),
    "ins_43": ("Tartan-Dominion Bank of Canada", ["CA"], False, True),
    "ins_116834": ("Flexible Platypus Open Banking", ["GB"], True, True),
    "ins_117650": ("Royal Bank of Plaid", ["GB"], True, True),
    "ins_127287": ("Platypus OAuth Bank", ["US"], True, True),
    "ins_132241": ("First Platypus OAuth App2App Bank", ["US"], True, True),
    "ins_117181": ("Flexible Platypus Open Banking", ["GB"], True, True),
    "ins_135858": ("Windowpane Bank", ["US"], False, True),
    "ins_132363": ("Unhealthy Platypus Bank - Degraded", ["US"], False, True),
    "ins_132361": ("Unhealthy Platypus Bank - Down", ["US"], False, True),
    "ins_133402": ("Unsupported Platypus Bank", ["US"], False, True),
    "ins_3": ("Chase", ["US"], True, True),
    "ins_10": ("American Express", ["US"], False, True),
}

# Institutions whose Items fail at creation whatever the credentials.
UNHEALTHY: dict[str, str] = {
    "ins_132361": "INSTITUTION_DOWN",
    "ins_133402": "INSTITUTION_NO_LONGER_SUPPORTED",
}


def institution_name(institution_id: str) -> str | None:
    """The institution's display name, or None when it is not a sandbox institution."""
    entry = INSTITUTIONS.get(institution_id)
    return entry[0] if entry else None


def institution_json(institution_id: str, *, include_status: bool = False) -> dict[str, Any]:
    """The `institution` object of `/institutions/get_by_id` (the id must be known)."""
    name, countries, oauth, identity = INSTITUTIONS[institution_id]
    products = [p for p in _US_PRODUCTS if identity or p != "identity"]
    body: dict[str, Any] = {
        "institution_id": institution_id,
        "name": name,
        "products": products,
        "country_codes": countries,
        "url": None,
        "primary_color": None,
        "logo": None,
        "routing_numbers": ["011401533", "021200339"] if institution_id == "ins_109508" else [],
        "dtc_numbers": [],
        "oauth": oauth,
        # Required since schema 1.778.0 (plaid-python 46 cannot read an institution without it).
        "connection_availability": (
            "NOT_SUPPORTED"
            if UNHEALTHY.get(institution_id) == "INSTITUTION_NO_LONGER_SUPPORTED"
            else "SUPPORTED"
        ),
    }
    if include_status:
        body["status"] = None
    return body
