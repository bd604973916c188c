"""The page area: all pages stacked vertically, only the visible ones rendered."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from viewer import Document, RenderedPage, SearchHit, ViewerError, Word
from viewer._mupdf import trim_store

from ._cache import STORE_BUDGET, PageCache, RenderKey
from ._tasks import TaskPool, run_in_pool

__all__ = ["PageCanvas", "page_rect_to_view"]

log = logging.getLogger(__name__)

GAP = 12
SCREEN_DPI = 96.0


def page_rect_to_view(
    rect: tuple[float, float, float, float],
    page_size: tuple[float, float],
    rotation: int,
    scale: float,
) -> QRectF:
    """Map a rectangle in page points to pixels of the page as shown (turned, scaled)."""
    width, height = page_size
    x0, y0, x1, y1 = rect
    corners = [(x0, y0), (x1, y1)]
    if rotation == 90:
        corners = [(height - y, x) for x, y in corners]
    elif rotation == 180:
        corners = [(width - x, height - y) for x, y in corners]
    elif rotation == 270:
        corners = [(y, width - x) for x, y in corners]
    (ax, ay), (bx, by) = corners
    return QRectF(
        min(ax, bx) * scale, min(ay, by) * scale, abs(bx - ax) * scale, abs(by - ay) * scale
    )


def _view_point_to_page(
    x: float, y: float, page_size: tuple[float, float], rotation: int, scale: float
) -> tuple[float, float]:
    width, height = page_size
    x, y = x / scale, y / scale
    if rotation == 90:
        return y, height - x
    if rotation == 180:
        return width - x, height - y
    if rotation == 270:
        return width - y, x
    return x, y


class PageCanvas(QWidget):
    """Paints the pages of a `Document`; renders missing ones on a thread pool."""

    currentPageChanged = Signal(int)
    selectionChanged = Signal()

    def __init__(self, pool: TaskPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pool = pool
        self.cache = PageCache()
        self.document: Document | None = None
        self.page_sizes: list[tuple[float, float]] = []
        self.zoom = 1.0
        self.rotation = 0
        self._tops: list[int] = []
        self._sizes: list[QSize] = []
        self._pending: set[RenderKey] = set()
        self._generation = 0
        self.hits: list[SearchHit] = []
        self.current_hit = -1
        self._hits_by_page: dict[int, list[int]] = {}
        self._words: dict[int, list[Word]] = {}
        self._drag_start: QPointF | None = None
        self._selection: list[tuple[int, Word]] = []
        self.visible_rect: Callable[[], QRect] = self.rect
        self.renders_done = 0

    # -- document and geometry ---------------------------------------------------------

    def set_document(
        self, document: Document | None, page_sizes: list[tuple[float, float]]
    ) -> None:
        self._generation += 1
        self.document = document
        self.page_sizes = page_sizes
        self.cache.clear()
        self._pending.clear()
        self._words.clear()
        self._selection.clear()
        self.set_hits([])
        self.relayout()

    @property
    def scale(self) -> float:
        """Screen pixels per page point."""
        return self.zoom * SCREEN_DPI / 72.0

    def shown_size(self, index: int) -> QSize:
        width, height = self.page_sizes[index]
        if self.rotation in (90, 270):
            width, height = height, width
        return QSize(max(1, round(width * self.scale)), max(1, round(height * self.scale)))

    def relayout(self) -> None:
        self._sizes = [self.shown_size(i) for i in range(len(self.page_sizes))]
        self._tops = []
        y = GAP
        for size in self._sizes:
            self._tops.append(y)
            y += size.height() + GAP
        width = max((s.width() for s in self._sizes), default=0) + 2 * GAP
        self.setFixedSize(max(width, 1), max(y, 1))
        self.update()

    def page_rect(self, index: int) -> QRect:
        size = self._sizes[index]
        left = max(GAP, (self.width() - size.width()) // 2)
        return QRect(left, self._tops[index], size.width(), size.height())

    def page_at(self, y: int) -> int:
        if not self._tops:
            return -1
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def visible_pages(self) -> range:
        area = self.visible_rect()
        if not self._tops:
            return range(0)
        first = self.page_at(area.top())
        last = self.page_at(area.bottom())
        return range(first, last + 1)

    def top_of(self, index: int) -> int:
        return self._tops[index] - GAP // 2 if self._tops else 0

    # -- painting ----------------------------------------------------------------------

    def _key(self, index: int) -> RenderKey:
        ratio = self.devicePixelRatioF()
        return (index, round(self.scale * ratio * 1000), self.rotation)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(0x52, 0x56, 0x59))
        if self.document is None:
            return
        first = self.page_at(event.rect().top())
        last = self.page_at(event.rect().bottom())
        for index in range(max(first, 0), last + 1):
            target = self.page_rect(index)
            painter.fillRect(target.translated(2, 2), QColor(0, 0, 0, 90))
            image = self.cache.get(self._key(index))
            if image is None:
                self._request(index)
                image = self.cache.any_for_page(index, self.rotation)
            if image is not None:
                painter.drawImage(QRectF(target), image)
            else:
                painter.fillRect(target, Qt.GlobalColor.white)
            self._paint_marks(painter, index, target)
        painter.end()
        current = self.page_at(self.visible_rect().center().y())
        self.currentPageChanged.emit(current)

    def _paint_marks(self, painter: QPainter, index: int, target: QRect) -> None:
        size = self.page_sizes[index]
        for number in self._hits_by_page.get(index, []):
            area = page_rect_to_view(self.hits[number].rect, size, self.rotation, self.scale)
            colour = (
                QColor(255, 140, 0, 140) if number == self.current_hit else QColor(255, 230, 0, 110)
            )
            painter.fillRect(area.translated(target.topLeft()), colour)
        painter.setPen(Qt.PenStyle.NoPen)
        for page, word in self._selection:
            if page == index:
                area = page_rect_to_view(word.rect, size, self.rotation, self.scale)
                painter.fillRect(area.translated(target.topLeft()), QColor(40, 110, 230, 90))

    # -- rendering ---------------------------------------------------------------------

    def _request(self, index: int) -> None:
        key = self._key(index)
        if key in self._pending or self.document is None:
            return
        self._pending.add(key)
        document, generation = self.document, self._generation
        zoom = self.scale * self.devicePixelRatioF()
        rotation = self.rotation
        ratio = self.devicePixelRatioF()

        def render() -> RenderedPage:  # on a worker thread: no Qt calls here (see _tasks)
            page = document.render_page(index, zoom=zoom, rotation=rotation)
            trim_store(STORE_BUDGET)
            return page

        def done(page: RenderedPage) -> None:
            self._pending.discard(key)
            if generation != self._generation:
                return
            self.cache.put(key, _to_qimage(page, ratio), keep=self._visible_keys())
            self.renders_done += 1
            self.update(self.page_rect(index))

        def failed(exc: BaseException) -> None:
            self._pending.discard(key)
            if generation == self._generation:
                log.warning("page %d not rendered: %s", index + 1, exc)

        run_in_pool(self._pool, render, done, failed)

    def prefetch(self) -> None:
        """Ask for the visible pages, and one more on each side while the cache has room."""
        pages = self.visible_pages()
        for index in pages:
            if self.cache.get(self._key(index)) is None:
                self._request(index)
        for index in (pages.start - 1, pages.stop):
            if 0 <= index < len(self._tops) and self.cache.get(self._key(index)) is None:
                size = self._sizes[index]
                ratio = self.devicePixelRatioF()
                if self.cache.has_room(int(size.width() * size.height() * 3 * ratio * ratio)):
                    self._request(index)

    def _visible_keys(self) -> frozenset[RenderKey]:
        return frozenset(self._key(index) for index in self.visible_pages())

    def pending(self) -> int:
        return len(self._pending)

    # -- search hits -------------------------------------------------------------------

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.current_hit = 0 if hits else -1
        self._hits_by_page = {}
        for number, hit in enumerate(hits):
            self._hits_by_page.setdefault(hit.page, []).append(number)
        self.update()

    def hit_rect(self, number: int) -> QRect:
        hit = self.hits[number]
        area = page_rect_to_view(hit.rect, self.page_sizes[hit.page], self.rotation, self.scale)
        return area.translated(self.page_rect(hit.page).topLeft()).toAlignedRect()

    # -- selection ---------------------------------------------------------------------

    def selected_text(self) -> str:
        """The selected words, one line of text per line of the page."""
        lines: list[list[str]] = []
        previous: tuple[int, int, int] | None = None
        for page, word in self._selection:
            line_id = (page, word.block, word.line)
            if line_id != previous:
                lines.append([])
                previous = line_id
            lines[-1].append(word.text)
        return "\n".join(" ".join(words) for words in lines)

    def select_all_on_page(self, index: int) -> None:
        self._selection = [(index, word) for word in self._page_words(index)]
        self.selectionChanged.emit()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = event.position()
            self._selection = []
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            self._select_between(self._drag_start, event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            self._select_between(self._drag_start, event.position())
            self._drag_start = None
            self.selectionChanged.emit()

    def select_area(self, start: QPointF, end: QPointF) -> None:
        """Select the words inside the rectangle spanned by two widget points."""
        self._select_between(start, end)
        self.selectionChanged.emit()

    def _select_between(self, start: QPointF, end: QPointF) -> None:
        if self.document is None or not self._tops:
            return
        area = QRectF(start, end).normalized()
        chosen: list[tuple[int, Word]] = []
        for index in range(self.page_at(int(area.top())), self.page_at(int(area.bottom())) + 1):
            target = QRectF(self.page_rect(index))
            part = area.intersected(target)
            if part.isEmpty():
                continue
            size = self.page_sizes[index]
            for word in self._page_words(index):
                shown = page_rect_to_view(word.rect, size, self.rotation, self.scale)
                if shown.translated(target.topLeft()).intersects(part):
                    chosen.append((index, word))
        self._selection = chosen
        self.update()

    def _page_words(self, index: int) -> list[Word]:
        if index not in self._words and self.document is not None:
            try:
                self._words[index] = self.document.page_words(index)
            except ViewerError:
                self._words[index] = []
        return self._words.get(index, [])


def _to_qimage(page: RenderedPage, ratio: float) -> QImage:
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    image = image.copy()  # own the pixels: `page.samples` goes away with the page
    image.setDevicePixelRatio(ratio)
    return image
