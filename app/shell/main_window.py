"""The main window: navigator, file cockpit, actions, status bar."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QWidget,
)

from sync.api import Client, CustomerFile

from ..actions.document_actions import DocumentActions
from ..actions.edit_in_app import EditInApplication
from ..actions.favourites import Favourites, FavouriteWatch
from ..actions.file_actions import FileActions
from ..actions.scheduled_sync import ScheduledSync
from ..actions.workbench import Workbench
from ..actions.working_copies import WorkingCopies
from ..cockpit.cockpit import Cockpit
from ..cockpit.navigator import Navigator
from ..dialogs.settings_dialog import SettingsDialog
from ..infra.bridge import EngineBridge
from ..infra.settings import UserSettings
from ..infra.workers import connectivity, describe_error, run_task
from ..search.dock import SearchDock
from .tray import Notification, Notifications, TrayIcon

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)
RESTART_PROPERTY = "dossierRestart"  # set on the application: start again after quitting
RECONNECT_MS = 15_000  # how often to look for the server while offline


class MainWindow(Workbench):
    """``sessionReady(Client)`` once signed in; ``startFailed(message)`` otherwise."""

    sessionReady = Signal(object)
    startFailed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings  # the store; read and write through user_settings
        self.user_settings = UserSettings(settings)
        self.session: Client | None = None
        self.bridge = EngineBridge(self)
        self.setWindowTitle(self.tr("Dossier"))
        self.navigator = Navigator(self.user_settings)
        self.cockpit = Cockpit(self.user_settings)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.cockpit)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 1320])
        self.setCentralWidget(splitter)
        self.navigator.fileChosen.connect(self.cockpit.open_file)
        self.cockpit.fileLoaded.connect(self._file_loaded)
        self.actions_ = FileActions(self)
        self.cockpit.filesDropped.connect(self.actions_.archive_files)
        self._build_toolbar()
        self.edit_in_app = EditInApplication(self)  # before the Document menu
        self.document_actions = DocumentActions(self, self.edit_in_app)
        self.online = QLabel()
        self.server = QLabel()
        self.pending = QLabel()
        self.sync_state = QLabel()
        self.scheduled = ScheduledSync(self.user_settings, self.sync_state, self)
        self.working_copies = WorkingCopies(self)
        self.conflict_badge = QPushButton()
        self.conflict_badge.setFlat(True)
        self.conflict_badge.setStyleSheet("color: white; background: #b3261e; "
                                          "border-radius: 8px; padding: 1px 8px;")
        self.conflict_badge.setAccessibleName(self.tr("Open conflicts"))
        self.conflict_badge.setToolTip(self.tr("Changes made here and on the server collide: "
                                               "click to decide"))
        self.conflict_badge.clicked.connect(self.actions_.conflicts)
        self.conflict_badge.hide()
        self.transfer = QProgressBar()
        self.transfer.setMinimumWidth(300)
        self.transfer.setAccessibleName(self.tr("Download progress"))
        self.transfer.hide()
        bar = self.statusBar()
        bar.addPermanentWidget(self.transfer)
        bar.addPermanentWidget(self.conflict_badge)
        bar.addPermanentWidget(self.pending)
        bar.addPermanentWidget(self.sync_state)
        bar.addPermanentWidget(self.online)
        bar.addPermanentWidget(self.server)
        self.search = SearchDock(self, self.navigator, self.cockpit)
        self.bridge.synced.connect(self._synced)
        self._build_notifications()
        self.favourites = Favourites(self.user_settings, self)
        self.favourites.changed.connect(
            lambda: self.navigator.show_favourites(self.favourites.files()))
        self.favourite_watch = FavouriteWatch(self.favourites, self.notifications,
                                              self.user_settings, self)
        self.bridge.offline.connect(lambda: self.set_online(False))
        # a bound method, not a lambda: disconnected when the window is deleted
        connectivity().offline.connect(self._went_offline)
        self._reconnect = QTimer(self)
        self._reconnect.setInterval(RECONNECT_MS)
        self._reconnect.timeout.connect(self._try_reconnect)
        self.bridge.progress.connect(self._progress)
        self.bridge.downloaded.connect(self._downloaded)
        self.bridge.checkedOut.connect(lambda _key, _count: self.update_schedule())
        self.bridge.checkedOut.connect(lambda _key, _count: self.transfer.hide())
        self.bridge.checkedIn.connect(lambda _key: self.update_schedule())
        self._waiting_target: tuple[str, str] | None = None
        self.set_starting()
        self.resize(1400, 900)

    def _action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str
                | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Actions"))
        toolbar.setObjectName("actions")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_document = self._action(self.tr("New document…"),
                                         self.actions_.new_document, QKeySequence.StandardKey.New)
        self.check_out = self._action(self.tr("Check out…"), self.actions_.check_out,
                                      "Ctrl+Shift+O")
        self.sync_now = self._action(self.tr("Sync"), self.actions_.sync, "F5")
        self.check_in = self._action(self.tr("Check in"), self.actions_.check_in,
                                     "Ctrl+Shift+I")
        self.cancel_checkout = self._action(self.tr("Cancel check-out…"),
                                            self.actions_.cancel_checkout)
        self.show_conflicts = self._action(self.tr("Conflicts…"), self.actions_.conflicts)
        self.find_customer = self._action(self.tr("Find customer"), self.focus_search,
                                 QKeySequence.StandardKey.Find)
        self.favourite = self._action(self.tr("☆ Favourite"), self.toggle_favourite, "Ctrl+D")
        self.favourite.setCheckable(True)
        self.favourite.setToolTip(self.tr("Keep this file among the favourites; new documents "
                                          "in it are announced (Ctrl+D)"))
        for action in (self.favourite, self.new_document, self.check_out, self.sync_now,
                       self.check_in, self.cancel_checkout, self.show_conflicts):
            toolbar.addAction(action)
            action.setEnabled(False)
        self.addAction(self.find_customer)
        self.addToolBar(toolbar)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.preferences = settings_menu.addAction(self.tr("Preferences…"),
                                                   self.open_preferences)
        self.preferences.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        language = settings_menu.addMenu(self.tr("Language"))
        for code, name in (("", self.tr("System language")), ("en", "English"),
                           ("de", "Deutsch"), ("es", "Español")):
            language.addAction(name, partial(self.actions_.set_language, code))

    def _build_notifications(self) -> None:
        """The "Notifications" menu, and the tray icon where the desktop has a tray."""
        self.notifications = Notifications(self)
        self.notifications_menu = self.menuBar().addMenu(self.tr("&Notifications"))
        self.no_notifications = self.notifications_menu.addAction(self.tr("No notifications"))
        self.no_notifications.setEnabled(False)
        self.notifications.added.connect(self._notification_added)
        self.tray: TrayIcon | None = None
        if TrayIcon.available():
            self.tray = TrayIcon(self, self.actions_.sync, self)
            self.notifications.tray = self.tray
            self.tray.show()

    def _notification_added(self, entry: Notification) -> None:
        self.no_notifications.setVisible(False)
        action = QAction(f"{entry.time}  {entry.text}", self)
        if entry.kind == "conflicts":
            action.triggered.connect(self.actions_.conflicts)
        self.notifications_menu.insertAction(self.notifications_menu.actions()[0], action)
        self.statusBar().showMessage(entry.text, 10000)

    def open_preferences(self) -> SettingsDialog:
        session = self.session
        dialog = SettingsDialog(
            self.user_settings, session.url if session is not None else "", self.scheduled,
            str(session.profile.files_dir) if session is not None else "", self)
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        dialog.languageChanged.connect(self.actions_.set_language)
        dialog.open()
        return dialog

    def _apply_preferences(self, dialog: SettingsDialog) -> None:
        session = self.session
        if session is not None and self.favourite_watch.running:
            self.favourite_watch.start(session)  # at the new sync interval
        folder = dialog.working_dir.text().strip()
        if session is not None and folder and Path(folder) != session.profile.files_dir:
            run_task(lambda: session.set_working_dir(Path(folder)))
        if session is not None and dialog.new_server is not None \
                and dialog.new_server != session.profile.server_url:
            profile = session.profile
            profile.server_url = dialog.new_server
            profile.save()
            if self.confirm_restart(dialog.new_server):
                self.restart()

    def confirm_restart(self, url: str) -> bool:
        """Ask before restarting for another server (a hook tests replace)."""
        where = url or self.tr("the built-in server")
        return QMessageBox.question(
            self, self.tr("Change server"),
            self.tr("Restart Dossier now to sign in to %1? Otherwise this happens at the next "
                    "start.").replace("%1", where)) == QMessageBox.StandardButton.Yes

    def restart(self) -> None:
        """Quit; ``gui.launch`` starts Dossier again when the event loop has ended."""
        app = QApplication.instance()
        if app is not None:
            app.setProperty(RESTART_PROPERTY, True)
            app.quit()

    def toggle_favourite(self) -> None:
        customer_file = self.cockpit.customer_file
        if customer_file is None:
            return
        favourite = not self.favourites.contains(customer_file.id)
        self.favourites.set_favourite(customer_file.record, favourite)
        self._show_favourite(favourite)
        if favourite and self.favourite_watch.running:
            self.favourite_watch.look()  # the first favourite: watch from now on
        self.statusBar().showMessage(
            (self.tr("%1 is a favourite: new documents in it are announced.") if favourite
             else self.tr("%1 is no longer a favourite.")).replace("%1", customer_file.key),
            6000)

    def _show_favourite(self, favourite: bool) -> None:
        self.favourite.setChecked(favourite)
        self.favourite.setText(self.tr("★ Favourite") if favourite else self.tr("☆ Favourite"))

    def focus_search(self) -> None:
        self.navigator.search.setFocus()
        self.navigator.search.selectAll()

    # start -------------------------------------------------------------------------------

    def set_starting(self) -> None:
        self.online.setText(self.tr("Starting…"))
        self.server.setText("")
        self.statusBar().showMessage(self.tr("Starting the server and signing in…"))

    def begin(self, connect: Callable[[], Client]) -> None:
        """Sign in off the UI thread; the window is usable meanwhile."""
        self.set_starting()
        run_task(connect, on_done=self.attach, on_error=self._start_failed)

    def _start_failed(self, exc: BaseException) -> None:
        message = describe_error(exc)
        self.online.setText(self.tr("Offline"))
        self.statusBar().showMessage(message)
        self.startFailed.emit(message)

    def attach(self, session: Client) -> None:
        _freeze_heap()
        self.session = session
        session.listen(self.bridge)
        self.navigator.attach(session)
        self.cockpit.attach(session)
        self.search.attach(session)
        self.favourites.use(session)
        self.edit_in_app.tidy(session)
        self.set_online(not session.started_offline)
        self.server.setText(session.url)
        if session.started_offline:
            self.statusBar().showMessage(self.tr(
                "The server cannot be reached: working on your checked-out files."), 10000)
        else:
            self.statusBar().showMessage(
                self.tr("Signed in as %1").replace("%1", session.username), 5000)
        for action in (self.sync_now, self.show_conflicts):
            action.setEnabled(True)
        self.sessionReady.emit(session)
        self.refresh_pending()
        self.update_schedule()
        waiting, self._waiting_target = self._waiting_target, None
        if waiting is not None:
            self.open_target(*waiting)

    def open_target(self, kind: str, value: str) -> None:
        """Bring the window forward and open a deep link's file (customer number) or
        document (id); waits for the sign-in when it comes early."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        session = self.session
        if kind == "show" or not value:
            return
        if session is None:
            self._waiting_target = (kind, value)
            return
        if kind == "file":
            run_task(lambda: session.remote.file_by_key(value),
                     on_done=lambda file: self.cockpit.open_file(file.id))
        elif kind == "document":
            run_task(lambda: session.remote.document_record(value),
                     on_done=lambda doc: self.cockpit.open_file(doc.file_id,
                                                                keep_document=doc.id))
        else:
            log.warning("unknown deep-link target %s", kind)

    def set_online(self, online: bool) -> None:
        self.search.panel.offline = not online
        self.online.setText(self.tr("● Online") if online else self.tr("○ Offline"))
        self.online.setStyleSheet("color: #1b7f3b;" if online else "color: #b3261e;")
        self.online.setToolTip("" if online else self.tr(
            "The server cannot be reached. Checked-out files can still be read and changed; "
            "the changes are sent when the connection is back."))
        if online:
            self._reconnect.stop()
            if self.session is not None and not self.favourite_watch.running:
                self.favourite_watch.start(self.session)
        else:
            self.favourite_watch.stop()
            self.transfer.hide()
            if self.session is not None and not self._reconnect.isActive():
                self._reconnect.start()

    def _went_offline(self) -> None:
        self.set_online(False)

    def _try_reconnect(self) -> None:
        session = self.session
        if session is None:
            return
        run_task(session.remote.me, on_done=lambda _me: self._back_online(),
                 on_error=lambda exc: log.debug("still offline: %s", exc))

    def _back_online(self) -> None:
        was_offline = self._reconnect.isActive()
        self.set_online(True)
        if was_offline:
            self.statusBar().showMessage(self.tr("The server is reachable again."), 8000)
            self.navigator.run_search()
            self.search.reload_views()
            self.update_schedule()

    def update_schedule(self) -> None:
        """Sync on a schedule while at least one file is checked out."""
        if self.session is not None:
            self.scheduled.update(self.session)
            self.working_copies.update()  # and watch the working copies

    def edit_selected_in_app(self) -> None:
        self.edit_in_app.edit_selected()

    def refresh_pending(self) -> None:
        if self.session is None:
            return
        session = self.session
        run_task(lambda: (session.pending_count(), len(session.conflicts())),
                 on_done=self._show_pending,
                 on_error=lambda exc: log.info("no replica: %s", exc))

    def _show_pending(self, counts: tuple[int, int]) -> None:
        pending, conflicts = counts
        self.pending.setText(self.tr("%n pending change(s)", "", pending) if pending else "")
        self.conflict_badge.setText(self.tr("⚠ %n conflict(s)", "", conflicts))
        self.conflict_badge.setVisible(bool(conflicts))
        self.show_conflicts.setText(self.tr("Conflicts (%n)…", "", conflicts) if conflicts
                                    else self.tr("Conflicts…"))

    def _synced(self, report: Any) -> None:
        self.transfer.hide()  # whatever the downloads came to, they are over
        self.set_online(not getattr(report, "offline", False))
        session = self.session
        self.notifications.handle_report(report, session)
        self.refresh_pending()
        self.navigator.refresh_checked_out()

    def _progress(self, stage: str, key: str) -> None:
        if stage == "checkout":
            self.statusBar().showMessage(self.tr("Checking out %1…").replace("%1", key))
        elif stage == "sync":
            self.statusBar().showMessage(self.tr("Synchronising %1…").replace("%1", key))

    def _downloaded(self, key: str, done: int, total: int) -> None:
        """The contents of a check-out or sync arriving: a bar in the status bar."""
        if done >= total:
            self.transfer.hide()
            return
        self.transfer.setRange(0, total)
        self.transfer.setValue(done)
        self.transfer.setFormat(self.tr("%1: %2 of %3 documents")
                                .replace("%1", key).replace("%2", str(done))
                                .replace("%3", str(total)))
        self.transfer.show()

    def _file_loaded(self, customer_file: CustomerFile) -> None:
        _freeze_heap()
        self.navigator.remember(customer_file.record)
        self.search.file_loaded(customer_file)
        self.setWindowTitle(self.tr("%1 – Dossier").replace("%1", customer_file.title))
        for action in (self.favourite, self.new_document, self.check_out, self.check_in):
            action.setEnabled(True)
        self._show_favourite(self.favourites.contains(customer_file.id))
        self.check_out.setEnabled(not customer_file.checked_out)
        self.check_in.setEnabled(customer_file.checked_out)
        self.cancel_checkout.setEnabled(customer_file.checked_out)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.scheduled.stop()
        self.working_copies.stop()
        self.favourite_watch.stop()
        if self.tray is not None:
            self.tray.hide()
        self.cockpit.pane.shutdown()
        super().closeEvent(event)


def _freeze_heap() -> None:
    """Take what lives now (modules, the loaded file) out of the garbage collector's full
    passes: with a big heap each pass stopped every thread for ~100 ms (bench_app.py)."""
    gc.freeze()


def default_settings(path: Path | None = None) -> QSettings:
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings("Dossier", "Dossier")
