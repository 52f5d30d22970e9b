"""Report views: decoded largest report to fully populated views, and a search over ~15,000
transactions, beside plain-Python peers over the same data."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from assets_desktop.bench.figures import Figure, median_ms
from assets_desktop.bench.fixtures import largest_report_bytes
from assets_desktop.domain.analysis import AnalysisParameters, analyze
from assets_desktop.domain.report import AssetReportResponse, decode_report_response


def _app() -> Any:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _populate_ms(response: AssetReportResponse, analysis: Any, repeat: int) -> float:
    """Median time from decoded report + analysis to a shown, laid-out view with every tab."""
    from assets_desktop.services.workspace_model import OpenedReport
    from assets_desktop.ui.report import ReportView

    app = _app()
    samples = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        view = ReportView(OpenedReport(response, analysis))
        view.resize(1400, 900)
        view.show()
        view.ensure_all_built()  # (the view builds its other tabs over later loop turns)
        app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
        view.close()
        view.deleteLater()
        app.processEvents()
    return statistics.median(samples[1:])  # the first run warms fonts and styles


def _bare_repaint_ms(rows: int, size: tuple[int, int], repeat: int) -> float:
    """Peer: repainting a plain QTableView of the same size over a trivial model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Plain(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return rows

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 8

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
            return f"cell {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    app = _app()
    model = Plain()
    view = QTableView()
    view.setModel(model)
    view.resize(*size)
    view.show()
    app.processEvents()
    result = median_ms(lambda: view.viewport().repaint(), repeat=repeat)
    view.close()
    return result


def _search_figures(response: AssetReportResponse, analysis: Any, repeat: int) -> list[Figure]:
    """Search and sort on the Transactions tab: the model work alone, and repainted."""
    from PySide6.QtCore import Qt

    from assets_desktop.ui.report.transactions_model import Column, TransactionFilter
    from assets_desktop.ui.report.transactions_tab import TransactionsTab

    app = _app()
    tab = TransactionsTab(response.report.accounts(), analysis.flags)
    tab.resize(1400, 900)
    tab.show()
    app.processEvents()
    model, proxy = tab.model, tab.proxy
    rows = model.total
    needle = "coffee"

    start = time.perf_counter()
    proxy.set_filter(TransactionFilter(text=needle))
    proxy.rowCount()
    cold = (time.perf_counter() - start) * 1000
    proxy.set_filter(TransactionFilter())

    def filter_only() -> None:
        proxy.set_filter(TransactionFilter(text=needle))
        proxy.rowCount()  # the proxy maps rows lazily: make it do so

    def unfilter() -> None:
        proxy.set_filter(TransactionFilter())
        proxy.rowCount()

    filtered, painted = [], []
    for _ in range(repeat):
        unfilter()
        app.processEvents()
        start = time.perf_counter()
        filter_only()
        middle = time.perf_counter()
        app.processEvents()
        end = time.perf_counter()
        filtered.append((middle - start) * 1000)
        painted.append((end - start) * 1000)
    shown = proxy.rowCount()
    unfilter()
    app.processEvents()
    haystacks = model.haystacks
    plain = median_ms(lambda: [h for h in haystacks if needle in h], repeat=repeat)
    keys = [-a if a < 0 else 0.0 for a in model.amounts]

    def sort_by_money_in() -> None:
        model.sorted_by = (-1, Qt.SortOrder.AscendingOrder)  # force a real sort each time
        proxy.sort(Column.MONEY_IN, Qt.SortOrder.DescendingOrder)

    sort_ms = median_ms(sort_by_money_in, repeat=repeat)
    plain_sort = median_ms(
        lambda: sorted(range(len(keys)), key=keys.__getitem__, reverse=True), repeat=repeat
    )
    table_size = (tab.table.width(), tab.table.height())
    tab.close()
    bare = _bare_repaint_ms(rows, table_size, repeat)
    return [
        Figure(
            f"views: search filter over {rows:,} transactions ({shown:,} match)",
            statistics.median(filtered),
            "ms",
            peer="plain Python list filter over the same strings",
            peer_value=plain,
            target="< 50 ms",
        ),
        Figure(
            "views: search filter, repainted (offscreen raster)",
            statistics.median(painted),
            "ms",
            peer="repaint of a bare QTableView of the same size",
            peer_value=bare,
            target="< 100 ms more than the peer",
        ),
        Figure(f"views: first search (builds the lowercase index), {rows:,} rows", cold, "ms"),
        Figure(
            f"views: sort {rows:,} transactions by money in",
            sort_ms,
            "ms",
            peer="sorted() of the same keys",
            peer_value=plain_sort,
        ),
    ]


def _worksheet_ms(response: AssetReportResponse, analysis: Any, repeat: int) -> float:
    from assets_desktop.services.worksheet import build_worksheet

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "worksheet.pdf"
        return median_ms(
            lambda: target.write_bytes(build_worksheet(response, analysis)), repeat=repeat
        )


def run(quick: bool) -> list[Figure]:
    """Populate, search, sort and worksheet figures for the largest sandbox report."""
    repeat = 2 if quick else 7
    data = largest_report_bytes()
    response = decode_report_response(data)
    analysis = analyze(response, AnalysisParameters(monthly_income=Decimal("6000")))
    decode = median_ms(lambda: decode_report_response(data), repeat=repeat)
    count = response.report.transaction_count()
    populate = _populate_ms(response, analysis, repeat)
    return [
        Figure(
            f"views: decoded largest report ({count:,} txns) to fully populated views",
            populate,
            "ms",
            peer="msgspec decode of the same report",
            peer_value=decode,
            target="well under 1,000 ms",
        ),
        *_search_figures(response, analysis, repeat),
        Figure(
            "views: underwriting worksheet PDF (largest report)",
            _worksheet_ms(response, analysis, repeat),
            "ms",
        ),
    ]
