"""Item models of a customer file's documents.

``DocumentTableModel`` (one row per document, sorted by any column) → ``DocumentFilterProxy``
(filter as you type, restrict to a register) → ``GroupedDocumentModel`` (optional group rows by
type, register or month, each with its documents as children, in the table's order).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from sync.api import CustomerFile

from ..infra.i18n import label

__all__ = ["Column", "DocumentFilterProxy", "DocumentRow", "DocumentTableModel", "GroupMode",
           "GroupedDocumentModel", "Roles", "RowMaker", "format_money"]

Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    Document = Qt.ItemDataRole.UserRole + 1  # the document dict
    Sort = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (str, float)
    SearchText = Qt.ItemDataRole.UserRole + 3  # everything the filter looks at, lower case
    DocumentId = Qt.ItemDataRole.UserRole + 4


class Column(IntEnum):
    Title = 0
    Type = 1
    Register = 2
    Date = 3
    Number = 4
    Amount = 5
    Version = 6
    FileName = 7


class GroupMode(IntEnum):
    Nothing = 0
    Type = 1
    Register = 2
    Month = 3


_HEADERS: dict[Column, object] = {
    Column.Title: QT_TRANSLATE_NOOP("DocumentTableModel", "Title"),
    Column.Type: QT_TRANSLATE_NOOP("DocumentTableModel", "Type"),
    Column.Register: QT_TRANSLATE_NOOP("DocumentTableModel", "Register"),
    Column.Date: QT_TRANSLATE_NOOP("DocumentTableModel", "Date"),
    Column.Number: QT_TRANSLATE_NOOP("DocumentTableModel", "Number"),
    Column.Amount: QT_TRANSLATE_NOOP("DocumentTableModel", "Amount"),
    Column.Version: QT_TRANSLATE_NOOP("DocumentTableModel", "Version"),
    Column.FileName: QT_TRANSLATE_NOOP("DocumentTableModel", "File name"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentTableModel", text)


def format_money(amount: Any, currency: Any = "") -> str:
    try:
        value = float(Decimal(str(amount)))
    except (InvalidOperation, ValueError):
        return str(amount)
    text = QLocale().toString(value, "f", 2)
    return f"{text} {currency}".strip()


def document_date(document: dict[str, Any]) -> str:
    """ISO date of the document: its ``date`` index value, else when it was filed."""
    value = document.get("index", {}).get("date") or document.get("created_at") or ""
    return str(value)[:10]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document with everything the list shows, sorts and filters by, computed once (on a
    worker for big files) so that painting, sorting and filtering are lookups."""

    document: dict[str, Any]
    display: tuple[str, ...]  # per Column
    sort_keys: tuple[Any, ...]  # per Column; one type per column
    search_text: str  # lower case
    signature: tuple[Any, ...] = ()  # all the list shows and filters by, to compare rows

    def __post_init__(self) -> None:
        if not self.signature:
            object.__setattr__(self, "signature", (
                self.display, self.sort_keys, self.search_text,
                tuple(sorted(self.document.get("registers") or ()))))


