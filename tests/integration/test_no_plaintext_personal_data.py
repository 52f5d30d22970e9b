"""After a full journey through the app's own child sandbox with a real-looking SSN and name,
neither is found in plaintext anywhere in the data folder, the settings or the logs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from assets_desktop.app import EnvironmentConnector
from assets_desktop.domain.report import ReportUser
from assets_desktop.services import items, reports
from assets_desktop.services.environment import WorkflowContext
from assets_desktop.store import secrets as kinds
from assets_desktop.store.library import Library
from assets_desktop.store.settings import Settings, SettingsFile

SSN = "219-09-9999"
FIRST, LAST = "Marguerite", "Okonkwo-Delacroix"
EMAIL = "marguerite.okonkwo@example.net"
PERSONAL = [SSN, SSN.replace("-", ""), FIRST, LAST, EMAIL]


def _plaintext_hits(folder: Path) -> list[str]:
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for value in PERSONAL:
            for encoded in (value.encode(), value.encode("utf-16-le")):
                if encoded in data:
                    hits.append(f"{value!r} in {path.relative_to(folder)}")
    return hits


def test_a_full_journey_leaves_no_personal_data_in_plaintext(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Run on a plain asyncio loop: no Qt socket notifiers outlive it."""
    asyncio.run(_a_full_journey_leaves_no_personal_data_in_plaintext(tmp_path, caplog))


async def _a_full_journey_leaves_no_personal_data_in_plaintext(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    data = tmp_path / "data"
    settings = Settings().replace(environment="local")
    SettingsFile(tmp_path / "config" / "settings.json").save(settings)
    secrets = kinds.SecretStore()
    environment = EnvironmentConnector(data / "local-sandbox.json", ready_delay=0.2)
    with Library(data, secrets) as library:
        try:
            env = await environment.connect(settings, secrets)
            try:
                loan = library.loan_files.create([f"{FIRST} {LAST}"], "purchase", 9000).id
                ctx = WorkflowContext(env, library)
                item = await items.add_sandbox_item(ctx, loan_file_id=loan)
                user = ReportUser(
                    client_user_id="borrower-7",
                    first_name=FIRST,
                    last_name=LAST,
                    ssn=SSN,
                    email=EMAIL,
                )
                record = await reports.create_report_and_wait(
                    ctx, loan_file_id=loan, item_ids=[item.item_id],
                    days_requested=61, user=user, wait=reports.WaitPolicy(interval=0.1),
                )  # fmt: skip
                await reports.refresh_report_and_wait(
                    ctx, record.id, wait=reports.WaitPolicy(with_pdf=False)
                )
            finally:
                await env.aclose()
        finally:
            environment.stop_sandbox()
    assert (data / "local-sandbox.json").exists()  # the sandbox did keep its state…
    assert _plaintext_hits(data) == []  # …sealed, like the library
    assert _plaintext_hits(tmp_path / "config") == []
    for value in PERSONAL:
        assert value not in caplog.text
