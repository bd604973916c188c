"""Edit in application: open a document in the program the desktop associates with its type,
watch the file, and offer to save each change as a new version.

Not checked out: the current version is written to ``<profile>/editing/<document id>/<file
name>`` and watched by a ``QFileSystemWatcher`` on the main thread — the file and its folder,
since editors save by writing a new file and renaming it over the old one (the file's watch is
added again when it reappears). After a quiet moment (the debounce) the file's hash is compared
with what was last saved or offered; a real change brings up a non-modal prompt. "Save as new
version" uploads a snapshot naming the document's ETag, so a version someone else saved
meanwhile is never overwritten: the user is told, and the file stays where it is.

``.base.json`` next to the copy (:mod:`sync.edit_folder`) names the version the copy was written
from or last saved as, so opening the document again never overwrites unsaved edits: edits on
top of the current version are offered at once, edits on an older version are kept aside under
a new name.

Checked out: the working copy in the working folder is opened; the engine's watcher
(:mod:`app.actions.working_copies`) turns its saved changes into queued versions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sync.api import (
    Client,
    CustomerFile,
    PreparedCopy,
    StaleObject,
    number_of,
    prepare_copy,
    save_as_version,
    sha256_of,
    tidy,
)

from ..infra.workers import describe_error, run_task, show_error

if TYPE_CHECKING:
    from .workbench import Workbench

__all__ = ["EditInApplication", "EditedCopy", "SaveVersionPrompt", "open_with_desktop"]

log = logging.getLogger(__name__)

Selection = tuple[CustomerFile, dict[str, Any]]


class _NoWorkingCopy(Exception):
    """A checked-out document without content in the replica yet."""


def open_with_desktop(path: Path) -> bool:
    """Open ``path`` in the application the desktop associates with it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(eq=False)
class EditedCopy:
    """A document being edited outside, not checked out."""

    customer_file: CustomerFile
    document: dict[str, Any]
    path: Path
    saved_sha: str  # the content the archive has as the current version
    timer: QTimer
    offered_sha: str | None = None  # offered and declined (or being offered)
    prompt: SaveVersionPrompt | None = None
    saving: bool = False

    @property
    def title(self) -> str:
        return str(self.document.get("title", self.path.name))


class SaveVersionPrompt(QDialog):
    """Non-modal: "“Offer” was changed in another application. Save as version 4?" with an
    optional comment."""

    def __init__(self, title: str, number: int, path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save as new version?"))
        self.setModal(False)
        self.question = QLabel(self.tr("“%1” was changed in another application. Save the "
                                       "changes as version %2?").replace("%1", title)
                               .replace("%2", str(number)))
        self.question.setWordWrap(True)
        where = QLabel(self.tr("File: %1").replace("%1", str(path)))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setStyleSheet("color: palette(placeholder-text);")
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("What changed? (optional)"))
        self.comment.setAccessibleName(self.tr("Comment on the new version"))
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save as new version"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(self.tr("Not now"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(where)
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def comment_text(self) -> str:
        return self.comment.text().strip()


