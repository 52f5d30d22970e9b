"""The report views: summary and flags, accounts, balances chart, transactions, owners, changes."""

from assets_desktop.ui.report.view import ReportView, Tab

__all__ = ["ReportView", "Tab"]
