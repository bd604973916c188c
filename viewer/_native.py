"""Formats MuPDF reads itself: PDF, XPS, EPUB, MOBI, FB2, CBZ, SVG and images."""

from __future__ import annotations

import xml.parsers.expat

from ._guard import translate_errors
from ._mupdf import fitz
from ._zipguard import check_zip
from .document import Document
from .errors import DamagedFile, WrongPassword
from .limits import Limits
from .sniff import MediaType

__all__ = ["NATIVE_TYPES", "open_native"]

# media type -> MuPDF's `filetype` name
NATIVE_TYPES: dict[str, str] = {
    MediaType.PDF: "pdf",
    MediaType.XPS: "xps",
    MediaType.OXPS: "xps",
    MediaType.EPUB: "epub",
    MediaType.MOBI: "mobi",
    MediaType.FB2: "fb2",
    MediaType.CBZ: "cbz",
    MediaType.SVG: "svg",
    MediaType.PNG: "png",
    MediaType.JPEG: "jpg",
    MediaType.GIF: "gif",
    MediaType.BMP: "bmp",
    MediaType.TIFF: "tiff",
    MediaType.JP2: "jp2",
    MediaType.PNM: "pnm",
}
_ZIP_BASED = {MediaType.XPS, MediaType.OXPS, MediaType.EPUB, MediaType.CBZ}
_REFLOWABLE = {MediaType.EPUB, MediaType.MOBI, MediaType.FB2}


def open_native(data: bytes, media_type: str, *, password: str | None, limits: Limits) -> Document:
    """Open `data` with MuPDF; encrypted PDFs stay locked when no password is given."""
    if media_type in _ZIP_BASED:
        check_zip(data, limits, media_type)
    if media_type == MediaType.FB2:
        _check_well_formed(data, media_type)
    with translate_errors("open", media_type):
        doc = fitz.open(stream=data, filetype=NATIVE_TYPES[media_type])
        if media_type in _REFLOWABLE:
            doc.layout(rect=fitz.paper_rect("a5"), fontsize=11)
    with translate_errors("open", media_type):
        encrypted = bool(doc.needs_pass)
    locked = encrypted
    if encrypted and password is not None:
        with translate_errors("authenticate", media_type):
            locked = not doc.authenticate(password)
        if locked:
            doc.close()
            raise WrongPassword("the password does not open the document", media_type=media_type)
    return Document(
        doc,
        media_type=media_type,
        engine="pymupdf",
        limits=limits,
        encrypted=encrypted,
        locked=locked,
    )


def _check_well_formed(data: bytes, media_type: str) -> None:
    """Refuse malformed XML before MuPDF sees it: MuPDF 1.28 crashes (SIGSEGV) reading the
    metadata of an FB2 book whose XML is broken (found by tests/viewer fuzzing)."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise DamagedFile(f"malformed XML: {exc}", media_type=media_type) from exc
