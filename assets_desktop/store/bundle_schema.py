"""The schema of a review bundle's `manifest.json` and `review.json`.

Every field is checked (type, size, format) before anything is written, so a bundle is imported
whole or not at all, and nothing it carries can later stop a report or the activity log opening.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from assets_desktop.domain.analysis.decisions import DecisionError, disposition_from_json
from assets_desktop.domain.json_input import ANY_JSON, decode_untrusted
from assets_desktop.store.records import Activity

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
Text = Annotated[str, msgspec.Meta(max_length=100_000)]
Identifier = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Income = Annotated[str, msgspec.Meta(pattern=r"^\d{1,13}(\.\d{1,2})?$")]
Sha256 = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
Moment = Annotated[dt.datetime, msgspec.Meta(tz=True)]


class FileEntry(msgspec.Struct, frozen=True):
    """A member's digest and size, as the manifest lists them."""

    sha256: Sha256
    size: Annotated[int, msgspec.Meta(ge=0)]


class Manifest(msgspec.Struct, frozen=True):
    """`manifest.json` (its format and version are checked first, for clearer messages)."""

    format: str
    version: int
    files: Annotated[dict[Identifier, FileEntry], msgspec.Meta(max_length=8)]
    asset_report_id: Identifier | None = None
    created_at: str | None = None


class LoanPart(msgspec.Struct, frozen=True):
    """The loan file the report was reviewed in."""

    borrower_names: Annotated[list[Name], msgspec.Meta(min_length=1, max_length=20)]
    purpose: Literal["purchase", "refinance"] = "purchase"
    monthly_income: Income | None = None
    notes: Text = ""


class ReportPart(msgspec.Struct, frozen=True):
    """The report's own review fields."""

    asset_report_id: Identifier
    notes: Text = ""
    source: Text | None = None
    state: Text | None = None
    relation: Literal["refresh", "filter"] | None = None
    parent_asset_report_id: Identifier | None = None


class ActivityPart(msgspec.Struct, frozen=True):
    """One line of the report's activity log."""

    at: Moment
    what: Name
    subject: Annotated[str, msgspec.Meta(max_length=1000)]
    detail: Text = ""


class Review(msgspec.Struct, frozen=True):
    """`review.json`."""

    loan_file: LoanPart
    report: ReportPart
    activity: Annotated[list[ActivityPart], msgspec.Meta(max_length=100_000)] = []


_manifest = msgspec.json.Decoder(Manifest)
_review = msgspec.json.Decoder(Review)


def decode_manifest(data: bytes) -> Manifest:
    """The manifest, or msgspec.DecodeError naming the field at fault."""
    return decode_untrusted(data, _manifest)


def decode_review(data: bytes) -> Review:
    """The review, or msgspec.DecodeError naming the field at fault."""
    review = decode_untrusted(data, _review)
    for index, entry in enumerate(review.activity):
        if entry.what == Activity.FLAG_CLEARED and entry.detail.lstrip().startswith(("{", "[")):
            _check_cleared_detail(entry.detail, f"$.activity[{index}].detail")
    return review


def _check_cleared_detail(detail: str, where: str) -> None:
    """A cleared flag's detail is plain text, the object {"key": ..., "reason": ...}, or a
    disposition (`domain.analysis.decisions`), exactly as the review reads it back."""
    try:
        value = decode_untrusted(detail, ANY_JSON)
    except msgspec.DecodeError as error:
        raise msgspec.ValidationError(f"{error} - at `{where}`") from None
    if not (
        isinstance(value, dict)
        and isinstance(value.get("key"), str)
        and isinstance(value.get("reason", ""), str)
    ):
        raise msgspec.ValidationError(
            f'Expected a cleared flag {{"key": ..., "reason": ...}} - at `{where}`'
        )
    if "disposition" in value:
        try:
            disposition_from_json(value, "the disposition")
        except DecisionError as error:
            raise msgspec.ValidationError(f"{error} - at `{where}`") from None
