"""The inline PDF viewer (PyMuPDF): `PdfViewer` shows PDF bytes from the library."""

from assets_desktop.ui.pdf.viewer import PdfViewer

__all__ = ["PdfViewer"]
