"""`DocumentView`: the viewer widget the desktop client embeds."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QPalette, QWheelEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer import (
    Document,
    PasswordRequired,
    UnsupportedFormat,
    ViewerError,
    WrongPassword,
    open_document,
)

from ._bars import build_find_bar, build_toolbar
from ._cache import return_freed_pages_to_the_system
from ._canvas import PageCanvas
from ._find import Finder
from ._output import open_in_application, paint_pages
from ._tasks import TaskPool, run_in_pool
from ._thumbs import ThumbnailList

__all__ = ["DocumentView"]

log = logging.getLogger(__name__)

ZOOM_MIN, ZOOM_MAX = 0.1, 8.0
ZOOM_STEP = 1.2
PasswordProvider = Callable[[bool], "str | None"]


class DocumentView(QWidget):
    """Shows a document: continuous pages, zoom, rotation, thumbnails, find, selection,
    print and "open in application".

    Load with `load_bytes` or `load_path`; opening runs on a worker thread and ends with
    `documentLoaded(page_count)` or `loadFailed(code, message)`. Must be used from the Qt
    main thread only; rendering happens on two private worker threads (see `_tasks`).
    """

    documentLoaded = Signal(int)
    loadFailed = Signal(str, str)
    searchFinished = Signal(int)
    currentPageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        return_freed_pages_to_the_system()
        self.pool = TaskPool(2)
        self.document: Document | None = None
        self.password_provider: PasswordProvider = self._ask_password
        self._data: bytes = b""
        self._filename: str | None = None
        self._fit: str | None = "width"
        self._load_generation = 0
        self._current_page = -1
        self._build()

    # -- construction ------------------------------------------------------------------

    def _build(self) -> None:
        self.canvas = PageCanvas(self.pool)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        backdrop = self.scroll_area.viewport().palette()
        backdrop.setColor(QPalette.ColorRole.Window, QColor(0x52, 0x56, 0x59))
        self.scroll_area.viewport().setPalette(backdrop)
        self.scroll_area.viewport().setAutoFillBackground(True)
        self.scroll_area.viewport().installEventFilter(self)
        self.canvas.visible_rect = self._visible_canvas_rect
        self.canvas.currentPageChanged.connect(self._page_shown)
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _v: self.canvas.prefetch())

        self.thumbnails = ThumbnailList(self.pool)
        self.thumbnails.pageActivated.connect(self.go_to_page)

        pages = QWidget()
        pages_layout = QHBoxLayout(pages)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.setSpacing(0)
        pages_layout.addWidget(self.thumbnails)
        pages_layout.addWidget(self.scroll_area, 1)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open in application"))
        self.open_button.clicked.connect(self.open_in_application)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.addStretch(1)
        panel_layout.addWidget(self.message)
        panel_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        panel_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(pages)
        self.stack.addWidget(panel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        toolbar = build_toolbar(self, self)
        self.thumbs_action = toolbar.thumbs_action
        self.zoom_label = toolbar.zoom_label
        self.page_label = toolbar.page_label
        find_bar = build_find_bar(self)
        self.find_bar = find_bar.widget
        self.find_field = find_bar.field
        self.find_status = find_bar.status
        self._finder = Finder(self, find_bar)
        layout.addWidget(toolbar.bar)
        layout.addWidget(find_bar.widget)
        layout.addWidget(self.stack, 1)

    # -- loading -----------------------------------------------------------------------

    def load_path(self, path: str | Path) -> None:
        """Open a file (read on a worker thread)."""
        location = Path(path)
        self._load(lambda: location.read_bytes(), location.name)

    def load_bytes(self, data: bytes, filename: str | None = None) -> None:
        """Open a document held in memory; `filename` only labels it."""
        self._load(lambda: data, filename)

    def _load(self, read: Callable[[], bytes], filename: str | None) -> None:
        self._load_generation += 1
        generation = self._load_generation
        self._close_document()
        self._filename = filename

        def open_it() -> tuple[bytes, Document, list[tuple[float, float]]]:
            data = read()
            document = open_document(data, filename=filename)
            return data, document, _page_sizes(document)

        def opened(result: tuple[bytes, Document, list[tuple[float, float]]]) -> None:
            data, document, sizes = result
            if generation != self._load_generation:
                document.close()
                return
            self._data = data
            self._unlock_and_show(document, sizes)

        def failed(exc: BaseException) -> None:
            if generation == self._load_generation:
                self._show_failure(exc)

        run_in_pool(self.pool, open_it, opened, failed)

    def _unlock_and_show(self, document: Document, sizes: list[tuple[float, float]]) -> None:
        retry = False
        while document.needs_password:
            password = self.password_provider(retry)
            if password is None:
                document.close()
                self._show_failure(PasswordRequired("no password given"))
                return
            try:
                document.unlock(password)
                sizes = _page_sizes(document)
            except WrongPassword:
                retry = True
        self.document = document
        self.stack.setCurrentIndex(0)
        self.canvas.set_document(document, sizes)
        self.thumbnails.set_document(document, document.page_count)
        self._current_page = -1
        self._apply_fit()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.canvas.prefetch()
        self.documentLoaded.emit(document.page_count)

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, UnsupportedFormat):
            text = self.tr("No preview for this format") + f"\n({exc.media_type})"
        elif isinstance(exc, PasswordRequired):
            text = self.tr("This document is protected by a password.")
        elif isinstance(exc, ViewerError):
            text = self.tr("This document cannot be shown: it is damaged or too large.")
        else:
            log.error("opening failed", exc_info=exc)
            text = self.tr("This document cannot be shown.")
        self.message.setText(text)
        self.open_button.setVisible(bool(self._data) or self._filename is not None)
        self.stack.setCurrentIndex(1)
        code = exc.code if isinstance(exc, ViewerError) else "error"
        self.loadFailed.emit(code, str(exc))

    def _ask_password(self, retry: bool) -> str | None:
        prompt = self.tr("Wrong password. Try again:") if retry else self.tr("Password:")
        text, ok = QInputDialog.getText(
            self, self.tr("Protected document"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def _close_document(self) -> None:
        self.canvas.set_document(None, [])
        self.thumbnails.set_document(None, 0)
        if self.document is not None:
            self.pool.wait_for_done()  # renders in flight still use the document
            self.document.close()
            self.document = None
        self._data = b""

    def closeEvent(self, event: QCloseEvent) -> None:
        self._load_generation += 1
        self._close_document()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Close the document and stop the worker threads (call before deleting)."""
        self._load_generation += 1
        self._close_document()
        self.pool.shutdown()

    # -- zoom, rotation, navigation ----------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.canvas.zoom

    def set_zoom(self, zoom: float, *, keep_fit: bool = False) -> None:
        if not keep_fit:
            self._fit = None
        bar = self.scroll_area.verticalScrollBar()
        ratio = bar.value() / max(1, self.canvas.height())
        self.canvas.zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        self.canvas.relayout()
        bar.setValue(round(ratio * self.canvas.height()))
        self.zoom_label.setText(f"{self.canvas.zoom * 100:.0f} %")
        self.canvas.prefetch()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        self._fit = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self._fit = "page"
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self._fit is None or not self.canvas.page_sizes:
            return
        index = max(self._current_page, 0)
        width, height = self.canvas.page_sizes[index]
        if self.canvas.rotation in (90, 270):
            width, height = height, width
        viewport = self.scroll_area.viewport().size()
        scale_per_zoom = self.canvas.scale / self.canvas.zoom
        room_w = max(viewport.width() - 2 * 12 - 4, 50)
        room_h = max(viewport.height() - 2 * 12, 50)
        zoom = room_w / (width * scale_per_zoom)
        if self._fit == "page":
            zoom = min(zoom, room_h / (height * scale_per_zoom))
        self.set_zoom(zoom, keep_fit=True)

    def rotate(self, degrees: int = 90) -> None:
        self.canvas.rotation = (self.canvas.rotation + degrees) % 360
        self.canvas.relayout()
        self._apply_fit()
        self.canvas.prefetch()

    def go_to_page(self, index: int) -> None:
        if 0 <= index < len(self.canvas.page_sizes):
            self.scroll_area.verticalScrollBar().setValue(self.canvas.top_of(index))
            self.canvas.prefetch()

    def current_page(self) -> int:
        return max(self._current_page, 0)

    def _visible_canvas_rect(self) -> QRect:
        viewport = self.scroll_area.viewport()
        return QRect(-self.canvas.x(), -self.canvas.y(), viewport.width(), viewport.height())

    def _page_shown(self, index: int) -> None:
        if index != self._current_page and index >= 0:
            self._current_page = index
            self.page_label.setText(
                self.tr("Page {0} of {1}").format(index + 1, len(self.canvas.page_sizes))
            )
            self.thumbnails.select_page(index)
            self.currentPageChanged.emit(index)

    def _toggle_thumbnails(self) -> None:
        self.thumbnails.setVisible(self.thumbs_action.isChecked())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport():
            if event.type() == QEvent.Type.Resize:
                self._apply_fit()
            elif event.type() == QEvent.Type.Wheel:
                wheel = cast(QWheelEvent, event)
                if wheel.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    steps = wheel.angleDelta().y() / 120
                    if steps:
                        self.set_zoom(self.zoom * ZOOM_STEP**steps)
                    return True
        return super().eventFilter(watched, event)

    # -- find (see _find) --------------------------------------------------------------

    def show_find_bar(self) -> None:
        self._finder.show_bar()

    def hide_find_bar(self) -> None:
        self._finder.hide_bar()

    def find_text(self, text: str) -> None:
        """Search the document on a worker thread; `searchFinished(hits)` when done."""
        self._finder.find_text(text)

    def find_next(self) -> None:
        self._finder.step(1)

    def find_previous(self) -> None:
        self._finder.step(-1)

    def _find_or_next(self) -> None:
        self._finder.find_or_next()

    # -- selection, print, open --------------------------------------------------------

    def select_area(self, start: QPointF, end: QPointF) -> None:
        """Select the words in a rectangle of canvas coordinates (what a mouse drag does)."""
        self.canvas.select_area(start, end)

    def selected_text(self) -> str:
        return self.canvas.selected_text()

    def copy_selection(self) -> str:
        text = self.canvas.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Print every page; without `printer`, ask the user with the print dialog."""
        if self.document is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        return self._paint_pages(printer)

    def print_to_pdf(self, path: str | Path) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return self._paint_pages(printer)

    def _paint_pages(self, printer: QPrinter) -> bool:
        assert self.document is not None
        return paint_pages(self.document, printer)

    def open_in_application(self) -> bool:
        """Hand the document to the desktop's application for its type."""
        return bool(self._data) and open_in_application(self._data, self._filename)


def _page_sizes(document: Document) -> list[tuple[float, float]]:
    """Sizes of all pages (empty while locked); runs on a worker thread."""
    return [document.page_size(index) for index in range(document.page_count)]
