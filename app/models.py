"""Item models of a customer file's documents.

``DocumentTableModel`` (one row per document) → ``DocumentFilterProxy`` (sort by any column,
filter as you type, restrict to a register) → ``GroupedDocumentModel`` (optional group rows by
type, register or month, each with its documents as children, in the proxy's order).
"""

from __future__ import annotations

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

from .i18n import label
from .session import CustomerFile

__all__ = ["Column", "DocumentFilterProxy", "DocumentTableModel", "GroupMode",
           "GroupedDocumentModel", "Roles", "format_money"]

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


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file: CustomerFile | None = None
        self._documents: list[dict[str, Any]] = []
        self._register_labels: dict[str, str] = {}

    def set_file(self, customer_file: CustomerFile | None) -> None:
        self.beginResetModel()
        self._file = customer_file
        self._documents = list(customer_file.documents) if customer_file else []
        self._register_labels = {r["id"]: label(r) for r in customer_file.registers()} \
            if customer_file else {}
        self.endResetModel()

    @property
    def customer_file(self) -> CustomerFile | None:
        return self._file

    def documents(self) -> list[dict[str, Any]]:
        return list(self._documents)

    def row_of(self, doc_id: str) -> int:
        return next((i for i, d in enumerate(self._documents) if d["id"] == doc_id), -1)

    def type_label(self, document: dict[str, Any]) -> str:
        if self._file is None:
            return str(document.get("type", ""))
        return label(self._file.document_type(str(document.get("type", ""))))

    def register_labels(self, document: dict[str, Any]) -> list[str]:
        return [self._register_labels.get(r, "?") for r in document.get("registers", [])]

    def register_order(self, register_id: str) -> int:
        ids = list(self._register_labels)
        return ids.index(register_id) if register_id in ids else len(ids)

    # Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._documents)

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
        document = self._documents[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(document, column)
        if role == Roles.Sort:
            return self._sort_value(document, column)
        if role == Roles.Document:
            return document
        if role == Roles.DocumentId:
            return document["id"]
        if role == Roles.SearchText:
            return self._search_text(document)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.Amount,
                                                                     Column.Version):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.Title:
            return document.get("title", "")
        return None

    def _display(self, document: dict[str, Any], column: Column) -> str:
        index = document.get("index", {})
        version = document.get("current_version") or {}
        if column == Column.Title:
            return str(document.get("title", ""))
        if column == Column.Type:
            return self.type_label(document)
        if column == Column.Register:
            return ", ".join(self.register_labels(document))
        if column == Column.Date:
            iso = document_date(document)
            date = QDate.fromString(iso, Qt.DateFormat.ISODate)
            return QLocale().toString(date, QLocale.FormatType.ShortFormat) \
                if date.isValid() else iso
        if column == Column.Number:
            return str(index.get("number", ""))
        if column == Column.Amount:
            amount = index.get("amount") or index.get("annual_value")
            return format_money(amount, index.get("currency", "")) if amount else ""
        if column == Column.Version:
            return str(version.get("number", ""))
        return str(version.get("filename", ""))

    def _sort_value(self, document: dict[str, Any], column: Column) -> Any:
        index = document.get("index", {})
        if column == Column.Date:
            return document_date(document)
        if column == Column.Amount:
            try:
                return float(index.get("amount") or index.get("annual_value") or 0)
            except ValueError:
                return 0.0
        if column == Column.Version:
            return float((document.get("current_version") or {}).get("number", 0))
        return self._display(document, column).casefold()

    def _search_text(self, document: dict[str, Any]) -> str:
        parts = [str(document.get("title", "")), self.type_label(document),
                 *self.register_labels(document),
                 str((document.get("current_version") or {}).get("filename", ""))]
        parts += [str(v) for v in document.get("index", {}).values()]
        return " ".join(parts).casefold()


class DocumentFilterProxy(QSortFilterProxyModel):
    """Sorts with typed values, filters on every word typed (all must match) and optionally
    keeps only one register's documents."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._register: str | None = None
        self.setSortRole(Roles.Sort)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        self._refilter(words=text.casefold().split())

    def set_register(self, register_id: str | None) -> None:
        self._refilter(register=register_id)

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
        index = model.index(source_row, 0, source_parent)
        if self._register is not None:
            document = index.data(Roles.Document)
            if self._register not in document.get("registers", []):
                return False
        if not self._words:
            return True
        haystack = str(index.data(Roles.SearchText))
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(Roles.Sort), right.data(Roles.Sort)
        if type(a) is not type(b):
            return str(a) < str(b)
        return bool(a < b)


class GroupedDocumentModel(QAbstractItemModel):
    """A tree over the proxy: group rows with their documents as children (or a flat list
    when not grouping). Sorting is the proxy's; groups come in a natural order."""

    def __init__(self, proxy: DocumentFilterProxy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._mode = GroupMode.Nothing
        self._groups: list[tuple[str, list[int]]] = []  # (label, proxy rows)
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
        if self._mode != GroupMode.Nothing:
            buckets: dict[Any, tuple[str, list[int]]] = {}
            for row in range(self._proxy.rowCount()):
                document = self._proxy.index(row, 0).data(Roles.Document)
                order, name = self._group_of(document)
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
        for row in range(self._proxy.rowCount()):
            if self._proxy.index(row, 0).data(Roles.DocumentId) == doc_id:
                if self._mode == GroupMode.Nothing:
                    return self.index(row, 0)
                for g, (_name, rows) in enumerate(self._groups):
                    if row in rows:
                        return self.index(rows.index(row), 0, self.index(g, 0))
        return QModelIndex()

    # Qt model API ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if self._mode == GroupMode.Nothing:
            return 0 if parent.isValid() else self._proxy.rowCount()
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
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if self._mode != GroupMode.Nothing and index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemIsDragEnabled  # dragged out as a file (DocumentListView)

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
        return self.proxy_index(index).data(role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._proxy.sort(column, order)
