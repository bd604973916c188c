"""The viewer's entry points: `open_document` and `extract_text`."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from ._guard import translate_errors
from ._mupdf import MUPDF_LOCK
from ._native import NATIVE_TYPES, open_native
from ._office import OFFICE_TYPES, convert_with_office
from .document import Document
from .errors import (
    DamagedFile,
    LimitExceeded,
    PasswordRequired,
    Unreadable,
    UnsupportedFormat,
    ViewerError,
)
from .limits import DEFAULT_LIMITS, Deadline, Limits
from .sniff import MediaType, sniff_media_type

__all__ = ["Source", "extract_text", "open_document", "read_source", "supported_media_types"]

log = logging.getLogger(__name__)

Source = bytes | bytearray | memoryview | str | os.PathLike[str]
_Engine = Callable[[bytes, Deadline, Limits], Document]


def _engines() -> dict[str, _Engine]:
    from ._docx import open_docx
    from ._email import open_eml, open_msg
    from ._sheet import open_csv, open_xlsx
    from ._text import open_html, open_text
    from ._webp import open_webp

    def text(media_type: str) -> _Engine:
        return lambda data, deadline, limits: open_text(
            data, media_type, deadline=deadline, limits=limits
        )

    return {
        MediaType.DOCX: lambda d, dl, lim: open_docx(d, deadline=dl, limits=lim),
        MediaType.XLSX: lambda d, dl, lim: open_xlsx(d, deadline=dl, limits=lim),
        MediaType.CSV: lambda d, dl, lim: open_csv(d, deadline=dl, limits=lim),
        MediaType.EML: lambda d, dl, lim: open_eml(d, deadline=dl, limits=lim),
        MediaType.MSG: lambda d, dl, lim: open_msg(d, deadline=dl, limits=lim),
        MediaType.HTML: lambda d, dl, lim: open_html(d, deadline=dl, limits=lim),
        MediaType.WEBP: lambda d, dl, lim: open_webp(d, limits=lim),
        MediaType.TEXT: text(MediaType.TEXT),
        MediaType.MARKDOWN: text(MediaType.MARKDOWN),
        MediaType.JSON: text(MediaType.JSON),
        MediaType.XML: text(MediaType.XML),
    }


def supported_media_types() -> list[str]:
    """Media types shown without LibreOffice (those it adds are in `_office.OFFICE_TYPES`)."""
    return sorted(set(NATIVE_TYPES) | set(_engines()))


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, str | None]:
    """The bytes of `source` and, for a path, its file name."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = None
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > limits.max_input_bytes:
                raise LimitExceeded(f"file of {size} bytes exceeds the input limit")
            data = path.read_bytes()
        except OSError as exc:
            raise Unreadable(f"cannot read {path.name}: {exc.strerror or exc}") from exc
        name = path.name
    if len(data) > limits.max_input_bytes:
        raise LimitExceeded(f"input of {len(data)} bytes exceeds the limit")
    return data, name


def open_document(
    source: Source,
    *,
    password: str | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Open a document from bytes or a path; the format is sniffed from the content.

    `filename` (or the path's name) only refines text content (CSV vs. plain text).
    An encrypted PDF opened without `password` comes back locked (`needs_password`);
    with a wrong one it raises `WrongPassword`. Raises only `ViewerError` subclasses:
    `UnsupportedFormat` (with `.media_type`) when no engine can show the content.
    """
    limits = limits or DEFAULT_LIMITS
    data, path_name = read_source(source, limits)
    name = filename or path_name
    if not data:
        raise DamagedFile("the file is empty")
    with translate_errors("sniff"):
        media_type = sniff_media_type(data, name)
    deadline = Deadline(limits.timeout_s, f"opening {media_type}")
    if media_type in NATIVE_TYPES:
        with MUPDF_LOCK:
            return open_native(data, media_type, password=password, limits=limits)
    engine = _engines().get(media_type)
    if engine is not None:
        with MUPDF_LOCK, translate_errors("open", media_type):
            return engine(data, deadline, limits)
    if media_type in OFFICE_TYPES:
        pdf = convert_with_office(data, media_type, deadline=deadline, limits=limits)
        with MUPDF_LOCK:
            document = open_native(pdf, MediaType.PDF, password=None, limits=limits)
        document.media_type = media_type
        document.engine = "libreoffice+pymupdf"
        return document
    raise UnsupportedFormat(f"no preview for {media_type}", media_type=media_type)


def extract_text(
    source: Source,
    *,
    filename: str | None = None,
    max_chars: int = 2_000_000,
    password: str | None = None,
    limits: Limits | None = None,
) -> str:
    """All text of a document for indexing and search, at most `max_chars` characters.

    Pages are separated by form feeds; an e-mail's text is followed by that of its
    attachments. Never raises anything but `ViewerError` subclasses (an encrypted file
    without password raises `PasswordRequired`, an image without text returns "").
    """
    try:
        with open_document(source, password=password, filename=filename, limits=limits) as doc:
            if doc.needs_password:
                raise PasswordRequired("the document is encrypted", media_type=doc.media_type)
            text = doc.text(max_chars=max_chars)
            if doc.media_type in (MediaType.EML, MediaType.MSG):
                text = _with_attachments(doc, text, max_chars, limits)
            return text[:max_chars]
    except ViewerError:
        raise
    except Exception as exc:  # the contract: callers index untrusted uploads blindly
        with translate_errors("extract text"):
            raise exc
        raise  # pragma: no cover - translate_errors always raises


def _with_attachments(doc: Document, text: str, max_chars: int, limits: Limits | None) -> str:
    parts = [text]
    total = len(text)
    for attachment in doc.attachments:
        if total >= max_chars:
            break
        try:
            inner = extract_text(
                attachment.data(),
                filename=attachment.name,
                max_chars=max_chars - total,
                limits=limits,
            )
        except ViewerError as exc:
            log.debug("attachment %s not indexed: %s", attachment.name, exc.code)
            continue
        parts.append(inner)
        total += len(inner) + 1
    return "\f".join(parts)
