"""Workflow failures that are not Plaid errors; each carries the sentence to show the user."""

from __future__ import annotations


class WorkflowError(Exception):
    """A workflow could not go on; `user_message` says what failed, why and what to do."""

    def __init__(self, user_message: str) -> None:
        self.user_message = user_message
        super().__init__(user_message)


class MissingTokenError(WorkflowError):
    """The keyring has no token for this Item, report or audit copy."""


class HostedLinkExitedError(WorkflowError):
    """The borrower closed Hosted Link without linking a bank."""


class HostedLinkExpiredError(WorkflowError):
    """The Hosted Link URL expired before the borrower finished."""
