"""Dragging a document out of the list: its current content as a real file with its own name.

A drop target (the file explorer, a mail program) needs a file on disk the moment the drag
starts, and a drag must start at once. So the export is prepared ahead, on a worker, when a
document becomes current (``DocumentExports.prepare``); the drag only looks the file up
(``DocumentExports.ready``). The export lives in
``<profile>/export/<document id>/<file name>``; folders older than a day are removed when the
next export is written.
"""

from __future__ import annotations

import filecmp
import logging
import os
import re
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QObject, QUrl, Signal

from sync.api import Client

from ..infra.workers import run_task

__all__ = ["DOCUMENT_MIME_TYPE", "DocumentExports", "export_document", "export_filename",
           "export_mime", "is_dossier_drag"]

log = logging.getLogger(__name__)

#: marks a drag that comes from a Dossier document list (its value: the document id)
DOCUMENT_MIME_TYPE = "application/x-dossier-document-id"
STALE_SECONDS = 24 * 3600


def export_filename(document: dict[str, Any]) -> str:
    """The document's file name, safe on every desktop (no folders, no reserved signs)."""
    version = document.get("current_version") or {}
    name = Path(str(version.get("filename") or "").replace("\\", "/")).name
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", name).strip(" .")
    return name or re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_",
                          str(document.get("title") or document["id"])).strip(" .") or "document"


def export_document(session: Client, document: dict[str, Any]) -> Path:
    """Write the document's current content to its export folder and return the file.

    Runs on a worker: ``session.content`` may download. Raises what ``session.content``
    raises (``Offline``, ``NotFound``, ...), ``OSError`` when the folder cannot be written and
    ``ValueError`` for a document without content.
    """
    if not document.get("current_version"):
        raise ValueError(f"document {document['id']} has no content")
    source = session.content(document)
    root = session.profile.directory / "export"
    folder = root / re.sub(r"[^\w.-]", "_", str(document["id"]))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / export_filename(document)
    if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
        partial = folder / f".{uuid.uuid4().hex}.part"
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    for other in folder.iterdir():  # an older version under another name
        if other != target and other.is_file():
            other.unlink(missing_ok=True)
    os.utime(folder)
    _remove_stale(root, keep=folder)
    return target


def _remove_stale(root: Path, *, keep: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for folder in root.iterdir():
        try:
            if folder != keep and folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            log.debug("export folder %s not removed", folder, exc_info=True)


def export_mime(document: dict[str, Any], path: Path) -> QMimeData:
    """What a drag of ``document`` carries: the exported file as a URL (``text/uri-list``,
    which file explorers copy on drop) and the document id, so that a Dossier list does not
    file its own document a second time."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    mime.setData(DOCUMENT_MIME_TYPE, QByteArray(str(document["id"]).encode()))
    return mime


def is_dossier_drag(mime: QMimeData | None) -> bool:
    return mime is not None and mime.hasFormat(DOCUMENT_MIME_TYPE)


class DocumentExports(QObject):
    """Prepared exports by document; ``prepared(doc_id)`` when one is ready."""

    prepared = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: Client | None = None
        self._ready: dict[str, tuple[str, Path]] = {}  # id → (sha256 of the content, file)
        self._preparing: set[tuple[str, str]] = set()

    def attach(self, session: Client) -> None:
        self._session = session
        self._ready.clear()

    def prepare(self, document: dict[str, Any] | None) -> None:
        """Export ``document``'s current content on a worker (nothing when it has none)."""
        session = self._session
        if session is None or document is None or not document.get("current_version"):
            return
        key = (str(document["id"]), str(document["current_version"].get("sha256", "")))
        if key in self._preparing or self._ready.get(key[0], ("", None))[0] == key[1]:
            return
        self._preparing.add(key)
        snapshot = dict(document)

        def done(path: Path) -> None:
            self._preparing.discard(key)
            if session is self._session:
                self._ready[key[0]] = (key[1], path)
                self.prepared.emit(key[0])

        def failed(exc: BaseException) -> None:
            self._preparing.discard(key)
            log.info("document %s not exported: %s", key[0], exc)

        run_task(lambda: export_document(session, snapshot), on_done=done, on_error=failed)

    def ready(self, document: dict[str, Any]) -> Path | None:
        """The exported file of ``document``'s current content, when it is prepared."""
        entry = self._ready.get(str(document.get("id")))
        sha = str((document.get("current_version") or {}).get("sha256", ""))
        if entry is None or entry[0] != sha or not entry[1].is_file():
            return None
        return entry[1]
