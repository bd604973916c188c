"""The navigator: search customer files as you type, views (saved searches), favourite,
recent and checked-out files."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from sync.api import CheckedOutFile, Client, FileRecord

from ..infra.settings import UserSettings
from ..infra.workers import run_task
from ..search.calls import ViewCatalogue
from ..search.results import text_tooltip

__all__ = ["Navigator"]

log = logging.getLogger(__name__)

FileRole = Qt.ItemDataRole.UserRole + 1  # the file's id
ViewRole = Qt.ItemDataRole.UserRole + 2
RECENT_MAX = 8


def _file_text(key: str, title: str, city: str) -> str:
    second = f"{key} · {city}" if city else key
    return f"{title}\n{second}"


def _entry_text(entry: dict[str, Any]) -> str:
    """A remembered file (``{id, key, title, cover: {city}}``, favourites and recent)."""
    return _file_text(str(entry["key"]), str(entry.get("title", "")),
                      str((entry.get("cover") or {}).get("city", "")))


def _entry(file: FileRecord) -> dict[str, Any]:
    """What is remembered of a file among the favourites and the recent files."""
    return {"id": file.id, "key": file.key, "title": file.title,
            "cover": {"city": str(file.cover.get("city", ""))}}


class Navigator(QWidget):
    """Emits ``fileChosen(file_id)`` when the user picks a file from any list,
    ``viewChosen(view, only_open_file)`` when a view is to be shown, ``viewEdit(view)`` and
    ``viewDelete(view)`` for the user's own views."""

    fileChosen = Signal(str)
    searchFinished = Signal(int)  # number of results
    viewChosen = Signal(object, bool)
    viewEdit = Signal(object)
    viewDelete = Signal(object)

    def __init__(self, settings: UserSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._session: Client | None = None
        self._generation = 0
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Customer number or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search customer files"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Customer files found"))
        self.results.setSpacing(2)
        self.setMinimumWidth(240)
        self.results_label = QLabel(self.tr("Customer files"))
        self.favourites = QListWidget()
        self.favourites.setAccessibleName(self.tr("Favourite files"))
        self.favourites.setMaximumHeight(120)
        self.favourites.setToolTip(self.tr("Mark the open file as a favourite with Ctrl+D: "
                                           "new documents in it are announced."))
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent files"))
        self.recent.setMaximumHeight(150)
        self.checked_out = QListWidget()
        self.checked_out.setAccessibleName(self.tr("Checked-out files"))
        self.checked_out.setMaximumHeight(100)
        self.catalogue = ViewCatalogue(views=[])
        self.file_open = False  # a customer file is open: views can be shown in it
        self.views = QListWidget()
        self.views.setAccessibleName(self.tr("Views"))
        self.views.setMinimumHeight(112)  # three views
        self.views.setMaximumHeight(160)
        self.views.setSpacing(2)
        self.views.setToolTip(self.tr("Saved searches: yours and your department's. Right-click "
                                      "for more."))
        self.views.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.views.customContextMenuRequested.connect(self._view_menu)
        self.views.itemActivated.connect(self._view_chosen)
        self.views.itemClicked.connect(self._view_chosen)
        self.views_label = QLabel(self.tr("Views"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.views_label)
        layout.addWidget(self.views, 1)
        layout.addWidget(QLabel(self.tr("Favourites")))
        layout.addWidget(self.favourites, 1)
        layout.addWidget(QLabel(self.tr("Recent files")))
        layout.addWidget(self.recent, 1)
        layout.addWidget(QLabel(self.tr("Checked out")))
        layout.addWidget(self.checked_out, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        for widget in (self.results, self.favourites, self.recent, self.checked_out):
            widget.itemActivated.connect(self._chosen)
            widget.itemClicked.connect(self._chosen)
        self.setEnabled(False)
        self._show_recent()

    def attach(self, session: Client) -> None:
        self._session = session
        self.setEnabled(True)
        self.run_search()
        self.refresh_checked_out()

    def run_search(self) -> None:
        if self._session is None:
            return
        self._generation += 1
        generation = self._generation
        text = self.search.text()
        session = self._session
        run_task(lambda: session.search_files(text),
                 on_done=lambda files: self._show_results(generation, files))

    def _show_results(self, generation: int, files: list[FileRecord]) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self.results.clear()
        for file in files:
            item = QListWidgetItem(_file_text(file.key, file.title,
                                              str(file.cover.get("city", ""))))
            item.setData(FileRole, file.id)
            self.results.addItem(item)
        self.results_label.setText(self.tr("Customer files (%n)", "", len(files)))
        self.searchFinished.emit(len(files))

    def _chosen(self, item: QListWidgetItem) -> None:
        file_id = item.data(FileRole)
        if file_id:
            self.fileChosen.emit(str(file_id))

    # favourite, recent and checked-out files ---------------------------------------------

    def remember(self, file: FileRecord) -> None:
        recent = [f for f in self._recent() if f.get("id") != file.id]
        self._settings.recent_files = [_entry(file), *recent][:RECENT_MAX]
        self._show_recent()

    def show_favourites(self, files: list[dict[str, Any]]) -> None:
        """The favourite files as remembered (``Favourites.files``)."""
        self.favourites.clear()
        for file in files:
            item = QListWidgetItem("★ " + _entry_text(file))
            item.setData(FileRole, file["id"])
            self.favourites.addItem(item)

    def _recent(self) -> list[dict[str, Any]]:
        return self._settings.recent_files

    def _show_recent(self) -> None:
        self.recent.clear()
        for file in self._recent():
            item = QListWidgetItem(_entry_text(file))
            item.setData(FileRole, file["id"])
            self.recent.addItem(item)

    def refresh_checked_out(self) -> None:
        if self._session is None:
            return
        session = self._session

        run_task(session.checked_out_files, on_done=self._show_checked_out,
                 on_error=lambda exc: log.info("checked-out files unavailable: %s", exc))

    def _show_checked_out(self, files: list[CheckedOutFile]) -> None:
        self.checked_out.clear()
        for file in files:
            text = f"{file.key}  {file.title}"
            if file.conflicts:
                text += "  " + self.tr("⚠ %n conflict(s)", "", file.conflicts)
            elif file.pending:
                text += "  " + self.tr("(%n pending)", "", file.pending)
            item = QListWidgetItem(text)
            item.setData(FileRole, file.id)
            if file.conflicts:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setForeground(QColor("#b3261e"))
                item.setToolTip(self.tr("This file has conflicts to resolve (Conflicts…)."))
            self.checked_out.addItem(item)

    # views -------------------------------------------------------------------------------

    def show_views(self, catalogue: ViewCatalogue) -> None:
        """The user's own views first, then those shared with the user's units."""
        self.catalogue = catalogue
        self.views.clear()
        self.views_label.setText(self.tr("Views"))
        ordered = sorted(catalogue.views, key=lambda v: (not catalogue.own(v),
                                                         str(v.get("name", "")).casefold()))
        for view in ordered:
            shared = str(view.get("shared_with") or "").removeprefix("unit:")
            if not catalogue.own(view):
                second = self.tr("from %1").replace("%1", shared)
            elif shared:
                second = self.tr("mine, shared with %1").replace("%1", shared)
            else:
                second = self.tr("mine")
            item = QListWidgetItem(f"{view.get('name', '')}\n{second}")
            item.setData(ViewRole, view)
            item.setToolTip(text_tooltip(str(view.get("query", ""))))
            self.views.addItem(item)

    def views_unavailable(self) -> None:
        """Offline: the views stay as last loaded, and the heading says why no others come."""
        self.views_label.setText(self.tr("Views (need the server)"))

    def _view_chosen(self, item: QListWidgetItem) -> None:
        view = item.data(ViewRole)
        if view:
            self.viewChosen.emit(view, False)

    def view_menu(self, view: dict[str, Any], *, file_open: bool) -> QMenu:
        """Show, show in the open file, and for the user's own views edit and delete."""
        menu = QMenu(self)
        menu.addAction(self.tr("Show"), lambda: self.viewChosen.emit(view, False))
        only_file = menu.addAction(self.tr("Show in the open file"),
                                   lambda: self.viewChosen.emit(view, True))
        only_file.setEnabled(file_open)
        if self.catalogue.own(view):
            menu.addSeparator()
            menu.addAction(self.tr("Edit…"), lambda: self.viewEdit.emit(view))
            menu.addAction(self.tr("Delete…"), lambda: self.viewDelete.emit(view))
        return menu

    def _view_menu(self, position: QPoint) -> None:
        item = self.views.itemAt(position)
        view = item.data(ViewRole) if item is not None else None
        if not view:
            return
        menu = self.view_menu(view, file_open=self.file_open)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.views.viewport().mapToGlobal(position))
