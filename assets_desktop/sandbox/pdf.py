"""The Asset Report PDF (`/asset_report/pdf/get`), rendered locally from the report JSON.

Layout: a first page with the borrower, the report's ids and dates, any warnings and a
summary of every account; then, per Item and account, a page with balances, owners, a
balance-history chart and the transactions (money in and money out in separate columns,
with the balance after each one), continued over as many pages as it takes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assets_desktop.sandbox.pdf_canvas import (
    AMBER,
    AMBER_FILL,
    GREEN,
    INK,
    MUTED,
    NAVY,
    RED,
    RULE,
    WHITE,
    ZEBRA,
    Canvas,
    PdfBuilder,
    fit,
    text_width,
)
from assets_desktop.sandbox.pdf_chart import draw_balance_chart
from assets_desktop.sandbox.persona_spec import balance_direction

LEFT, RIGHT, TOP, BOTTOM = 40.0, 572.0, 56.0, 748.0
ROW = 11.0
HISTORY_TYPES = ("depository", "credit")


def money(value: float | None) -> str:
    """`$1,234.56`, `-$12.00`, or `n/a`."""
    if value is None:
        return "n/a"
    return f"-${-value:,.2f}" if value < 0 else f"${value:,.2f}"


def _date(value: str) -> str:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).strftime(
            "%b %d, %Y %H:%M UTC"
        )
    except ValueError:
        return value


class _Report:
    """Lays out one report over as many pages as needed."""

    def __init__(self, report: dict[str, Any], warnings: list[dict[str, Any]]) -> None:
        self.report = report
        self.warnings = warnings
        self.pdf = PdfBuilder()
        self.page: Canvas = self.pdf.new_page()
        self.y = TOP

    def new_page(self, title: str | None = None) -> None:
        self.page = self.pdf.new_page()
        self.y = TOP
        if title:
            self.page.text(LEFT, self.y, title, 10, "hebo", NAVY)
            self.y += 16

    def room(self, height: float, title: str | None = None) -> bool:
        """Start a new page unless `height` points still fit; True if a page was started."""
        if self.y + height <= BOTTOM:
            return False
        self.new_page(title)
        return True

    # -- first page ----------------------------------------------------------------------

    def cover(self) -> None:
        report, page = self.report, self.page
        page.rect(0, 0, 612, 92, fill=NAVY)
        page.text(LEFT, 44, "Asset Report", 24, "hebo", WHITE)
        subtitle = (f"Generated {_date(report['date_generated'])}  ·  "
                    f"{report['days_requested']:g} days requested")  # fmt: skip
        page.text(LEFT, 68, subtitle, 10, "helv", (0.82, 0.87, 0.94))
        user = report.get("user") or {}
        name = " ".join(user.get(p) or "" for p in ("first_name", "middle_name", "last_name"))
        ssn = user.get("ssn")
        items = report["items"]
        accounts = sum(len(item["accounts"]) for item in items)
        left = [
            ("Borrower", " ".join(name.split()) or "not provided"),
            ("Client user ID", user.get("client_user_id") or "not provided"),
            ("Email", user.get("email") or "not provided"),
            ("Phone", user.get("phone_number") or "not provided"),
            ("SSN", f"•••-••-{ssn[-4:]}" if ssn else "not provided"),
        ]
        right = [
            ("Asset report ID", report["asset_report_id"]),
            ("Client report ID", report.get("client_report_id") or "none"),
            ("Date generated", _date(report["date_generated"])),
            ("Days requested", f"{report['days_requested']:g}"),
            ("Items / accounts", f"{len(items)} / {accounts}"),
        ]
        self.y = 118
        for (lk, lv), (rk, rv) in zip(left, right, strict=True):
            page.text(LEFT, self.y, lk, 8, "helv", MUTED)
            page.text(LEFT + 80, self.y, fit(lv, 170, 9), 9, "hebo")
            page.text(316, self.y, rk, 8, "helv", MUTED)
            page.text(396, self.y, fit(rv, RIGHT - 396, 9), 9, "hebo")
            self.y += 15
        self.y += 6
        self.warning_box()
        self.summary()

    def warning_box(self) -> None:
        if not self.warnings:
            self.page.text(LEFT, self.y + 4, "No warnings.", 9, "helv", MUTED)
            self.y += 20
            return
        names = {item["item_id"]: item["institution_name"] for item in self.report["items"]}
        height = 22 + 13 * len(self.warnings)
        self.page.rect(LEFT, self.y, RIGHT - LEFT, height, fill=AMBER_FILL, stroke=AMBER)
        self.page.text(
            LEFT + 10, self.y + 15, f"Warnings ({len(self.warnings)})", 10, "hebo", AMBER
        )
        y = self.y + 29
        for warning in self.warnings:
            cause = warning.get("cause") or {}
            where = names.get(cause.get("item_id", ""), cause.get("item_id", ""))
            line = (f"{warning.get('warning_code')}: {cause.get('error_message') or ''} "
                    f"({where})")  # fmt: skip
            self.page.text(LEFT + 10, y, fit(line, RIGHT - LEFT - 20, 8.5), 8.5, "helv", INK)
            y += 13
        self.y += height + 16

    def summary(self) -> None:
        page = self.page
        page.text(LEFT, self.y, "Accounts", 12, "hebo", NAVY)
        self.y += 16
        cols = [("Institution", LEFT, None), ("Account", 150, None), ("Type", 290, None),
                ("Available", 420, "r"), ("Current", 486, "r"), ("Days", 520, "r"),
                ("Txns", RIGHT, "r")]  # fmt: skip
        for label, x, align in cols:
            (page.text_right if align else page.text)(x, self.y, label, 8, "hebo", MUTED)
        page.line(LEFT, self.y + 4, RIGHT, self.y + 4, color=RULE)
        self.y += 15
        total = 0.0
        for item in self.report["items"]:
            for index, account in enumerate(item["accounts"]):
                if self.room(ROW + 4):
                    page = self.page
                balances = account["balances"]
                if index % 2:
                    page.rect(LEFT, self.y - 8, RIGHT - LEFT, ROW, fill=ZEBRA)
                page.text(LEFT, self.y, fit(item["institution_name"], 104, 8), 8)
                page.text(150, self.y, fit(_label(account), 136, 8), 8, "hebo")
                kind = f"{account['type']} / {account.get('subtype') or '-'}"
                page.text(290, self.y, fit(kind, 80, 8), 8, "helv", MUTED)
                page.text_right(420, self.y, money(balances.get("available")), 8)
                page.text_right(486, self.y, money(balances.get("current")), 8)
                page.text_right(520, self.y, f"{account['days_available']:g}", 8)
                page.text_right(RIGHT, self.y, f"{len(account['transactions']):,}", 8)
                if account["type"] == "depository" and balances.get("current") is not None:
                    total += balances["current"]
                self.y += ROW
        page.line(LEFT, self.y - 6, RIGHT, self.y - 6, color=RULE)
        page.text(290, self.y + 6, "Total depository balance (current)", 8.5, "hebo")
        page.text_right(486, self.y + 6, money(total), 8.5, "hebo")
        self.y += 20

    # -- account pages -------------------------------------------------------------------

    def account(self, item: dict[str, Any], account: dict[str, Any]) -> None:
        self.new_page()
        page = self.page
        updated = _date(item["date_last_updated"])
        page.text(LEFT, self.y, f"{item['institution_name']}  ·  Item {item['item_id']}  ·  "
                  f"updated {updated}", 8, "helv", MUTED)  # fmt: skip
        page.text(LEFT, self.y + 22, _label(account), 16, "hebo", NAVY)
        detail = f"{account.get('official_name') or account['name']}  ·  {account['type']}"
        detail += f" / {account['subtype']}" if account.get("subtype") else ""
        page.text(LEFT, self.y + 36, fit(detail, RIGHT - LEFT, 9), 9, "helv", MUTED)
        self.y += 50
        balances = account["balances"]
        boxes = [("Available", money(balances.get("available"))),
                 ("Current", money(balances.get("current"))),
                 ("Limit", money(balances.get("limit"))),
                 ("Days available", f"{account['days_available']:g}")]  # fmt: skip
        width = (RIGHT - LEFT - 18) / 4
        for index, (label, value) in enumerate(boxes):
            x = LEFT + index * (width + 6)
            page.rect(x, self.y, width, 36, fill=ZEBRA, stroke=RULE)
            page.text(x + 8, self.y + 13, label, 7.5, "helv", MUTED)
            page.text(x + 8, self.y + 28, value, 11, "hebo")
        self.y += 52
        self.owners(account)
        history = account.get("historical_balances") or []
        if history:
            page.text(LEFT, self.y, f"Balance history ({len(history)} days, end of day)", 10,
                      "hebo", NAVY)  # fmt: skip
            draw_balance_chart(page, LEFT, self.y + 8, RIGHT - LEFT, 130, history)
            self.y += 168
        self.transactions(account)

    def owners(self, account: dict[str, Any]) -> None:
        page = self.page
        owners = account.get("owners") or []
        kind = account.get("ownership_type")
        page.text(LEFT, self.y, "Owners" + (f" ({kind})" if kind else ""), 10, "hebo", NAVY)
        self.y += 14
        if not owners:
            page.text(LEFT, self.y, "Owner information is not available from this institution.",
                      9, "helv", AMBER)  # fmt: skip
            self.y += 18
            return
        for owner in owners:
            page.text(LEFT, self.y, fit(" & ".join(owner.get("names") or []), 520, 9.5), 9.5,
                      "hebo")  # fmt: skip
            self.y += 12
            lines = [_address(a) for a in owner.get("addresses") or []]
            lines += [f"{e['data']} ({e.get('type', '')})" for e in owner.get("emails") or []]
            phones = [
                f"{p['data']} ({p.get('type', '')})" for p in owner.get("phone_numbers") or []
            ]
            if phones:
                lines.append("Phone: " + ", ".join(phones))
            for line in lines:
                page.text(LEFT + 8, self.y, fit(line, 500, 8.5), 8.5, "helv", INK)
                self.y += 11
            self.y += 4
        self.y += 8

    def transactions(self, account: dict[str, Any]) -> None:
        # Newest first; within a day, money in is taken as arriving before money out.
        txns = sorted(account.get("transactions") or [],
                      key=lambda t: (t["date"], t["amount"] > 0), reverse=True)  # fmt: skip
        money_in = sum(-t["amount"] for t in txns if t["amount"] < 0)
        money_out = sum(t["amount"] for t in txns if t["amount"] > 0)
        title = f"Transactions ({len(txns):,})"
        self.room(60)
        self.page.text(LEFT, self.y, title, 10, "hebo", NAVY)
        if txns:
            self.page.text_right(RIGHT, self.y, f"money in {money(money_in)}  ·  money out "
                                 f"{money(money_out)}", 8.5, "helv", MUTED)  # fmt: skip
        self.y += 16
        if not txns:
            self.page.text(LEFT, self.y, "No transactions in this period.", 9, "helv", MUTED)
            return
        running = account["balances"].get("current")
        show_balance = account["type"] in HISTORY_TYPES and running is not None
        self._table_header(show_balance)
        continued = f"{_label(account)}: transactions (continued)"
        for index, txn in enumerate(txns):
            if self.room(ROW, continued):
                self._table_header(show_balance)
            page, y = self.page, self.y
            if index % 2:
                page.rect(LEFT, y - 8, RIGHT - LEFT, ROW, fill=ZEBRA)
            description = txn.get("original_description") or txn.get("name") or ""
            cells = [
                (LEFT + 2, txn["date"], 7.5, "helv", MUTED),
                (LEFT + 58, fit(description, 262, 7.5), 7.5, "helv", INK),
            ]
            amount = txn["amount"]
            if amount < 0:
                text = "+" + money(-amount)
                cells.append((410 - text_width(text, 7.5, "hebo"), text, 7.5, "hebo", GREEN))
            else:
                text = money(amount)
                cells.append((480 - text_width(text, 7.5), text, 7.5, "helv", INK))
            if show_balance and running is not None:
                text = money(running)
                color = RED if running < 0 else MUTED
                cells.append((RIGHT - 2 - text_width(text, 7.5), text, 7.5, "helv", color))
                running -= balance_direction(account["type"]) * amount
            page.row(y, cells)
            self.y += ROW

    def _table_header(self, show_balance: bool) -> None:
        page, y = self.page, self.y
        page.text(LEFT + 2, y, "Date", 7.5, "hebo", MUTED)
        page.text(LEFT + 58, y, "Description", 7.5, "hebo", MUTED)
        page.text_right(410, y, "Money in", 7.5, "hebo", GREEN)
        page.text_right(480, y, "Money out", 7.5, "hebo", INK)
        if show_balance:
            page.text_right(RIGHT - 2, y, "Balance after", 7.5, "hebo", MUTED)
        page.line(LEFT, y + 4, RIGHT, y + 4, color=RULE, width=0.8)
        self.y += 15

    def footers(self) -> None:
        count = len(self.pdf.pages)
        report_id = self.report["asset_report_id"]
        for number, page in enumerate(self.pdf.pages, start=1):
            page.line(LEFT, 762, RIGHT, 762, color=RULE)
            page.text(LEFT, 775, f"Asset Report {report_id}", 7.5, "helv", MUTED)
            page.text_right(RIGHT, 775, f"Page {number} of {count}", 7.5, "helv", MUTED)


def _label(account: dict[str, Any]) -> str:
    mask = account.get("mask")
    return f"{account['name']} ••{mask}" if mask else str(account["name"])


def _address(address: dict[str, Any]) -> str:
    data = address.get("data") or {}
    parts = [data.get("street"), data.get("city"),
             " ".join(p for p in (data.get("region"), data.get("postal_code")) if p)]  # fmt: skip
    text = ", ".join(p for p in parts if p)
    return text + ("  (primary)" if address.get("primary") else "")


def render_report_pdf(report: dict[str, Any], warnings: list[dict[str, Any]]) -> bytes:
    """A readable, multi-page PDF of a rendered `report` (as from `render_report_json`)."""
    layout = _Report(report, warnings)
    layout.cover()
    for item in report["items"]:
        for account in item["accounts"]:
            layout.account(item, account)
    layout.footers()
    return layout.pdf.to_bytes(f"Asset Report {report['asset_report_id']}")
