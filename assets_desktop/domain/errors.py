"""The one error tree: every failure the app raises on purpose is an `AppError`.

```
AppError                 `user_message`: what went wrong and what to do, shown as it is
├── known failures       bad input, a refused file, Plaid said no, no network, …
└── BugError             the app itself is wrong (`known = False`): logged with its traceback,
                         shown with "please report it"
```

Each layer derives its own errors from it (`api.errors.PlaidError`, `store.errors.LibraryError`,
`services.errors.WorkflowError`, …), so the window's `describe_error` dispatches on the type,
never on attributes found by duck typing. A test enumerates every exception class of the package.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["AppError", "BugError"]


class AppError(Exception):
    """A failure with a sentence for the user; `known` is False for a bug of the app."""

    known: ClassVar[bool] = True

    def __init__(self, user_message: str = "", *args: object) -> None:
        super().__init__(user_message, *args)
        self.user_message = user_message

    def __str__(self) -> str:
        return self.user_message or super().__str__()


class BugError(AppError):
    """Something that cannot happen unless the app is wrong: report it."""

    known = False
