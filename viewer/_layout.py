"""Laying out HTML into real pages with MuPDF's Story engine.

DOCX, e-mail, spreadsheets and text are converted to HTML by their engines and paginated
here, so that every format zooms, searches and prints like a PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._mupdf import fitz
from .errors import LimitExceeded
from .limits import Deadline, Limits

__all__ = ["BASE_CSS", "PageSetup", "layout_html"]

BASE_CSS = """
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.3; color: #111; }
h1 { font-size: 20pt; margin: 10pt 0 6pt 0; }
h2 { font-size: 16pt; margin: 10pt 0 5pt 0; }
h3 { font-size: 13pt; margin: 8pt 0 4pt 0; }
h4, h5, h6 { font-size: 11pt; margin: 6pt 0 3pt 0; }
p { margin: 0 0 6pt 0; }
table { border-collapse: collapse; margin: 4pt 0 8pt 0; }
td, th { border: 0.5pt solid #888; padding: 2pt 4pt; vertical-align: top; }
th { background-color: #e8e8e8; font-weight: bold; }
pre { font-family: monospace; font-size: 9pt; white-space: pre-wrap; margin: 0; }
.header, .footer { font-size: 8.5pt; color: #555; }
"""


@dataclass(frozen=True, slots=True)
class PageSetup:
    """Paper and margins in points; optional HTML repeated at the top/bottom of each page."""

    width: float = 595.0
    height: float = 842.0
    top: float = 56.0
    right: float = 56.0
    bottom: float = 56.0
    left: float = 56.0
    header_html: str = ""
    footer_html: str = ""


def layout_html(
    sections: Sequence[str],
    *,
    setup: PageSetup,
    css: str = BASE_CSS,
    archive: Any | None = None,
    deadline: Deadline,
    limits: Limits,
) -> Any:
    """Paginate `sections` (each an HTML fragment that starts on a new page) into a PDF."""
    width = max(setup.width, 72.0)
    height = max(setup.height, 72.0)
    mediabox = fitz.Rect(0, 0, width, height)
    body = fitz.Rect(
        min(setup.left, width / 3),
        min(setup.top, height / 3),
        width - min(setup.right, width / 3),
        height - min(setup.bottom, height / 3),
    )
    header_box = fitz.Rect(body.x0, 18, body.x1, max(body.y0 - 4, 30))
    footer_box = fitz.Rect(body.x0, min(body.y1 + 6, height - 30), body.x1, height - 12)
    header = _story(setup.header_html, css, archive) if setup.header_html else None
    footer = _story(setup.footer_html, css, archive) if setup.footer_html else None

    buffer = io.BytesIO()
    writer = fitz.DocumentWriter(buffer)
    pages = 0
    for html in sections or [""]:
        story = _story(html, css, archive)
        more = 1
        empty_in_a_row = 0
        while more:
            deadline.check()
            pages += 1
            if pages > limits.max_pages:
                raise LimitExceeded(f"layout exceeds {limits.max_pages} pages")
            device = writer.begin_page(mediabox)
            more, filled = story.place(body)
            story.draw(device)
            for extra, box in ((header, header_box), (footer, footer_box)):
                if extra is not None:
                    extra.reset()
                    extra.place(box)
                    extra.draw(device)
            writer.end_page()
            empty_in_a_row = empty_in_a_row + 1 if fitz.Rect(filled).is_empty else 0
            if empty_in_a_row > 3:  # content that can never fit: stop instead of looping
                break
    writer.close()
    return fitz.open("pdf", buffer.getvalue())


def _story(html: str, css: str, archive: Any | None) -> Any:
    return fitz.Story(html=f"<body>{html}</body>", user_css=css, archive=archive)
