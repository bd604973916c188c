"""The document list: columns the user chooses and orders (remembered per user and server),
files dropped from the desktop to be filed, documents dragged out to be exported."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QTreeView, QWidget

from sync.api import Client

from ..actions.export import DocumentExports, export_mime, is_dossier_drag
from ..infra.settings import UserSettings
from .item_models import Column, Roles

__all__ = ["DocumentListView", "dropped_paths", "layout_key"]

log = logging.getLogger(__name__)
FIT_ROWS = 200  # rows looked at to fit a column's width (Qt's default, 1,000, takes ~1 s)


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls() or is_dossier_drag(mime):
        return []
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).is_file()]


def layout_key(session: Client) -> str:
    """Where the list's columns are kept: one layout per user and server."""
    return "columns/" + session.settings_scope


class DocumentListView(QTreeView):
    """``filesDropped(paths)`` when files from the desktop are dropped on the list.

    The header's context menu shows and hides columns (not the title), sections can be
    dragged into another order; the layout is saved in the user's settings under ``layout_key``
    whenever the user changes it and restored by ``use_layout``."""

    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.exports: DocumentExports | None = None
        self._settings: UserSettings | None = None
        self._key = ""
        self._restoring = False
        header = self.header()
        header.setSectionsMovable(True)
        header.setFirstSectionMovable(False)  # the title stays first: it holds the groups
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionMoved.connect(self._user_changed_layout)
        header.sortIndicatorChanged.connect(self._user_changed_layout)
        header.viewport().installEventFilter(self)  # a resize by mouse: saved on release

    # columns -----------------------------------------------------------------------------

    def use_layout(self, settings: UserSettings, key: str) -> bool:
        """Remember layout changes under ``key`` from now on and restore the one saved there;
        ``True`` when there was one (then the widths are the user's, not fitted)."""
        self._settings, self._key = settings, key
        state = settings.column_layout(key)
        if state is None:
            return False
        self._restoring = True
        try:
            restored = self.header().restoreState(state)
            self._keep_title_first()
        finally:
            self._restoring = False
        if not restored:
            log.info("column layout %s not restored", key)
        return restored

    def has_saved_layout(self) -> bool:
        return self._settings is not None and bool(self._key) and \
            self._settings.has_column_layout(self._key)

    def fit_columns(self) -> None:
        """Widths fitted to the content (not saved: the layout is the user's to change)."""
        self._restoring = True
        try:
            self.header().setResizeContentsPrecision(FIT_ROWS)
            for column in range(len(Column)):
                self.resizeColumnToContents(column)
            self.setColumnWidth(Column.Title, min(280, self.columnWidth(Column.Title)))
        finally:
            self._restoring = False

    def save_layout(self) -> None:
        if self._settings is not None and self._key and not self._restoring:
            self._settings.set_column_layout(self._key, self.header().saveState())

    def reset_layout(self) -> None:
        """Every column back, in the original order, widths fitted; nothing saved."""
        header = self.header()
        self._restoring = True
        try:
            for column in range(len(Column)):
                header.setSectionHidden(column, False)
                header.moveSection(header.visualIndex(column), column)
        finally:
            self._restoring = False
        if self._settings is not None and self._key:
            self._settings.forget_column_layout(self._key)
        self.fit_columns()

    def set_column_shown(self, column: Column, shown: bool) -> None:
        if column == Column.Title:
            return
        self.header().setSectionHidden(column, not shown)
        self.save_layout()

    def column_menu(self) -> QMenu:
        """A checkable entry per column in the order shown; the title cannot be hidden."""
        header = self.header()
        menu = QMenu(self.tr("Columns"), self)
        model = self.model()
        for visual in range(header.count()):
            column = Column(header.logicalIndex(visual))
            text = str(model.headerData(column, Qt.Orientation.Horizontal)) if model else ""
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.Title)
            action.toggled.connect(lambda shown, c=column: self.set_column_shown(c, shown))
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset_layout)
        return menu

    def _header_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.header().mapToGlobal(position))

    def _keep_title_first(self) -> None:
        header = self.header()
        header.setSectionHidden(Column.Title, False)
        if header.visualIndex(Column.Title) != 0:
            header.moveSection(header.visualIndex(Column.Title), 0)

    def _user_changed_layout(self, *_args: Any) -> None:
        self.save_layout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and \
                watched is self.header().viewport():
            QTimer.singleShot(0, self.save_layout)  # after the header finished the resize
        return super().eventFilter(watched, event)

    # dragging a document out ---------------------------------------------------------------

    def drag_mime(self, document: dict[str, Any] | None) -> QMimeData | None:
        """The data for dragging ``document`` out, or ``None`` (with a word in the status
        bar) while its export is still being prepared."""
        if document is None:
            return None
        path = self.exports.ready(document) if self.exports is not None else None
        if path is None:
            if self.exports is not None:
                self.exports.prepare(document)
            self._status(self.tr("Still loading – try again in a moment"))
            return None
        return export_mime(document, path)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        index = self.currentIndex()
        mime = self.drag_mime(index.data(Roles.Document) if index.isValid() else None)
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 5000)

    # files dropped from the desktop --------------------------------------------------------

    def _wants(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        """Files from outside; never a document dragged from a Dossier list."""
        mime = event.mimeData()
        return mime is not None and mime.hasUrls() and not is_dossier_drag(mime) \
            and event.source() is not self

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._wants(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._wants(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event) if self._wants(event) else []
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            event.ignore()
