"""Signing in to a configured server: saved tokens from the keyring, else a login dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sync.api import Client, Profile, connect, connect_saved

from ..infra.workers import describe_error, run_task

if TYPE_CHECKING:
    from ..actions.workbench import Workbench

__all__ = ["LoginDialog", "sign_in"]


class LoginDialog(QDialog):
    def __init__(self, profile: Profile, message: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Dossier"))
        self.url = QLineEdit(profile.server_url)
        self.url.setPlaceholderText("https://dossier.example.com")
        self.user = QLineEdit(profile.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tenant = QLineEdit(profile.tenant)
        self.remember = QCheckBox(self.tr("Remember me on this computer"))
        self.remember.setChecked(True)
        self.message = QLabel(message)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.url)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Tenant"), self.tenant)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        (self.password if profile.username else self.url).setFocus()


def sign_in(window: Workbench, profile: Profile) -> None:
    """Try the keyring's tokens on a worker; ask for a password when they do not work."""
    window.set_starting()

    def saved_done(session: Client | None) -> None:
        if session is not None:
            window.attach(session)
        else:
            ask("")

    def ask(message: str) -> None:
        dialog = LoginDialog(profile, message, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(
                QCoreApplication.translate("LoginDialog", "Not signed in."))
            return
        url, user, password = dialog.url.text().strip(), dialog.user.text().strip(), \
            dialog.password.text()
        tenant, remember = dialog.tenant.text().strip(), dialog.remember.isChecked()
        run_task(lambda: connect(profile, url, user, password, tenant, remember=remember),
                 on_done=window.attach, on_error=lambda exc: ask(describe_error(exc)))

    run_task(lambda: connect_saved(profile), on_done=saved_done,
             on_error=lambda exc: ask(describe_error(exc)))
