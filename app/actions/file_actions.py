"""What the toolbar does: file documents (dialog or drop), check out, sync, check in,
conflicts, language. Every call to the server or the engine runs on a worker."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMetaMethod, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sync.api import CustomerFile

from ..dialogs.conflict_dialog import ConflictList
from ..dialogs.document_dialog import DocumentDialog
from ..infra.i18n import label
from ..infra.workers import run_task

if TYPE_CHECKING:
    from .workbench import Workbench

__all__ = ["CheckoutDialog", "ConflictList", "FileActions"]

log = logging.getLogger(__name__)


class CheckoutDialog(QDialog):
    """Whole file or some registers; shared or exclusive."""

    def __init__(self, customer_file: CustomerFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check out %1").replace("%1", customer_file.key))
        intro = QLabel(self.tr("Take this customer file along for offline work. Your changes "
                               "are sent back when you check in."))
        intro.setWordWrap(True)
        mode = QGroupBox(self.tr("Mode"))
        self.shared = QRadioButton(self.tr("Shared – others keep working; differences are "
                                           "resolved at check-in"))
        self.exclusive = QRadioButton(self.tr("Exclusive – others can only read until you "
                                              "check in"))
        self.shared.setChecked(True)
        mode_layout = QVBoxLayout(mode)
        mode_layout.addWidget(self.shared)
        mode_layout.addWidget(self.exclusive)
        scope = QGroupBox(self.tr("Registers"))
        scope_layout = QVBoxLayout(scope)
        self.whole = QCheckBox(self.tr("The whole file"))
        self.whole.setChecked(True)
        scope_layout.addWidget(self.whole)
        self.registers: list[tuple[QCheckBox, str]] = []
        for register in customer_file.registers():
            box = QCheckBox(f"{label(register)} ({register.count})")
            box.setChecked(True)
            box.setEnabled(False)
            scope_layout.addWidget(box)
            self.registers.append((box, register.name))
        self.whole.toggled.connect(self._whole_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check out"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(mode)
        layout.addWidget(scope)
        layout.addWidget(buttons)

    def _whole_toggled(self, whole: bool) -> None:
        for box, _name in self.registers:
            box.setEnabled(not whole)

    def choice(self) -> tuple[bool, list[str] | None]:
        """(exclusive, register names or None for the whole file)."""
        if self.whole.isChecked():
            return self.exclusive.isChecked(), None
        return self.exclusive.isChecked(), [n for b, n in self.registers if b.isChecked()]


class FileActions(QObject):
    documentsFiled = Signal(int)  # how many documents were created
    languageChosen = Signal(str)  # a language code, "" for the system's

    def __init__(self, window: Workbench) -> None:
        super().__init__(window)
        self.window = window
        self.conflict_list: ConflictList | None = None

    @property
    def _file(self) -> CustomerFile | None:
        return self.window.cockpit.customer_file

    # filing documents --------------------------------------------------------------------

    def new_document(self) -> None:
        if self._file is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Choose files to file"))
        if names:
            self.archive_files([Path(n) for n in names], "")

    def archive_files(self, paths: list[Path], register_id: str) -> None:
        """Ask for type, title and index values per file (or once for all), then file."""
        customer_file = self._file
        session = self.window.session
        if customer_file is None or session is None or not paths:
            return
        jobs: list[tuple[Path, dict[str, Any]]] = []
        shared: dict[str, Any] | None = None
        for number, path in enumerate(paths):
            if shared is not None:
                jobs.append((path, {**shared, "title": path.stem}))
                continue
            dialog = self.make_dialog(customer_file, path, register_id,
                                      batch=len(paths) - number)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                continue
            values = dialog.values()
            jobs.append((path, values))
            if values.get("apply_to_all"):
                shared = values
        if not jobs:
            return
        progress = QProgressDialog(self.tr("Filing documents…"), "", 0, len(jobs), self.window)
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)

        def file_all() -> int:
            for path, values in jobs:
                session.add_document(customer_file, path, doc_type=values["doc_type"],
                                     title=values["title"], register=values["register"],
                                     index=values["index"])
            return len(jobs)

        def done(count: int) -> None:
            progress.close()
            self.window.statusBar().showMessage(
                self.tr("%n document(s) filed", "", count), 5000)
            self.window.cockpit.reload()
            self.window.refresh_pending()
            self.documentsFiled.emit(count)

        def failed(exc: BaseException) -> None:
            progress.close()
            from ..infra.workers import show_error

            show_error(exc, self.window)
            self.window.cockpit.reload()

        run_task(file_all, on_done=done, on_error=failed, mutation=True)

    def make_dialog(self, customer_file: CustomerFile, path: Path | None, register_id: str,
                    *, batch: int = 1) -> DocumentDialog:
        """A hook tests replace to fill the dialog without a user."""
        return DocumentDialog(customer_file, path, register_id=register_id, batch=batch,
                              parent=self.window)

    # offline work ------------------------------------------------------------------------

    def check_out(self) -> None:
        customer_file, session = self._file, self.window.session
        if customer_file is None or session is None:
            return
        dialog = CheckoutDialog(customer_file, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        exclusive, registers = dialog.choice()
        engine_key = customer_file.key

        def checkout() -> dict[str, Any]:
            return session.checkout(engine_key, exclusive=exclusive, registers=registers)

        run_task(checkout, on_done=self._after_checkout, mutation=True)

    def _after_checkout(self, result: dict[str, Any]) -> None:
        self.window.statusBar().showMessage(
            self.tr("%1 is checked out with %n document(s).", "", int(result["documents"]))
            .replace("%1", str(result["key"])), 8000)
        self.window.navigator.refresh_checked_out()
        self.window.cockpit.reload()

    def sync(self) -> None:
        session = self.window.session
        if session is None:
            return

        self.window.statusBar().showMessage(self.tr("Synchronising…"))
        run_task(session.sync, on_done=self._after_sync, mutation=True)

    def _after_sync(self, report: Any) -> None:
        if report.offline:
            message = self.tr("Offline: the changes stay queued.")
        else:
            message = self.tr("Synchronised: %n change(s) sent.", "", report.applied)
        if getattr(report, "conflicts", 0):
            message = self.tr("Synchronised with %n conflict(s) to resolve.", "",
                              report.conflicts)
        self.window.statusBar().showMessage(message, 8000)
        self.window.cockpit.reload()
        self.window.refresh_pending()

    def check_in(self) -> None:
        customer_file, session = self._file, self.window.session
        if customer_file is None or session is None:
            return
        key = customer_file.key
        run_task(lambda: session.checkin(key), mutation=True,
                 on_done=lambda report: self._after_checkin(key, list(report.kept)))

    def _after_checkin(self, key: str, kept: list[str]) -> None:
        message = self.tr("%1 is checked in.").replace("%1", key)
        self.window.statusBar().showMessage(message + self._kept_note(kept), 8000)
        self.window.navigator.refresh_checked_out()
        self.window.cockpit.reload()
        self.window.refresh_pending()

    def cancel_checkout(self) -> None:
        """Give the file back without checking in; warns first when changes would be lost."""
        customer_file, session = self._file, self.window.session
        if customer_file is None or session is None:
            return
        key, file_id = customer_file.key, customer_file.id
        run_task(lambda: session.pending_count(file_id),
                 on_done=lambda pending: self._confirm_cancel(key, int(pending)))

    def _confirm_cancel(self, key: str, pending: int) -> None:
        session = self.window.session
        if session is None or not self.confirm_cancel(key, pending):
            return
        run_task(lambda: session.cancel_checkout(key, force=True), mutation=True,
                 on_done=lambda kept: self._after_cancel(key, kept))

    def _kept_note(self, kept: list[str]) -> str:
        """The check-out ended: its working folder was tidied, edited copies stayed."""
        if not kept:
            return ""
        return " " + self.tr("%n file(s) you changed stay in the working folder.", "",
                             len(kept))

    def confirm_cancel(self, key: str, pending: int) -> bool:
        """Ask before cancelling (a hook tests replace)."""
        if pending:
            text = self.tr("%n change(s) made to %1 have not been checked in. Cancelling the "
                           "check-out throws them away. Cancel anyway?", "", pending)
            icon = QMessageBox.Icon.Warning
        else:
            text = self.tr("Give %1 back without checking in? Nothing is pending.")
            icon = QMessageBox.Icon.Question
        box = QMessageBox(icon, self.tr("Cancel check-out"), text.replace("%1", key),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _after_cancel(self, key: str, kept: list[str]) -> None:
        message = self.tr("The check-out of %1 is cancelled.").replace("%1", key)
        self.window.statusBar().showMessage(message + self._kept_note(kept), 8000)
        self.window.navigator.refresh_checked_out()
        self.window.cockpit.reload()
        self.window.refresh_pending()
        self.window.update_schedule()

    def conflicts(self) -> None:
        session = self.window.session
        if session is None:
            return
        run_task(session.conflicts, on_done=self._show_conflicts)

    def _show_conflicts(self, conflicts: list[Any]) -> None:
        session = self.window.session
        if self.conflict_list is not None:
            self.conflict_list.close()
        self.conflict_list = ConflictList(conflicts, session, self.window)
        self.conflict_list.changed.connect(self._conflict_resolved)
        self.conflict_list.open()

    def _conflict_resolved(self) -> None:
        self.window.statusBar().showMessage(self.tr("Conflict resolved and synchronised."), 8000)
        self.window.cockpit.reload()
        self.window.refresh_pending()
        self.window.navigator.refresh_checked_out()

    def set_language(self, code: str) -> None:
        """Keep ``code`` ("" = the system's) and have the window's host switch to it now
        (``languageChosen``); a window without a host uses it from the next start."""
        self.window.user_settings.language = code
        if self.isSignalConnected(QMetaMethod.fromSignal(self.languageChosen)):
            self.languageChosen.emit(code)
        else:
            self.window.statusBar().showMessage(
                self.tr("The new language is used from the next start."), 8000)
