"""The README's sandbox section names every endpoint the sandbox serves, and the schema."""

from __future__ import annotations

from pathlib import Path

from assets_desktop.sandbox.server import ENDPOINTS
from tests.conformance.plaid_models import SCHEMA_VERSION

README = Path(__file__).resolve().parents[3] / "README.md"


def test_every_served_endpoint_is_listed_with_the_schema_version() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### The local sandbox") :].split("\n## ", 1)[0]
    table = section[section.index("**Endpoints**") : section.index("**Not modelled**")]
    missing = [path for path in ENDPOINTS if f"`{path}`" not in table]
    assert missing == [], f"add these endpoints to the README's sandbox table: {missing}"
    assert f"`{SCHEMA_VERSION}`" in section
