"""Add an Item three ways: quick add (sandboxes), Hosted Link, or an existing access token."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from assets_desktop.services.workspace_inputs import HOSTED, QUICK, TOKEN, AddItemInput
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import (
    FieldNote,
    FormDialog,
    button_row,
    make_line_edit,
)

INSTITUTIONS = (
    ("ins_109508", "First Platypus Bank"),
    ("ins_109509", "First Gingham Credit Union"),
    ("ins_109510", "Tattersall Federal Credit Union"),
    ("ins_109511", "Tartan Bank"),
    ("ins_109512", "Houndstooth Bank"),
)
PERSONAS = (
    ("user_good", "user_good: checking, savings, CD, credit card, money market, IRA, mortgage"),
    ("user_steady_payroll", "user_steady_payroll: biweekly payroll, rent, clean history"),
    ("user_gift_deposit", "user_gift_deposit: a 25,000 gift wire (large deposit)"),
    ("user_nsf_overdraft", "user_nsf_overdraft: overdrafts and NSF fees"),
    ("user_joint_account", "user_joint_account: joint owners"),
    ("user_thin_history", "user_thin_history: about 20 days of history"),
    ("user_heavy_spender", "user_heavy_spender: the largest report (~14,600 transactions)"),
    ("user_over_limit", "user_over_limit: over 15,000 transactions (a 731-day report fails)"),
    ("user_investments", "user_investments: brokerage, 401(k) with an unvested match, IRA"),
    ("user_limited_purpose", "user_limited_purpose: limited-purpose checking, home equity loan"),
)
OUTCOMES = (
    ("pass_good", "Links normally"),
    ("error_ITEM_LOCKED", "Fails: ITEM_LOCKED"),
    ("error_INVALID_CREDENTIALS", "Fails: INVALID_CREDENTIALS"),
    ("error_INSTITUTION_DOWN", "Fails: INSTITUTION_DOWN"),
    ("error_ITEM_LOGIN_REQUIRED", "Fails: ITEM_LOGIN_REQUIRED"),
)


class AddItemDialog(FormDialog):
    """Add an Item to the selected loan file.

    Signals:
        hosted_link_requested(): the user asked for a Hosted Link URL.
    """

    hosted_link_requested = Signal()
    # The last quick-add choice (institution, persona text, outcome): a new dialog after a
    # failed add starts from it, not from the first persona.
    last_quick: tuple[int, str, int] | None = None

    def __init__(
        self,
        environment: str,
        personas: Sequence[tuple[str, str]] = PERSONAS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Add Item", "addItemDialog", parent)
        self.environment = environment
        self.set_intro("An Item is the borrower's link to one bank. Pick how to add it.")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("addItemTabs")
        self.tabs.setAccessibleName("How to add the Item")
        self.form.addRow(self.tabs)
        self._build_quick(personas)
        self._build_hosted()
        self._build_token()
        quick_allowed = environment != "production"
        self.tabs.setTabEnabled(0, quick_allowed)
        self.tabs.setTabToolTip(0, "" if quick_allowed else "Quick add works in sandboxes only.")
        self.tabs.setCurrentIndex(0 if quick_allowed else 1)
        self.tabs.currentChanged.connect(self.revalidate)
        self.access_token.textChanged.connect(self.revalidate)
        self.persona.currentTextChanged.connect(self.revalidate)
        if AddItemDialog.last_quick is not None:
            institution, persona, outcome = AddItemDialog.last_quick
            self.institution.setCurrentIndex(institution)
            self.persona.setCurrentText(persona)
            self.outcome.setCurrentIndex(outcome)
        self._hosted_done = False
        self.revalidate()

    # --- tabs ------------------------------------------------------------------------------

    def _build_quick(self, personas: Sequence[tuple[str, str]]) -> None:
        page = QWidget(self.tabs)
        column = QVBoxLayout(page)
        self.institution = _combo(page, "institution", "Institution", INSTITUTIONS)
        self.persona = _combo(page, "persona", "Test persona", personas)
        self.persona.setEditable(True)
        self.outcome = _combo(page, "linkOutcome", "Link outcome", OUTCOMES)
        for caption, widget in (
            ("Institution", self.institution),
            ("Persona (test user)", self.persona),
            ("Outcome", self.outcome),
        ):
            column.addWidget(QLabel(caption, page))
            column.addWidget(widget)
        column.addStretch(1)
        self.tabs.addTab(page, "Quick add (sandbox)")

    def _build_hosted(self) -> None:
        page = QWidget(self.tabs)
        self.start_hosted = named_button(page, "Create link URL", "createHostedLink")
        self.start_hosted.clicked.connect(self._request_hosted)
        self.hosted_url = make_line_edit(
            "hostedLinkUrl", "Hosted Link URL", page, "the URL appears here"
        )
        self.hosted_url.setReadOnly(True)
        self.copy_url = named_button(page, "Copy URL", "copyHostedLinkUrl")
        self.open_url = named_button(page, "Open in browser", "openHostedLinkUrl")
        self.copy_url.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.hosted_url.text())
        )
        self.open_url.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl(self.hosted_url.text()))
        )
        self.copy_url.setEnabled(False)
        self.open_url.setEnabled(False)
        self.hosted_status = QLabel("Not started.", page)
        self.hosted_status.setObjectName("hostedLinkStatus")
        self.hosted_status.setAccessibleName("Hosted Link status")
        self.hosted_status.setWordWrap(True)
        self._add_tab(
            page,
            "Hosted Link",
            "Create a Plaid Hosted Link URL and send it to the borrower. The Item is added when "
            "they finish; this dialog shows the session's status as it changes.",
            button_row(page, self.start_hosted),
            self.hosted_url,
            button_row(page, self.copy_url, self.open_url),
            self.hosted_status,
        )

    def _build_token(self) -> None:
        page = QWidget(self.tabs)
        self.access_token = make_line_edit(
            "accessToken", "Access token", page, "access-sandbox-… or access-production-…",
            secret=True,
        )  # fmt: skip
        self.token_note = FieldNote("accessToken", page)
        self._add_tab(
            page,
            "Access token",
            "Paste an access token your lending system already holds. It is checked with "
            "Plaid, then kept only in the system keyring.",
            self.access_token,
            self.token_note,
        )

    def _add_tab(self, page: QWidget, title: str, explanation: str, *rows: QWidget) -> None:
        """Lay out `page`: a sentence saying what the tab does, then `rows`, top-aligned."""
        column = QVBoxLayout(page)
        explain = QLabel(explanation, page)
        explain.setWordWrap(True)
        for row in (explain, *rows):
            column.addWidget(row)
        column.addStretch(1)
        self.tabs.addTab(page, title)

    # --- state -----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """quick, hosted or token: the current tab."""
        return (QUICK, HOSTED, TOKEN)[self.tabs.currentIndex()]

    def revalidate(self, *_: object) -> bool:
        error = None
        if self.mode == TOKEN:
            error = self._check_token()
            self.token_note.show_note(error, "error")
        elif self.mode == QUICK and not self.persona.currentText().strip():
            error = "Choose a persona."
        valid = error is None and self.mode != HOSTED
        self.ok_button.setEnabled(valid)
        self.ok_button.setText("Add")
        self.ok_button.setVisible(self.mode != HOSTED)  # the link adds the Item by itself
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(
            "Close" if self.mode == HOSTED else "Cancel"
        )
        return valid

    def _check_token(self) -> str | None:
        token = self.access_token.text().strip()
        if not token:
            return "Paste the access token."
        if not token.startswith("access-"):
            return "An access token starts with “access-” (e.g. access-sandbox-…)."
        expected = {"production": "access-production-"}.get(self.environment)
        if expected and not token.startswith(expected):
            return "This token is not for Plaid Production: switch environment in Settings."
        return None

    def _request_hosted(self) -> None:
        self.start_hosted.setEnabled(False)
        self.show_hosted_status("Creating the link…")
        self.hosted_link_requested.emit()

    def show_hosted_link(self, url: str) -> None:
        """Show the URL to copy or open."""
        self.hosted_url.setText(url)
        self.copy_url.setEnabled(True)
        self.open_url.setEnabled(True)

    def show_hosted_status(self, text: str, finished: bool = False) -> None:
        """Show the session's live status; `finished` re-enables a new attempt."""
        self.hosted_status.setText(text)
        if finished:
            self._hosted_done = True
            self.start_hosted.setEnabled(True)

    def value(self) -> AddItemInput:
        """The validated input."""
        if self.mode == TOKEN:
            return AddItemInput(TOKEN, access_token=self.access_token.text().strip())
        text = self.persona.currentText()
        choice = (self.institution.currentIndex(), text, self.outcome.currentIndex())
        AddItemDialog.last_quick = choice
        index = self.persona.findText(text)
        username = self.persona.itemData(index) if index >= 0 else text.split(":")[0].strip()
        return AddItemInput(
            QUICK,
            institution_id=str(self.institution.currentData()),
            username=str(username),
            password=str(self.outcome.currentData()),
        )


def _combo(
    parent: QWidget, name: str, accessible: str, entries: Sequence[tuple[str, str]]
) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for value, label in entries:
        combo.addItem(label, value)
    return combo
