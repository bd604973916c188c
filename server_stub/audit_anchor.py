"""Anchoring the audit chains outside the database.

The chain head lives in the same database as the events, so whoever can write the database
can delete the newest events and reset the head, or rewrite an event and recompute every later
hash with :func:`journal.event_hash`: the chain alone still verifies. Checkpoints close that
gap. A checkpoint is a line ``{"tenant", "seq", "head", "at", "sig"}`` appended (and fsynced) to
a JSON-lines file in the data directory, ``sig`` an HMAC-SHA256 over the other fields with a
key the database does not hold: ``DOSSIER_AUDIT_KEY`` (setting ``audit_key``) or, when that is
unset, ``<data dir>/audit.key``, made with mode 0600 on first use. Verification compares the
chain with every checkpoint of the tenant: a forged line, a missing event or a different hash
at a checkpointed position is reported.

Checkpoints are written when a chain is verified (``/audit/verify``, ``dossier-server
verify-audit``) and by the server on a schedule (``audit_checkpoint_seconds``); requests do not
pay an fsync. What is not protected: someone holding the key and the file can forge both, and
events after the newest checkpoint can be cut off unnoticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Database
from .orm import AuditEvent, TenantCounter, utcnow
from .settings import Settings

__all__ = ["Checkpoint", "CheckpointLog", "CheckpointSchedule", "ForgedCheckpoint",
           "load_audit_key"]

log = logging.getLogger(__name__)

KEY_FILE = "audit.key"


def load_audit_key(settings: Settings) -> bytes:
    """The checkpoint signing key: the configured ``audit_key``, else the key file (made with
    mode 0600 when missing; concurrent first starts agree on one key)."""
    if settings.audit_key:
        return settings.audit_key.encode()
    path = settings.data_dir / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
            fh.flush()
            os.fsync(fh.fileno())
    key = path.read_text().strip()
    if not key:
        raise ValueError(f"{path} is empty; restore it or remove it to start a new key")
    return key.encode()


@dataclass(frozen=True)
class Checkpoint:
    """That the tenant's chain had ``head`` as the hash of event ``seq``."""

    tenant: str
    seq: int
    head: str
    at: str

    def signed_text(self) -> bytes:
        return f"{self.tenant}|{self.seq}|{self.head}|{self.at}".encode()


class ForgedCheckpoint(Exception):
    """A checkpoint line whose signature does not match (or that cannot be read)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"checkpoint line {line} is not signed with the audit key")
        self.line = line


class CheckpointLog:
    """The append-only file of signed checkpoints."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._lock = threading.Lock()

    def _sign(self, checkpoint: Checkpoint) -> str:
        return hmac.new(self._key, checkpoint.signed_text(), hashlib.sha256).hexdigest()

    def append(self, tenant_id: str, seq: int, head: str) -> Checkpoint:
        """Append one signed checkpoint; returns once it is on disk."""
        checkpoint = Checkpoint(tenant_id, seq, head, utcnow().isoformat())
        line = json.dumps({"tenant": tenant_id, "seq": seq, "head": head, "at": checkpoint.at,
                           "sig": self._sign(checkpoint)}) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())  # one write: lines of processes do not interleave
                os.fsync(fd)
            finally:
                os.close(fd)
        return checkpoint

    def _lines(self) -> Iterator[tuple[int, str]]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            yield from enumerate(fh, start=1)

    def read(self, tenant_id: str) -> dict[int, str]:
        """The checkpointed heads of the tenant by event seq; raises
        :class:`ForgedCheckpoint` at the first line (of any tenant) that is not genuine."""
        heads: dict[int, str] = {}
        for number, text in self._lines():
            if not text.strip():
                continue
            try:
                raw = json.loads(text)
                checkpoint = Checkpoint(str(raw["tenant"]), int(raw["seq"]), str(raw["head"]),
                                        str(raw["at"]))
                genuine = hmac.compare_digest(str(raw["sig"]), self._sign(checkpoint))
            except (ValueError, KeyError, TypeError) as exc:
                raise ForgedCheckpoint(number) from exc
            if not genuine:
                raise ForgedCheckpoint(number)
            if checkpoint.tenant == tenant_id:
                heads[checkpoint.seq] = checkpoint.head
        return heads


def current_head(session: Session, tenant_id: str) -> tuple[int, str] | None:
    """The tenant's newest (seq, hash), when the counter and the newest event agree."""
    counter = session.get(TenantCounter, tenant_id)
    if counter is None or counter.audit_seq == 0:
        return None
    stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.tenant_id == tenant_id,
                                                          AuditEvent.seq == counter.audit_seq))
    return (counter.audit_seq, counter.audit_head) if stored == counter.audit_head else None


class CheckpointSchedule:
    """A daemon thread that checkpoints every tenant whose chain grew, every ``interval``."""

    def __init__(self, database: Database, checkpoints: CheckpointLog, interval: float) -> None:
        self.database = database
        self.checkpoints = checkpoints
        self.interval = interval
        self._stop = threading.Event()
        self._done: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="audit-checkpoints",
                                        daemon=True)

    def start(self) -> None:
        if self.interval > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.run_once()
            except Exception:
                log.exception("audit checkpoint failed")

    def run_once(self) -> None:
        with self.database.reader() as session:
            tenants = list(session.scalars(select(TenantCounter.tenant_id)))
            heads = {t: current_head(session, t) for t in tenants}
        for tenant_id, head in heads.items():
            if head is not None and self._done.get(tenant_id) != head[0]:
                self.checkpoints.append(tenant_id, *head)
                self._done[tenant_id] = head[0]
