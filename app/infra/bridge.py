"""The one place where the Qt-free engine's callbacks become Qt signals.

``Engine.subscribe(bridge)``: the engine calls ``bridge(event, data)`` from its worker thread;
the bridge hands the event to the main thread's inbox and emits its signals only there (a
signal emitted from a worker thread is what PySide6 6.12 cannot bear, see
``viewer.widget._tasks``).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.widget import main_thread_inbox

__all__ = ["EngineBridge"]

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    progress = Signal(str, str)  # stage, file key
    downloaded = Signal(str, int, int)  # file key, contents done, contents in all
    synced = Signal(object)  # SyncReport
    offline = Signal()
    checkedOut = Signal(str, int)  # key, documents
    checkedIn = Signal(str)  # key

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox = main_thread_inbox()

    def __call__(self, event: str, data: dict[str, Any]) -> None:
        """Engine listener; safe to call from any thread."""
        self._inbox.call(self._emit, (event, dict(data)))

    def _emit(self, event_and_data: tuple[str, dict[str, Any]]) -> None:
        """On the main thread."""
        event, data = event_and_data
        if event == "progress" and data.get("stage") == "download":
            self.downloaded.emit(str(data.get("key", "")), int(data.get("done", 0)),
                                 int(data.get("total", 0)))
        elif event == "progress":
            self.progress.emit(str(data.get("stage", "")), str(data.get("key", "")))
        elif event == "synced":
            self.synced.emit(data.get("report"))
        elif event == "offline":
            self.offline.emit()
        elif event == "checked_out":
            self.checkedOut.emit(str(data.get("key", "")), int(data.get("documents", 0)))
        elif event == "checked_in":
            self.checkedIn.emit(str(data.get("key", "")))
        else:
            log.debug("engine event %s not bridged", event)
