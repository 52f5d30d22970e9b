"""Generated malformed JSON (nesting, encodings, types, huge numbers, huge strings) reaches every
door that takes JSON from outside; each answer is a typed refusal with a clear message, never a
traceback, a 500 or a dropped connection."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assets_desktop.api.webhook_receiver import WebhookReceiver
from assets_desktop.api.webhook_verify import WebhookVerifier
from assets_desktop.cli import main
from assets_desktop.sandbox.embedded import EmbeddedSandbox
from assets_desktop.sandbox.runtime import DEFAULT_CLIENT_ID, DEFAULT_SECRET
from assets_desktop.sandbox.server import SandboxConfig
from assets_desktop.store.errors import ImportRejectedError
from assets_desktop.store.keys import Access
from assets_desktop.store.library import Library
from tests.property.malformed import DEEP, deep_inside, malformed, not_utf8_inside
from tests.unit.api.webhook_signing import Signer
from tests.unit.store.factories import MINIMAL_PDF, report_json

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
REPORT = report_json("rep-malformed", transactions=2)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("malformed")


@pytest.fixture(scope="module")
def library(folder: Path) -> Iterator[Library]:
    # Module-scoped, so outside the per-test in-memory keyring: a session-only key.
    with Library(folder / "library", access=Access(session_only=True)) as opened:
        yield opened


def _analyze(*args: str) -> tuple[int, str]:
    """`assets-desktop analyze ARGS`: its exit code and what it wrote to stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["analyze", *args])
        except SystemExit as exit_:  # argparse's refusal of an option
            code = int(exit_.code or 0)
    return code, err.getvalue()


@SETTINGS
@given(data=malformed(REPORT))
@example(data=DEEP)
@example(data=deep_inside(REPORT))
@example(data=not_utf8_inside(REPORT))
def test_analyze_refuses_with_exit_2_and_a_message(data: bytes, folder: Path) -> None:
    path = folder / "analyze.json"
    path.write_bytes(data)
    code, err = _analyze(str(path), "--format", "json")
    assert code in (0, 2)
    if code == 2:
        assert err.startswith("assets-desktop analyze: error: ")
        assert "Traceback" not in err


@SETTINGS
@given(
    income=st.one_of(
        st.sampled_from(["1e398", "NaN", "Infinity", "-inf", "1e-400", "sNaN", "1e999999999"]),
        st.text(max_size=30),
        st.floats().map(repr),
    )
)
@example(income="1e398")
@example(income="NaN")
def test_analyze_refuses_absurd_incomes_with_a_message(income: str, folder: Path) -> None:
    path = folder / "income.json"
    path.write_bytes(REPORT)
    code, err = _analyze(str(path), f"--monthly-income={income}")
    assert code in (0, 2)
    if code == 2:
        assert "error:" in err and "Traceback" not in err


@SETTINGS
@given(data=malformed(REPORT))
@example(data=DEEP)
@example(data=deep_inside(REPORT))
@example(data=not_utf8_inside(REPORT))
def test_library_import_refuses_with_import_rejected(
    data: bytes, folder: Path, library: Library
) -> None:
    path = folder / "import.json"
    path.write_bytes(data)
    try:
        library.files.import_report(path)
    except ImportRejectedError as error:
        assert str(path) in str(error) or "already in the library" in str(error)


@pytest.fixture(scope="module")
def bundle_members(folder: Path, library: Library) -> dict[str, bytes]:
    loan = library.loan_files.create(["Alberta Charleson"], "purchase", "8250.00").id
    record = library.reports.save(loan, report_json("rep-bundle"), MINIMAL_PDF, source="import")
    library.activity.log("note", f"report {record.id}", detail="checked", report_id=record.id)
    path = library.files.export_bundle(record.id, folder / "good.zip")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _bundle(members: dict[str, bytes], path: Path) -> Path:
    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name != "manifest.json":
            manifest["files"][name] = {
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, json.dumps(manifest) if name == "manifest.json" else data)
    return path


