"""Rescue of un-synced work from a damaged replica, before the replica is rebuilt.

``export_unsynced(replica_path, rescue_dir)`` reads whatever it can of a replica that failed
its integrity check, with plain ``sqlite3`` on a copy (the damaged files stay as they are), and
writes to ``rescue_dir``:

- ``operations/NNNNNN-<kind>.json``: every readable outbox operation not yet checked in
  (pending or held), with what the replica still knows of its file and document;
- ``content/<sha256>/<file name>``: the cached content those operations carry (new documents,
  new versions), byte for byte;
- ``content/unclaimed/<sha256>``: when part of the outbox could not be read, every cached
  content as well (hard links where possible): an operation that cannot be read may still have
  carried it;
- ``README.txt``: what is there and what could not be read.

``set_aside(replica_path)`` then moves the damaged database files out of the way, so the next
start creates a fresh replica (check-outs are taken again from the server). Nothing here needs
the network or SQLAlchemy.

``keep_dropped`` copies the content of a refused change the user dropped to
``rescue/dropped/`` beside an intact replica.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .replica import Replica

__all__ = ["RescueReport", "export_unsynced", "keep_dropped", "set_aside"]

_SIDE_FILES = ("-wal", "-shm", "-journal")
_COLUMNS = ("seq", "op_id", "file_id", "document_id", "kind", "payload", "state", "created_at")
_MISSES = 10_000  # consecutive unreadable or absent rows after which probing stops


@dataclass
class RescueReport:
    folder: Path
    operations: int = 0
    contents: int = 0
    unclaimed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every un-synced operation could be read."""
        return not self.problems


def _copy_database(replica_path: Path, work: Path) -> Path:
    """The database with its WAL (committed work may live only there), copied."""
    copy = work / replica_path.name
    shutil.copyfile(replica_path, copy)
    for suffix in _SIDE_FILES:
        side = replica_path.with_name(replica_path.name + suffix)
        if side.exists():
            shutil.copyfile(side, work / side.name)
    return copy


