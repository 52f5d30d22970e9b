"""`assets-desktop sandbox`: flags and environment decide the keys; the start banner shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assets_desktop import cli
from assets_desktop.sandbox import cli as sandbox_cli


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        sandbox_cli.uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw})
    )
    return calls


def test_banner_prints_url_and_default_keys(
    served: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ASSETS_SANDBOX_CLIENT_ID", raising=False)
    monkeypatch.delenv("ASSETS_SANDBOX_SECRET", raising=False)
    assert cli.main(["sandbox", "--port", "8899"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8899" in out
    assert "client_id: local-client-id" in out and "secret:    local-sandbox-secret" in out
    assert served[0]["port"] == 8899 and served[0]["app"].state.config.ready_delay == 2.0


def test_flags_beat_the_environment(
    served: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSETS_SANDBOX_CLIENT_ID", "env-id")
    monkeypatch.setenv("ASSETS_SANDBOX_SECRET", "env-secret")
    assert cli.main(["sandbox", "--secret", "flag-secret", "--ready-delay", "0"]) == 0
    config = served[0]["app"].state.config
    assert (config.client_id, config.secret, config.ready_delay) == ("env-id", "flag-secret", 0.0)
    assert "client_id: env-id" in capsys.readouterr().out


def test_unreadable_state_file_exits_2_with_a_message(
    served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"version": 99}')
    assert cli.main(["sandbox", "--state-file", str(state)]) == 2
    assert "unsupported sandbox state version 99" in capsys.readouterr().out
    assert not served