@SETTINGS
@given(data=st.data(), member=st.sampled_from(["review.json", "report.json", "manifest.json"]))
@example(data=None, member="review.json")
@example(data=None, member="report.json")
def test_bundle_import_refuses_with_import_rejected(
    data: st.DataObject | None, member: str, folder: Path, bundle_members: dict[str, bytes]
) -> None:
    members = dict(bundle_members)
    original = bundle_members[member]
    members[member] = deep_inside(original) if data is None else data.draw(malformed(original))
    if member == "manifest.json":
        path = folder / "bundle.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, content in members.items():
                archive.writestr(name, content)
    else:
        path = _bundle(members, folder / "bundle.zip")
    with Library(folder / "bundle-target") as target:
        try:
            record = target.files.import_bundle(path)
        except ImportRejectedError as error:
            assert str(path) in str(error)
            assert target.loan_files.all() == [] and target.reports.all() == []  # all or nothing
        else:  # accepted: everything it holds opens
            target.activity.entries(report_id=record.id)
            target.reports.get(record.id)
            target.loan_files.delete(record.loan_file_id)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[EmbeddedSandbox]:
    config = SandboxConfig(client_id=DEFAULT_CLIENT_ID, secret=DEFAULT_SECRET, ready_delay=0.0)
    with EmbeddedSandbox(config) as server:
        yield server


PATHS = ["/asset_report/create", "/link/token/create", "/item/get"]
CREATE_BODY = json.dumps(
    {
        "client_id": DEFAULT_CLIENT_ID,
        "secret": DEFAULT_SECRET,
        "access_tokens": ["access-sandbox-00000000-0000-4000-8000-000000000000"],
        "days_requested": 60,
        "options": {
            "client_report_id": "loan-1",
            "webhook": "http://127.0.0.1:9/hook",
            "user": {"first_name": "Alberta", "last_name": "Charleson", "ssn": "123-45-6789"},
        },
    }
).encode()


@SETTINGS
@given(body=malformed(CREATE_BODY), path=st.sampled_from(PATHS))
@example(body=DEEP, path=PATHS[0])
@example(body=deep_inside(CREATE_BODY), path=PATHS[1])
@example(body=not_utf8_inside(CREATE_BODY), path=PATHS[0])
def test_the_sandbox_answers_plaid_style_400s(
    body: bytes, path: str, sandbox: EmbeddedSandbox
) -> None:
    response = httpx.post(
        sandbox.base_url + path,
        content=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code < 500, response.text[:500]
    if response.status_code != 200:
        error = response.json()
        assert error["error_type"] in ("INVALID_REQUEST", "INVALID_INPUT", "ITEM_ERROR")
        assert error["error_message"]


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[WebhookReceiver, Signer, str]]:
    signer = Signer()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    hooks = WebhookReceiver(WebhookVerifier(signer.fetch))
    url = asyncio.run_coroutine_threadsafe(hooks.start(), loop).result(10)
    yield hooks, signer, url
    asyncio.run_coroutine_threadsafe(hooks.aclose(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


WEBHOOK = json.dumps(
    {"webhook_type": "ASSETS", "webhook_code": "PRODUCT_READY", "asset_report_id": "rep-1"}
).encode()


@SETTINGS
@given(body=malformed(WEBHOOK).filter(lambda b: len(b) < 1024 * 1024))
@example(body=DEEP)
@example(body=deep_inside(WEBHOOK))
@example(body=not_utf8_inside(WEBHOOK))
def test_the_webhook_receiver_answers_400_to_signed_malformed_bodies(
    body: bytes, receiver: tuple[WebhookReceiver, Signer, str]
) -> None:
    _, signer, url = receiver
    response = httpx.post(
        url, content=body, headers={"Plaid-Verification": signer.sign(body)}, timeout=30
    )
    assert response.status_code in (200, 400)
