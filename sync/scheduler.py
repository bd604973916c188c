"""Background sync: every N seconds while online, at once on demand and after a reconnect.

An APScheduler ``BackgroundScheduler`` runs one interval job (``max_instances=1``,
``coalesce``); on-demand runs go through the same guard, so two syncs never overlap — a request
arriving during a sync runs right after it. When a sync finds the server unreachable, the job
polls the server more often (exponential backoff from ``retry_seconds`` up to
``max_retry_seconds``); the first successful poll syncs at once and restores the interval.

State goes to plain callbacks ``on_state(state, data)``, called from the scheduler's thread:

- ``"syncing"``: ``{reason}`` when a sync starts ("interval", "now", "reconnect", "start"),
  then ``{reason, stage, key}`` for the engine's progress
- ``"idle"``: ``{reason, report, pending, next_run}`` after a sync
- ``"offline"``: ``{retry_in, pending}`` while the server is unreachable
- ``"error"``: ``{code, message}`` when a sync failed otherwise (it is tried again later)
- ``"paused"``: ``{}`` after :meth:`SyncScheduler.pause`
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import timezone
from typing import Any

from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import DatabaseError

from . import search_index
from .engine import Engine, SyncReport
from .errors import Offline, SyncError
from .threads import background_priority

__all__ = ["STATES", "SyncScheduler"]

log = logging.getLogger(__name__)

StateListener = Callable[[str, dict[str, Any]], None]

STATES = ("syncing", "idle", "offline", "error", "paused")
_JOB_ID = "dossier-sync"


class SyncScheduler:
    """Keeps one engine in sync. ``start()`` it once, ``shutdown()`` at the end."""

    def __init__(self, engine: Engine, interval_seconds: float = 60.0, *,
                 on_state: StateListener | None = None, retry_seconds: float = 2.0,
                 max_retry_seconds: float | None = None, sync_at_start: bool = True) -> None:
        if interval_seconds <= 0:
            raise ValueError("interval_seconds must be positive")
        self.engine = engine
        self.interval_seconds = float(interval_seconds)
        self.retry_seconds = float(retry_seconds)
        self.max_retry_seconds = float(max_retry_seconds if max_retry_seconds is not None
                                       else max(self.retry_seconds, self.interval_seconds))
        self.sync_at_start = sync_at_start
        self._listeners: list[StateListener] = [on_state] if on_state else []
        self._scheduler = BackgroundScheduler(daemon=True, timezone=timezone.utc)
        self._job: Job | None = None
        self._guard = threading.Lock()
        self._running = False
        self._again: str | None = None
        self._paused = False
        self._offline = False
        self._retry = self.retry_seconds
        self._reason = ""
        self.state = "idle"
        self.last_report: SyncReport | None = None
        engine.subscribe(self._on_engine_event)

    # life cycle ------------------------------------------------------------------------

    def subscribe(self, listener: StateListener) -> None:
        self._listeners.append(listener)

    def start(self) -> None:
        if self._job is not None:
            return
        self._job = self._scheduler.add_job(
            self._tick, "interval", seconds=self.interval_seconds, id=_JOB_ID,
            args=["interval"], max_instances=1, coalesce=True, misfire_grace_time=None)
        if self.sync_at_start:
            self._scheduler.add_job(self._tick, args=["start"], misfire_grace_time=None)
        self._scheduler.start()

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop; with ``wait``, after a running sync. A cycle still running no longer
        reschedules the job: APScheduler's shutdown holds its job-store lock while it waits,
        and a reschedule from the cycle would wait for that lock for ever."""
        with self._guard:
            job, self._job = self._job, None
        if job is None:
            return
        self._scheduler.shutdown(wait=wait)

    @property
    def offline(self) -> bool:
        return self._offline

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        """No automatic syncs until :meth:`resume` (``sync_now`` still works)."""
        with self._guard:
            self._paused = True
            if self._job is not None:
                self._job.pause()
        self._set_state("paused")

    def resume(self) -> None:
        with self._guard:
            self._paused = False
            if self._job is not None:
                self._job.resume()
                if self._offline:
                    self._job.reschedule("interval", seconds=self._retry)
                else:
                    self._reschedule()
        self._set_state("offline" if self._offline else "idle",
                        **({"retry_in": self._retry} if self._offline else {}))

    def set_interval(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("seconds must be positive")
        with self._guard:
            self.interval_seconds = float(seconds)
            if not self._paused and not self._offline:
                self._reschedule()

    def sync_now(self) -> None:
        """Sync as soon as possible (right after a sync that is running now)."""
        if self._job is None:
            raise RuntimeError("the scheduler is not started")
        self._scheduler.add_job(self._tick, args=["now"], max_instances=1,
                                misfire_grace_time=None)

    # the job ---------------------------------------------------------------------------

    def _tick(self, reason: str) -> None:
        background_priority()  # APScheduler's pool thread
        with self._guard:
            if self._running:
                if reason == "now" or self._again is None:
                    self._again = reason
                return
            self._running = True
        while True:
            try:
                self._cycle(reason)
            except Exception as exc:  # the job must survive anything
                log.exception("sync failed")
                self._set_state("error", code="internal", message=str(exc) or type(exc).__name__)
            with self._guard:
                if self._again is None:
                    self._running = False
                    return
                reason, self._again = self._again, None

    def _cycle(self, reason: str) -> None:
        if self._offline:
            try:
                self.engine.server_answers()
            except Offline:
                self._still_offline()
                return
            except SyncError as exc:
                self._set_state("error", code=exc.code, message=str(exc))
                return
            self._offline = False
            self._retry = self.retry_seconds
            reason = "reconnect"
            with self._guard:
                if not self._paused:
                    self._reschedule()
        self._reason = reason
        self._set_state("syncing", reason=reason)
        try:
            report = self.engine.sync()
        except Offline:
            report = SyncReport(offline=True)
        except SyncError as exc:
            self._set_state("error", code=exc.code, message=str(exc))
            return
        finally:
            self._reason = ""
        self.last_report = report
        if report.offline:
            self._offline = True
            self._retry = self.retry_seconds
            self._back_off()
            return
        self._set_state("idle", reason=reason, report=asdict(report),
                        pending=self._pending(), next_run=self._next_run())
        self._index_for_search()

    def _index_for_search(self) -> None:
        """Index what the sync brought for the offline search now, in the background, so
        the first search after going offline does not wait for text extraction."""
        try:
            search_index.refresh(self.engine.replica)
        except (SyncError, OSError, DatabaseError) as exc:
            log.warning("the offline search index was not brought up to date: %s", exc)

    def _still_offline(self) -> None:
        self._retry = min(self._retry * 2, self.max_retry_seconds)
        self._back_off()

    def _back_off(self) -> None:
        with self._guard:
            if not self._paused and self._job is not None:
                self._job.reschedule("interval", seconds=self._retry)
        self._set_state("offline", retry_in=self._retry, pending=self._pending())

    def _reschedule(self) -> None:
        """Back to the normal interval (caller holds ``_guard``)."""
        if self._job is not None:
            self._job.reschedule("interval", seconds=self.interval_seconds)

    def _next_run(self) -> str | None:
        job = self._job
        when = job.next_run_time if job is not None else None
        return when.isoformat() if when is not None else None

    def _pending(self) -> int:
        try:
            return self.engine.pending_count()
        except SyncError:
            return -1

    # state -----------------------------------------------------------------------------

    def _on_engine_event(self, event: str, data: dict[str, Any]) -> None:
        if event == "progress" and self._reason:
            self._emit("syncing", {"reason": self._reason, **data})

    def _set_state(self, state: str, **data: Any) -> None:
        self.state = state
        self._emit(state, data)

    def _emit(self, state: str, data: dict[str, Any]) -> None:
        for listener in list(self._listeners):
            try:
                listener(state, data)
            except Exception:  # a listener's bug must not stop syncing
                log.exception("state listener failed on %s", state)
