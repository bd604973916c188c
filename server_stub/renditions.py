"""PDF renditions of stored content, made once by the viewer core and cached beside the blobs.

The conversion runs in the viewer's isolated worker process with a time limit, so a hostile
upload can neither crash nor hang the server.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import viewer
from viewer.isolated import default_pool

from .blobstore import BlobStore

__all__ = ["pdf_rendition"]

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60.0


def to_pdf(data: bytes, filename: str | None) -> bytes:
    """Runs in the worker: any format the viewer reads, laid out as PDF pages."""
    with viewer.open_document(data, filename=filename) as document:
        return document.pdf_bytes()


def pdf_rendition(blobs: BlobStore, sha256: str, filename: str) -> Path | None:
    """The cached PDF rendition of a blob, made on first request; ``None`` when the content
    cannot be rendered (unsupported, damaged, password-protected, too large or too slow)."""
    folder = blobs.root / "renditions"
    target = folder / f"{sha256}.pdf"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    try:
        data = blobs.path(sha256).read_bytes()
        pdf = default_pool().call(to_pdf, data, filename, timeout=TIMEOUT_SECONDS)
    except viewer.ViewerError as exc:
        log.info("no rendition for %s: %s", sha256, exc)
        return None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="r-")
    with os.fdopen(fd, "wb") as out:
        out.write(pdf)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return target
