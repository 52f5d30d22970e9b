"""Plaid's error object, raised anywhere in the sandbox and rendered in one place."""

from __future__ import annotations

import secrets
import string
from typing import Any

_REQUEST_ID_ALPHABET = string.ascii_letters + string.digits

# error_code -> error_type for the `error_<CODE>` sandbox passwords (contract §3 and §5).
ITEM_ERROR_TYPES: dict[str, str] = {
    "ITEM_LOGIN_REQUIRED": "ITEM_ERROR",
    "INVALID_CREDENTIALS": "ITEM_ERROR",
    "INVALID_MFA": "ITEM_ERROR",
    "ITEM_LOCKED": "ITEM_ERROR",
    "ITEM_NOT_SUPPORTED": "ITEM_ERROR",
    "INSUFFICIENT_CREDENTIALS": "ITEM_ERROR",
    "NO_ACCOUNTS": "ITEM_ERROR",
    "USER_SETUP_REQUIRED": "ITEM_ERROR",
    "MFA_NOT_SUPPORTED": "ITEM_ERROR",
    "PRODUCTS_NOT_SUPPORTED": "ITEM_ERROR",
    "INSTITUTION_DOWN": "INSTITUTION_ERROR",
    "INSTITUTION_NOT_RESPONDING": "INSTITUTION_ERROR",
    "INSTITUTION_NOT_AVAILABLE": "INSTITUTION_ERROR",
    "INSTITUTION_NO_LONGER_SUPPORTED": "INSTITUTION_ERROR",
    "INTERNAL_SERVER_ERROR": "API_ERROR",
}

_ITEM_ERROR_MESSAGES: dict[str, tuple[str, str | None]] = {
    "ITEM_LOGIN_REQUIRED": (
        "the login details of this item have changed (credentials, MFA, or required user "
        "action) and a user login is required to update this information. use Link's update "
        "mode to restore the item to a good state",
        "The login details of this account have changed. Please log in again.",
    ),
    "INVALID_CREDENTIALS": (
        "the provided credentials were not correct",
        "The credentials were not correct. Please try again.",
    ),
    "ITEM_LOCKED": (
        "the account is locked. prompt the user to visit the institution's site and unlock "
        "their account",
        "The account is locked. Please visit your bank's website to unlock it.",
    ),
    "INSTITUTION_DOWN": (
        "this institution is not currently responding to this request. please try again soon",
        "This financial institution is not currently responding. Please try again later.",
    ),
    "INTERNAL_SERVER_ERROR": ("an unexpected error occurred", None),
}


def new_request_id() -> str:
    """A Plaid-shaped request id: 15 alphanumerics."""
    return "".join(secrets.choice(_REQUEST_ID_ALPHABET) for _ in range(15))


class PlaidError(Exception):
    """A Plaid error response: raise it from a handler and the app renders Plaid's error object."""

    def __init__(
        self,
        status: int,
        error_type: str,
        error_code: str,
        message: str,
        display_message: str | None = None,
        *,
        causes: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{error_type}/{error_code}: {message}")
        self.status = status
        self.error_type = error_type
        self.error_code = error_code
        self.message = message
        self.display_message = display_message
        self.causes = causes or []
        self.headers = headers or {}

    def body(self, request_id: str | None = None) -> dict[str, Any]:
        """The error object as sent in a response (with a request id) or a webhook (without)."""
        body: dict[str, Any] = {
            "error_type": self.error_type,
            "error_code": self.error_code,
            "error_code_reason": None,
            "error_message": self.message,
            "display_message": self.display_message,
            "causes": self.causes,
            "status": self.status if request_id is None else None,
            "documentation_url": f"https://plaid.com/docs/errors/#{self.error_code.lower()}",
            "suggested_action": None,
        }
        if request_id is not None:
            body["request_id"] = request_id
        return body


def invalid_request(code: str, message: str) -> PlaidError:
    """400 INVALID_REQUEST (missing, unknown or invalid fields, bad body)."""
    return PlaidError(400, "INVALID_REQUEST", code, message)


def invalid_input(code: str, message: str) -> PlaidError:
    """400 INVALID_INPUT (bad keys, tokens or ids)."""
    return PlaidError(400, "INVALID_INPUT", code, message)


def asset_report_error(code: str, message: str, display: str | None = None) -> PlaidError:
    """400 ASSET_REPORT_ERROR."""
    return PlaidError(400, "ASSET_REPORT_ERROR", code, message, display)


def item_creation_error(code: str) -> PlaidError:
    """The error an `error_<CODE>` sandbox password asks for; unknown codes are ITEM_ERRORs."""
    error_type = ITEM_ERROR_TYPES.get(code, "ITEM_ERROR")
    default = (f"the sandbox credentials asked for {code}", None)
    message, display = _ITEM_ERROR_MESSAGES.get(code, default)
    status = 500 if error_type == "API_ERROR" else 400
    return PlaidError(status, error_type, code, message, display)


def not_ready() -> PlaidError:
    """ASSET_REPORT_ERROR / PRODUCT_NOT_READY: the report is still being built."""
    return asset_report_error(
        "PRODUCT_NOT_READY",
        "the asset report is not ready yet: wait for the PRODUCT_READY webhook or retry later",
        None,
    )


def generation_failed(message: str) -> PlaidError:
    """ASSET_REPORT_ERROR / ASSET_REPORT_GENERATION_FAILED."""
    return asset_report_error("ASSET_REPORT_GENERATION_FAILED", message)
