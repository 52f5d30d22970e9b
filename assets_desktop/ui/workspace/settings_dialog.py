"""Settings: environment and its keys (straight to the keyring, or sealed in the library), polling,
analysis defaults, retention, the data directory, and the library's protection (passphrase, idle
lock)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from assets_desktop.services.settings import (
    ENVIRONMENT_LABELS,
    ENVIRONMENTS,
    MAX_POLL,
    SecretStore,
    Settings,
    SettingsError,
    check_poll_interval,
    forget_keys,
    has_keys,
)
from assets_desktop.ui.buttons import named_button
from assets_desktop.ui.forms import FormDialog
from assets_desktop.ui.report.formatting import DATE_FORMATS
from assets_desktop.ui.workspace.library_location import LibraryLocationRow
from assets_desktop.ui.workspace.protection_row import ProtectionRow

KEEP = "stored (keyring, or sealed in the library): leave blank to keep"


@dataclass(frozen=True)
class SettingsResult:
    """The new settings and any keys typed (to go straight to the keyring)."""

    settings: Settings
    client_id: str
    secret: str
    team_password: str = ""


class SettingsDialog(FormDialog):
    """Edit the settings; keys are write-only (never read back into a field)."""

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        parent: QWidget | None = None,
        library: Any = None,
        active_data_dir: Path | None = None,
        *,
        stored_keys: Mapping[str, bool] | None = None,
        forget: Callable[[str], None] | None = None,
    ):
        super().__init__("Settings", "settingsDialog", parent)
        self._settings = settings
        self._active_dir = active_data_dir  # --data-dir, when the app was started with it
        self._secrets = secrets
        # Read off the UI thread by the caller: which environments have keys, how to forget them.
        self._stored = dict(stored_keys) if stored_keys is not None else None
        self._forget = forget
        self.setMinimumWidth(680)
        self.environment = QComboBox(self)
        for name in ENVIRONMENTS:
            self.environment.addItem(ENVIRONMENT_LABELS[name], name)
        self.environment.setCurrentIndex(ENVIRONMENTS.index(settings.environment))
        self.client_id = QLineEdit(self)
        self.secret = QLineEdit(self)
        for field in (self.client_id, self.secret):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.poll = QDoubleSpinBox(self)
        self.poll.setRange(0.1, MAX_POLL * 2)
        self.poll.setDecimals(1)
        self.poll.setSuffix(" s")
        self.poll.setValue(settings.poll_interval_seconds)
        self.ratio = _spin(
            self, 5, 500, " % of monthly income", round(settings.large_deposit_ratio * 100)
        )
        self.retirement = _spin(
            self, 0, 100, " % of the vested balance", round(settings.retirement_factor * 100)
        )
        self.days_purchase = _days(self, settings.default_days_purchase)
        self.days_refinance = _days(self, settings.default_days_refinance)
        self.min_history = _days(self, settings.min_history_days)
        self.retention = _spin(
            self, 0, 36500, " days", settings.retention_days, special="Keep until removed"
        )
        self.data_dir = QLineEdit(settings.data_dir, self)
        self.data_dir.setPlaceholderText(str(active_data_dir or settings.resolved_data_dir()))
        browse = named_button(self, "Browse…", "browseDataDir", "Choose the data directory")
        browse.clicked.connect(self._browse)
        data_row = QWidget(self)
        row = QHBoxLayout(data_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        self.date_format = QComboBox(self)
        for key, label in DATE_FORMATS.items():
            self.date_format.addItem(label, key)
        self.date_format.setCurrentIndex(max(0, self.date_format.findData(settings.date_format)))
        self.lock_after = _spin(
            self, 0, 1440, " minutes idle", settings.lock_after_minutes, special="Never"
        )
        self.location = LibraryLocationRow(settings.team_server, self)
        self.protection = ProtectionRow(library, self) if library is not None else None
        self.forget = named_button(self, "Forget stored keys", "forgetKeys")
        self.forget.clicked.connect(self._forget_keys)

        self.add_field("Environment:", self.environment, "environment", guide=self._guide_env)
        self.add_field(
            "Client id:", self.client_id, "clientId", self._check_keys, accessible="Plaid client id"
        )
        self.add_field("Secret:", self.secret, "plaidSecret", accessible="Plaid secret")
        self.add_row("", self.forget)
        self.add_field(
            "Check a building report every:",
            self.poll,
            "pollInterval",
            self._check_poll,
            accessible="Polling interval",
        )
        self.add_field(
            "Large deposit above:",
            self.ratio,
            "largeDepositRatio",
            accessible="Large-deposit threshold",
        )
        self.add_field(
            "Retirement funds counted:",
            self.retirement,
            "retirementFactor",
            guide=self._retirement_guide,
            accessible="Share of retirement funds counted",
        )
        self.add_field(
            "History for a purchase:",
            self.days_purchase,
            "defaultDaysPurchase",
            accessible="Default days for a purchase",
        )
        self.add_field(
            "History for a refinance:",
            self.days_refinance,
            "defaultDaysRefinance",
            accessible="Default days for a refinance",
        )
        self.add_field(
            "Flag history shorter than:",
            self.min_history,
            "minHistoryDays",
            accessible="Minimum history",
        )
        self.add_field(
            "Delete reports older than:", self.retention, "retentionDays", accessible="Retention"
        )
        self.add_field(
            "Data directory:",
            data_row,
            "dataDirRow",
            self._check_data_dir,
            guide=self._guide_data_dir,
            accessible="Data directory",
        )
        self.add_field(
            "Library:", self.location, "libraryLocation", self.location.problem,
            guide=self._guide_location, accessible="Library location",
        )  # fmt: skip
        self.add_field(
            "Dates:", self.date_format, "dateFormat", accessible="Date format"
        )  # fmt: skip
        self.date_format.setToolTip("Reports opened from now on show their dates this way.")
        if self.protection is not None:
            self.add_field(
                "Library passphrase:", self.protection, "protectionRow", accessible="Protection"
            )
            self.add_field(
                "Lock the window after:", self.lock_after, "lockAfter", self._check_lock,
                accessible="Lock after idle minutes",
            )  # fmt: skip
            self.protection.change.clicked.connect(self.revalidate)
            self.protection.require.toggled.connect(self.revalidate)
        else:  # no library (tests, first run): no lock either, not a stray box at the corner
            self.lock_after.hide()
        self.data_dir.setObjectName("dataDir")
        self.data_dir.setAccessibleName("Data directory path")
        self.watch(
            self.environment.currentIndexChanged,
            self.client_id.textChanged,
            self.secret.textChanged,
            self.poll.valueChanged,
            self.data_dir.textChanged,
            self.lock_after.valueChanged,
            self.location.server.toggled,
            self.location.host.textChanged,
            self.location.database.textChanged,
            self.location.user.textChanged,
        )
        self._refresh_key_placeholders()
        self.environment.currentIndexChanged.connect(self._refresh_key_placeholders)
        self.revalidate()

    @property
    def chosen_environment(self) -> str:
        """local, sandbox or production."""
        return str(self.environment.currentData())

    def _has_keys(self, environment: str) -> bool:
        if self._stored is not None:
            return self._stored.get(environment, False)
        return has_keys(self._secrets, environment)

    def _refresh_key_placeholders(self) -> None:
        environment = self.chosen_environment
        local = environment == "local"
        stored = self._has_keys(environment)
        for field, what in ((self.client_id, "client_id"), (self.secret, "secret")):
            field.setEnabled(not local)
            field.clear()
            field.setPlaceholderText(
                "not needed: the built-in sandbox has its own keys"
                if local
                else KEEP
                if stored
                else f"your Plaid {what} for this environment"
            )
        self.forget.setEnabled(not local and stored)
        if not local:  # say at once when this environment still needs keys
            self._touched.add(id(self.client_id))

    def _guide_env(self) -> str | None:
        if self.chosen_environment == "production":
            return "Production creates billed reports on real bank data."
        if self.chosen_environment == "local":
            return "The built-in sandbox runs on this computer; no keys or network needed."
        return None

    def _check_keys(self) -> str | None:
        environment = self.chosen_environment
        if environment == "local":
            return None
        typed = (bool(self.client_id.text().strip()), bool(self.secret.text().strip()))
        if typed[0] != typed[1]:
            return "Enter both the client_id and the secret (or neither, to keep stored keys)."
        if not any(typed) and not self._has_keys(environment):
            return f"Enter the {ENVIRONMENT_LABELS[environment]} client_id and secret."
        return None

    def _check_poll(self) -> str | None:
        try:
            check_poll_interval(self.chosen_environment, self.poll.value())
        except SettingsError as error:
            return str(error)[0].upper() + str(error)[1:] + "."
        return None

    def _check_data_dir(self) -> str | None:
        text = self.data_dir.text().strip()
        if text and not text.startswith(("/", "~")) and ":" not in text[:3]:
            return "Enter an absolute path (or leave blank for the default)."
        return None

    def _guide_data_dir(self) -> str | None:
        active = self._active_dir
        if active is not None and Path(active) != self._settings.resolved_data_dir():
            return f"In use now: {active} (--data-dir); this setting applies without it."
        return None

    def _guide_location(self) -> str | None:
        if self.location.url() != self._settings.team_server:
            return "Applies at the next start (--library overrides it)."
        return None

    def _check_lock(self) -> str | None:
        if self.lock_after.value() and not (
            self.protection and self.protection.library.protection.has_passphrase
        ):
            return "Set a passphrase first: unlocking the window asks for it."
        return None

    def _browse(self) -> None:
        dialog = QFileDialog(self, "Choose the data directory", self.data_dir.text())
        dialog.setObjectName("dataDirChooser")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.data_dir.setText)
        dialog.open()

    def _retirement_guide(self) -> str | None:
        if self.retirement.value() == 100:
            return None
        return (
            "The Selling Guide counts 100% of vested retirement funds since 2015 (B3-4.3-03); "
            "a lower share is a lender overlay."
        )

    def _forget_keys(self) -> None:
        environment = self.chosen_environment
        if self._forget is not None and self._stored is not None:
            self._forget(environment)
            self._stored[environment] = False
        else:
            forget_keys(self._secrets, environment)
        self._refresh_key_placeholders()
        self.revalidate()

    def value(self) -> SettingsResult:
        """The validated result."""
        data_dir = self.data_dir.text().strip()
        settings = self._settings.replace(
            environment=self.chosen_environment,
            poll_interval_seconds=round(self.poll.value(), 1),
            large_deposit_ratio=self.ratio.value() / 100,
            retirement_factor=self.retirement.value() / 100,
            default_days_purchase=self.days_purchase.value(),
            default_days_refinance=self.days_refinance.value(),
            min_history_days=self.min_history.value(),
            retention_days=self.retention.value(),
            data_dir=str(Path(data_dir).expanduser()) if data_dir else "",
            team_server=self.location.url(),
            lock_after_minutes=self.lock_after.value(),
            date_format=str(self.date_format.currentData()),
        )
        return SettingsResult(
            settings,
            self.client_id.text().strip(),
            self.secret.text().strip(),
            self.location.password.text(),
        )


def _days(parent: QWidget, value: int) -> QSpinBox:
    return _spin(parent, 1, 731, " days", value)


def _spin(
    parent: QWidget, low: int, high: int, suffix: str, value: int, *, special: str = ""
) -> QSpinBox:
    """A whole-number box; `special` is shown in place of the lowest value (e.g. "Never")."""
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    if special:
        spin.setSpecialValueText(special)
    spin.setValue(value)
    return spin
