"""The only package that imports PySide6.QtWidgets: windows, views, models, dialogs."""
