"""An absurd monthly income is refused with a clear ValueError, never a decimal traceback."""

from __future__ import annotations

import pytest

from assets_desktop.store.library import Library


@pytest.mark.parametrize("income", ["1e398", "1e30", 1e308, "-5", "NaN", "Infinity", "lots"])
def test_an_absurd_income_is_refused_clearly(library: Library, income: object) -> None:
    with pytest.raises(ValueError, match="monthly income") as raised:
        library.loan_files.create(["Alberta Charleson"], "purchase", income)
    assert type(raised.value) is ValueError
    assert library.loan_files.all() == []


def test_the_largest_plausible_income_is_kept_to_the_cent(library: Library) -> None:
    loan = library.loan_files.create(["Alberta Charleson"], "purchase", "999,999,999.99")
    assert str(library.loan_files.get(loan.id).monthly_income) == "999999999.99"
