"""The thumbnails sidebar: one small picture per page, rendered when it scrolls into view.

At most `MAX_RENDERED` thumbnails are kept (about 4 MB): scrolling through a long document
gives the farthest ones from the rows in view their blank picture back, instead of keeping
one picture per page for good (500 pages: ~21 MB, 5,000 pages: ~210 MB).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from viewer import Document, RenderedPage
from viewer._mupdf import trim_store

from ._cache import STORE_BUDGET
from ._tasks import TaskPool, run_in_pool

__all__ = ["ThumbnailList"]

THUMB_PX = 120
MAX_RENDERED = 100


class ThumbnailList(QListWidget):
    pageActivated = Signal(int)

    def __init__(self, pool: TaskPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._document: Document | None = None
        self._done: set[int] = set()
        self._pending: set[int] = set()
        self._generation = 0
        self._first_visible = 0
        self._blank = QIcon()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(THUMB_PX, THUMB_PX))
        self.setSpacing(6)
        self.setFixedWidth(THUMB_PX + 48)
        self.setStyleSheet(
            "QListWidget { background: #3b3f42; color: #ddd; border: none; }"
            "QListWidget::item:selected { background: #2a82da; color: white; }"
        )
        self.currentRowChanged.connect(self._activated)
        self.verticalScrollBar().valueChanged.connect(self.request_visible)

    def set_document(self, document: Document | None, page_count: int) -> None:
        self._generation += 1
        self._document = document
        self._done.clear()
        self._pending.clear()
        self.blockSignals(True)
        self.clear()
        blank = QPixmap(THUMB_PX * 3 // 4, THUMB_PX)
        blank.fill(QColor("white"))
        self._blank = icon = QIcon(blank)
        for index in range(page_count):
            item = QListWidgetItem(icon, str(index + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self.blockSignals(False)
        self.request_visible()

    def select_page(self, index: int) -> None:
        if 0 <= index < self.count() and index != self.currentRow():
            self.blockSignals(True)
            self.setCurrentRow(index)
            self.blockSignals(False)
            self.request_visible()

    def request_visible(self) -> None:
        if self._document is None or not self.count() or not self.isVisible():
            return
        first = self.indexAt(self.viewport().rect().topLeft() + QPoint(8, 8)).row()
        first = max(first, 0)
        self._first_visible = first
        for index in range(first, min(first + 12, self.count())):
            self._request(index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.request_visible()

    def _request(self, index: int) -> None:
        if index in self._done or index in self._pending or self._document is None:
            return
        self._pending.add(index)
        document, generation = self._document, self._generation

        def render() -> RenderedPage:  # on a worker thread: no Qt calls here (see _tasks)
            page = document.thumbnail(index, THUMB_PX)
            trim_store(STORE_BUDGET)
            return page

        def done(page: RenderedPage) -> None:
            self._pending.discard(index)
            if generation == self._generation and index < self.count():
                self._done.add(index)
                image = QImage(
                    page.samples, page.width, page.height, page.stride,
                    QImage.Format.Format_RGB888,
                ).copy()  # fmt: skip
                picture = QPixmap.fromImage(image)
                icon = QIcon(picture)
                icon.addPixmap(picture, QIcon.Mode.Selected)  # no tint over the page
                self.item(index).setIcon(icon)
                self._forget_far_ones()

        def failed(_exc: BaseException) -> None:
            self._pending.discard(index)

        run_in_pool(self._pool, render, done, failed)

    def _forget_far_ones(self) -> None:
        """Blank the rendered thumbnails farthest from the rows in view, down to the limit
        (they are rendered again if they come back into view)."""
        if len(self._done) <= MAX_RENDERED:
            return
        middle = self._first_visible + 6
        farthest = sorted(self._done, key=lambda row: abs(row - middle), reverse=True)
        for row in farthest[: len(self._done) - MAX_RENDERED]:
            self._done.discard(row)
            self.item(row).setIcon(self._blank)

    def _activated(self, row: int) -> None:
        if row >= 0:
            self.pageActivated.emit(row)
