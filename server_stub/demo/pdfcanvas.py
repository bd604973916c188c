"""A tiny, fast PDF canvas on top of PyMuPDF.

PyMuPDF's ``insert_text`` re-measures the font on every call (milliseconds each), too slow for
a thousand documents. This canvas writes the page content stream itself with the standard
Helvetica fonts (WinAnsi encoding, nothing embedded) and lets PyMuPDF assemble the file. Fixed
metadata and no random file ID make the bytes reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import pymupdf as _pymupdf

_fitz: Any = _pymupdf  # PyMuPDF ships no type hints

__all__ = ["A4", "PdfCanvas", "text_width"]

A4 = (595.0, 842.0)
_FONTS = {False: ("F1", "Helvetica", "helv"), True: ("F2", "Helvetica-Bold", "hebo")}
Rgb = tuple[float, float, float]


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[str, float]:
    """Advance widths (per 1 pt of font size) of every character WinAnsi can encode."""
    font = _fitz.Font(_FONTS[bold][2])
    table: dict[str, float] = {}
    for code in range(32, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        table[char] = font.text_length(char, fontsize=1)
    return table


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    widths = _widths(bold)
    return sum(widths.get(char, 0.5) for char in text) * size


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_string(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _pdf_date(moment: datetime) -> str:
    return "(D:" + moment.strftime("%Y%m%d%H%M%S") + "Z)"


def _rgb(color: Rgb) -> bytes:
    return b"%.3f %.3f %.3f" % color


class PdfCanvas:
    """Pages of drawing operations; coordinates in points from the top-left corner."""

    def __init__(self, width: float = A4[0], height: float = A4[1]) -> None:
        self.width = width
        self.height = height
        self._pages: list[list[bytes]] = [[]]

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def new_page(self) -> None:
        self._pages.append([])

    def _emit(self, operation: bytes) -> None:
        self._pages[-1].append(operation)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        align: str = "left",
        color: Rgb = (0.0, 0.0, 0.0),
    ) -> None:
        """One line of text with its baseline at ``y``; ``align`` is left, right or center."""
        if align != "left":
            width = text_width(text, size, bold=bold)
            x -= width if align == "right" else width / 2
        font = _FONTS[bold][0].encode()
        self._emit(
            b"BT %s rg /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET"
            % (_rgb(color), font, size, x, self.height - y, _pdf_string(text))
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.5,
             color: Rgb = (0.0, 0.0, 0.0)) -> None:
        self._emit(
            b"%s RG %.2f w %.2f %.2f m %.2f %.2f l S"
            % (_rgb(color), width, x1, self.height - y1, x2, self.height - y2)
        )

    def rect(self, x: float, y: float, width: float, height: float, *,
             fill: Rgb | None = None, stroke: Rgb | None = None, line_width: float = 0.5) -> None:
        box = b"%.2f %.2f %.2f %.2f re" % (x, self.height - y - height, width, height)
        self._paint(box, fill, stroke, line_width)

    def polygon(self, points: Sequence[tuple[float, float]], *, fill: Rgb | None = None,
                stroke: Rgb | None = None, line_width: float = 0.5) -> None:
        first, *rest = points
        path = [b"%.2f %.2f m" % (first[0], self.height - first[1])]
        path += [b"%.2f %.2f l" % (x, self.height - y) for x, y in rest]
        self._paint(b" ".join(path) + b" h", fill, stroke, line_width)

    def _paint(self, path: bytes, fill: Rgb | None, stroke: Rgb | None, width: float) -> None:
        colors = b""
        if fill is not None:
            colors += _rgb(fill) + b" rg "
        if stroke is not None:
            colors += _rgb(stroke) + b" RG %.2f w " % width
        operator = {(True, True): b"B", (True, False): b"f", (False, True): b"S"}.get(
            (fill is not None, stroke is not None), b"n"
        )
        self._emit(colors + path + b" " + operator)

    def paragraph(self, x: float, y: float, width: float, text: str, *, size: float = 10,
                  bold: bool = False, leading: float = 1.4, bottom: float = 70) -> float:
        """Word-wrapped text starting at baseline ``y``; breaks pages; returns the next baseline."""
        for line in wrap(text, width, size, bold=bold):
            if y > self.height - bottom:
                self.new_page()
                y = 70
            self.text(x, y, line, size=size, bold=bold)
            y += size * leading
        return y

    def to_pdf(self, *, title: str, author: str, subject: str, created: datetime) -> bytes:
        """The finished file; ``created`` goes into the metadata instead of the current time."""
        doc = self.to_document(title=title, author=author, subject=subject, created=created)
        try:
            return bytes(doc.tobytes(garbage=1, deflate=True, no_new_id=True))
        finally:
            doc.close()

    def to_document(self, *, title: str = "", author: str = "", subject: str = "",
                    created: datetime | None = None) -> Any:
        doc = _fitz.open()
        fonts = []
        for bold in (False, True):
            xref = doc.get_new_xref()
            base = _FONTS[bold][1]
            font = f"/Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding"
            doc.update_object(xref, f"<< {font} >>")
            fonts.append(f"/{_FONTS[bold][0]} {xref} 0 R")
        resources = "<< /Font << " + " ".join(fonts) + " >> >>"
        for operations in self._pages:
            page = doc.new_page(width=self.width, height=self.height)
            doc.xref_set_key(page.xref, "Resources", resources)
            contents = doc.get_new_xref()
            doc.update_object(contents, "<< >>")
            doc.update_stream(contents, b"\n".join(operations))
            doc.xref_set_key(page.xref, "Contents", f"{contents} 0 R")
        entries = [f"/Producer {_info_string('Dossier demo data')}"]
        entries += [f"/Title {_info_string(title)}", f"/Author {_info_string(author)}",
                    f"/Subject {_info_string(subject)}"]
        if created is not None:
            entries += [f"/CreationDate {_pdf_date(created)}", f"/ModDate {_pdf_date(created)}"]
        info = doc.get_new_xref()
        doc.update_object(info, "<< " + " ".join(entries) + " >>")
        doc.xref_set_key(-1, "Info", f"{info} 0 R")
        return doc


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> Iterable[str]:
    """Greedy word wrap by measured width; explicit newlines start new lines."""
    space = text_width(" ", size, bold=bold)
    for paragraph in text.split("\n"):
        words: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            word_width = text_width(word, size, bold=bold)
            if words and used + space + word_width > width:
                yield " ".join(words)
                words, used = [], 0.0
            used += word_width + (space if words else 0.0)
            words.append(word)
        yield " ".join(words)
