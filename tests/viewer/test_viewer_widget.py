"""The Qt widget, offscreen: pages, zoom, rotation, thumbnails, find, selection, print."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("pytestqt")
import samples
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import viewer
from viewer.widget import DocumentView, page_rect_to_view

ENCRYPTED = "pdf/libreoffice-writer-password.pdf"


@pytest.fixture
def view(qtbot: QtBot) -> DocumentView:
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def load(qtbot: QtBot, view: DocumentView, data: bytes, name: str | None = None) -> int:
    with qtbot.waitSignal(view.documentLoaded, timeout=20_000) as blocker:
        view.load_bytes(data, name)
    return int(blocker.args[0])


def settle(qtbot: QtBot, view: DocumentView) -> None:
    """Wait until the visible pages are rendered."""
    qtbot.waitUntil(lambda: view.canvas.renders_done > 0 and view.canvas.pending() == 0)


def test_only_visible_pages_are_rendered(qtbot: QtBot, view: DocumentView) -> None:
    assert load(qtbot, view, samples.make_pdf(60)) == 60
    settle(qtbot, view)
    rendered = {key[0] for key in view.canvas.cache._images}
    assert 0 in rendered
    assert len(rendered) < 10
    view.go_to_page(40)
    qtbot.waitUntil(lambda: view.current_page() == 40)
    qtbot.waitUntil(lambda: any(k[0] == 40 for k in view.canvas.cache._images))
    assert view.thumbnails.currentRow() == 40


def test_cache_is_bounded(qtbot: QtBot, view: DocumentView) -> None:
    view.canvas.cache.max_bytes = 4 * 1024 * 1024
    load(qtbot, view, samples.make_pdf(30))
    for page in range(0, 30, 3):
        view.go_to_page(page)
        qtbot.waitUntil(lambda p=page: any(k[0] == p for k in view.canvas.cache._images))
    assert view.canvas.cache.bytes <= 4 * 1024 * 1024 or len(view.canvas.cache) == 1


def test_zoom_fit_and_ctrl_wheel(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(3))
    view.fit_width()
    viewport = view.scroll_area.viewport().width()
    page_width = view.canvas.page_rect(0).width()
    assert viewport - 60 < page_width <= viewport
    view.fit_page()
    assert view.canvas.page_rect(0).height() <= view.scroll_area.viewport().height()
    before = view.zoom
    view.zoom_in()
    assert view.zoom > before
    wheel = QWheelEvent(
        QPointF(100, 100), QPointF(100, 100), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    zoomed = view.zoom
    QApplication.sendEvent(view.scroll_area.viewport(), wheel)
    assert view.zoom < zoomed


def test_rotation_turns_pages(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(1))
    view.set_zoom(1.0)
    portrait = view.canvas.page_rect(0)
    view.rotate(90)
    view.set_zoom(1.0)
    landscape = view.canvas.page_rect(0)
    assert (landscape.width(), landscape.height()) == (portrait.height(), portrait.width())
    settle(qtbot, view)


def test_hit_rectangles_follow_rotation() -> None:
    rect = (10.0, 20.0, 30.0, 40.0)
    assert page_rect_to_view(rect, (100, 200), 0, 1.0).getRect() == (10, 20, 20, 20)
    assert page_rect_to_view(rect, (100, 200), 90, 1.0).getRect() == (160, 10, 20, 20)
    assert page_rect_to_view(rect, (100, 200), 180, 2.0).getRect() == (140, 320, 40, 40)
    assert page_rect_to_view(rect, (100, 200), 270, 1.0).getRect() == (20, 70, 20, 20)


def test_find_highlights_and_steps_through_hits(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(5))
    with qtbot.waitSignal(view.searchFinished) as blocker:
        view.find_text("Kundenakte")
    assert blocker.args == [5]
    assert view.canvas.current_hit == 0
    view.find_next()
    view.find_next()
    assert view.canvas.current_hit == 2
    assert view.canvas.hits[2].page == 2
    view.find_previous()
    assert view.canvas.current_hit == 1
    assert "2 of 5" in view.find_status.text()
    with qtbot.waitSignal(view.searchFinished) as blocker:
        view.find_text("nowhere to be found")
    assert blocker.args == [0]


def test_selection_and_copy(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(1))
    page = view.canvas.page_rect(0)
    view.select_area(QPointF(page.topLeft()), QPointF(page.center()))
    assert view.selected_text() == "Kundenakte page 1"
    assert view.copy_selection() == "Kundenakte page 1"
    assert QGuiApplication.clipboard().text() == "Kundenakte page 1"


def test_mouse_drag_selects(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(1))
    page = view.canvas.page_rect(0)
    qtbot.mousePress(view.canvas, Qt.MouseButton.LeftButton, pos=page.topLeft())
    qtbot.mouseMove(view.canvas, page.center())
    qtbot.mouseRelease(view.canvas, Qt.MouseButton.LeftButton, pos=page.center())
    assert "Kundenakte" in view.selected_text()


def test_print_to_pdf(qtbot: QtBot, view: DocumentView, tmp_path: Path) -> None:
    load(qtbot, view, samples.make_docx(paragraphs=60))
    target = tmp_path / "printed.pdf"
    assert view.print_to_pdf(target)
    with viewer.open_document(target) as printed:
        assert printed.page_count == view.document.page_count  # type: ignore[union-attr]
        assert not printed.render_page(0, zoom=0.3).is_blank()


def test_open_in_application(
    qtbot: QtBot, view: DocumentView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    data = samples.make_docx()
    load(qtbot, view, data, "offer.docx")
    assert view.open_in_application()
    (url,) = opened
    assert url.toLocalFile().endswith("offer.docx")
    assert Path(url.toLocalFile()).read_bytes() == data


def test_password_prompt(qtbot: QtBot, view: DocumentView, corpus: Path) -> None:
    answers = iter(["wrong", "openpassword"])
    asked: list[bool] = []

    def provider(retry: bool) -> str | None:
        asked.append(retry)
        return next(answers)

    view.password_provider = provider
    assert load(qtbot, view, (corpus / ENCRYPTED).read_bytes()) == 1
    assert asked == [False, True]


def test_password_prompt_cancelled(qtbot: QtBot, view: DocumentView, corpus: Path) -> None:
    view.password_provider = lambda _retry: None
    with qtbot.waitSignal(view.loadFailed) as blocker:
        view.load_bytes((corpus / ENCRYPTED).read_bytes())
    assert blocker.args[0] == "password_required"


def test_unsupported_format_shows_the_panel(qtbot: QtBot, view: DocumentView) -> None:
    with qtbot.waitSignal(view.loadFailed) as blocker:
        view.load_bytes(bytes(range(256)) * 4, "blob.bin")
    assert blocker.args[0] == "unsupported_format"
    assert view.stack.currentIndex() == 1
    assert view.open_button.isVisible()


def test_thumbnail_click_goes_to_page(qtbot: QtBot, view: DocumentView) -> None:
    load(qtbot, view, samples.make_pdf(8))
    assert view.thumbnails.count() == 8
    qtbot.waitUntil(lambda: 0 in view.thumbnails._done)
    view.thumbnails.setCurrentRow(5)
    qtbot.waitUntil(lambda: view.current_page() == 5)


def test_load_path_and_reload(qtbot: QtBot, view: DocumentView, corpus: Path) -> None:
    with qtbot.waitSignal(view.documentLoaded, timeout=20_000) as blocker:
        view.load_path(corpus / "pdf" / "pdflatex-4-pages.pdf")
    assert blocker.args == [4]
    assert load(qtbot, view, samples.make_pdf(2)) == 2
    settle(qtbot, view)


def test_thumbnails_far_from_view_are_let_go(
    qtbot: QtBot, view: DocumentView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer.widget import _thumbs

    monkeypatch.setattr(_thumbs, "MAX_RENDERED", 15)
    load(qtbot, view, samples.make_pdf(60))
    thumbnails = view.thumbnails
    for page in range(0, 60, 4):
        view.go_to_page(page)
        qtbot.waitUntil(lambda p=page: p in thumbnails._done, timeout=20_000)
        assert len(thumbnails._done) <= 15
    assert 0 not in thumbnails._done  # far behind now: blank again
    view.go_to_page(0)
    qtbot.waitUntil(lambda: 0 in thumbnails._done, timeout=20_000)  # and rendered anew


def scanned_pdf(pages: int) -> bytes:
    """Pages that are each one distinct image (decoded: ~5.8 MB each)."""
    doc = pymupdf.open()
    for number in range(pages):
        picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 1200, 1600), False)
        picture.clear_with(40 + 20 * number)
        page = doc.new_page()
        page.insert_image(page.rect, stream=picture.tobytes("jpeg"))
    return bytes(doc.tobytes(garbage=3, deflate=True))


def test_decoded_images_are_bounded(
    qtbot: QtBot, view: DocumentView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer._mupdf import MUPDF_LOCK, store_size
    from viewer.widget import _canvas, _thumbs

    budget = 8 * 1024 * 1024
    monkeypatch.setattr(_canvas, "STORE_BUDGET", budget)
    monkeypatch.setattr(_thumbs, "STORE_BUDGET", budget)
    load(qtbot, view, scanned_pdf(8))
    for page in range(8):
        view.go_to_page(page)
        qtbot.waitUntil(lambda p=page: any(k[0] == p for k in view.canvas.cache._images))
    view.pool.wait_for_done()
    with MUPDF_LOCK:
        size = store_size()
    assert size is not None and size <= budget
