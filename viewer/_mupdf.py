"""PyMuPDF, imported once and configured for the viewer, and the lock that serialises it.

PyMuPDF's functions carry no type annotations; the viewer reaches it through `fitz`
(typed `Any`) so that `mypy --strict` checks everything around it.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import pymupdf as _pymupdf

__all__ = ["MUPDF_LOCK", "fitz", "store_size", "trim_store"]

fitz: Any = _pymupdf

MUPDF_LOCK = threading.RLock()
"""Held around every use of PyMuPDF: it keeps one global MuPDF context that is not safe to
use (or even to free objects of) from two threads at once."""
fitz.TOOLS.mupdf_display_errors(False)
fitz.TOOLS.mupdf_display_warnings(False)


def store_size() -> int | None:
    """Bytes held in MuPDF's resource store - decoded images, fonts, ... kept for the next
    page that uses them - or None when it cannot be told. PyMuPDF has no getter (its
    `TOOLS.store_size` returns None), so this reads the last line of MuPDF's own store
    report ("max=..., size=..."). Call with `MUPDF_LOCK` held."""
    mupdf = getattr(_pymupdf, "mupdf", None)
    try:
        buffer = mupdf.FzBuffer(1024)  # type: ignore[union-attr]
        output = mupdf.FzOutput(buffer)  # type: ignore[union-attr]
        mupdf.fz_debug_store(output)  # type: ignore[union-attr]
        output.fz_close_output()
        report = bytes(buffer.fz_buffer_extract())
    except Exception:  # another PyMuPDF: no trimming rather than no viewer
        return None
    found = re.search(rb"max=\d+, size=(\d+)", report[-200:])
    return int(found.group(1)) if found else None


def trim_store(max_bytes: int) -> bool:
    """Empty MuPDF's resource store when it holds more than `max_bytes`; True if it did.

    MuPDF keeps decoded images there, up to 256 MB by default: a viewer scrolling through
    a scanned file held every page's image twice - decoded in the store, rendered in its
    page cache - and grew by ~350 MB over 60 scanned pages. The store is emptied rather
    than shrunk: MuPDF's partial shrink (`fz_shrink_store`) evicted nothing here, as the
    decoded images are still referenced by their keys. Fonts and images are read again
    by the next page that needs them."""
    with MUPDF_LOCK:
        size = store_size()
        if size is None or size <= max_bytes:
            return False
        fitz.TOOLS.store_shrink(100)
        return True
