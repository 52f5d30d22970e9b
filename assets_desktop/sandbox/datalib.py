"""The data side of the sandbox (synthetic Items, report builder, PDF), imported on first use.

`data`, `reportgen` and `pdf` are heavy (and PyMuPDF is slow to import), so the server reaches
them through these accessors instead of importing them with the app.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def data() -> ModuleType:
    """`assets_desktop.sandbox.data`: personas and `generate_item`."""
    return importlib.import_module("assets_desktop.sandbox.data")


def reportgen() -> ModuleType:
    """`assets_desktop.sandbox.reportgen`: `build_report`, `render_report_json`."""
    return importlib.import_module("assets_desktop.sandbox.reportgen")


def pdf() -> ModuleType:
    """`assets_desktop.sandbox.pdf`: `render_report_pdf`."""
    return importlib.import_module("assets_desktop.sandbox.pdf")
