"""Checks on report JSON and PDF bytes before they enter the library, with clear messages."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import msgspec

from assets_desktop.domain.json_input import decode_untrusted
from assets_desktop.domain.report import (
    AssetReportResponse,
    NotAnAssetReportError,
    decode_report_response,
)
from assets_desktop.store.errors import ImportRejectedError

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest report JSON or PDF accepted (the largest Plaid report is a few tens of MB)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def read_capped(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, refusing a missing, empty or oversized file before reading it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise ImportRejectedError(
            f"{path} does not exist. Check the path and try again."
        ) from error
    except OSError as error:
        raise ImportRejectedError(f"Cannot read {path}: {error.strerror or error}.") from error
    if not path.is_file():
        raise ImportRejectedError(f"{path} is not a file; choose the {what} file itself.")
    if size == 0:
        raise ImportRejectedError(f"{path} is empty, so it is not a {what}.")
    if size > limit:
        raise ImportRejectedError(
            f"{path} is {megabytes(size)}, larger than the {megabytes(limit)} limit for a {what}; "
            f"it is not a Plaid {what}. Check that you chose the right file."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRejectedError(f"Cannot read {path}: {error.strerror or error}.") from error
    if len(data) != size:
        raise ImportRejectedError(f"{path} changed while it was being read; try again.")
    return data


def check_report_json(data: bytes, source: str = "the file") -> AssetReportResponse:
    """Decode report JSON, or explain plainly why it is not a Plaid Asset Report."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejectedError(
            f"{source} is {megabytes(len(data))}, larger than the {megabytes(MAX_FILE_BYTES)} "
            "limit for a report; it is not a Plaid Asset Report."
        )
    if not data.strip():
        raise ImportRejectedError(f"{source} is empty, so it is not a Plaid Asset Report.")
    try:
        return decode_report_response(data)
    except NotAnAssetReportError as error:
        reason = str(error)
        if "truncated" in reason:
            raise ImportRejectedError(
                f"{source} is cut short (the JSON ends before the report does): it was not fully "
                "downloaded or copied. Download or copy it again."
            ) from error
        raise ImportRejectedError(
            f"{source} is not a Plaid Asset Report: {reason}. Choose the JSON saved from "
            "/asset_report/get (or exported from Assets Desktop)."
        ) from error


class ReportHeader(msgspec.Struct, frozen=True, kw_only=True):
    """The few fields of a report the library's record needs (the rest is skipped)."""

    asset_report_id: str
    date_generated: dt.datetime
    days_requested: float
    client_report_id: str | None = None


class _HeaderEnvelope(msgspec.Struct, frozen=True):
    report: ReportHeader


_header_decoder = msgspec.json.Decoder(_HeaderEnvelope)


def check_report_header(data: bytes, source: str = "the report JSON") -> ReportHeader:
    """A light check of an `/asset_report/get` answer: valid JSON throughout, with a report
    and its header fields; the rest is skipped, not decoded (~15 ms for the largest report,
    against ~115 ms for a full decode). The full decode happens when the report is opened."""
    if not data.strip():
        raise ImportRejectedError(f"{source} is empty, so it is not a Plaid Asset Report.")
    try:
        return decode_untrusted(data, _header_decoder).report
    except msgspec.DecodeError as error:
        raise ImportRejectedError(
            f"{source} is not a Plaid Asset Report ({error}); it was not saved."
        ) from error


def check_pdf(data: bytes, source: str = "the PDF") -> None:
    """Refuse bytes that are not a complete PDF."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejectedError(
            f"{source} is {megabytes(len(data))}, larger than the "
            f"{megabytes(MAX_FILE_BYTES)} limit for a report PDF."
        )
    if not data.startswith(b"%PDF-"):
        start = data[:16].decode("ascii", "replace").strip() or "nothing"
        raise ImportRejectedError(
            f"{source} is not a PDF (it starts with {start!r}, not %PDF-). Choose the PDF from "
            "/asset_report/pdf/get, or import the report without a PDF."
        )
    if b"%%EOF" not in data[-2048:]:
        raise ImportRejectedError(
            f"{source} is cut short (no %%EOF at its end): it was not fully downloaded or copied. "
            "Download or copy it again."
        )
