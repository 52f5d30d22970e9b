"""The packaging metadata lists every subpackage, so a regular (non-editable) install is whole."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "assets_desktop").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert "assets_desktop.resources" in listed


def test_resources_ship_the_icon_and_stylesheet() -> None:
    names = {p.name for p in (ROOT / "resources").iterdir()}
    assert {"icon.png", "icon.svg", "style.qss", "__init__.py"} <= names
