"""Plain data the viewer core hands out: rendered pages, search hits, outline, attachments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Attachment", "OutlineItem", "Rect", "RenderedPage", "SearchHit", "Word"]

Rect = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in page points (1/72 inch) of the unrotated page at zoom 1."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page as RGB pixels: `stride` bytes per row, 3 bytes per pixel, no alpha."""

    width: int
    height: int
    stride: int
    samples: bytes = field(repr=False)

    def to_png(self) -> bytes:
        """The page encoded as PNG."""
        from ._mupdf import MUPDF_LOCK, fitz

        with MUPDF_LOCK:
            pixmap = fitz.Pixmap(fitz.csRGB, self.width, self.height, self.samples, False)
            png = bytes(pixmap.tobytes("png"))
            del pixmap
        return png

    def is_blank(self) -> bool:
        """True when every pixel has the same colour."""
        if not self.samples:
            return True
        first = self.samples[:3]
        return self.samples == first * (len(self.samples) // 3)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence of a searched text: the page and the rectangle it covers."""

    page: int
    rect: Rect


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a page's text with its box, in reading order (for selection)."""

    rect: Rect
    text: str
    block: int
    line: int


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """An entry of the table of contents; `page` is 0-based, -1 when it points nowhere."""

    level: int
    title: str
    page: int


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file carried by the document (PDF embedded file, e-mail attachment).

    `data()` returns its bytes, which `viewer.open_document` opens like any other file.
    """

    name: str
    size: int
    media_type: str | None
    _load: Callable[[], bytes] = field(repr=False, compare=False)

    def data(self) -> bytes:
        return self._load()
