"""PyMuPDF, imported once and configured for the viewer, and the lock that serialises it.

PyMuPDF's functions carry no type annotations; the viewer reaches it through `fitz`
(typed `Any`) so that `mypy --strict` checks everything around it.
"""

from __future__ import annotations

import threading
from typing import Any

import pymupdf as _pymupdf

__all__ = ["MUPDF_LOCK", "fitz"]

fitz: Any = _pymupdf

MUPDF_LOCK = threading.RLock()
"""Held around every use of PyMuPDF: it keeps one global MuPDF context that is not safe to
use (or even to free objects of) from two threads at once."""
fitz.TOOLS.mupdf_display_errors(False)
fitz.TOOLS.mupdf_display_warnings(False)
