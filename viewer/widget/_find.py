"""Find in the document: the search on a worker thread, the hits stepped through, the bar."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QScrollArea

from viewer import Document, SearchHit

from ._bars import FindBar
from ._canvas import PageCanvas
from ._tasks import TaskPool, run_in_pool

__all__ = ["FindTarget", "Finder"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentView", text)


class FindTarget(Protocol):
    """What finding needs of the view (`DocumentView`)."""

    document: Document | None
    canvas: PageCanvas
    scroll_area: QScrollArea
    pool: TaskPool

    @property
    def searchFinished(self) -> SignalInstance: ...


class Finder:
    """What `DocumentView`'s find methods do; the hits live on the canvas."""

    def __init__(self, view: FindTarget, bar: FindBar) -> None:
        self._view = view
        self._bar = bar
        self._last_query: str | None = None

    def show_bar(self) -> None:
        self._bar.widget.show()
        self._bar.field.setFocus()
        self._bar.field.selectAll()

    def hide_bar(self) -> None:
        self._bar.widget.hide()
        self._view.canvas.set_hits([])
        self._bar.status.setText("")

    def find_text(self, text: str) -> None:
        view = self._view
        self._bar.field.setText(text)
        document = view.document
        if document is None or not text.strip():
            view.canvas.set_hits([])
            view.searchFinished.emit(0)
            return

        def done(hits: list[SearchHit]) -> None:
            if document is not view.document:
                return
            view.canvas.set_hits(hits)
            self._show_hit()
            view.searchFinished.emit(len(hits))

        run_in_pool(view.pool, lambda: document.search(text), done)

    def find_or_next(self) -> None:
        """Return in the field: the next hit of the same text, else a new search."""
        text = self._bar.field.text()
        if self._view.canvas.hits and self._last_query == text:
            self.step(1)
        else:
            self._last_query = text
            self.find_text(text)

    def step(self, delta: int) -> None:
        canvas = self._view.canvas
        if canvas.hits:
            canvas.current_hit = (canvas.current_hit + delta) % len(canvas.hits)
            self._show_hit()
            canvas.update()

    def _show_hit(self) -> None:
        canvas = self._view.canvas
        hits = canvas.hits
        if not hits:
            self._bar.status.setText(_tr("Not found"))
            return
        number = canvas.current_hit
        self._bar.status.setText(_tr("{0} of {1}").format(number + 1, len(hits)))
        area = canvas.hit_rect(number)
        self._view.scroll_area.ensureVisible(area.center().x(), area.center().y(), 60, 120)
        canvas.prefetch()
