"""The viewer's toolbar and find bar: what they hold and which of the view's slots they call.

Texts are translated in the `DocumentView` context, where they have always been.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolBar, QToolButton, QWidget

if TYPE_CHECKING:
    from .view import DocumentView

__all__ = ["FindBar", "Toolbar", "build_find_bar", "build_toolbar"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentView", text)


@dataclass(frozen=True)
class Toolbar:
    bar: QToolBar
    thumbs_action: QAction
    zoom_label: QLabel
    page_label: QLabel


@dataclass(frozen=True)
class FindBar:
    widget: QWidget
    field: QLineEdit
    status: QLabel


def build_toolbar(view: DocumentView) -> Toolbar:
    """Pages, zoom, fit, rotation, the page number, find, print, open; and Ctrl+C."""
    bar = QToolBar()
    bar.setIconSize(QSize(16, 16))

    def action(text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
        act = QAction(text, view)
        act.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar.addAction(act)
        return act

    thumbs_action = action(_tr("Pages"), view._toggle_thumbnails)
    thumbs_action.setCheckable(True)
    thumbs_action.setChecked(True)
    bar.addSeparator()
    action("−", view.zoom_out, QKeySequence.StandardKey.ZoomOut)
    zoom_label = QLabel("100 %")
    zoom_label.setMinimumWidth(52)
    zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    bar.addWidget(zoom_label)
    action("+", view.zoom_in, QKeySequence.StandardKey.ZoomIn)
    action(_tr("Fit width"), view.fit_width)
    action(_tr("Fit page"), view.fit_page)
    bar.addSeparator()
    action("⟲", lambda: view.rotate(-90))
    action("⟳", lambda: view.rotate(90))
    bar.addSeparator()
    page_label = QLabel("")
    bar.addWidget(page_label)
    spacer = QWidget()
    spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                         spacer.sizePolicy().verticalPolicy())  # fmt: skip
    bar.addWidget(spacer)
    action(_tr("Find"), view.show_find_bar, QKeySequence.StandardKey.Find)
    action(_tr("Print"), view.print_document, QKeySequence.StandardKey.Print)
    action(_tr("Open in application"), view.open_in_application)
    copy = QAction(view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    copy.triggered.connect(lambda _checked=False: view.copy_selection())
    view.addAction(copy)
    return Toolbar(bar, thumbs_action, zoom_label, page_label)


def build_find_bar(view: DocumentView) -> FindBar:
    """The search field, previous / next, "n of m" and close; hidden until asked for."""
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(6, 3, 6, 3)
    field = QLineEdit()
    field.setPlaceholderText(_tr("Find in document"))
    field.returnPressed.connect(view._find_or_next)
    status = QLabel("")
    previous = QToolButton()
    previous.setText("▲")
    previous.clicked.connect(view.find_previous)
    following = QToolButton()
    following.setText("▼")
    following.clicked.connect(view.find_next)
    close = QToolButton()
    close.setText("✕")
    close.clicked.connect(view.hide_find_bar)
    for part in (field, previous, following, status, close):
        row.addWidget(part)
    widget.hide()
    return FindBar(widget, field, status)
