"""Notifications and the tray icon.

``Notifications`` keeps the list the window shows (menu "Notifications") and emits ``added``;
when a tray icon exists (``QSystemTrayIcon.isSystemTrayAvailable()``; never offscreen) it also
shows each one as a tray message. Sync reports name new documents by id: which checked-out file
they landed in is looked up in the replica on a worker (``Client.files_of_documents``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTime, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from sync.api import Client

from ..infra.workers import run_task

__all__ = ["Notification", "Notifications", "TrayIcon"]

log = logging.getLogger(__name__)


@dataclass
class Notification:
    kind: str  # "documents" | "conflicts"
    text: str
    time: str = field(default_factory=lambda: QTime.currentTime().toString("hh:mm"))


def _report_value(report: Any, name: str, default: Any) -> Any:
    if isinstance(report, Mapping):
        return report.get(name, default)
    return getattr(report, name, default)


class Notifications(QObject):
    """``added(Notification)`` on the main thread for each new notification."""

    added = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Notification] = []
        self.tray: QSystemTrayIcon | None = None
        self._conflicts = 0

    def notify(self, kind: str, text: str) -> Notification:
        entry = Notification(kind, text)
        self.entries.append(entry)
        if self.tray is not None:
            icon = (QSystemTrayIcon.MessageIcon.Warning if kind == "conflicts"
                    else QSystemTrayIcon.MessageIcon.Information)
            self.tray.showMessage(self.tr("Dossier"), text, icon)
        self.added.emit(entry)
        return entry

    def adopt(self, other: Notifications) -> None:
        """Take over ``other``'s notifications (a window rebuilt in another language): each
        is announced again through ``added``, none pops up in the tray again."""
        self._conflicts = other._conflicts
        for entry in other.entries:
            self.entries.append(entry)
            self.added.emit(entry)

    def new_documents(self, counts: Mapping[tuple[str, str], int]) -> None:
        for (key, title), count in sorted(counts.items()):
            if count > 0:
                text = self.tr("%n new document(s) in %1", "", count)
                self.notify("documents", text.replace("%1", f"{key} {title}".strip()))

    def conflicts(self, count: int) -> None:
        """Notify when the number of open conflicts grows."""
        if count > self._conflicts:
            self.notify("conflicts", self.tr("%n open conflict(s) to decide", "", count))
        self._conflicts = count

    def decisions(self, decisions: list[Mapping[str, Any]]) -> None:
        """What the rules decided without the user in a sync (edit against delete): each is
        said once, naming the document."""
        for decision in decisions:
            title = str(decision.get("title") or decision.get("document_id") or "")
            kind = decision.get("decision")
            if kind == "restored":
                text = self.tr("Your edit of %1 was kept: it had been deleted on the server "
                               "and is restored")
            elif kind == "recreated":
                text = self.tr("Your edit of %1 was kept as a new document: it had been "
                               "deleted on the server")
            elif kind == "kept_their_edit":
                text = self.tr("Your deletion of %1 was undone: a colleague had changed it")
            else:
                continue
            self.notify("decisions", text.replace("%1", f"“{title}”"))

    def handle_report(self, report: Any, client: Client | None) -> None:
        """A sync report (``SyncReport`` or its ``asdict``): conflicts and automatic
        decisions at once, new documents after looking up their files on a worker."""
        if report is None or _report_value(report, "offline", False):
            return
        self.conflicts(int(_report_value(report, "conflicts", 0) or 0))
        self.decisions(list(_report_value(report, "decisions", []) or []))
        ids = [str(i) for i in _report_value(report, "new_documents", []) or []]
        if ids and client is not None:
            run_task(lambda: client.files_of_documents(ids),
                     on_done=lambda files: self.new_documents(
                         {(f.key, f.title): f.count for f in files}),
                     on_error=lambda exc: log.info("new documents not looked up: %s", exc))


class TrayIcon(QSystemTrayIcon):
    """Open / Sync now / Quit; clicking the icon opens the window."""

    def __init__(self, window: QWidget, sync_now: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = window.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        super().__init__(QIcon(icon), parent)
        self.window = window
        self.setToolTip(self.tr("Dossier"))
        menu = QMenu(window)
        self.open_action = menu.addAction(self.tr("Open"), self.show_window)
        self.sync_action = menu.addAction(self.tr("Sync now"), sync_now)
        menu.addSeparator()
        self.quit_action = menu.addAction(self.tr("Quit"), self.quit)
        self.menu = menu
        self.setContextMenu(menu)
        self.activated.connect(self._activated)

    def show_window(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        self.window.close()
        QCoreApplication.quit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_window()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()
