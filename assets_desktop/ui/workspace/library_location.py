"""Settings → Library: "This computer" or "Team server" (host, port, database, user, password).

The address is a setting (`team_server`, a postgresql:// URL without password); the password
goes to the keyring. A change applies at the next start, like the data directory.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DEFAULT_PORT = 5432


class LibraryLocationRow(QWidget):
    """Where the library is: this computer, or a team's PostgreSQL server."""

    def __init__(self, team_server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = QRadioButton("This computer", self)
        self.server = QRadioButton("Team server (PostgreSQL)", self)
        choice = QButtonGroup(self)
        choice.addButton(self.local)
        choice.addButton(self.server)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("db.example.com")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setMaximumWidth(self.port.sizeHint().width() + 24)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText("lending_team")
        self.user = QLineEdit(self)
        self.user.setPlaceholderText("your member name, e.g. alberta_c")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the keyring: leave blank to keep")
        for name, field, spoken in (
            ("libraryLocal", self.local, "Library on this computer"),
            ("libraryServer", self.server, "Library on a team server"),
            ("teamHost", self.host, "Team server host"),
            ("teamPort", self.port, "Team server port"),
            ("teamDatabase", self.database, "Team database"),
            ("teamUser", self.user, "Team member name"),
            ("teamPassword", self.password, "Team server password"),
        ):
            field.setObjectName(name)
            field.setAccessibleName(spoken)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow("Host:", self.host)
        form.addRow("Port:", self.port)
        form.addRow("Database:", self.database)
        form.addRow("User:", self.user)
        form.addRow("Password:", self.password)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.local)
        column.addWidget(self.server)
        column.addWidget(self.details)
        self._show(team_server)
        self.server.toggled.connect(self.details.setEnabled)
        self.details.setEnabled(self.server.isChecked())

    def _show(self, team_server: str) -> None:
        if not team_server:
            self.local.setChecked(True)
            return
        parts = urlsplit(team_server)
        self.server.setChecked(True)
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))

    def problem(self) -> str | None:
        """What is missing for a team server, or None."""
        if not self.server.isChecked():
            return None
        fields = (("host", self.host), ("database", self.database), ("user", self.user))
        missing = [name for name, field in fields if not field.text().strip()]
        if missing:
            return f"Enter the team server's {', '.join(missing)}."
        return None

    def url(self) -> str:
        """The `team_server` setting: postgresql://user@host:port/database, or "" (here)."""
        if not self.server.isChecked() or self.problem():
            return ""
        user = quote(self.user.text().strip(), safe="")
        database = quote(self.database.text().strip(), safe="")
        return f"postgresql://{user}@{self.host.text().strip()}:{self.port.value()}/{database}"
