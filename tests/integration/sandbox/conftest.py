"""Sandbox integration tests: the local sandbox over real HTTP on 127.0.0.1."""

from __future__ import annotations

import importlib.util

if importlib.util.find_spec("assets_desktop.sandbox.data") is None:  # TEMPORARY until data lands
    from tests.integration.sandbox import _fake_data

    _fake_data.install()