class EditInApplication(QObject):
    """The copies being edited outside and what "Edit in application" (Ctrl+E) does.

    A service of the window (``window.edit_in_app``) that outlives it when the window is built
    again in another language (``move_to_window``): edits in progress stay watched.
    ``opener(path) -> bool`` opens a file (tests replace it); ``debounce_ms`` is the quiet
    time after the last change before the file is looked at.
    """

    def __init__(self, window: Workbench) -> None:
        super().__init__(window)
        self.window = window
        self.opener: Callable[[Path], bool] = open_with_desktop
        self.debounce_ms = 1000
        self.edits: dict[str, EditedCopy] = {}  # document id -> copy
        self._preparing: set[str] = set()
        self.message: QMessageBox | None = None  # the last warning shown (tests read it)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._folder_changed)

    def make_action(self, parent: QObject) -> QAction:
        """The menu entry; it calls whichever service the window holds when triggered."""
        action = QAction(self.tr("Edit in application"), parent)
        action.setShortcut(QKeySequence("Ctrl+E"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(self.tr("Open the document in its application; saved changes "
                                  "become new versions"))
        window = self.window
        action.triggered.connect(lambda: window.edit_selected_in_app())
        return action

    def tidy(self, session: Client) -> None:
        """Remove edit folders left from earlier days whose copy holds no unsaved edit."""
        busy = set(self.edits) | self._preparing
        run_task(lambda: tidy(session.profile.directory, busy=busy),
                 on_done=lambda removed: log.info("edit folders removed: %s", removed),
                 on_error=lambda exc: log.info("edit folders not tidied: %s", exc))

    def move_to_window(self, window: Workbench) -> None:
        """Carry on in a window built again (new language). An open prompt belongs to the
        old window: it is closed and asked again in the new one."""
        self.setParent(window)
        self.window = window
        self.message = None
        for edit in self.edits.values():
            if edit.prompt is not None:
                edit.prompt.close()
                edit.prompt, edit.offered_sha = None, None
                edit.timer.start(0)

    def _selection(self) -> Selection | None:
        cockpit = self.window.cockpit
        document = cockpit.pane.document
        if cockpit.customer_file is None or document is None:
            return None
        return cockpit.customer_file, document

    # starting ----------------------------------------------------------------------------

    def edit_selected(self) -> None:
        selection = self._selection()
        session = self.window.session
        if selection is None or session is None:
            return
        customer_file, document = selection
        if not document.get("current_version"):
            self._status(self.tr("“%1” has no content to edit.").replace(
                "%1", str(document["title"])))
            return
        if customer_file.checked_out:
            self._edit_working_copy(session, document)
            return
        doc_id = str(document["id"])
        known = self.edits.get(doc_id)
        if known is not None:
            self._open(known.path)
            return
        if doc_id in self._preparing:
            return  # asked twice before the copy was written
        self._preparing.add(doc_id)
        aside = self.tr("%1 (edits on version %2)")

        def failed(exc: BaseException) -> None:
            self._preparing.discard(doc_id)
            show_error(exc, self.window)

        run_task(lambda: prepare_copy(session, doc_id, aside),
                 on_done=lambda prepared: self._start(customer_file, prepared),
                 on_error=failed)

    def _start(self, customer_file: CustomerFile, prepared: PreparedCopy) -> None:
        doc_id = str(prepared.document["id"])
        self._preparing.discard(doc_id)
        timer = QTimer(self)
        timer.setSingleShot(True)
        edit = EditedCopy(customer_file, prepared.document, prepared.path, prepared.base_sha,
                          timer)
        timer.timeout.connect(lambda: self._look_at(edit))
        self.edits[doc_id] = edit
        self._watcher.addPaths([str(edit.path), str(edit.path.parent)])
        if prepared.kept_aside is not None:
            self._warn(self.tr("Your earlier changes to “%1” were never saved as a version; "
                               "they are kept in %2.").replace("%1", edit.title)
                       .replace("%2", str(prepared.kept_aside)))
        self._open(edit.path)
        if prepared.unsaved:
            timer.start(0)  # offer the edits left from last time
        else:
            self._status(self.tr("“%1” is open in its application; save there to make a new "
                                 "version.").replace("%1", edit.title))

    def _edit_working_copy(self, session: Client, document: dict[str, Any]) -> None:
        doc_id = str(document["id"])

        def working_copy() -> Path:
            """The working copy, written again if it went missing."""
            path = session.working_copy(document)
            if path is None:
                raise _NoWorkingCopy(doc_id)
            return path

        def opened(path: Path) -> None:
            if self._open(path):
                self._status(self.tr("“%1” is open in its application; each save becomes a "
                                     "new version, sent at the next sync.")
                             .replace("%1", str(document["title"])))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, _NoWorkingCopy):
                self._warn(self.tr("The working copy of “%1” is not there yet; synchronise "
                                   "first.").replace("%1", str(document["title"])))
            else:
                show_error(exc, self.window)

        run_task(working_copy, on_done=opened, on_error=failed, mutation=True)

    def _open(self, path: Path) -> bool:
        if self.opener(path):
            return True
        self._warn(self.tr("No application is set up to open %1.").replace("%1", path.name))
        return False

    # watching ----------------------------------------------------------------------------

    def _file_changed(self, path: str) -> None:
        for edit in self.edits.values():
            if str(edit.path) == path:
                self._touched(edit)

    def _folder_changed(self, folder: str) -> None:
        for edit in self.edits.values():
            if str(edit.path.parent) == folder:
                self._touched(edit)

    def _touched(self, edit: EditedCopy) -> None:
        """Saved by rename: the old file's watch is gone; watch the new one."""
        if str(edit.path) not in self._watcher.files() and edit.path.exists():
            self._watcher.addPath(str(edit.path))
        edit.timer.start(self.debounce_ms)

    def _look_at(self, edit: EditedCopy) -> None:
        run_task(lambda: sha256_of(edit.path), on_done=lambda sha: self._compare(edit, sha),
                 on_error=lambda exc: log.info("edited copy not read: %s", exc))

    def _compare(self, edit: EditedCopy, sha: str | None) -> None:
        if self.edits.get(str(edit.document["id"])) is not edit or edit.saving:
            return
        if sha is None or sha in (edit.saved_sha, edit.offered_sha):
            return  # gone for a moment, untouched, or already offered
        edit.offered_sha = sha
        self.offer(edit)

    def offer(self, edit: EditedCopy) -> None:
        """Ask (non-modal) whether to save the change; one prompt per document at a time."""
        if edit.prompt is not None:
            return  # the open prompt saves the file as it is when answered
        prompt = SaveVersionPrompt(edit.title, number_of(edit.document) + 1, edit.path,
                                   self.window)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        edit.prompt = prompt
        prompt.accepted.connect(lambda: self.save(edit, prompt.comment_text()))
        prompt.finished.connect(lambda _result: self._prompt_closed(edit))
        prompt.show()
        prompt.raise_()
        QApplication.alert(self.window)
        self._status(self.tr("“%1” was changed in another application.").replace(
            "%1", edit.title))

    def _prompt_closed(self, edit: EditedCopy) -> None:
        edit.prompt = None

    # saving ------------------------------------------------------------------------------

    def save(self, edit: EditedCopy, comment: str = "") -> None:
        """Save the copy as it is now as the next version (a mutation worker)."""
        session = self.window.session
        if session is None:
            return
        edit.saving = True
        customer_file, document, path = edit.customer_file, edit.document, edit.path
        run_task(lambda: save_as_version(session, customer_file, document, path, comment),
                 mutation=True, on_done=lambda result: self._saved(edit, *result),
                 on_error=lambda exc: self._not_saved(edit, exc))

    def _saved(self, edit: EditedCopy, document: dict[str, Any], sha: str) -> None:
        edit.document, edit.saved_sha, edit.saving = document, sha, False
        self._status(self.tr("“%1” saved as version %2.").replace("%1", edit.title)
                     .replace("%2", str(number_of(document))))
        cockpit = self.window.cockpit
        if cockpit.customer_file is not None and \
                cockpit.customer_file.id == document.get("file_id"):
            cockpit.reload()
        edit.timer.start(self.debounce_ms)  # a save while uploading is looked at now

    def _not_saved(self, edit: EditedCopy, exc: BaseException) -> None:
        edit.saving = False
        if not isinstance(exc, StaleObject):
            edit.offered_sha = None  # offered again at the next change
            show_error(exc, self.window)
            return
        self.stop_watching(edit)
        self._warn(describe_error(exc), self.tr(
            "Your changes to “%1” were not saved as a version, so the newer version was not "
            "overwritten. Your file stays in %2; “Edit in application” opens the newer version "
            "and keeps your file next to it.").replace("%1", edit.title)
            .replace("%2", str(edit.path.parent)))
        self.window.cockpit.reload()

    def stop_watching(self, edit: EditedCopy) -> None:
        """Forget the copy (the file stays)."""
        edit.timer.stop()
        self.edits.pop(str(edit.document["id"]), None)
        self._watcher.removePath(str(edit.path))
        if not any(e.path.parent == edit.path.parent for e in self.edits.values()):
            self._watcher.removePath(str(edit.path.parent))

    # telling the user --------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def _warn(self, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Edit in application"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        if details:
            box.setInformativeText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box

