"""Dialog validation: each message sits next to its field and OK waits until all are valid."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from assets_desktop.store.secrets import PLAID_CLIENT_ID, PLAID_SECRET, SecretStore
from assets_desktop.store.settings import Settings
from assets_desktop.ui.workspace.dialogs.add_item import QUICK, TOKEN, AddItemDialog
from assets_desktop.ui.workspace.dialogs.create_report import CreateReportDialog
from assets_desktop.ui.workspace.dialogs.loan_file import LoanFileDialog
from assets_desktop.ui.workspace.dialogs.report_actions import (
    AccountChoice,
    AuditCopyDialog,
    FilterDialog,
    RefreshDialog,
)
from assets_desktop.ui.workspace.navigation import AuditCopyEntry, ItemEntry
from assets_desktop.ui.workspace.settings_dialog import SettingsDialog

ITEMS = (ItemEntry("item-1", "First Platypus Bank"), ItemEntry("item-2", "Tartan Bank"))


def test_new_loan_file_validates_name_and_income(qtbot: QtBot) -> None:
    dialog = LoanFileDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.errors() == []  # untouched fields do not scold
    qtbot.keyClicks(dialog.main.first, "Alberta")
    assert dialog.errors() == ["Enter first and last name (as on the loan application)."]
    qtbot.keyClicks(dialog.main.last, "Charleson")
    qtbot.keyClicks(dialog.income, "lots")
    assert dialog.errors() == ["“lots” is not an amount: use digits, e.g. 8500 or 8,500.00."]
    assert not dialog.ok_button.isEnabled()
    dialog.income.clear()
    qtbot.keyClicks(dialog.income, "$8,500.00")
    assert dialog.errors() == []
    assert dialog.ok_button.isEnabled()
    dialog.purpose.setCurrentIndex(1)
    value = dialog.value()
    assert (value.borrower, value.purpose, value.monthly_income) == (
        "Alberta Charleson",
        "refinance",
        Decimal("8500.00"),
    )
    assert value.cash_to_close is None and value.reserve_months is None  # optional


def test_loan_terms_and_co_borrowers_are_checked_in_place(qtbot: QtBot) -> None:
    dialog = LoanFileDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.main.first, "John")
    qtbot.keyClicks(dialog.main.middle, "Q.")
    qtbot.keyClicks(dialog.main.last, "Smith")
    qtbot.keyClicks(dialog.income, "6000")
    for editor, text, error in (
        (dialog.cash, "forty", "“forty” is not an amount: use digits, e.g. 8500 or 8,500.00."),
        (dialog.reserves, "-2", "“-2” is not a number of months from 0 to 120, e.g. 2 or 6."),
        (dialog.emd_date, "11/02/2026", "“11/02/2026” is not a date: use YYYY-MM-DD, e.g. "
         "2026-11-02."),
    ):  # fmt: skip
        qtbot.keyClicks(editor, text)
        assert dialog.errors() == [error]
        assert not dialog.ok_button.isEnabled()
        editor.clear()
    co = dialog.add_co_borrower()
    assert dialog.errors() == ["Enter first and last name (as on the loan application)."]
    qtbot.keyClicks(co.first, "Mary")
    qtbot.keyClicks(co.last, "Smith")
    for editor, text in ((dialog.cash, "41,000"), (dialog.pitia, "$3,000.00"),
                         (dialog.reserves, "2.5"), (dialog.emd_date, "2026-11-02"),
                         (dialog.emd, "5000")):  # fmt: skip
        qtbot.keyClicks(editor, text)
    assert dialog.errors() == [] and dialog.ok_button.isEnabled()
    value = dialog.value()
    assert [p.full for p in value.borrowers] == ["John Q. Smith", "Mary Smith"]
    assert (value.cash_to_close, value.monthly_housing_payment, value.reserve_months) == (
        Decimal("41000.00"), Decimal("3000.00"), Decimal("2.5")
    )  # fmt: skip
    assert (value.earnest_money, str(value.earnest_money_date)) == (
        Decimal("5000.00"),
        "2026-11-02",
    )


def test_create_report_day1_certainty_guidance_and_field_errors(qtbot: QtBot) -> None:
    dialog = CreateReportDialog(ITEMS, "purchase", "Alberta Charleson", default_days=61)
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled()
    days_note = dialog.findChild(type(dialog.intro), "daysRequestedNote")
    dialog.days.setValue(45)
    assert "at least 61 days for a purchase" in days_note.text()
    assert days_note.property("severity") == "warning"
    assert dialog.ok_button.isEnabled()  # guidance, not an error
    qtbot.keyClicks(dialog.ssn, "12-34")
    assert dialog.errors() == ["An SSN has 9 digits (dashes optional), e.g. 123-45-6789."]
    assert not dialog.ok_button.isEnabled()
    assert dialog.ssn.echoMode() == dialog.ssn.EchoMode.Password
    dialog.ssn.clear()
    qtbot.keyClicks(dialog.ssn, "123-45-6789")
    qtbot.keyClicks(dialog.email, "not-an-email")
    assert dialog.errors() == ["“not-an-email” is not an email address."]
    dialog.email.clear()
    for check in dialog.item_boxes.values():
        check.setChecked(False)
    assert dialog.errors() == ["Select at least one Item."]
    dialog.item_boxes["item-2"].setChecked(True)
    dialog.insights.setChecked(True)
    value = dialog.value()
    assert value.item_ids == ("item-2",)
    assert (value.days, value.ssn, value.first_name, value.last_name) == (
        45,
        "123456789",
        "Alberta",
        "Charleson",
    )
    assert value.include_insights


def test_create_report_refinance_threshold_is_31(qtbot: QtBot) -> None:
    dialog = CreateReportDialog(ITEMS, "refinance", default_days=31)
    qtbot.addWidget(dialog)
    note = dialog.findChild(type(dialog.intro), "daysRequestedNote")
    assert note.isHidden()
    dialog.days.setValue(30)
    assert "at least 31 days for a refinance" in note.text()
    dialog.days.setValue(732)  # out of range: refused in place (issue 18, defect 5)
    assert not dialog.ok_button.isEnabled() and "1 to 731 days" in note.text()


def test_create_report_without_items_says_add_one(qtbot: QtBot) -> None:
    dialog = CreateReportDialog((), "purchase")
    qtbot.addWidget(dialog)
    assert dialog.errors() == ["This loan file has no Items yet: add one first (Ctrl+I)."]
    assert not dialog.ok_button.isEnabled()


def test_add_item_modes(qtbot: QtBot) -> None:
    dialog = AddItemDialog("local")
    qtbot.addWidget(dialog)
    assert dialog.mode == QUICK and dialog.ok_button.isEnabled()
    dialog.outcome.setCurrentIndex(1)
    value = dialog.value()
    assert (value.institution_id, value.username, value.password) == (
        "ins_109508",
        "user_good",
        "error_ITEM_LOCKED",
    )
    dialog.tabs.setCurrentIndex(2)
    assert dialog.mode == TOKEN and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.access_token, "public-sandbox-123")
    assert "starts with “access-”" in dialog.token_note.text()
    dialog.access_token.clear()
    qtbot.keyClicks(dialog.access_token, "access-sandbox-123")
    assert dialog.ok_button.isEnabled()
    assert dialog.value().access_token == "access-sandbox-123"


def test_add_item_in_production_has_no_quick_add(qtbot: QtBot) -> None:
    dialog = AddItemDialog("production")
    qtbot.addWidget(dialog)
    assert not dialog.tabs.isTabEnabled(0)
    assert dialog.tabs.currentIndex() == 1  # Hosted Link
    requested: list[bool] = []
    dialog.hosted_link_requested.connect(lambda: requested.append(True))
    dialog.start_hosted.click()
    assert requested and not dialog.start_hosted.isEnabled()
    dialog.show_hosted_link("https://hosted.plaid.com/link/abc")
    assert dialog.copy_url.isEnabled() and dialog.open_url.isEnabled()
    dialog.show_hosted_status("Waiting for the borrower…")
    assert dialog.hosted_status.text() == "Waiting for the borrower…"


def test_refresh_and_filter(qtbot: QtBot) -> None:
    refresh = RefreshDialog(61)
    qtbot.addWidget(refresh)
    assert refresh.value() is None and not refresh.days.isEnabled()
    refresh.change_days.setChecked(True)
    refresh.days.setValue(90)
    assert refresh.value() == 90
    accounts = [AccountChoice("a1", "Checking"), AccountChoice("a2", "Savings")]
    filt = FilterDialog(accounts)
    qtbot.addWidget(filt)
    assert filt.errors() == ["Check at least one account to exclude."]
    filt.boxes["a1"].setChecked(True)
    filt.boxes["a2"].setChecked(True)
    assert filt.errors() == ["At least one account must stay in the report."]
    filt.boxes["a2"].setChecked(False)
    assert filt.ok_button.isEnabled() and filt.value() == ("a1",)


def test_audit_copy_dialog_stays_open_and_shows_token(qtbot: QtBot) -> None:
    removed: list[str] = []
    dialog = AuditCopyDialog([AuditCopyEntry("c1", "fannie_mae", "today")], removed.append)
    qtbot.addWidget(dialog)
    assert [dialog.auditor.itemText(i) for i in range(3)] == [
        "Fannie Mae",
        "Freddie Mac",
        "Ocrolus",
    ]
    requested: list[str] = []
    dialog.create_requested.connect(requested.append)
    dialog.auditor.setCurrentIndex(1)
    dialog.ok_button.click()
    assert requested == ["freddie_mac"]
    assert not dialog.ok_button.isEnabled()
    dialog.show_token("a-sandbox-TOKEN")
    assert dialog.token.text() == "a-sandbox-TOKEN" and dialog.copy_token.isEnabled()
    dialog.findChild(type(dialog.copy_token), "removeAudit-c1").click()
    assert removed == ["c1"]
    dialog.auditor.setCurrentIndex(3)  # other
    assert dialog.errors() == ["Enter the auditor id the auditor gave you."]


def test_settings_keys_go_to_keyring_and_are_never_shown(qtbot: QtBot) -> None:
    secrets = SecretStore()
    secrets.set(PLAID_CLIENT_ID, "sandbox", "cid-123")
    secrets.set(PLAID_SECRET, "sandbox", "sec-456")
    dialog = SettingsDialog(Settings(), secrets)
    qtbot.addWidget(dialog)
    assert not dialog.client_id.isEnabled()  # local needs no keys
    dialog.environment.setCurrentIndex(1)  # Plaid Sandbox
    assert dialog.client_id.text() == "" and "keyring" in dialog.client_id.placeholderText()
    assert dialog.ok_button.isEnabled()  # stored keys are kept
    dialog.environment.setCurrentIndex(2)  # Production: no keys stored, 4 s floor
    dialog.poll.setValue(2.0)
    errors = dialog.errors()
    assert any("4–60 s for Plaid Production" in e for e in errors)
    assert any("Enter the Plaid Production client_id and secret" in e for e in errors)
    dialog.poll.setValue(5.0)
    qtbot.keyClicks(dialog.client_id, "prod-id")
    assert dialog.errors() == [
        "Enter both the client_id and the secret (or neither, to keep stored keys)."
    ]
    qtbot.keyClicks(dialog.secret, "prod-secret")
    assert dialog.ok_button.isEnabled()
    result = dialog.value()
    assert result.settings.environment == "production"
    assert result.settings.poll_interval_seconds == 5.0
    assert (result.client_id, result.secret) == ("prod-id", "prod-secret")
    assert "prod-secret" not in repr(result.settings)
