"""Start-up paints a window shell before the heavy imports, then the workspace window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HEAVY = (
    "qasync",
    "keyring",
    "pymupdf",
    "httpx",
    "assets_desktop.ui.workspace.window",
    "assets_desktop.app",
    "assets_desktop.store.library",
    "assets_desktop.services.team",
)

SHELL_ONLY = f"""
import sys
from assets_desktop.cli import build_parser
from assets_desktop.ui.shell import show_shell

build_parser().parse_args([])  # every subcommand's parser is built before the shell
shell = show_shell(sys.argv[:1], headless=True)
print("painted", shell.painted_at is not None)
print("loaded", [name for name in {HEAVY!r} if name in sys.modules])
"""


def test_the_shell_paints_before_the_heavy_imports() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SHELL_ONLY], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "painted True" in result.stdout
    assert "loaded []" in result.stdout


def test_the_shell_paints_first_then_the_workspace_window() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "--first-paint-exit"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stamps = dict(line.split() for line in result.stdout.splitlines() if "_PAINT " in line)
    assert set(stamps) == {"FIRST_PAINT", "WINDOW_PAINT"}
    assert float(stamps["FIRST_PAINT"]) <= float(stamps["WINDOW_PAINT"])


def _processes_naming(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if text.encode() in command:
                found.append(int(entry.name))
    return found


def test_quitting_while_the_local_sandbox_starts_leaves_no_sandbox(tmp_path: Path) -> None:
    # The workspace paints after the shell, while the embedded sandbox is still starting:
    # quitting then must stop the half-started child, not orphan it.
    env = {**os.environ, "ASSETS_DESKTOP_PASSPHRASE": "shell test passphrase"}
    result = subprocess.run(
        [sys.executable, "-m", "assets_desktop", "--first-paint-exit", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10
    while _processes_naming(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(tmp_path)) == []
