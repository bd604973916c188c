"""Scheduled sync while files are checked out: one ``SyncScheduler`` per session, its state
shown in the status bar.

The scheduler calls ``on_state`` from its own thread; :class:`ScheduledSync` lives on the main
thread, gets the state through the main thread's inbox and re-emits it through a signal there,
so the label is only touched on the main thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTime, Signal
from PySide6.QtWidgets import QLabel

from sync.api import Client, SyncScheduler
from viewer.widget import main_thread_inbox

from ..infra.settings import UserSettings
from ..infra.workers import run_task

if TYPE_CHECKING:
    from .workbench import Workbench

__all__ = ["ScheduledSync"]

log = logging.getLogger(__name__)

class ScheduledSync(QObject):
    """``stateChanged(state, data)`` on the main thread (the engine's own ``synced`` event
    reaches the window through the bridge)."""

    stateChanged = Signal(str, object)

    def __init__(self, settings: UserSettings, label: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.label = label
        self.scheduler: SyncScheduler | None = None
        self._session: Client | None = None
        self._shown: tuple[str, dict[str, Any]] | None = None  # the state on the label
        self.stateChanged.connect(self._show_state)
        self._inbox = main_thread_inbox()

    @property
    def running(self) -> bool:
        return self.scheduler is not None

    def interval(self) -> float:
        """The sync interval of the preferences, in seconds."""
        return self.settings.sync_interval

    def update(self, session: Client) -> None:
        """Start the scheduler when a file is checked out, stop it when none is (the
        replica is opened on a worker)."""
        self._session = session
        run_task(session.checked_out_count,
                 on_done=lambda count: self._apply(session, count),
                 on_error=lambda exc: log.info("no replica: %s", exc))

    def _apply(self, session: Client, count: int) -> None:
        if session is not self._session:
            return
        if count and self.scheduler is None:
            scheduler = session.sync_scheduler(self.interval(), on_state=self._on_state)
            self.scheduler = scheduler
            scheduler.start()
        elif not count:
            self.stop()

    def sync_now(self) -> None:
        if self.scheduler is not None:
            self.scheduler.sync_now()

    def stop(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        self._shown = None
        if scheduler is not None:
            scheduler.shutdown(wait=True)
            self.label.setText("")

    def _on_state(self, state: str, data: dict[str, Any]) -> None:
        """Called on the scheduler's thread: only hand over to the main thread."""
        self._inbox.call(self._emit_state, (state, dict(data)))

    def _emit_state(self, state_and_data: tuple[str, dict[str, Any]]) -> None:
        self.stateChanged.emit(*state_and_data)

    def move_to_window(self, window: Workbench) -> None:
        """Carry on in a rebuilt window (new language): the scheduler keeps running, a sync
        in progress goes on; the state is shown again in the new window's status bar."""
        self.setParent(window)
        self.label = window.sync_state
        if self._shown is not None:
            self._show_state(*self._shown)

    def _show_state(self, state: str, data: dict[str, Any]) -> None:
        if self.scheduler is None:
            return  # a late state of a stopped scheduler
        if state == "idle" and "at" not in data:
            data = {**data, "at": QTime.currentTime().toString("hh:mm")}
        self._shown = (state, data)
        if state == "syncing":
            self.label.setText(self.tr("Syncing…"))
        elif state == "idle":
            self.label.setText(self.tr("Last sync %1").replace("%1", str(data["at"])))
            self.label.setToolTip("")
        elif state == "offline":
            self.label.setText(self.tr("Offline — retrying"))
        elif state == "error":
            self.label.setText(self.tr("Sync failed — retrying later"))
            self.label.setToolTip(str(data.get("message", "")))
        elif state == "paused":
            self.label.setText(self.tr("Sync paused"))