class RowMaker:
    """Turns a file's documents into ``DocumentRow``s (no widgets: safe on a worker)."""

    def __init__(self, customer_file: CustomerFile) -> None:
        self._file = customer_file
        self._register_labels = {r.id: label(r) for r in customer_file.registers()}
        self._register_order = {r_id: n for n, r_id in enumerate(self._register_labels)}
        self._type_labels: dict[str, str] = {}
        self._locale = QLocale()

    def type_label(self, document: dict[str, Any]) -> str:
        name = str(document.get("type", ""))
        if name not in self._type_labels:
            self._type_labels[name] = label(self._file.document_type(name))
        return self._type_labels[name]

    def register_labels(self, document: dict[str, Any]) -> list[str]:
        """In the register tree's order (the server and the replica may list them otherwise)."""
        order = self._register_order
        ids = sorted(document.get("registers", []), key=lambda r: order.get(r, len(order)))
        return [self._register_labels.get(r, "?") for r in ids]

    def rows(self) -> list[DocumentRow]:
        return [self.row(d) for d in self._file.documents]

    def row(self, document: dict[str, Any]) -> DocumentRow:
        index = document.get("index") or {}
        version = document.get("current_version") or {}
        iso = document_date(document)
        date = QDate.fromString(iso, Qt.DateFormat.ISODate)
        amount = index.get("amount") or index.get("annual_value")
        registers = self.register_labels(document)
        display = (
            str(document.get("title", "")),
            self.type_label(document),
            ", ".join(registers),
            self._locale.toString(date, QLocale.FormatType.ShortFormat)
            if date.isValid() else iso,
            str(index.get("number", "")),
            format_money(amount, index.get("currency", "")) if amount else "",
            str(version.get("number", "")),
            str(version.get("filename", "")),
        )
        try:
            amount_key = float(amount or 0)
        except (TypeError, ValueError):
            amount_key = 0.0
        sort_keys: tuple[Any, ...] = (
            display[Column.Title].casefold(), display[Column.Type].casefold(),
            display[Column.Register].casefold(), iso, display[Column.Number].casefold(),
            amount_key, float(version.get("number", 0) or 0),
            display[Column.FileName].casefold())
        parts = [display[Column.Title], display[Column.Type], *registers,
                 display[Column.FileName], *(str(v) for v in index.values())]
        return DocumentRow(document, display, sort_keys, " ".join(parts).casefold())


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class DocumentTableModel(QAbstractTableModel):
    """One row per document. Sorts itself (``sort``) with the rows' keys: the proxy above
    only filters, so that 2,000 rows sort in a millisecond rather than through a Python
    ``lessThan`` called 20,000 times."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file: CustomerFile | None = None
        self._rows: list[DocumentRow] = []
        self._maker: RowMaker | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._row_of: dict[str, int] | None = None  # document id → row, made when asked

    def set_file(self, customer_file: CustomerFile | None,
                 rows: list[DocumentRow] | None = None) -> None:
        """Show ``customer_file``; ``rows`` made beforehand (``RowMaker``) save the work."""
        self.beginResetModel()
        self._file = customer_file
        self._maker = RowMaker(customer_file) if customer_file else None
        if rows is None:
            rows = self._maker.rows() if self._maker else []
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def refresh(self, customer_file: CustomerFile, rows: list[DocumentRow]) -> bool:
        """Take ``rows`` of the same file without a reset when they show exactly what is shown
        (a file just checked out, read from the replica now): no relayout of thousands of
        rows. False, and nothing changed, when anything visible differs."""
        shown = {row.document["id"]: row.signature for row in self._rows}
        fresh = {row.document["id"]: row for row in rows}
        if shown != {doc_id: row.signature for doc_id, row in fresh.items()}:
            return False
        self._file = customer_file
        self._maker = RowMaker(customer_file)
        self._rows = [fresh[row.document["id"]] for row in self._rows]  # the order shown
        return True

    @property
    def customer_file(self) -> CustomerFile | None:
        return self._file

    def documents(self) -> list[dict[str, Any]]:
        return [row.document for row in self._rows]

    def row_at(self, row: int) -> DocumentRow:
        return self._rows[row]

    def row_of(self, doc_id: str) -> int:
        if self._row_of is None:
            self._row_of = {r.document["id"]: i for i, r in enumerate(self._rows)}
        return self._row_of.get(doc_id, -1)

    def type_label(self, document: dict[str, Any]) -> str:
        if self._maker is None:
            return str(document.get("type", ""))
        return self._maker.type_label(document)

    def register_labels(self, document: dict[str, Any]) -> list[str]:
        return self._maker.register_labels(document) if self._maker else []

    def register_order(self, register_id: str) -> int:
        ids = [r.id for r in self._file.registers()] if self._file else []
        return ids.index(register_id) if register_id in ids else len(ids)

    # sorting -----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.beginResetModel()
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        self._row_of = None
        if self._sort is None or not 0 <= self._sort[0] < len(Column):
            return
        column, order = self._sort
        self._rows.sort(key=lambda r: r.sort_keys[column],
                        reverse=order == Qt.SortOrder.DescendingOrder)

    # Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(_HEADERS[Column(section)]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == Roles.Document:
            return row.document
        if role == Roles.DocumentId:
            return row.document["id"]
        if role == Roles.Sort:
            return row.sort_keys[column]
        if role == Roles.SearchText:
            return row.search_text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.Amount,
                                                                     Column.Version):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.Title:
            return row.display[column]
        return None


class DocumentFilterProxy(QSortFilterProxyModel):
    """Filters on every word typed (all must match) and optionally keeps only one register's
    documents. It does not sort: the table below does (``DocumentTableModel.sort``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._register: str | None = None
        self.setDynamicSortFilter(False)

    def set_filter_text(self, text: str) -> None:
        self._refilter(words=text.casefold().split())

    def set_register(self, register_id: str | None) -> None:
        if register_id != self._register:  # a file reloaded in the same register: no
            self._refilter(register=register_id)  # second pass over its 2,000 rows

    def _refilter(self, **changes: Any) -> None:
        modern = hasattr(self, "beginFilterChange")  # Qt ≥ 6.9
        if modern:
            self.beginFilterChange()
        self._words = changes.get("words", self._words)
        self._register = changes.get("register", self._register)
        if modern:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DocumentTableModel)
        row = model.row_at(source_row)
        if self._register is not None and \
                self._register not in row.document.get("registers", []):
            return False
        return all(word in row.search_text for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        assert isinstance(model, DocumentTableModel)
        model.sort(column, order)


#: the roles a document row answers (DocumentTableModel.data); the view asks ~10 more per
#: cell while painting, answered None here without mapping the index to the table
_ANSWERED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole, *Roles))
_DROP_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
#: a document row is dragged out as a file (DocumentListView)
_DOCUMENT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
    Qt.ItemFlag.ItemIsDragEnabled


