"""One sync of a checked-out file: push its outbox, pull its feed, the self-check now and
then, and the working copies that are due.

A sync in which neither side changed anything costs one feed read and a few indexed look-ups
in the replica, whatever the size of the file: the pending downloads and the working copies
due are kept as sets (``due.py``) instead of being looked for among all documents, and the
self-check runs after a sync that moved something or when its interval is over — the time
it last ran is kept in the replica, so each new ``dossier sync`` process does not pay it.
Called by the engine, which holds its lock around it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .conflicts import conflict_of, decision_of
from .due import checked_at, mark_checked
from .faults import checkpoint
from .materialise import write_due_copies
from .pull import diverged_documents, pull_file
from .push import push_file
from .remote import RemoteClient
from .replica import Conflict, LocalFile, Replica, utcnow
from .transfer import Progress

__all__ = ["CHECK_INTERVAL", "SyncReport", "decision_view", "sync_file"]

log = logging.getLogger(__name__)

#: how long (seconds) a file goes without the self-check while neither side changes anything
CHECK_INTERVAL = 600.0

Emit = Callable[..., None]


@dataclass
class SyncReport:
    files: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    new_documents: list[str] = field(default_factory=list)
    offline: bool = False
    #: at check-in: working copies left in the folder because they differ from the server's
    kept: list[str] = field(default_factory=list)
    #: decisions the rules took on their own in this sync (edit against delete), to show:
    #: ``{"id", "document_id", "decision", "detail", "title"}``
    decisions: list[dict[str, Any]] = field(default_factory=list)
    #: documents the self-check found different from the server's, and fetched again
    repaired: list[str] = field(default_factory=list)


def sync_file(remote: RemoteClient, replica: Replica, file: LocalFile, report: SyncReport, *,
              emit: Emit, progress: Progress, check_interval: float = CHECK_INTERVAL) -> None:
    """Push, pull, check and write the working copies of ``file``; adds to ``report``.
    Raises ``Offline`` (what was done before stays), ``AuthError``, ``ServerError``,
    ``SyncError``."""
    counts = push_file(remote, replica, file.id)
    checkpoint("engine.sync.after_push")
    pulled = pull_file(remote, replica, file.id, progress=progress)
    checkpoint("engine.sync.after_pull")
    if _check_due(replica, file, counts, pulled, check_interval):
        report.repaired += _repair(remote, replica, file, emit=emit, progress=progress)
    write_due_copies(replica, file.id)
    report.files += 1
    report.applied += counts.get("applied", 0)
    report.rejected += counts.get("rejected", 0)
    report.new_documents += pulled.get("new", [])


def _check_due(replica: Replica, file: LocalFile, pushed: dict[str, int],
               pulled: dict[str, Any], interval: float) -> bool:
    """The self-check runs after a sync that moved something, and every ``interval``
    seconds otherwise (by the replica's record, so across processes too): a quiet sync stays
    one feed read."""
    moved = any(pushed.values()) or pulled.get("documents") or pulled.get("file")
    now = utcnow()
    with replica.transaction() as session:
        last = _when(checked_at(session, file.id))
        if not moved and last is not None and \
                timedelta(0) <= now - last < timedelta(seconds=interval):
            return False
        mark_checked(session, file.id, now.isoformat())
    return True


def _when(stamp: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def _repair(remote: RemoteClient, replica: Replica, file: LocalFile, *, emit: Emit,
            progress: Progress) -> list[str]:
    """Fetch again what the self-check found different from the server; logged, as
    it means a defect somewhere."""
    diverged = diverged_documents(remote, replica, file.id)
    if not diverged:
        return []
    log.warning("file %s: %d document(s) differed from the server and were fetched "
                "again: %s", file.key, len(diverged), ", ".join(sorted(diverged)))
    emit("diverged", key=file.key, documents=sorted(diverged))
    pull_file(remote, replica, file.id, also=diverged, progress=progress)
    return sorted(diverged)


def decision_view(conflict: Conflict) -> dict[str, Any]:
    """An automatic decision (a replica row) as plain data (``conflicts.decision_of``)."""
    return decision_of(conflict_of(conflict))
