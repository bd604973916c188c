"""The engine's working-copy watcher, run while the window has files checked out.

Saving a working copy in its application makes a pending new version (the engine's
:class:`~sync.api.WorkingCopyWatcher` does that on its own thread); the window says so in
the status bar. Deleting more working copies at once than the deletion guard allows (setting
``sync/deletion_guard``), or the whole working folder, asks the user: delete the documents, or
write the working copies again.

The watcher starts when the first file is checked out (and at sign-in when files are checked
out from earlier), stops when none is left and when the window closes; a window built again in
another language takes it over running (``move_to_window``). Its events arrive on its own
thread and are queued to the main thread through a signal.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from sync.api import Client, WorkingCopyWatcher
from viewer.widget import main_thread_inbox

from ..infra.workers import run_task

if TYPE_CHECKING:
    from .workbench import Workbench

__all__ = ["WorkingCopies"]

log = logging.getLogger(__name__)


class WorkingCopies(QObject):
    """``versionSaved(document id, version)`` after a working copy became a pending version."""

    eventArrived = Signal(str, object)  # emitted on the main thread, queued
    versionSaved = Signal(str, int)

    def __init__(self, window: Workbench) -> None:
        super().__init__(window)
        self.window = window
        self.debounce_seconds = 2.0
        self.watcher: WorkingCopyWatcher | None = None
        self.prompts: dict[str, QMessageBox] = {}  # file key -> open deletion question
        self._lifecycle = threading.Lock()  # start, refresh and stop never overlap
        self.eventArrived.connect(self._handle, Qt.ConnectionType.QueuedConnection)
        self._inbox = main_thread_inbox()
        # started and stopped with the scheduled sync (``Workbench.update_schedule``); a
        # sync may follow a change of the deletion guard in the preferences
        window.bridge.synced.connect(self._synced)

    def move_to_window(self, window: Workbench) -> None:
        """Carry on in a window built again (new language): the watcher keeps running."""
        self.window.bridge.synced.disconnect(self._synced)
        self.setParent(window)
        self.window = window
        window.bridge.synced.connect(self._synced)

    def _synced(self, _report: Any) -> None:
        self.update()

    @property
    def running(self) -> bool:
        return self.watcher is not None

    def update(self) -> None:
        """Start watching when a file is checked out, stop when none is (the replica is
        read on a worker)."""
        session = self.window.session
        if session is None:
            return
        run_task(session.checked_out_count,
                 on_done=lambda count: self._apply(session, count),
                 on_error=lambda exc: log.info("no replica: %s", exc))

    def _apply(self, session: Client, count: int) -> None:
        if session is not self.window.session:
            return
        guard = self.window.user_settings.deletion_guard
        watcher = self.watcher
        if count and watcher is None:
            watcher = self.watcher = session.working_copy_watcher(
                debounce_seconds=self.debounce_seconds, on_event=self._on_event,
                deletion_guard=guard)
            started = watcher
            run_task(lambda: self._locked(lambda: started.start(scan=True)),
                     on_error=lambda exc: log.warning("watcher not started: %s", exc))
        elif count and watcher is not None:
            watcher.deletion_guard = guard
            current = watcher
            run_task(lambda: self._locked(current.refresh),  # a new working folder
                     on_error=lambda exc: log.warning("watcher not refreshed: %s", exc))
        elif watcher is not None:
            self.watcher = None
            run_task(lambda: self._locked(watcher.stop),
                     on_error=lambda exc: log.warning("watcher not stopped: %s", exc))

    def _locked(self, call: Any) -> None:
        with self._lifecycle:
            call()

    def stop(self) -> None:
        """On closing the window: changes seen so far still become versions."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            self._locked(watcher.stop)

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        """The watcher's callback, on its thread: only hand over to the main thread."""
        self._inbox.post(self._emit_event, (kind, dict(data)))

    def _emit_event(self, kind_and_data: tuple[str, dict[str, Any]]) -> None:
        self.eventArrived.emit(*kind_and_data)

    # on the main thread ------------------------------------------------------------------

    def _handle(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "new_version":
            doc_id = str(data.get("document_id", ""))
            self._status(self.tr("“%1” saved as version %2; it is sent at the next sync.")
                         .replace("%1", self._title(doc_id, data))
                         .replace("%2", str(data.get("version", ""))))
            self.window.refresh_pending()
            self._reload(str(data.get("key", "")))
            self.versionSaved.emit(doc_id, int(data.get("version", 0)))
        elif kind == "working_copy_deleted":
            self._status(self.tr("The working copy of “%1” was deleted; the document stays in "
                                 "the file.").replace("%1", self._title(
                                     str(data.get("document_id", "")), data)))
        elif kind == "new_file":
            self._status(self.tr("“%1” in the working folder is not filed; use “New "
                                 "document…” to file it.").replace(
                                     "%1", os.path.basename(str(data.get("path", "")))))
        elif kind == "mass_deletion":
            self.ask_deletion(data)
        elif kind == "error":
            self._status(self.tr("A working copy could not be saved as a version: %1")
                         .replace("%1", str(data.get("message", ""))))
        else:
            log.debug("watcher event %s: %s", kind, data)

    def ask_deletion(self, data: dict[str, Any]) -> QMessageBox | None:
        """"Delete N documents?" — yes: deleted with the next sync; no: the working copies
        are written again. Non-modal; one question per file at a time."""
        key = str(data.get("key", ""))
        if key in self.prompts:
            return None
        count = int(data.get("count", 0))
        if data.get("reason") == "folder_vanished":
            what = self.tr("The working folder of %1 is gone.").replace("%1", key)
        else:
            what = self.tr("%n working copies of %1 were deleted at once.", "",
                           count).replace("%1", key)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Working copies deleted"),
                          what + "\n\n" + self.tr("Delete %n document(s)?", "", count),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setInformativeText(self.tr(
            "Deleted documents leave the customer file at the next sync; the archive keeps "
            "their versions. “Keep” writes the working copies again."))
        delete = box.button(QMessageBox.StandardButton.Yes)
        delete.setText(self.tr("Delete %n document(s)", "", count))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._decided(
            key, data, box.clickedButton() is delete))
        self.prompts[key] = box
        box.open()
        return box

    def _decided(self, key: str, data: dict[str, Any], delete: bool) -> None:
        self.prompts.pop(key, None)
        watcher = self.watcher
        if watcher is None:
            return  # stopped meanwhile: nothing deleted; the next sync writes them again
        documents = [str(d) for d in data.get("documents", [])]
        if delete:
            def deleted(count: int) -> None:
                self._status(self.tr(
                    "%n document(s) deleted here; the deletion is sent at the next sync.", "",
                    count))
                self.window.refresh_pending()
                self._reload(key)

            run_task(lambda: watcher.confirm_deletion(documents), mutation=True,
                     on_done=deleted)
        else:
            run_task(lambda: watcher.restore(key), mutation=True,
                     on_done=lambda count: self._status(self.tr(
                         "Working copies written again: %1.").replace("%1", str(count))))

    # helpers -----------------------------------------------------------------------------

    def _title(self, doc_id: str, data: dict[str, Any]) -> str:
        customer_file = self.window.cockpit.customer_file
        if customer_file is not None:
            for document in customer_file.documents:
                if str(document["id"]) == doc_id:
                    return str(document["title"])
        return os.path.basename(str(data.get("path", ""))) or doc_id

    def _reload(self, key: str) -> None:
        customer_file = self.window.cockpit.customer_file
        if customer_file is not None and customer_file.key == key:
            self.window.cockpit.reload()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)
