"""Settings → Preferences…: server (another one takes a restart), sync interval, working
folder, language, deletion-guard threshold. Values live in ``UserSettings``; the interval is
applied to the running scheduler at once, a new language is announced (``languageChanged``)
for the window's host to switch to."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..actions.scheduled_sync import ScheduledSync
from ..infra.settings import DEFAULT_SYNC_INTERVAL, UserSettings

__all__ = ["SettingsDialog"]


class SettingsDialog(QDialog):
    """``languageChanged(code)`` when another language was chosen ("" = the system's)."""

    languageChanged = Signal(str)

    def __init__(self, settings: UserSettings, server_url: str = "",
                 scheduled: ScheduledSync | None = None, default_working_dir: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.scheduled = scheduled
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout()

        self.server = QLabel(server_url or self.tr("Not signed in"))
        self.server.setAccessibleName(self.tr("Server"))
        self.new_server: str | None = None  # chosen with "Change server…"; "" = built-in
        change = QPushButton(self.tr("Change server…"))
        change.setAccessibleName(self.tr("Change server"))
        change.clicked.connect(self._change_server)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(change)
        form.addRow(self.tr("Server:"), server_row)

        self.interval = QSpinBox()
        self.interval.setRange(5, 24 * 3600)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setAccessibleName(self.tr("Sync interval in seconds"))
        whole_seconds = int(settings.sync_interval)
        self.interval.setValue(whole_seconds if whole_seconds >= 1 else int(DEFAULT_SYNC_INTERVAL))
        form.addRow(self.tr("Sync interval:"), self.interval)

        self.working_dir = QLineEdit(settings.working_dir or default_working_dir)
        self.working_dir.setAccessibleName(self.tr("Working folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.working_dir, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Working folder:"), row)
        folder_note = QLabel(self.tr("Files you check out from now on are written there."))
        folder_note.setWordWrap(True)
        form.addRow("", folder_note)

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in (("", self.tr("System language")), ("en", "English"),
                           ("de", "Deutsch"), ("es", "Español")):
            self.language.addItem(name, code)
        current = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(current, 0))
        form.addRow(self.tr("Language:"), self.language)

        self.deletion_guard = QSpinBox()
        self.deletion_guard.setRange(1, 100_000)
        self.deletion_guard.setAccessibleName(self.tr("Deletion-guard threshold"))
        self.deletion_guard.setToolTip(self.tr(
            "Ask before a sync deletes more than this many documents"))
        self.deletion_guard.setValue(settings.deletion_guard)
        form.addRow(self.tr("Deletion guard:"), self.deletion_guard)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _change_server(self) -> None:
        url, ok = QInputDialog.getText(
            self, self.tr("Change server"),
            self.tr("Address of the Dossier server (empty: the built-in server with demo "
                    "data). Dossier restarts and asks you to sign in there."),
            QLineEdit.EchoMode.Normal, self.new_server or "")
        if ok:
            self.choose_server(url)

    def choose_server(self, url: str) -> None:
        url = url.strip().rstrip("/")
        if url and not url.startswith(("http://", "https://")):
            url = "https://" + url
        self.new_server = url
        self.server.setText(url or self.tr("Built-in server (demo data)"))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Working folder"),
                                                  self.working_dir.text())
        if folder:
            self.working_dir.setText(folder)

    def accept(self) -> None:
        self.save()
        super().accept()

    def save(self) -> None:
        seconds = self.interval.value()
        self.settings.sync_interval = seconds
        self.settings.working_dir = self.working_dir.text().strip()
        language = str(self.language.currentData() or "")
        changed = language != self.settings.language
        self.settings.language = language
        self.settings.deletion_guard = self.deletion_guard.value()
        self.settings.sync()
        scheduler = self.scheduled.scheduler if self.scheduled is not None else None
        if scheduler is not None:
            scheduler.set_interval(float(seconds))
        if changed:
            self.languageChanged.emit(language)
