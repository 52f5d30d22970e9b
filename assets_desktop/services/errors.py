"""Workflow failures that are not Plaid errors; each carries the sentence to show the user."""

from __future__ import annotations

from assets_desktop.domain.errors import AppError


class WorkflowError(AppError):
    """A workflow could not go on; `user_message` says what failed, why and what to do."""


class MissingTokenError(WorkflowError):
    """The keyring has no token for this Item, report or audit copy."""


class HostedLinkExitedError(WorkflowError):
    """The borrower closed Hosted Link without linking a bank."""


class HostedLinkExpiredError(WorkflowError):
    """The Hosted Link URL expired before the borrower finished."""