def _read_outbox(connection: sqlite3.Connection,
                 report: RescueReport) -> list[dict[str, Any]]:
    query = f"SELECT {', '.join(_COLUMNS)} FROM outbox"
    try:
        rows = connection.execute(query + " ORDER BY seq").fetchall()
        return [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"the outbox cannot be read in one piece ({exc}); "
                               "read row by row")
    try:
        top = int(connection.execute("SELECT max(seq) FROM outbox").fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        top = 0
    out: list[dict[str, Any]] = []
    unreadable: list[int] = []
    seq, misses = 1, 0
    while seq <= top or misses < _MISSES:
        try:
            row = connection.execute(query + " WHERE seq = ?", (seq,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
            unreadable.append(seq)
        if row is None:
            misses += 1
        else:
            misses = 0
            out.append(dict(zip(_COLUMNS, row, strict=True)))
        seq += 1
    if not out and unreadable:
        report.problems.append("no row of the outbox can be read")
    elif unreadable:
        last = max(top, int(out[-1]["seq"]))
        within = [s for s in unreadable if s <= last]
        if within:
            shown = ", ".join(str(s) for s in within[:20]) + (", ..." if len(within) > 20
                                                              else "")
            report.problems.append(f"{len(within)} outbox rows cannot be read (seq {shown})")
        if len(within) < len(unreadable):
            report.problems.append(f"outbox rows after seq {last} cannot be read")
    return out


def _lookup(connection: sqlite3.Connection, table: str, columns: tuple[str, ...],
            key: str | None) -> dict[str, Any] | None:
    if key is None:
        return None
    try:
        row = connection.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?",
                                 (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return dict(zip(columns, row, strict=True)) if row else None


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _safe(name: str) -> str:
    return "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in name).strip(" .") \
        or "content"


def export_unsynced(replica_path: Path, rescue_dir: Path) -> RescueReport:
    """Export every readable un-synced operation and its content; see the module doc."""
    replica_path = Path(replica_path)
    rescue_dir = Path(rescue_dir)
    cache_dir = replica_path.parent / "cache"
    report = RescueReport(folder=rescue_dir)
    (rescue_dir / "operations").mkdir(parents=True, exist_ok=True)
    operations: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rescue-", dir=rescue_dir) as work:
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(_copy_database(replica_path, Path(work)))
            rows = _read_outbox(connection, report)
        except (OSError, sqlite3.DatabaseError) as exc:
            report.problems.append(f"the replica database cannot be read at all ({exc})")
            rows = []
        for row in rows:
            if row["state"] not in ("pending", "held"):
                continue
            assert connection is not None
            row["payload"] = _json(row["payload"])
            row["file"] = _lookup(connection, "files", ("id", "key", "title"), row["file_id"])
            row["document"] = _lookup(connection, "documents",
                                      ("id", "title", "type", "filename", "current_version"),
                                      row["document_id"])
            operations.append(row)
        if connection is not None:
            connection.close()
    claimed: set[str] = set()
    for op in operations:
        content = op["payload"].get("content") if isinstance(op["payload"], dict) else None
        if isinstance(content, dict) and content.get("sha256"):
            sha = str(content["sha256"])
            source = cache_dir / sha[:2] / sha
            target = (rescue_dir / "content" / sha
                      / _safe(str(content.get("filename") or "content")))
            if source.exists():
                if not target.exists():
                    _link_or_copy(source, target)
                    report.contents += 1
                op["rescued_content"] = str(target.relative_to(rescue_dir))
                claimed.add(sha)
            else:
                report.problems.append(f"operation {op['op_id']}: its content {sha} is not "
                                       "in the cache")
        name = f"{int(op['seq']):06d}-{op['kind']}.json"
        (rescue_dir / "operations" / name).write_text(
            json.dumps(op, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        report.operations += 1
    if report.problems and cache_dir.is_dir():
        for source in sorted(cache_dir.glob("??/*")):
            if source.is_file() and source.name not in claimed:
                _link_or_copy(source, rescue_dir / "content" / "unclaimed" / source.name)
                report.unclaimed += 1
    _write_readme(report, replica_path)
    return report


def _write_readme(report: RescueReport, replica_path: Path) -> None:
    lines = [
        f"Rescued from {replica_path} on {datetime.now(timezone.utc).isoformat()}.",
        "",
        f"{report.operations} changes that had not reached the server are in operations/,",
        f"{report.contents} contents they carry in content/.",
    ]
    if report.unclaimed:
        lines.append(f"{report.unclaimed} further cached contents are in content/unclaimed/ "
                     "(part of the replica could not be read; they may belong to lost changes).")
    if report.problems:
        lines += ["", "Could not be read:"] + [f"- {p}" for p in report.problems]
    (report.folder / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_aside(replica_path: Path) -> Path:
    """Move the damaged database (and its WAL) aside; returns the new name of the database."""
    replica_path = Path(replica_path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = replica_path.with_name(f"{replica_path.name}.damaged-{stamp}")
    for suffix in ("", *_SIDE_FILES):
        source = replica_path.with_name(replica_path.name + suffix)
        if source.exists():
            os.replace(source, target.with_name(target.name + suffix))
    return target


def keep_dropped(replica: Replica, sha256: str, filename: str) -> Path:
    """Copy cached content the user chose to drop (a refused change) to the rescue folder
    beside the replica, ``rescue/dropped/<date> <filename>``; returns the copy's path."""
    folder = replica.path.parent / "rescue" / "dropped"
    stem = f"{datetime.now(timezone.utc).date().isoformat()} {_safe(Path(filename).name)}"
    target = folder / stem
    for n in range(2, 10_000):
        if not target.exists():
            break
        target = folder / f"{Path(stem).stem} ({n}){Path(stem).suffix}"
    _link_or_copy(replica.cache_path(sha256), target)
    return target
