"""Writing a checked-out file's working copies from the replica:
``<files>/<key> <name>/<register>/<document file>``.

A copy still as written is refreshed when a newer version arrives and follows a rename; a copy
the user edited stays where it is (it becomes a version, maybe a conflict). Called by the
engine, which holds its lock around it. A sync writes only the copies that are due
(``due.py``); the check-out and a repair look at every document.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import outbox
from .due import copies_due, written
from .faults import checkpoint
from .replica import LocalDocument, LocalFile, LocalVersion, Replica
from .working_folder import sha256_of

__all__ = ["safe_name", "write_due_copies", "write_working_copies"]

log = logging.getLogger(__name__)


def safe_name(name: str) -> str:
    """``name`` as a file or folder name on every platform."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", name).strip(" .") or "_"


def write_working_copies(replica: Replica, file_id: str,
                        documents: Collection[str] | None = None) -> None:
    """Write the working copies of the file's documents whose content the replica has: of
    ``documents`` only, or of every document (``None``: the full pass of a check-out or a
    repair). A copy written or found as it should be is no longer due (``due.copies_due``)."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None or file.working_dir is None:
            return
        labels = {r["id"]: r["label"] for r in file.registers}
        done: set[str] = set(documents or ())  # gone ones are not due either
        for doc in _documents(session, file_id, documents):
            if doc.state != "deleted":
                if not doc.sha256 or not replica.cache_path(doc.sha256).exists():
                    done.discard(doc.id)  # due until its content arrived
                    continue
                _write_one(replica, session, doc, Path(file.working_dir), labels)
            done.add(doc.id)
        written(session, done)


def _documents(session: Session, file_id: str,
               only: Collection[str] | None) -> Iterator[LocalDocument]:
    query = select(LocalDocument).where(LocalDocument.file_id == file_id)
    if only is None:
        yield from session.scalars(query).all()
        return
    ids = sorted(only)
    for start in range(0, len(ids), 500):
        yield from session.scalars(query.where(
            LocalDocument.id.in_(ids[start:start + 500]))).all()


def write_due_copies(replica: Replica, file_id: str) -> None:
    """Write the working copies that are due (``due.copies_due``): what changed since the
    last pass, whichever way it changed."""
    with replica.transaction() as session:
        due = copies_due(session, file_id)
    if due:
        write_working_copies(replica, file_id, due)


def _write_one(replica: Replica, session: Session, doc: LocalDocument, working_dir: Path,
               labels: dict[str, str]) -> None:
    assert doc.sha256 is not None
    folder = labels.get(doc.registers[0], "_") if doc.registers else "_"
    path = (working_dir / safe_name(folder)
            / safe_name(f"{doc.title} [{doc.id[:8]}]{Path(doc.filename).suffix}"))
    path = _follow_rename(doc, path)
    if not path.exists():
        _write_working_copy(replica, doc, path)
    elif doc.working_sha != doc.sha256:
        held = sha256_of(path)
        if held == doc.sha256:
            doc.working_sha = held  # written before a crash, not yet recorded
        elif held == doc.working_sha or held in _version_shas(session, doc):
            # a version as written (or left by a crash before working_sha was
            # recorded) and a newer one arrived: refresh it; an edited copy stays
            # (it becomes a version, maybe a conflict)
            _write_working_copy(replica, doc, path)
    doc.working_path = str(path)


def _follow_rename(doc: LocalDocument, path: Path) -> Path:
    """A document renamed or moved to another register: its untouched working copy
    moves to the new name (no copy is left under the old one); an edited copy stays
    where the user works on it. Returns where the working copy belongs."""
    if not doc.working_path or Path(doc.working_path) == path:
        return path
    old = Path(doc.working_path)
    try:
        if not old.is_file():
            return path
        if sha256_of(old) != doc.working_sha:
            return old  # edited: it becomes a version from there
        if path.exists() or doc.working_sha != doc.sha256:
            # new content too: written fresh below (moved first, the watcher could take
            # the old bytes under the new name for the user's edit)
            old.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, path)
    except OSError as exc:  # open elsewhere (Windows), gone meanwhile
        log.info("working copy %s not moved: %s", old, exc.strerror or exc)
    return path


def _version_shas(session: Session, doc: LocalDocument) -> set[str]:
    return set(session.scalars(select(LocalVersion.sha256).where(
        LocalVersion.document_id == doc.id)))


def _write_working_copy(replica: Replica, doc: LocalDocument, path: Path) -> None:
    assert doc.sha256 is not None
    outbox.copy_out(replica, doc.sha256, path)
    checkpoint("engine.materialise.after_copy")
    doc.working_sha = doc.sha256
