"""The folder where documents that are not checked out are edited in their applications:
``<profile>/editing/<document id>/<file name>``, with ``.base.json`` naming the version the copy
was written from or last saved as. Qt-free; every function runs on a worker.

Opening a document again never overwrites unsaved edits (``prepare_copy``); saving names the
ETag the copy was based on, so a version someone else saved meanwhile is never overwritten
(``save_as_version``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import working_folder
from .client import Client
from .customer_file import CustomerFile
from .errors import StaleObject, UsageError

__all__ = ["EDIT_FOLDER", "PreparedCopy", "prepare_copy", "save_as_version", "sha256_of",
           "tidy"]

EDIT_FOLDER = "editing"
_BASE = ".base.json"


def sha256_of(path: Path) -> str | None:
    """The file's SHA-256, ``None`` when it is not there (or cannot be read just now)."""
    try:
        return working_folder.sha256_of(path)
    except OSError:
        return None


def tidy(profile_dir: Path, *, idle_seconds: float = 24 * 3600,
         busy: Collection[str] = ()) -> list[str]:
    """Remove the edit folders whose copy is still exactly the version it was written from
    or saved as, and that nobody touched for ``idle_seconds`` (documents in ``busy`` are
    being edited now). A copy with unsaved edits, a copy kept aside and anything the user
    put there stay. Returns the document ids whose folders went (runs on a worker)."""
    root = profile_dir / EDIT_FOLDER
    if not root.is_dir():
        return []
    removed = []
    now = time.time()
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in busy):
        base = _read_base(folder)
        try:
            entries = list(folder.iterdir())
            newest = max([folder.stat().st_mtime, *(e.stat().st_mtime for e in entries)])
        except OSError:
            continue
        if base is None or now - newest < idle_seconds:
            continue
        files = {e.name for e in entries if e.name != _BASE}
        if files == {base.filename} and sha256_of(folder / base.filename) == base.sha256:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def _safe_name(name: str) -> str:
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", Path(name).name).strip(" .") or "document"


@dataclass
class _Base:
    """What ``.base.json`` says: the copy was written from (or saved as) this version."""

    number: int
    sha256: str
    filename: str


def _read_base(folder: Path) -> _Base | None:
    try:
        data = json.loads((folder / _BASE).read_text("utf-8"))
        return _Base(int(data["number"]), str(data["sha256"]), str(data["filename"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_base(path: Path, number: int, sha: str) -> None:
    tmp = path.parent / f".base-{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps({"number": number, "sha256": sha, "filename": path.name}),
                   "utf-8")
    os.replace(tmp, path.parent / _BASE)


def _copy_atomically(source: Path, target: Path) -> None:
    """A half-written copy would look like an edit: write beside it, then rename."""
    tmp = target.parent / f".dossier-{uuid.uuid4().hex}.tmp"
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass
class PreparedCopy:
    document: dict[str, Any]  # as the server has it now (its ETag is the base of a save)
    path: Path
    base_sha: str  # the content of the version the copy stands on
    unsaved: bool = False  # the copy holds edits on top of the current version
    kept_aside: Path | None = None  # older edits moved out of the way


def prepare_copy(client: Client, doc_id: str, aside_name: str = "%1 (edits on version %2)"
                 ) -> PreparedCopy:
    """Write the document's current version to its edit folder (runs on a worker).

    Never overwrites unsaved edits: a copy changed since it was written from the current
    version is kept as it is (``unsaved``); one changed on an older version is renamed with
    ``aside_name`` (``%1`` the file's stem, ``%2`` that version). Raises the remote's errors.
    """
    document = client.remote.document(doc_id)
    version = document.get("current_version")
    if not version:
        raise UsageError("the document has no content")
    number, sha = int(version["number"]), str(version["sha256"])
    source = client.content(document)
    folder = client.profile.directory / EDIT_FOLDER / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _safe_name(str(version.get("filename") or document["title"]))
    base = _read_base(folder)
    prepared = PreparedCopy(document, path, sha)
    if base is not None and base.filename != path.name:
        # the newest version has another file name: the copy of the older one goes when
        # untouched, else it stays where it is
        previous = folder / base.filename
        if sha256_of(previous) == base.sha256:
            previous.unlink()
        elif previous.exists():
            prepared.kept_aside = previous
        base = None
    held = sha256_of(path)
    if held is None or (base is not None and held == base.sha256 and held != sha):
        _copy_atomically(source, path)  # new, or an untouched copy of an older version
    elif held != sha and base is not None and base.number == number:
        prepared.unsaved = True  # changed on the current version, never saved: offer it
        return prepared
    elif held != sha:  # changed on an older version (or of unknown origin): keep it aside
        older = str(base.number) if base is not None else "?"
        stem = _safe_name(aside_name.replace("%1", path.stem).replace("%2", older))
        aside = folder / f"{stem}{path.suffix}"
        counter = 2
        while aside.exists():
            aside = folder / f"{stem} {counter}{path.suffix}"
            counter += 1
        path.rename(aside)
        prepared.kept_aside = aside
        _copy_atomically(source, path)
    _write_base(path, number, sha)
    return prepared


def save_as_version(client: Client, customer_file: CustomerFile, document: dict[str, Any],
                    path: Path, comment: str = "") -> tuple[dict[str, Any], str]:
    """Save the copy at ``path`` as it is now as the document's next version, based on
    ``document``'s ETag; returns the document as the server has it afterwards (its ETag is
    the base of the next save) and the saved content's hash.

    Raises ``StaleObject`` when someone saved a version meanwhile (a change of index values
    only is no reason: then the version is saved on the fresh ETag), and the remote's errors.
    """
    doc_id = str(document["id"])
    with tempfile.TemporaryDirectory(dir=client.cache_dir, prefix="edit-") as tmp:
        snapshot = Path(tmp) / path.name  # the version keeps the file's name
        shutil.copyfile(path, snapshot)  # the application may write again while uploading
        sha = sha256_of(snapshot)
        assert sha is not None
        try:
            client.add_version(customer_file, document, snapshot, comment=comment)
        except StaleObject:
            fresh = client.remote.document(doc_id)
            if number_of(fresh) != number_of(document):
                raise
            client.add_version(customer_file, fresh, snapshot, comment=comment)
    fresh = client.remote.document(doc_id)
    _write_base(path, number_of(fresh), sha)
    return fresh, sha


def number_of(document: dict[str, Any]) -> int:
    """The number of the document's current version (0 without content)."""
    return int((document.get("current_version") or {}).get("number", 0))
