"""`Document`: one opened file, whatever its format, seen as pages of a MuPDF document."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ._guard import translate_errors
from ._mupdf import MUPDF_LOCK, fitz
from .errors import LimitExceeded, PasswordRequired, ViewerError, WrongPassword
from .limits import DEFAULT_LIMITS, Limits
from .page_data import Attachment, OutlineItem, Rect, RenderedPage, SearchHit, Word
from .sniff import sniff_media_type

__all__ = ["Document"]

T = TypeVar("T")

_ROTATIONS = (0, 90, 180, 270)
# ligatures (ﬁ, ﬂ) expanded so that text is searchable and indexable as typed
_TEXT_FLAGS = fitz.TEXT_PRESERVE_WHITESPACE | fitz.TEXT_MEDIABOX_CLIP
_SEARCH_FLAGS = _TEXT_FLAGS | fitz.TEXT_DEHYPHENATE


class Document:
    """An opened document.

    Whatever the content, methods raise only `ViewerError` subclasses; misuse by the
    caller (a page index out of range, a rotation not a multiple of 90) raises
    `IndexError` / `ValueError`.

    Thread-safe: calls are serialised by a lock, so a UI may render pages from worker
    threads. Formats other than the native MuPDF ones (DOCX, e-mail, spreadsheets, text)
    were laid out into a PDF when opened; their pages behave exactly like a PDF's.
    """

    def __init__(
        self,
        pages: Any,
        *,
        media_type: str,
        engine: str,
        metadata: dict[str, str] | None = None,
        attachments: Sequence[Attachment] = (),
        limits: Limits = DEFAULT_LIMITS,
        encrypted: bool = False,
        locked: bool = False,
    ) -> None:
        self._doc = pages
        self._lock = MUPDF_LOCK
        self._closed = False
        # PyMuPDF's `is_encrypted` must not be read after `authenticate` (it spoils the
        # decryption of later reads), so the opener tells the state instead.
        self._encrypted = encrypted
        self._locked = locked
        self.media_type = media_type
        self.engine = engine
        self.limits = limits
        self._extra_metadata = dict(metadata or {})
        self._extra_attachments = list(attachments)
        self._check_page_count()

    # -- state -----------------------------------------------------------------------

    @property
    def needs_password(self) -> bool:
        """True while the document is encrypted and not yet unlocked."""
        return self._locked

    def unlock(self, password: str) -> None:
        """Unlock an encrypted document; raises `WrongPassword` if it does not fit."""
        with self._lock, translate_errors("unlock", self.media_type):
            if not self._locked:
                return
            if not self._doc.authenticate(password):
                raise WrongPassword("the password does not open the document")
            self._locked = False
            self._check_page_count()

    @property
    def page_count(self) -> int:
        """Number of pages; 0 while the document needs a password."""
        if self.needs_password:
            return 0
        if self._closed:
            raise ViewerError("the document is closed")
        with self._lock, translate_errors("page count", self.media_type):
            return int(self._doc.page_count)

    @property
    def metadata(self) -> dict[str, str]:
        """Title, author, dates, format, ... (only non-empty values)."""
        with self._lock, translate_errors("metadata", self.media_type):
            result: dict[str, str] = {}
            if not self._locked:
                native = self._doc.metadata or {}
                result.update({k: str(v) for k, v in native.items() if v})
            result.update({k: v for k, v in self._extra_metadata.items() if v})
            result["media_type"] = self.media_type
            result["encrypted"] = "yes" if self._encrypted else "no"
            return result

    @property
    def outline(self) -> list[OutlineItem]:
        """The table of contents, flattened with levels (1 = top)."""
        self._require_unlocked()
        with self._lock, translate_errors("outline", self.media_type):
            return [
                OutlineItem(level=int(level), title=str(title), page=int(page) - 1)
                for level, title, page, *_ in self._doc.get_toc(simple=True)
            ]

    @property
    def attachments(self) -> list[Attachment]:
        """Files carried by the document (PDF embedded files, e-mail attachments)."""
        self._require_unlocked()
        with self._lock, translate_errors("attachments", self.media_type):
            found = list(self._extra_attachments)
            if self._doc.is_pdf:
                for name in self._doc.embfile_names():
                    info = self._doc.embfile_info(name)
                    head = bytes(self._doc.embfile_get(name))
                    found.append(
                        Attachment(
                            name=str(info.get("filename") or name),
                            size=len(head),
                            media_type=sniff_media_type(head, str(info.get("filename") or name)),
                            _load=self._embedded_loader(name),
                        )
                    )
            return found

    # -- pages -----------------------------------------------------------------------

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of a page in points, with the page's own rotation applied."""

        def size(page: Any) -> tuple[float, float]:
            return float(page.rect.width), float(page.rect.height)

        return self._with_page(index, "page size", size)

    def render_page(self, index: int, *, zoom: float = 1.0, rotation: int = 0) -> RenderedPage:
        """Render page `index` (0-based) at `zoom` (1.0 = 72 dpi), turned by `rotation`
        degrees clockwise (0, 90, 180, 270). Raises `LimitExceeded` past the pixel budget."""
        if rotation % 360 not in _ROTATIONS:
            raise ValueError("rotation must be a multiple of 90")
        if not 0.0 < zoom <= 64.0:
            raise LimitExceeded(f"zoom {zoom} out of range")

        def render(page: Any) -> RenderedPage:
            matrix = fitz.Matrix(zoom, zoom).prerotate(rotation % 360)
            box = page.rect * matrix
            pixels = abs(box.width) * abs(box.height)
            if pixels > self.limits.max_pixels:
                raise LimitExceeded(f"page would need {pixels:.0f} pixels")
            pixmap = page.get_pixmap(matrix=matrix, alpha=False, annots=True)
            if pixmap.n != 3:
                pixmap = fitz.Pixmap(fitz.csRGB, pixmap)
            return RenderedPage(
                width=int(pixmap.width),
                height=int(pixmap.height),
                stride=int(pixmap.stride),
                samples=bytes(pixmap.samples),
            )

        return self._with_page(index, "render", render)

    def thumbnail(self, index: int, max_px: int = 160) -> RenderedPage:
        """Render a page so that its longer side is `max_px` pixels."""
        width, height = self.page_size(index)
        longest = max(width, height, 1.0)
        return self.render_page(index, zoom=max(0.01, min(max_px / longest, 64.0)))

    def page_text(self, index: int) -> str:
        """The text of a page in reading order."""
        return self._with_page(
            index, "text", lambda page: str(page.get_text("text", flags=_TEXT_FLAGS))
        )

    def page_words(self, index: int) -> list[Word]:
        """The words of a page with their boxes (for text selection)."""

        def words(page: Any) -> list[Word]:
            return [
                Word(rect=(x0, y0, x1, y1), text=text, block=block, line=line)
                for x0, y0, x1, y1, text, block, line, _ in page.get_text(
                    "words", flags=_TEXT_FLAGS
                )
            ]

        return self._with_page(index, "words", words)

    def search(self, text: str, *, max_hits: int = 5000) -> list[SearchHit]:
        """All occurrences of `text` (case-insensitive) with their rectangles, page by page."""
        if not text.strip():
            return []
        self._require_unlocked()
        hits: list[SearchHit] = []
        for index in range(self.page_count):
            rects = self._with_page(
                index,
                "search",
                lambda page: [_rect(r) for r in page.search_for(text, flags=_SEARCH_FLAGS)],
            )
            hits.extend(SearchHit(index, rect) for rect in rects)
            if len(hits) >= max_hits:
                break
        return hits

    def text(self, *, max_chars: int | None = None) -> str:
        """The text of all pages, separated by form feeds, cut at `max_chars`."""
        parts: list[str] = []
        total = 0
        for index in range(self.page_count):
            chunk = self.page_text(index)
            parts.append(chunk)
            total += len(chunk) + 1
            if max_chars is not None and total >= max_chars:
                break
        joined = "\f".join(parts)
        return joined[:max_chars] if max_chars is not None else joined

    def pdf_bytes(self) -> bytes:
        """The pages as a PDF (the original file for PDFs), e.g. for printing or export."""
        self._require_unlocked()
        with self._lock, translate_errors("export", self.media_type):
            if self._doc.is_pdf:
                return bytes(self._doc.tobytes(garbage=0))
            return bytes(self._doc.convert_to_pdf())

    # -- lifetime --------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                with contextlib.suppress(Exception):  # nothing useful to report on close
                    self._doc.close()

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{self.page_count} pages"
        return f"<Document {self.media_type} {state}>"

    # -- internals -------------------------------------------------------------------

    def _require_unlocked(self) -> None:
        if self._closed:
            raise ViewerError("the document is closed")
        if self.needs_password:
            raise PasswordRequired("the document is encrypted", media_type=self.media_type)

    def _with_page(self, index: int, what: str, use: Callable[[Any], T]) -> T:
        """Call `use(page)` holding the MuPDF lock; the page is released inside it, too
        (PyMuPDF objects must not even be freed while another thread uses MuPDF)."""
        self._require_unlocked()
        count = self.page_count
        if not 0 <= index < count:
            raise IndexError(f"page {index} out of range 0..{count - 1}")
        with self._lock, translate_errors(what, self.media_type):
            page = self._doc.load_page(index)
            try:
                return use(page)
            finally:
                del page

    def _check_page_count(self) -> None:
        if self._locked:
            return
        try:
            with translate_errors("page count", self.media_type):
                count = int(self._doc.page_count)
        except ViewerError:
            self.close()
            raise
        if count > self.limits.max_pages:
            self.close()
            raise LimitExceeded(f"{count} pages exceed the limit of {self.limits.max_pages}")

    def _embedded_loader(self, name: str) -> Any:
        def load() -> bytes:
            self._require_unlocked()
            with self._lock, translate_errors("attachment", self.media_type):
                return bytes(self._doc.embfile_get(name))

        return load


def _rect(r: Any) -> Rect:
    return (float(r.x0), float(r.y0), float(r.x1), float(r.y1))
