"""An attached document (a gift letter, a proof of sale) in a window of its own: PDFs and
pictures both open in the app's PDF viewer (a picture is wrapped in a one-page PDF first)."""

from __future__ import annotations

from typing import Any

import pymupdf as _pymupdf
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from assets_desktop.ui.pdf.viewer import PdfViewer

pymupdf: Any = _pymupdf


def as_pdf(media_type: str, data: bytes) -> bytes:
    """The document as PDF bytes (a PNG or JPEG becomes one page)."""
    if media_type == "application/pdf":
        return data
    with pymupdf.open(stream=data, filetype=media_type.split("/")[-1]) as picture:
        converted: bytes = picture.convert_to_pdf()
    return converted


class DocumentDialog(QDialog):
    """Shows one document; a damaged one says why in place of its pages."""

    def __init__(self, parent: QWidget, name: str, media_type: str, data: bytes) -> None:
        super().__init__(parent)
        self.setObjectName("documentDialog")
        self.setWindowTitle(f"Document — {name}")
        self.resize(820, 640)
        self.viewer = PdfViewer(self)
        self.viewer.setObjectName("documentViewer")
        self.viewer.setAccessibleName(f"Document {name}")
        try:
            pdf = as_pdf(media_type, data)
        except Exception:  # a picture PyMuPDF cannot read: the viewer says why
            pdf = data
        self.opened = self.viewer.load_bytes(pdf, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        self.viewer.close_document()
        super().done(result)
