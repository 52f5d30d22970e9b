"""The transaction kinds table (`sandbox/kinds.csv`) reads into the Kinds the personas use."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from assets_desktop.sandbox import catalog


def test_every_row_names_a_kind_of_its_own() -> None:
    text = resources.files("assets_desktop.sandbox").joinpath("kinds.csv").read_text("utf-8")
    names = [row["kind"] for row in csv.DictReader(text.splitlines())]
    assert len(names) == len(set(names)) == len(catalog.KINDS) == 47


def test_a_row_reads_with_its_derived_credit_category_and_place() -> None:
    grocery = catalog.GROCERY
    assert grocery.description == "WHOLEFDS BKN 10233"
    assert grocery.merchant_name == "Whole Foods Market"
    assert grocery.category == ("Shops", "Supermarkets and Groceries")
    assert grocery.credit_category == ("FOOD_AND_DRINK", "FOOD_AND_DRINK_GROCERIES")
    assert (grocery.low, grocery.high, grocery.inflow) == (2400, 16800, False)
    assert grocery.place == catalog.PLACES["BKLYN"]
    assert grocery.payment_method is None


def test_empty_cells_are_null_and_an_empty_range_is_zero() -> None:
    wire = catalog.GIFT_WIRE
    assert wire.merchant_name is None
    assert wire.inflow
    assert (wire.low, wire.high) == (0, 0)
    assert (wire.payment_method, wire.payer, wire.payee) == ("wire", "Harold P Charleson", None)
    assert wire.credit_category == ("TRANSFER_IN", "TRANSFER_IN_DEPOSIT")


def test_an_unknown_kind_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NO_SUCH_KIND"):
        _ = catalog.NO_SUCH_KIND
