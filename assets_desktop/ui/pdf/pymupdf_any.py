"""PyMuPDF, typed as `Any` for our modules: its classes (Document, Matrix, Rect, Font…) carry
no annotations, so mypy --strict reports every call into them as untyped."""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf

__all__ = ["pymupdf"]

pymupdf: Any = _pymupdf
