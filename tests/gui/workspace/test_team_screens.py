"""Settings → Library, as an underwriter sees it over the window at 1400×900 and 1024×768, light
and dark, on "This computer" and on "Team server": nothing may be cut. With
ASSETS_DESKTOP_ARTEFACTS set, a PNG of each is saved to look at."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ..walkthrough import cut_widgets, palette, save_artefact
from .conftest import WindowFactory, open_action

SIZES = ((1400, 900), (1024, 768))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_settings_library_fits_both_screens(
    qtbot: QtBot, make_window: WindowFactory, dark: bool
) -> None:
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(palette(dark))
    try:
        window = make_window()
        dialog = open_action(qtbot, window, "settings")
        row = dialog.location
        problems: list[str] = []
        for choice in ("computer", "server"):
            if choice == "server":
                row.server.setChecked(True)
                row.host.setText("db.example.com")
                row.database.setText("lending_team")
                row.user.setText("alberta_c")
            assert row.details.isEnabled() == (choice == "server")
            for width, height in SIZES:
                window.resize(width, height)
                qtbot.wait(50)
                theme = "dark" if dark else "light"
                save_artefact(dialog, f"settings-library-{choice}-{width}-{theme}")
                screen = QRect(0, 0, width, height)
                problems += [f"{choice} {width}: {p}" for p in cut_widgets(dialog, screen)]
        dialog.reject()
        assert problems == [], "\n".join(problems)
    finally:
        app.setPalette(before)
