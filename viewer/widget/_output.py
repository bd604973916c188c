"""Printing a document's pages and handing it to the desktop's application."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPrintSupport import QPrinter

from viewer import Document, ViewerError
from viewer.sniff import sniff_media_type

from ._canvas import _to_qimage

__all__ = ["open_in_application", "paint_pages"]

log = logging.getLogger(__name__)

#: A file suffix for content that came without a file name, so the desktop picks the app.
_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg",
    "text/plain": ".txt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


def paint_pages(document: Document, printer: QPrinter) -> bool:
    """Render every page at the printer's resolution (at most 300 dpi) onto ``printer``."""
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index in range(document.page_count):
            if index:
                printer.newPage()
            page = document.render_page(index, zoom=dpi / 72.0)
            image = _to_qimage(page, 1.0)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
            painter.setWindow(area)
    except ViewerError as exc:
        log.warning("printing stopped: %s", exc)
        return False
    finally:
        painter.end()
    return True


def open_in_application(data: bytes, filename: str | None) -> bool:
    """Write the bytes to a temporary file named like the original and open it."""
    suffix = Path(filename).suffix if filename else ""
    suffix = suffix or _EXTENSIONS.get(sniff_media_type(data), ".bin")
    folder = Path(tempfile.mkdtemp(prefix="dossier-open-"))
    target = folder / (Path(filename).name if filename else f"document{suffix}")
    target.write_bytes(data)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))))
