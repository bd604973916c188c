"""The search panel: the query field, filter chips (type, register, date), grouping and
sorting, the hits with their snippets, "more" for the next page, and what went wrong.

The panel runs the search itself (on a worker, through ``search_calls``); what it shows is
one ``SearchRequest``: a query, or a saved view, optionally restricted to one file.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sync.api import Client, FileSummary, SavedView, SearchGroup

from ..infra.i18n import label
from ..infra.workers import describe_error, run_task
from .calls import (
    PAGE_SIZE,
    BadQuery,
    SearchOff,
    SearchPage,
    run_view,
    search,
    with_filter,
)
from .chips import FilterChips
from .results import HitColumn, HitDelegate, SearchResultModel

__all__ = ["SearchPanel", "SearchRequest"]

log = logging.getLogger(__name__)

GROUPS = ("type", "file", "register", "month")


@dataclass(frozen=True)
class SearchRequest:
    """What the panel shows: ``query``, or the hits of ``view``; only in ``file`` when
    given."""

    query: str = ""
    view: SavedView | None = None
    file: FileSummary | None = None
    sort: str = "relevance"
    group_by: str | None = None


class SearchPanel(QWidget):
    """``hitOpened(hit, query)`` when the user opens a hit; ``saveAsView(query)`` for
    "Save as view…"; ``pageShown(SearchPage)`` after each answer (tests, status bar)."""

    hitOpened = Signal(object, str)
    saveAsView = Signal(str)
    pageShown = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Client | None = None
        self._generation = 0
        self._cursor: str | None = None
        self.offline = False  # the server is known to be unreachable: the replica answers
        self.request = SearchRequest()
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Search documents… (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search documents"))
        self.field.setMinimumWidth(320)
        self.field.returnPressed.connect(self.run_field)
        self.field.installEventFilter(self)  # ↓ goes on to the hits
        self.chips = FilterChips()
        self.chips.chosen.connect(self.set_filter)
        self.file_chip = QToolButton()
        self.file_chip.setCheckable(True)
        self.file_chip.setEnabled(False)
        self.file_chip.setText(self.tr("In the open file"))
        self.file_chip.toggled.connect(self._file_chip_toggled)
        self.open_file: FileSummary | None = None
        self.page_size = PAGE_SIZE
        self.group_by = QComboBox()
        self.group_by.setAccessibleName(self.tr("Group hits by"))
        for value, text in ((None, self.tr("No grouping")), ("type", self.tr("Group by type")),
                            ("file", self.tr("Group by customer file")),
                            ("register", self.tr("Group by register")),
                            ("month", self.tr("Group by month"))):
            self.group_by.addItem(text, value)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort hits"))
        for value, text in (("relevance", self.tr("Best match first")),
                            ("-created", self.tr("Newest first")),
                            ("created", self.tr("Oldest first"))):
            self.sort.addItem(text, value)
        self.group_by.activated.connect(lambda _i: self._rerun())
        self.sort.activated.connect(lambda _i: self._rerun())
        self.save_view = QPushButton(self.tr("Save as view…"))
        self.save_view.clicked.connect(lambda: self.saveAsView.emit(self.field.text().strip()))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # names and queries as written
        self.heading.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setAccessibleName(self.tr("Search message"))
        self.message.hide()
        self.model = SearchResultModel(self._type_label, self)
        self.model.set_group_labels(self._group_label)
        self.results = QTreeView()
        self.results.setModel(self.model)
        self.results.setItemDelegateForColumn(HitColumn.Document, HitDelegate(self.results))
        self.results.setAccessibleName(self.tr("Documents found"))
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        self.results.setWordWrap(True)
        self.results.activated.connect(self._opened)
        self.results.clicked.connect(self._opened)
        header = self.results.header()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.results.setColumnWidth(HitColumn.Document, 560)
        self.results.setColumnWidth(HitColumn.File, 240)
        self.results.setColumnWidth(HitColumn.Type, 130)
        self.more = QPushButton(self.tr("More results"))
        self.more.clicked.connect(self.load_more)
        self.more.hide()
        self._layout()
        self._show_chips()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Narrow:")))
        bar.addWidget(self.chips)
        bar.addWidget(self.file_chip)
        bar.addStretch(1)
        bar.addWidget(self.group_by)
        bar.addWidget(self.sort)
        bar.addWidget(self.save_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down \
                and self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def attach(self, session: Client) -> None:
        self._session = session
        self.chips.fill(session.file_classes)

    # chips --------------------------------------------------------------------------------

    def set_filter(self, name: str, value: str | None) -> None:
        """A chip chosen: the query gets ``name:value`` (or loses its ``name:`` filter) and
        runs again."""
        self.field.setText(with_filter(self.field.text(), name, value))
        self.run_field()

    def set_open_file(self, file: FileSummary | None) -> None:
        """The file open in the window: "In the open file" restricts the search to it."""
        self.open_file = file
        self.file_chip.setEnabled(file is not None or self.request.file is not None)
        self._show_chips()

    def _file_chip_toggled(self, checked: bool) -> None:
        if checked == (self.request.file is not None):
            return  # shown as it is, not chosen
        file = self.open_file if checked else None
        if checked and file is None:
            self.file_chip.setChecked(False)
            return
        self.run(dataclasses.replace(self.request, file=file))

    def _show_chips(self) -> None:
        restricted = self.request.file
        self.file_chip.blockSignals(True)
        self.file_chip.setChecked(restricted is not None)
        self.file_chip.blockSignals(False)
        self.file_chip.setEnabled(restricted is not None or self.open_file is not None)
        file = restricted or self.open_file
        self.file_chip.setText(self.tr("Only in %1").replace("%1", file.key)
                               if file else self.tr("In the open file"))
        self.chips.show_query(self.field.text())

    # running ------------------------------------------------------------------------------

    def run_field(self) -> None:
        """Search for the field's text (in the file the panel is restricted to, if any)."""
        query = self.field.text().strip()
        self.run(dataclasses.replace(self.request, query=query, view=None,
                                     sort=self.sort.currentData(),
                                     group_by=self.group_by.currentData()))

    def _rerun(self) -> None:
        self.run(dataclasses.replace(self.request, sort=self.sort.currentData(),
                                     group_by=self.group_by.currentData()))

    def _header_clicked(self, column: int) -> None:
        """Like the document list: the date's header sorts by date (again: the other way),
        the document's by relevance."""
        if column == HitColumn.Date:
            wanted = "created" if self.sort.currentData() == "-created" else "-created"
        elif column == HitColumn.Document:
            wanted = "relevance"
        else:
            return
        self.sort.setCurrentIndex(self.sort.findData(wanted))
        self._rerun()

    def show_like(self, other: SearchPanel) -> None:
        """Show what ``other`` shows (a window rebuilt in another language): the same
        request, asked again."""
        self.field.setText(other.field.text())
        self.sort.setCurrentIndex(other.sort.currentIndex())
        self.group_by.setCurrentIndex(other.group_by.currentIndex())
        self.open_file = other.open_file
        if other.request.view is not None or other.request.query:
            self.run(other.request)

    def show_view(self, view: SavedView, file: FileSummary | None = None) -> None:
        """The hits of a saved view, only in ``file`` when given."""
        self.field.setText(view.query)
        self.run(SearchRequest(query=view.query, view=view, file=file,
                               sort=self.sort.currentData(),
                               group_by=self.group_by.currentData()))

    def run(self, request: SearchRequest) -> None:
        self.request = request
        self._show_chips()
        self.message.hide()
        if self._session is None:
            return
        if request.view is None and not request.query:
            self.model.clear()
            self.heading.setText(self.tr("Type words to search for, then press Enter."))
            self.more.hide()
            return
        self.heading.setText(self.tr("Searching…"))
        self._fetch(request, None)

    def load_more(self) -> None:
        if self._cursor is not None:
            self._fetch(self.request, self._cursor)

    def _fetch(self, request: SearchRequest, cursor: str | None) -> None:
        session = self._session
        if session is None:
            return
        self._generation += 1
        generation = self._generation
        offline, limit = self.offline, self.page_size

        def call() -> SearchPage:
            if request.view is not None:
                return run_view(session, request.view, file=request.file, sort=request.sort,
                                group_by=request.group_by, limit=limit, cursor=cursor,
                                offline=offline)
            return search(session, request.query, file=request.file, sort=request.sort,
                          group_by=request.group_by, limit=limit, cursor=cursor,
                          offline=offline)

        run_task(call, on_done=lambda page: self._show(generation, page, cursor is not None),
                 on_error=lambda exc: self._failed(generation, exc))

    def _show(self, generation: int, page: SearchPage, append: bool) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self._show_sort_indicator()
        self.model.show_page(page, self.request.group_by, append=append)
        self.results.expandAll()
        self._cursor = page.next_cursor
        self.more.setVisible(page.next_cursor is not None)
        self.heading.setText(self._heading(page))
        self.pageShown.emit(page)

    def _show_sort_indicator(self) -> None:
        header = self.results.header()
        sort = self.request.sort
        header.setSortIndicatorShown(sort in ("created", "-created"))
        header.setSortIndicator(HitColumn.Date, Qt.SortOrder.AscendingOrder if sort == "created"
                                else Qt.SortOrder.DescendingOrder)

    def _heading(self, page: SearchPage) -> str:
        request = self.request
        if not page.total:
            text = self.tr("Nothing found.")
        elif self.model.hit_count < page.total:
            text = self.tr("%n document(s) found, %1 shown.", "", page.total).replace(
                "%1", str(self.model.hit_count))
        else:
            text = self.tr("%n document(s) found.", "", page.total)
        if request.view is not None:
            text = self.tr("View “%1”:").replace("%1", request.view.name) + " " + text
        if request.file is not None:
            text += " " + self.tr("Only in %1 (%2).").replace(
                "%1", request.file.key).replace("%2", request.file.title)
        if page.from_replica:
            text += " " + self.tr("Results from the checked-out files only (offline).")
        return text

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(exc, BadQuery):
            if exc.position is not None:
                text = self.tr("The search cannot be understood at position %1: expected "
                               "%2.").replace("%1", str(exc.position + 1)).replace(
                    "%2", exc.expected)
                self.field.setFocus()
                self.field.setSelection(min(exc.position, len(self.field.text())), 1)
            else:
                text = self.tr("The search cannot be run: %1").replace("%1", exc.expected)
        elif isinstance(exc, SearchOff):
            text = self.tr("This server has search switched off.")
        else:
            log.info("search failed: %r", exc)
            text = describe_error(exc)
        self.heading.setText("")
        self.message.setText(text)
        self.message.show()
        self.more.hide()
        self.failed.emit(text)

    # opening ------------------------------------------------------------------------------

    def _opened(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.hitOpened.emit(hit, self.request.query)

    # labels -------------------------------------------------------------------------------

    def _type_label(self, name: str) -> str:
        if self._session is not None:
            for file_class in self._session.file_classes:
                for doc_type in file_class.get("document_types", []):
                    if str(doc_type["name"]).casefold() == name.casefold():
                        return label(doc_type)
        return name

    def _group_label(self, group_by: str, group: SearchGroup) -> str:
        value = group.value
        if group_by == "type":
            return self._type_label(value)
        if group_by == "month":
            date = QDate.fromString(value + "-01", Qt.DateFormat.ISODate)
            return QLocale().toString(date, "MMMM yyyy") if date.isValid() else value
        if group_by == "register":
            return label({"label": group.label})
        return group.label
