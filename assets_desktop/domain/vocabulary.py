"""The app's closed vocabularies, one definition each: Plaid environments and report states.

`StrEnum`s: a member equals its string (`PlaidEnvironment.LOCAL == "local"`), so settings files,
database rows and JSON keep plain strings while code names the values.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PlaidEnvironment", "ReportRelation", "ReportState"]


class PlaidEnvironment(StrEnum):
    """Where reports come from: the built-in sandbox, Plaid Sandbox or Plaid Production."""

    LOCAL = "local"
    SANDBOX = "sandbox"
    PRODUCTION = "production"

    @property
    def label(self) -> str:
        """`Plaid Sandbox`: the one name shown for the environment everywhere."""
        return _ENVIRONMENT_LABELS[self]

    @property
    def plaid_url(self) -> str | None:
        """Plaid's base URL for a hosted environment (None for the built-in sandbox)."""
        return None if self is PlaidEnvironment.LOCAL else f"https://{self.value}.plaid.com"


_ENVIRONMENT_LABELS = {
    PlaidEnvironment.LOCAL: "Local sandbox (built in)",
    PlaidEnvironment.SANDBOX: "Plaid Sandbox",
    PlaidEnvironment.PRODUCTION: "Plaid Production",
}


class ReportState(StrEnum):
    """A library report's lifecycle: `building` at Plaid, then `ready` or `failed`; `removed`
    once deleted at Plaid (the library keeps its copy)."""

    BUILDING = "building"
    READY = "ready"
    FAILED = "failed"
    REMOVED = "removed"


class ReportRelation(StrEnum):
    """How a derived report came from its parent."""

    REFRESH = "refresh"
    FILTER = "filter"
