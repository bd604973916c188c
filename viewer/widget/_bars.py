"""The viewer's toolbar and find bar: what they hold and which of the view's slots they call.

Texts are translated in the `DocumentView` context, where they have always been.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolBar, QToolButton, QWidget

__all__ = ["FindBar", "Toolbar", "ViewCommands", "build_find_bar", "build_toolbar"]


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


class ViewCommands(Protocol):
    """What the bars' buttons call on the view (`DocumentView`)."""

    def _toggle_thumbnails(self) -> None: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def fit_width(self) -> None: ...
    def fit_page(self) -> None: ...
    def rotate(self, degrees: int) -> None: ...
    def show_find_bar(self) -> None: ...
    def hide_find_bar(self) -> None: ...
    def _find_or_next(self) -> None: ...
    def find_next(self) -> None: ...
    def find_previous(self) -> None: ...
    def print_document(self) -> object: ...
    def open_in_application(self) -> object: ...
    def copy_selection(self) -> object: ...


def build_toolbar(view: ViewCommands, owner: QWidget) -> Toolbar:
    """Pages, zoom, fit, rotation, the page number, find, print, open; and Ctrl+C (actions
    of ``owner``, the view's widget)."""
    bar = QToolBar()
    bar.setIconSize(QSize(16, 16))

    def action(text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
        act = QAction(text, owner)
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
    copy = QAction(owner)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    copy.triggered.connect(lambda _checked=False: view.copy_selection())
    owner.addAction(copy)
    return Toolbar(bar, thumbs_action, zoom_label, page_label)


def build_find_bar(view: ViewCommands) -> FindBar:
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
