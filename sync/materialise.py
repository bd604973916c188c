"""Writing a checked-out file's working copies from the replica:
``<files>/<key> <name>/<register>/<document file>``.

A copy still as written is refreshed when a newer version arrives and follows a rename; a copy
the user edited stays where it is (it becomes a version, maybe a conflict). Called by the
engine, which holds its lock around it.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import outbox
from .faults import checkpoint
from .replica import LocalDocument, LocalFile, LocalVersion, Replica
from .working_folder import sha256_of

__all__ = ["safe_name", "write_working_copies"]

log = logging.getLogger(__name__)


def safe_name(name: str) -> str:
    """``name`` as a file or folder name on every platform."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", name).strip(" .") or "_"


def write_working_copies(replica: Replica, file_id: str) -> None:
    """Write the working copies of the file's documents whose content the replica has."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None or file.working_dir is None:
            return
        labels = {r["id"]: r["label"] for r in file.registers}
        docs = session.scalars(select(LocalDocument).where(
            LocalDocument.file_id == file_id, LocalDocument.state != "deleted")).all()
        for doc in docs:
            if not doc.sha256 or not replica.cache_path(doc.sha256).exists():
                continue
            folder = labels.get(doc.registers[0], "_") if doc.registers else "_"
            path = (Path(file.working_dir) / safe_name(folder)
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
