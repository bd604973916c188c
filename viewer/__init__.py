"""Dossier's document viewer core: many formats as pages and text, no Qt.

    >>> import viewer
    >>> with viewer.open_document(data, filename="offer.docx") as doc:
    ...     png = doc.render_page(0, zoom=2.0).to_png()
    >>> viewer.extract_text(upload_bytes)  # raises only viewer.ViewerError subclasses

`viewer.isolated` runs the same operations in a worker process with a time limit, for
untrusted files; `viewer.widget` (the only part importing PySide6) shows documents in Qt.
"""

from __future__ import annotations

from .api import Source, extract_text, open_document, supported_media_types
from .document import Document
from .errors import (
    DamagedFile,
    LimitExceeded,
    PasswordRequired,
    TimedOut,
    Unreadable,
    UnsupportedFormat,
    ViewerError,
    WorkerCrashed,
    WrongPassword,
)
from .limits import DEFAULT_LIMITS, Limits
from .page_data import Attachment, OutlineItem, Rect, RenderedPage, SearchHit, Word
from .sniff import MediaType, sniff_media_type

__all__ = [
    "DEFAULT_LIMITS",
    "Attachment",
    "DamagedFile",
    "Document",
    "LimitExceeded",
    "Limits",
    "MediaType",
    "OutlineItem",
    "PasswordRequired",
    "Rect",
    "RenderedPage",
    "SearchHit",
    "Source",
    "TimedOut",
    "Unreadable",
    "UnsupportedFormat",
    "ViewerError",
    "Word",
    "WorkerCrashed",
    "WrongPassword",
    "extract_text",
    "open_document",
    "sniff_media_type",
    "supported_media_types",
]
