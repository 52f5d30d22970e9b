"""Plaid error bodies become the right typed error, with a message a user can act on."""

from __future__ import annotations

import pytest

from assets_desktop.api.errors import (
    PlaidBug,
    ReportGenerationFailed,
    RetryLater,
    UserActionRequired,
    error_from_body,
)


def body(error_type: str, code: str, **extra: object) -> dict[str, object]:
    return {"error_type": error_type, "error_code": code, "error_message": "m", **extra}


@pytest.mark.parametrize(
    ("status", "error_type", "code", "expected"),
    [
        (429, "RATE_LIMIT_EXCEEDED", "RATE_LIMIT", RetryLater),
        (500, "API_ERROR", "INTERNAL_SERVER_ERROR", RetryLater),
        (503, "API_ERROR", "PLANNED_MAINTENANCE", RetryLater),
        (400, "ASSET_REPORT_ERROR", "PRODUCT_NOT_READY", RetryLater),
        (400, "ITEM_ERROR", "PRODUCT_NOT_READY", RetryLater),
        (400, "INSTITUTION_ERROR", "INSTITUTION_DOWN", RetryLater),
        (400, "INVALID_INPUT", "INVALID_API_KEYS", UserActionRequired),
        (400, "ITEM_ERROR", "ITEM_LOGIN_REQUIRED", UserActionRequired),
        (400, "ITEM_ERROR", "INVALID_CREDENTIALS", UserActionRequired),
        (400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN", UserActionRequired),
        (400, "INVALID_INPUT", "INVALID_AUDIT_COPY_TOKEN", UserActionRequired),
        (400, "ASSET_REPORT_ERROR", "INVALID_PARENT", UserActionRequired),
        (400, "INSTITUTION_ERROR", "INSTITUTION_NO_LONGER_SUPPORTED", UserActionRequired),
        (400, "ASSET_REPORT_ERROR", "ASSET_REPORT_GENERATION_FAILED", ReportGenerationFailed),
        (400, "ASSET_REPORT_ERROR", "DATA_UNAVAILABLE", ReportGenerationFailed),
        (400, "ASSETS_ERROR", "ASSET_REPORT_GENERATION_FAILED", ReportGenerationFailed),
        (400, "ASSETS_ERROR", "PRODUCT_NOT_READY", RetryLater),
        (400, "ASSETS_ERROR", "SOMETHING_NEW", UserActionRequired),
        (400, "INVALID_REQUEST", "INVALID_FIELD", PlaidBug),
        (400, "INVALID_REQUEST", "UNKNOWN_FIELDS", PlaidBug),
        (400, "INVALID_REQUEST", "MISSING_FIELDS", PlaidBug),
        (404, "INVALID_REQUEST", "NOT_FOUND", PlaidBug),
        (400, "SOMETHING_NEW", "NEVER_SEEN", PlaidBug),
    ],
)
def test_codes_map_to_the_three_kinds(
    status: int, error_type: str, code: str, expected: type[Exception]
) -> None:
    error = error_from_body(status, body(error_type, code))
    assert type(error) is expected
    assert error.error_code == code
    assert error.status == status


def test_every_field_of_the_body_is_kept_and_request_id_falls_back_to_the_header() -> None:
    error = error_from_body(
        400,
        {
            "error_type": "ITEM_ERROR",
            "error_code": "ITEM_LOGIN_REQUIRED",
            "error_message": "the login details of this item have changed",
            "display_message": "Please sign in again",
            "request_id": None,
        },
        operation="Creating the asset report",
        request_id="HDRREQ9",
    )
    assert error.error_type == "ITEM_ERROR"
    assert error.error_message == "the login details of this item have changed"
    assert error.display_message == "Please sign in again"
    assert error.request_id == "HDRREQ9"


def test_user_message_says_what_failed_why_and_what_to_do() -> None:
    error = error_from_body(
        400,
        body("INVALID_INPUT", "INVALID_API_KEYS", request_id="R1"),
        operation="Creating the asset report",
    )
    assert isinstance(error, UserActionRequired)
    text = error.user_message
    assert text.startswith("Creating the asset report failed:")
    assert "client_id and secret" in text
    assert "Settings" in text
    assert "INVALID_INPUT/INVALID_API_KEYS, request R1" in text


def test_causes_are_named_in_the_message() -> None:
    error = error_from_body(
        400,
        body(
            "ASSET_REPORT_ERROR",
            "DATA_UNAVAILABLE",
            causes=[{"error_type": "ITEM_ERROR", "error_code": "ITEM_LOGIN_REQUIRED"}],
        ),
    )
    assert isinstance(error, ReportGenerationFailed)
    assert "ITEM_LOGIN_REQUIRED" in error.user_message
    assert error.causes[0]["error_code"] == "ITEM_LOGIN_REQUIRED"


def test_unknown_code_uses_plaids_display_message_and_asks_for_a_bug_report() -> None:
    error = error_from_body(
        400, body("INVALID_REQUEST", "BRAND_NEW", display_message="Something new happened")
    )
    assert isinstance(error, PlaidBug)
    assert "Something new happened" in error.user_message
    assert "bug" in error.user_message


def test_tokens_in_plaids_messages_are_redacted() -> None:
    error = error_from_body(
        400,
        body(
            "ASSET_REPORT_ERROR",
            "PRODUCT_NOT_ENABLED",
            error_message="access-sandbox-1234-abcd lacks assets",
        ),
    )
    assert "access-sandbox" not in str(error)
    assert "access-sandbox" not in (error.error_message or "")


def test_an_error_type_of_todays_schema_is_read_and_named_not_rejected() -> None:
    error = error_from_body(
        400,
        body(
            "FREDDIE_MAC_ERROR", "LOAN_NOT_FOUND", display_message="No such loan", request_id="R9"
        ),
        operation="Sharing the report",
    )
    assert (error.error_type, error.error_code) == ("FREDDIE_MAC_ERROR", "LOAN_NOT_FOUND")
    assert "No such loan" in error.user_message
    assert "FREDDIE_MAC_ERROR/LOAN_NOT_FOUND, request R" in error.user_message