class GroupedDocumentModel(QAbstractItemModel):
    """A tree over the proxy: group rows with their documents as children (or a flat list
    when not grouping). Sorting is the proxy's; groups come in a natural order."""

    def __init__(self, proxy: DocumentFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._mode = GroupMode.Nothing
        self._groups: list[tuple[str, list[int]]] = []  # (label, proxy rows)
        self._flat_count = 0  # the proxy's rows, as of the last rebuild
        for signal in (proxy.modelReset, proxy.layoutChanged, proxy.rowsInserted,
                       proxy.rowsRemoved):
            signal.connect(self._rebuild)
        proxy.dataChanged.connect(self._rebuild)
        self._rebuild()

    @property
    def mode(self) -> GroupMode:
        return self._mode

    def set_mode(self, mode: GroupMode) -> None:
        self._mode = GroupMode(mode)
        self._rebuild()

    def groups(self) -> list[tuple[str, int]]:
        """(label, document count) of each group, in display order."""
        return [(name, len(rows)) for name, rows in self._groups]

    def _table(self) -> DocumentTableModel:
        model = self._proxy.sourceModel()
        assert isinstance(model, DocumentTableModel)
        return model

    def _rebuild(self, *_args: Any) -> None:
        self.beginResetModel()
        self._groups = []
        self._flat_count = self._proxy.rowCount()
        if self._mode != GroupMode.Nothing:
            buckets: dict[Any, tuple[str, list[int]]] = {}
            table = self._table()
            for row in range(self._flat_count):
                source = self._proxy.mapToSource(self._proxy.index(row, 0)).row()
                order, name = self._group_of(table.row_at(source).document)
                buckets.setdefault(order, (name, []))[1].append(row)
            reverse = self._mode == GroupMode.Month
            self._groups = [buckets[k] for k in sorted(buckets, reverse=reverse)]
        self.endResetModel()

    def _group_of(self, document: dict[str, Any]) -> tuple[Any, str]:
        table = self._table()
        if self._mode == GroupMode.Type:
            name = table.type_label(document)
            return name.casefold(), name
        if self._mode == GroupMode.Register:
            registers = document.get("registers", [])
            first = registers[0] if registers else ""
            names = table.register_labels(document)
            return (table.register_order(first), first), names[0] if names else "–"
        iso = document_date(document)[:7]
        date = QDate.fromString(iso + "-01", Qt.DateFormat.ISODate)
        name = QLocale().toString(date, "MMMM yyyy") if date.isValid() else iso
        return iso, name

    # mapping -----------------------------------------------------------------------------

    def proxy_index(self, index: Index) -> QModelIndex:
        """The proxy index behind a document row (invalid for group rows)."""
        if not index.isValid():
            return QModelIndex()
        group = index.internalId()
        if self._mode == GroupMode.Nothing:
            return self._proxy.index(index.row(), index.column())
        if group == 0:
            return QModelIndex()
        return self._proxy.index(self._groups[group - 1][1][index.row()], index.column())

    def index_of(self, doc_id: str) -> QModelIndex:
        table = self._table()
        source = table.row_of(doc_id)
        if source < 0:
            return QModelIndex()
        row = self._proxy.mapFromSource(table.index(source, 0)).row()
        if row < 0:  # filtered out
            return QModelIndex()
        if self._mode == GroupMode.Nothing:
            return self.index(row, 0)
        for g, (_name, rows) in enumerate(self._groups):
            if row in rows:
                return self.index(rows.index(row), 0, self.index(g, 0))
        return QModelIndex()

    # Qt model API ------------------------------------------------------------------------

    # The view asks index() and hasChildren() of every row when it lays out (after each reset):
    # both answer without calling back into the model (no hasIndex → rowCount/columnCount).

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if row < 0 or not 0 <= column < len(Column):
            return QModelIndex()
        if not parent.isValid():
            count = self._flat_count if self._mode == GroupMode.Nothing else len(self._groups)
            return self.createIndex(row, column, 0) if row < count else QModelIndex()
        if self._mode == GroupMode.Nothing or parent.internalId() != 0 \
                or parent.column() != 0 or row >= len(self._groups[parent.row()][1]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        if not parent.isValid():
            return self.rowCount() > 0
        return self._mode != GroupMode.Nothing and parent.internalId() == 0 \
            and parent.column() == 0 and bool(self._groups[parent.row()][1])

    # the stubs merge QObject.parent() into this overload set; Qt's models override it so
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if self._mode == GroupMode.Nothing:
            return 0 if parent.isValid() else self._flat_count
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._table().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # asked for every row at each layout: the flags are made once (enum "|" is slow)
        if not index.isValid():
            return _DROP_FLAGS
        if self._mode != GroupMode.Nothing and index.internalId() == 0:
            return _GROUP_FLAGS
        return _DOCUMENT_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self._mode != GroupMode.Nothing and index.internalId() == 0:
            if index.column() != 0:
                return None
            name, rows = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{name} ({len(rows)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role not in _ANSWERED_ROLES:
            return None
        return self.proxy_index(index).data(role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._proxy.sort(column, order)
