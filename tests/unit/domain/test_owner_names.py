"""Borrower-to-owner name matching."""

from __future__ import annotations

import pytest

from assets_desktop.domain.analysis import match_owner_names, owner_name_match


@pytest.mark.parametrize(
    ("borrower", "owner", "expected"),
    [
        ("Alberta Charleson", "Alberta Bobbeth Charleson", "match"),
        ("Alberta Bobbeth Charleson", "ALBERTA B. CHARLESON", "match"),
        ("Alberta B Charleson", "Alberta Bobbeth Charleson", "match"),
        ("alberta charleson", "Charleson, Alberta", "match"),
        ("Alberta Charleson", "CHARLESON ALBERTA", "match"),  # bank-style LAST FIRST
        ("Alberta Charleson", "Mrs. Alberta Charleson Jr.", "match"),
        ("José Núñez", "JOSE NUNEZ", "match"),
        ("Mary-Jane O'Neil", "MARY-JANE ONEIL", "match"),
        ("John Smith", "Smith, Jr.", "mismatch"),
        ("Alberta B Charleson", "Alberta C Charleson", "partial"),  # middle initials conflict
        ("Alberta Charleson", "A. Charleson", "partial"),
        ("Alexander Smith", "Alex Smith", "partial"),
        ("Maria Garcia", "Maria Garcia-Lopez", "partial"),
        ("Alberta Charleson", "Robert Charleson", "mismatch"),
        ("Alberta Charleson", "Jane Roe", "mismatch"),
        ("Alberta Charleson", "ACME HOLDINGS LLC", "mismatch"),
        ("Alberta Charleson", "", "mismatch"),
    ],
)
def test_owner_name_match(borrower: str, owner: str, expected: str) -> None:
    assert owner_name_match(borrower, owner) == expected


def test_joint_owners_match_when_any_name_matches() -> None:
    assert match_owner_names("Alberta Charleson", ["Robert Charleson", "Alberta Charleson"]) == (
        "match"
    )
    assert match_owner_names("Alberta Charleson", ["Robert Roe", "A Charleson"]) == "partial"
    assert match_owner_names("Alberta Charleson", ["Robert Roe"]) == "mismatch"


def test_unavailable_without_names_or_borrower() -> None:
    assert match_owner_names("Alberta Charleson", []) == "unavailable"
    assert match_owner_names("Alberta Charleson", ["  "]) == "unavailable"
    assert match_owner_names(None, ["Alberta Charleson"]) == "unavailable"
    assert match_owner_names("  ", ["Alberta Charleson"]) == "unavailable"
