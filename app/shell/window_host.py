"""Who owns the main window: built at the start, built again when the language changes.

Every text of the window is set once, through ``tr()``, when its widget is built. Rather than
giving every widget a ``retranslate`` method that repeats each of its texts (and silently
misses the next one added), a language switch installs the new translator and builds a new
window, then carries across everything that must outlive the old one (``carry_over``):

- the session: its engine events go to the new window's bridge; the old bridge is
  unsubscribed and muted;
- running services: every attribute of the window whose object defines
  ``move_to_window(window)`` is swapped into the new window (the new window's own, unused one
  goes to the old window and is deleted with it) — the scheduled sync keeps its scheduler, its
  lock and a sync in progress. A service that must not restart with the window (a watcher of
  edits in progress, say) only needs that method;
- what the user sees: size and position, splitters, the customer search, the open file with
  its register, filter, grouping, selected document and tab, the notifications, the online
  state, a deep link still waiting for the sign-in. The document list's columns come back from
  the settings like at every start.

The switch waits until no task is in flight and no modal dialog is open, so no task's result
can reach the old window after it is gone (after a moment of waiting the status bar says so).
The old window is then closed like at quitting (tray icon hidden, working-copy watcher and
viewer stopped, the services it still holds are the unused ones), its timers are stopped, and
it is deleted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSplitter

from ..infra.i18n import choose_language, current_language, install_translator
from ..infra.settings import UserSettings
from ..infra.workers import pending_tasks
from .main_window import MainWindow

__all__ = ["WindowHost", "carry_over"]

log = logging.getLogger(__name__)

RETRY_MS = 100
SAY_WAITING_AFTER = 4  # retries (~0.4 s) before the status bar says why nothing happens yet


class WindowHost(QObject):
    """Owns ``window``; ``windowReplaced(MainWindow)`` after a language switch."""

    windowReplaced = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.user_settings = UserSettings(settings)
        self._wanted: str | None = None
        self._retries = 0
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._switch_when_idle)
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = MainWindow(self.settings)
        window.actions_.languageChosen.connect(self.switch_language)
        return window

    def open_target(self, kind: str, value: str) -> None:
        """A deep link for whichever window is current."""
        self.window.open_target(kind, value)

    @property
    def switching(self) -> bool:
        return self._wanted is not None

    def switch_language(self, code: str) -> None:
        """Show the window in ``code`` ("" = the system's language) as soon as no work is in
        flight; the choice is kept for the next start too."""
        self.user_settings.language = code
        self._wanted, self._retries = code, 0
        if not self._switch_when_idle():
            self._retry.start()

    def _switch_when_idle(self) -> bool:
        if self._wanted is None or not self.window.isVisible():  # closed meanwhile: quitting
            self._wanted = None
            self._retry.stop()
            return True
        if pending_tasks() or QApplication.activeModalWidget() is not None:
            self._retries += 1
            if self._retries == SAY_WAITING_AFTER:
                self.window.statusBar().showMessage(
                    self.tr("The language changes as soon as the current work is done."))
            return False
        self._retry.stop()
        code, self._wanted = self._wanted, None
        language = code or choose_language(self.user_settings)
        if language == current_language():
            self.window.statusBar().clearMessage()
            return True
        install_translator(language)
        old, self.window = self.window, self._build()
        carry_over(old, self.window)
        log.info("window rebuilt in %s", current_language())
        self.windowReplaced.emit(self.window)
        return True


def carry_over(old: MainWindow, new: MainWindow) -> None:
    """Move the session, the running services and the view from ``old`` to ``new``, show
    ``new`` in ``old``'s place, and close and delete ``old`` (see the module's docstring)."""
    new.restoreGeometry(old.saveGeometry())  # with the size before maximising
    if not old.isMaximized() and not old.isFullScreen():
        new.setGeometry(old.geometry())  # exactly where it is (no fitting to the screen)
    new.restoreState(old.saveState())
    _copy_splitters(old, new)
    for name, moving in list(vars(old).items()):
        fresh = getattr(new, name, None)
        if not hasattr(moving, "move_to_window") or fresh is None:
            continue
        moving.move_to_window(new)
        fresh.move_to_window(old)  # deleted with the old window
        setattr(new, name, moving)
        setattr(old, name, fresh)
    new.notifications.adopt(old.notifications)
    new._waiting_target, old._waiting_target = old._waiting_target, None
    new.navigator.search.setText(old.navigator.search.text())
    session = old.session
    offline = old._reconnect.isActive()  # looking for the server again
    if session is not None:
        session.unlisten(old.bridge)
        old.bridge.blockSignals(True)
        old.bridge.setParent(new)  # an event already on its way may still call it
    if old.isVisible():
        new.show()
    _retire(old)
    if session is not None:
        new.attach(session)
        if offline:
            new.set_online(False)
        new.cockpit.show_like(old.cockpit)
        new.search.panel.show_like(old.search.panel)
        new.statusBar().clearMessage()
    else:
        new.set_online(False)
        new.statusBar().clearMessage()
    old.deleteLater()


def _copy_splitters(old: MainWindow, new: MainWindow) -> None:
    before, after = old.findChildren(QSplitter), new.findChildren(QSplitter)
    if len(before) != len(after):
        return
    for source, target in zip(before, after, strict=True):
        if source.orientation() == target.orientation() and source.count() == target.count():
            target.restoreState(source.saveState())


def _retire(old: MainWindow) -> None:
    """Close ``old`` like at quitting and stop its timers: nothing of it runs any more."""
    old.close()
    for timer in old.findChildren(QTimer):
        timer.stop()
