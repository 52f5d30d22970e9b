"""Start-up paints a window shell before the heavy imports, then the workspace window."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("qasync", "keyring", "assets_desktop.ui.workspace.window", "assets_desktop.app")

SHELL_ONLY = f"""
import sys
from assets_desktop.cli import build_parser
from assets_desktop.ui.shell import show_shell

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
