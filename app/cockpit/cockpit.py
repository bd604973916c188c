"""The file cockpit: cover sheet, key figures, register tree, document list and viewer."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sync.api import Client, CustomerFile

from ..actions.export import DocumentExports
from ..infra.i18n import label
from ..infra.settings import UserSettings
from ..infra.workers import run_task
from .cover import CoverSheet, KeyFigurePanel, compute_key_figures
from .document_list import DocumentListView, layout_key
from .document_pane import DocumentPane
from .item_models import (
    Column,
    DocumentFilterProxy,
    DocumentRow,
    DocumentTableModel,
    GroupedDocumentModel,
    GroupMode,
    Roles,
    RowMaker,
)

__all__ = ["Cockpit", "DocumentListView"]

log = logging.getLogger(__name__)
RegisterRole = Qt.ItemDataRole.UserRole + 1
SCROLL_LATER_MS = 30  # after a reload: the view's own layout pass comes first, input between


class Cockpit(QWidget):
    """Shows one customer file. ``fileLoaded(CustomerFile)`` after each (re)load;
    ``filesDropped(paths, register_id)`` when files are dropped to be archived;
    ``viewInFile(view)`` when a view is to be shown restricted to this file. With
    ``settings`` the document list's columns are remembered per user and server."""

    fileLoaded = Signal(object)
    filesDropped = Signal(list, str)
    viewInFile = Signal(object)

    def __init__(self, settings: UserSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._session: Client | None = None
        self.customer_file: CustomerFile | None = None
        self._register: str | None = None
        self._generation = 0
        self.heading = QLabel(self.tr("No customer file open"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.state = QLabel()
        self.views = QToolButton()
        self.views.setText(self.tr("Views in this file ▾"))
        self.views.setToolTip(self.tr("A saved search, only in this customer file"))
        self.views.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views.setMenu(QMenu(self.views))
        self.views.setEnabled(False)
        self.figures = KeyFigurePanel()
        self.cover = CoverSheet()
        self.register_tree = QTreeWidget()
        self.register_tree.setHeaderLabels([self.tr("Register"), self.tr("Documents")])
        self.register_tree.setRootIsDecorated(False)
        self.register_tree.setAccessibleName(self.tr("Registers"))
        self.register_tree.setMinimumWidth(190)
        header = self.register_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.register_tree.currentItemChanged.connect(self._register_chosen)
        self.table_model = DocumentTableModel(self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.grouped = GroupedDocumentModel(self.proxy, self)
        self.documents = DocumentListView()
        self.documents.setModel(self.grouped)
        self.documents.setAccessibleName(self.tr("Documents"))
        self.documents.sortByColumn(Column.Date, Qt.SortOrder.DescendingOrder)
        self.exports = DocumentExports(self)
        self.documents.exports = self.exports
        self.documents.filesDropped.connect(
            lambda paths: self.filesDropped.emit(paths, self._register or ""))
        self.grouped.modelReset.connect(self._after_reset)
        self.documents.selectionModel().currentRowChanged.connect(self._current_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter documents…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter documents"))
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.group_by = QComboBox()
        self.group_by.setAccessibleName(self.tr("Group documents by"))
        for mode, text in ((GroupMode.Nothing, self.tr("No grouping")),
                           (GroupMode.Type, self.tr("Group by type")),
                           (GroupMode.Register, self.tr("Group by register")),
                           (GroupMode.Month, self.tr("Group by month"))):
            self.group_by.addItem(text, int(mode))
        self.group_by.currentIndexChanged.connect(
            lambda _i: self.set_group_mode(GroupMode(self.group_by.currentData())))
        self.pane = DocumentPane()
        self.pane.previewReady.connect(self._prepare_export)
        self._layout()
        self.setEnabled(False)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.state)
        header.addWidget(self.views)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.group_by)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(bar)
        list_layout.addWidget(self.documents, 1)
        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.addWidget(self.register_tree)
        lists.addWidget(list_box)
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 4)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.cover)
        left.addWidget(lists)
        left.setStretchFactor(0, 0)
        left.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.pane)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        main.setSizes([900, 560])
        self.splitter = main
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.figures)
        layout.addWidget(main, 1)

    def attach(self, session: Client) -> None:
        self._session = session
        self.pane.attach(session)
        self.exports.attach(session)
        if self._settings is not None:
            self.documents.use_layout(self._settings, layout_key(session))

    def _prepare_export(self, doc_id: str) -> None:
        """The viewer has the content now (usually from the cache): export it for dragging."""
        document = self.pane.document
        if document is not None and document["id"] == doc_id:
            self.exports.prepare(document)

    # loading -----------------------------------------------------------------------------

    def open_file(self, file_id: str, *, keep_document: str | None = None) -> None:
        if self._session is None:
            return
        self._generation += 1
        generation = self._generation
        session = self._session
        if keep_document is None:
            self.heading.setText(self.tr("Opening…"))

        def load() -> tuple[CustomerFile, list[DocumentRow]]:
            customer_file = session.open_file(file_id)
            return customer_file, RowMaker(customer_file).rows()  # the list's texts, here

        run_task(load, on_done=lambda loaded: self._show(generation, *loaded,
                                                         keep_document=keep_document))

    def open_document(self, file_id: str, doc_id: str) -> None:
        """Open the file with ``doc_id`` selected: all registers, no filter, so that the
        document is in the list."""
        self._register = None
        self.filter.clear()
        if self.customer_file is not None and self.customer_file.id == file_id:
            self._fill_registers(self.customer_file)
            if self.select_document(doc_id):
                return
        self.open_file(file_id, keep_document=doc_id)

    def set_views(self, views: list[dict[str, Any]]) -> None:
        """The views the header's "Views in this file" menu offers."""
        menu = self.views.menu()
        menu.clear()
        for view in views:
            menu.addAction(str(view.get("name", "")), partial(self.viewInFile.emit, view))
        self.views.setEnabled(bool(views))

    def show_like(self, other: Cockpit) -> None:
        """Show what ``other`` shows — file, register, filter, grouping, selected document,
        tab — without loading the file again (a window rebuilt in another language)."""
        self._register = other._register
        self.filter.setText(other.filter.text())
        self.set_group_mode(other.grouped.mode)
        if other.customer_file is not None:
            document = other.pane.document
            self._generation += 1
            self._show(self._generation, other.customer_file,
                       keep_document=str(document["id"]) if document else None)
        self.pane.tabs.setCurrentIndex(other.pane.tabs.currentIndex())

    def reload(self) -> None:
        if self.customer_file is not None:
            current = self.pane.document
            self.open_file(self.customer_file.id,
                           keep_document=current["id"] if current else "")

    def _show(self, generation: int, customer_file: CustomerFile,
              rows: list[DocumentRow] | None = None, *,
              keep_document: str | None = None) -> None:
        if generation != self._generation:
            return
        previous, self.customer_file = self.customer_file, customer_file
        same_file = previous is not None and previous.id == customer_file.id
        self.heading.setText(f"{customer_file.title}  ·  {customer_file.key}")
        self.state.setText(self.tr("Checked out") if customer_file.checked_out else "")
        self.setEnabled(True)
        self.figures.show_figures(compute_key_figures(customer_file.documents))
        self.cover.show_file(customer_file)
        self._fill_registers(customer_file)
        if rows is None:
            rows = RowMaker(customer_file).rows()
        if not (same_file and self.table_model.refresh(customer_file, rows)):
            self.table_model.set_file(customer_file, rows)
        if not same_file and not self.documents.has_saved_layout():
            self.documents.fit_columns()
        if keep_document:
            self.select_document(keep_document, scroll_later=True)
            fresh = next((d for d in customer_file.documents if d["id"] == keep_document), None)
            shown = self.pane.document
            if fresh is not None and shown is not None and shown["id"] == fresh["id"] \
                    and _what_shows(shown) != _what_shows(fresh):  # changed: show it now
                self.pane.show_document(customer_file, fresh)
        else:
            self.pane.show_document(customer_file, None)
        self.fileLoaded.emit(customer_file)

    def _fill_registers(self, customer_file: CustomerFile) -> None:
        self.register_tree.blockSignals(True)
        self.register_tree.clear()
        everything = QTreeWidgetItem([self.tr("All documents"),
                                      str(len(customer_file.documents))])
        everything.setData(0, RegisterRole, None)
        everything.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.register_tree.addTopLevelItem(everything)
        items: dict[str, QTreeWidgetItem] = {}
        for register in customer_file.registers():
            item = QTreeWidgetItem([label(register), str(register.count)])
            item.setData(0, RegisterRole, register.id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            parent = items.get(register.parent_id or "")
            (parent.addChild(item) if parent else self.register_tree.addTopLevelItem(item))
            items[register.id] = item
        self.register_tree.expandAll()
        selected = items.get(self._register or "", everything)
        self.register_tree.setCurrentItem(selected)
        self.proxy.set_register(selected.data(0, RegisterRole))
        self.register_tree.blockSignals(False)

    def _register_chosen(self, item: QTreeWidgetItem | None, _old: Any) -> None:
        self._register = item.data(0, RegisterRole) if item else None
        self.proxy.set_register(self._register)

    # list --------------------------------------------------------------------------------

    def set_group_mode(self, mode: GroupMode) -> None:
        self.grouped.set_mode(mode)
        index = self.group_by.findData(int(mode))
        if index != self.group_by.currentIndex():
            self.group_by.setCurrentIndex(index)

    def _after_reset(self) -> None:
        if self.grouped.mode != GroupMode.Nothing:
            self.documents.expandAll()
        current = self.pane.document
        if current is not None:
            index = self.grouped.index_of(current["id"])
            if index.isValid():
                self.documents.selectionModel().blockSignals(True)
                self.documents.setCurrentIndex(index)
                self.documents.selectionModel().blockSignals(False)

    def select_document(self, doc_id: str, *, scroll_later: bool = False) -> bool:
        """Select the document and scroll to it; ``scroll_later`` scrolls in the next turn of
        the event loop (after a reload the view first lays out every row: not in the same
        turn as the reload, so that neither holds the window up for long)."""
        index = self.grouped.index_of(doc_id)
        if not index.isValid():
            return False
        self.documents.setCurrentIndex(index)
        if scroll_later:
            QTimer.singleShot(SCROLL_LATER_MS, self, lambda: self._scroll_to(doc_id))
        else:
            self.documents.scrollTo(index)
        return True

    def _scroll_to(self, doc_id: str) -> None:
        index = self.grouped.index_of(doc_id)
        if index.isValid():
            self.documents.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.customer_file is None:
            return
        document = self.grouped.proxy_index(current).data(Roles.Document) \
            if current.isValid() else None
        if document is None:
            return
        shown = self.pane.document
        if shown is None or shown["id"] != document["id"] or \
                shown.get("etag") != document.get("etag"):
            self.pane.show_document(self.customer_file, document)

    def selected_document(self) -> dict[str, Any] | None:
        return self.pane.document


def _what_shows(document: dict[str, Any]) -> tuple[Any, ...]:
    """What the document pane shows of a document (not how it was fetched)."""
    version = document.get("current_version") or {}
    return (document.get("title"), document.get("type"), document.get("index"),
            sorted(document.get("registers") or []), version.get("number"),
            version.get("sha256"), document.get("etag"))
