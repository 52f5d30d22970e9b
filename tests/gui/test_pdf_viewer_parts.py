"""The viewer owns its search and output parts (composition, not mixins), and the parts'
module never imports the viewer's (no file cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

from pytestqt.qtbot import QtBot

from assets_desktop.ui.pdf import actions
from assets_desktop.ui.pdf.actions import OutputActions, SearchActions
from assets_desktop.ui.pdf.viewer import PdfViewer
from tests.gui.pdf_support import known_sample, shown_viewer


def test_search_and_output_are_parts_the_viewer_owns(qtbot: QtBot) -> None:
    assert not issubclass(PdfViewer, (SearchActions, OutputActions))
    viewer = shown_viewer(qtbot, known_sample(4))
    assert isinstance(viewer.finder, SearchActions) and viewer.finder.viewer is viewer
    assert isinstance(viewer.output, OutputActions) and viewer.output.viewer is viewer
    with qtbot.waitSignal(viewer.search_finished, timeout=10_000) as found:
        viewer.finder.search(known_sample(4).needle)
    assert found.args == [known_sample(4).hit_count]


def test_the_parts_module_does_not_import_the_viewer() -> None:
    tree = ast.parse(Path(actions.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert "assets_desktop.ui.pdf.viewer" not in imported
