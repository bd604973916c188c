"""Tidying a checked-out file's working folder: copies of documents that are gone (deleted
here or by a colleague) and, at check-in, the whole folder.

Only a working copy still exactly as Dossier wrote it is removed (its SHA-256 is the one
recorded when it was written); a copy the user edited, and any file the user put there, stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["prune_empty_folders", "remove_untouched", "sha256_of"]

log = logging.getLogger(__name__)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def remove_untouched(copies: Iterable[tuple[str | None, str | None]]) -> list[Path]:
    """Remove each ``(path, sha256 as written)`` whose file still holds those bytes; returns
    the copies kept because they differ (the user's edits)."""
    kept: list[Path] = []
    for name, written in copies:
        if not name:
            continue
        path = Path(name)
        try:
            if written is not None and sha256_of(path) == written:
                path.unlink()
            else:
                kept.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:  # open in another program (Windows), read-only medium
            log.info("working copy %s stays: %s", path, exc.strerror or exc)
            kept.append(path)
    return kept


def prune_empty_folders(root: Path) -> None:
    """Remove ``root``'s empty folders (bottom up) and ``root`` itself when empty."""
    if not root.is_dir():
        return
    for folder, _dirs, _files in os.walk(root, topdown=False):
        with contextlib.suppress(OSError):  # not empty: the user's files stay
            os.rmdir(folder)
