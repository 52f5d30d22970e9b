"""Every exception class of the app is an `AppError`, and the window shows its sentence as it
is: a known failure never reads as "please report it", a bug always does."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import assets_desktop
from assets_desktop.domain.errors import AppError
from assets_desktop.ui.workspace.errors import describe_error

# The sandbox is a separate server (its errors become Plaid's HTTP answers); the benchmarks are
# a tool of their own.
OUTSIDE = ("assets_desktop.sandbox", "assets_desktop.bench")


def _exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for info in pkgutil.walk_packages(assets_desktop.__path__, "assets_desktop."):
        if info.name.startswith(OUTSIDE) or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found.append(value)
    return found


CLASSES = _exception_classes()


def test_the_tree_is_found() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"PlaidBug", "ImportRejectedError", "TamperedDataError", "WorkflowError"} <= names
    assert len(CLASSES) >= 30


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_is_an_app_error_shown_as_it_says(cls: type[BaseException]) -> None:
    assert issubclass(cls, AppError), f"{cls.__module__}.{cls.__name__} is not an AppError"
    error = cls.__new__(cls)
    AppError.__init__(error, "The bank file is damaged; ask for it again.")
    shown = describe_error(error, "Importing the report")
    assert "The bank file is damaged; ask for it again." in shown
    assert ("please report it" in shown) is (not error.known), shown


def test_plaid_advice_is_given_once() -> None:
    from assets_desktop.api.errors import error_from_body

    error = error_from_body(
        400, {"error_type": "ITEM_ERROR", "error_code": "ITEM_LOCKED"}, operation="Add Item"
    )
    shown = describe_error(error, "Adding the Item")
    assert shown.count("unlock") == 1, shown
