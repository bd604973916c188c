"""What can be done to the selected document: edit index values, save a new version, change
the registers it sits in, save a copy, delete. Reached from the "Document" menu, the document
list's context menu and shortcuts. For a checked-out file every change goes to the outbox
(works offline); otherwise straight to the server, whose refusals are shown as they come
(a validation message, someone else's newer change, the archive's retention)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sync.api import CustomerFile, StaleObject

from ..dialogs.document_dialog import DocumentDialog
from ..infra.i18n import label
from ..infra.workers import run_task, show_error

if TYPE_CHECKING:
    from .edit_in_app import EditInApplication
    from .workbench import Workbench

__all__ = ["DocumentActions", "RegistersDialog"]

log = logging.getLogger(__name__)


class RegistersDialog(QDialog):
    """A check box per register of the file; at least one must stay checked."""

    def __init__(self, customer_file: CustomerFile, document: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Registers of %1").replace("%1", str(document["title"])))
        intro = QLabel(self.tr("A document can sit in several registers at once."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes: list[tuple[QCheckBox, str]] = []
        current = set(document.get("registers", []))
        registers = customer_file.registers()
        parents = {r.id: r.parent_id for r in registers}
        for register in registers:
            depth = 0
            parent_id = register.parent_id
            while parent_id:
                depth += 1
                parent_id = parents.get(parent_id)
            box = QCheckBox("    " * depth + label(register))
            box.setChecked(register.id in current)
            box.toggled.connect(self._check)
            layout.addWidget(box)
            self.boxes.append((box, register.id))
        self.problem = QLabel(self.tr("A document stays in one register at least."))
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        empty = not self.chosen()
        self.problem.setVisible(empty)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not empty)

    def chosen(self) -> list[str]:
        return [register for box, register in self.boxes if box.isChecked()]


class DocumentActions(QObject):
    """``changed(doc_id)`` after a change was saved (or queued)."""

    changed = Signal(str)

    def __init__(self, window: Workbench, edit_in_app: EditInApplication) -> None:
        super().__init__(window)
        self.window = window
        self.edit_index = self._action(self.tr("Edit index values…"), self.edit_index_values,
                                       "F2")
        self.new_version = self._action(self.tr("New version…"), self.add_version,
                                        "Ctrl+Shift+V")
        self.registers = self._action(self.tr("Registers…"), self.change_registers,
                                      "Ctrl+Shift+R")
        self.save_copy = self._action(self.tr("Save a copy…"), self.save_a_copy,
                                      QKeySequence.StandardKey.SaveAs)
        self.delete = self._action(self.tr("Delete…"), self.delete_document,
                                   QKeySequence.StandardKey.Delete)
        self.edit_in_application = edit_in_app.make_action(self)
        self.all = [self.edit_in_application, self.edit_index, self.new_version,
                    self.registers, self.save_copy, self.delete]
        bar = window.menuBar()
        self.menu = QMenu(self.tr("&Document"), bar)
        first = next(iter(bar.actions()), None)  # before Settings: the work comes first
        (bar.insertMenu(first, self.menu) if first else bar.addMenu(self.menu))
        for action in self.all:
            self.menu.addAction(action)
            window.addAction(action)  # shortcuts work wherever the focus is in the window
        list_view = window.cockpit.documents
        list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        list_view.customContextMenuRequested.connect(self._context_menu)
        window.cockpit.pane.documentShown.connect(lambda _doc: self.update_enabled())
        self.update_enabled()

    def _action(self, text: str, slot: Callable[[], Any],
                shortcut: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    def _context_menu(self, position: QPoint) -> None:
        view = self.window.cockpit.documents
        if not view.indexAt(position).isValid() or self._selection() is None:
            return
        menu = QMenu(view)
        for action in self.all:
            menu.addAction(action)
        menu.popup(view.viewport().mapToGlobal(position))

    def update_enabled(self) -> None:
        selected = self._selection() is not None
        for action in self.all:
            action.setEnabled(selected)

    def _selection(self) -> tuple[CustomerFile, dict[str, Any]] | None:
        cockpit = self.window.cockpit
        document = cockpit.pane.document
        if cockpit.customer_file is None or document is None or self.window.session is None:
            return None
        return cockpit.customer_file, document

    # the actions -------------------------------------------------------------------------

    def edit_index_values(self) -> None:
        selection = self._selection()
        if selection is None:
            return
        customer_file, document = selection
        dialog = self.make_index_dialog(customer_file, document)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changes = dialog.changes()
        if not changes:
            return
        session = self.window.session
        assert session is not None
        self._run(lambda: session.update_index(customer_file, document, **changes),
                  document, self.tr("Index values saved."))

    def make_index_dialog(self, customer_file: CustomerFile,
                          document: dict[str, Any]) -> DocumentDialog:
        """A hook tests replace to fill the form without a user."""
        return DocumentDialog(customer_file, None, document=document, parent=self.window)

    def add_version(self, path: Path | None = None, comment: str | None = None) -> None:
        """Save a file as the next version; asks for the file and a comment if not given."""
        selection = self._selection()
        if selection is None:
            return
        customer_file, document = selection
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window, self.tr("New version of %1").replace("%1", document["title"]))
            if not name:
                return
            path = Path(name)
        if comment is None:
            text, ok = QInputDialog.getText(self.window, self.tr("New version"),
                                            self.tr("What changed? (optional)"),
                                            QLineEdit.EchoMode.Normal, "")
            if not ok:
                return
            comment = text.strip()
        session = self.window.session
        assert session is not None
        chosen, note = path, comment
        self._run(lambda: session.add_version(customer_file, document, chosen, comment=note),
                  document, self.tr("New version saved."))

    def change_registers(self) -> None:
        selection = self._selection()
        if selection is None:
            return
        customer_file, document = selection
        dialog = self.make_registers_dialog(customer_file, document)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if not chosen or set(chosen) == set(document.get("registers", [])):
            return
        session = self.window.session
        assert session is not None
        self._run(lambda: session.update_index(customer_file, document, registers=chosen),
                  document, self.tr("Registers saved."))

    def make_registers_dialog(self, customer_file: CustomerFile,
                              document: dict[str, Any]) -> RegistersDialog:
        return RegistersDialog(customer_file, document, self.window)

    def save_a_copy(self) -> None:
        selection = self._selection()
        if selection is None or not selection[1].get("current_version"):
            return
        _file, document = selection
        filename = str(document["current_version"].get("filename") or document["title"])
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a copy"), filename)
        if not target:
            return
        session = self.window.session
        assert session is not None

        def copy() -> Path:
            shutil.copyfile(session.content(document), target)
            return Path(target)

        run_task(copy, on_done=lambda path: self.window.statusBar().showMessage(
            self.tr("Saved as %1").replace("%1", str(path)), 8000))

    def delete_document(self) -> None:
        selection = self._selection()
        if selection is None:
            return
        customer_file, document = selection
        if not self.confirm_delete(customer_file, document):
            return
        session = self.window.session
        assert session is not None
        self._run(lambda: session.delete_document(customer_file, document), document,
                  self.tr("Document deleted.") if not customer_file.checked_out else
                  self.tr("Document deleted here; the deletion is sent at the next sync."),
                  deleted=True)

    def confirm_delete(self, customer_file: CustomerFile, document: dict[str, Any]) -> bool:
        answer = QMessageBox.question(
            self.window, self.tr("Delete document"),
            self.tr("Delete “%1”? The archive keeps its versions; documents under retention "
                    "cannot be deleted.").replace("%1", str(document["title"])),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    # running them ------------------------------------------------------------------------

    def _run(self, change: Callable[[], Any], document: dict[str, Any], done_text: str, *,
             deleted: bool = False) -> None:
        doc_id = str(document["id"])

        def done(_result: Any) -> None:
            self.window.statusBar().showMessage(done_text, 8000)
            cockpit = self.window.cockpit
            if deleted and cockpit.customer_file is not None:
                cockpit.open_file(cockpit.customer_file.id)
            else:
                cockpit.reload()
            self.window.refresh_pending()
            self.changed.emit(doc_id)

        run_task(change, on_done=done, on_error=self._failed, mutation=True)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleObject):
            self.window.cockpit.reload()  # show what the other person saved
        show_error(exc, self.window)
