"""The hits of a search or a view as an item model: one row per hit (title with its snippet,
file, type, date), under group rows (type, file, register, month) when the search is grouped.

The server sorts and counts the groups over all hits; the model shows the hits loaded so far
under them, in the server's order, and takes further pages as they come ("more").
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sync.api import SearchGroup, SearchHit, Snippet

from ..cockpit.item_models import document_date
from .calls import SearchPage

__all__ = ["HitColumn", "HitDelegate", "HitRoles", "SearchResultModel", "hit_html",
           "text_tooltip"]

Index = QModelIndex | QPersistentModelIndex
MARK_STYLE = "background-color:#ffe08a; font-weight:600;"


class HitRoles(IntEnum):
    Hit = Qt.ItemDataRole.UserRole + 1  # the SearchHit
    Html = Qt.ItemDataRole.UserRole + 2  # the first column as rich text


class HitColumn(IntEnum):
    Document = 0
    File = 1
    Type = 2
    Date = 3


_HEADERS = (QT_TRANSLATE_NOOP("SearchResultModel", "Document"),
            QT_TRANSLATE_NOOP("SearchResultModel", "Customer file"),
            QT_TRANSLATE_NOOP("SearchResultModel", "Type"),
            QT_TRANSLATE_NOOP("SearchResultModel", "Date"))


def hit_html(title: str, snippet: Snippet) -> str:
    """The title in bold and the snippet below it, its matched words highlighted. Only the
    marks become markup: everything else is shown as text, whatever the answer holds."""
    out = []
    for part, marked in snippet.parts:
        text = html.escape(part)
        out.append(f'<span style="{MARK_STYLE}">{text}</span>' if marked else text)
    body = "".join(out).replace("\n", " ")
    return f"<b>{html.escape(title)}</b><br/><span>{body}</span>"


def text_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written: Qt would take a text with tags for rich text
    (a title or a query with ``<b>`` in it)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


@dataclass
class _Group:
    values: list[str]  # the server's groups shown as one (the same register in many files)
    label: str
    count: int
    rows: list[int]  # indices into the hits


def _merged(groups: list[_Group]) -> list[_Group]:
    """Groups with the same label as one: a register of every file is one register."""
    by_label: dict[str, _Group] = {}
    for group in groups:
        same = by_label.get(group.label)
        if same is None:
            by_label[group.label] = group
        else:
            same.values.extend(group.values)
            same.count += group.count
    return sorted(by_label.values(), key=lambda g: (-g.count, g.label.casefold()))


def _belongs(hit: SearchHit, group_by: str, value: str) -> bool:
    document = hit.document
    if group_by == "type":
        return document.type.casefold() == value.casefold()
    if group_by == "file":
        return hit.file.id == value
    if group_by == "register":
        return value in document.registers
    if group_by == "month":
        return document.created_at[:7] == value
    return False


class SearchResultModel(QAbstractItemModel):
    """Hits, flat or under groups. ``type_label(name)`` gives a document type's label."""

    def __init__(self, type_label: Callable[[str], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._type_label = type_label
        self._hits: list[SearchHit] = []
        self._rows: list[tuple[str, ...]] = []
        self._groups: list[_Group] = []
        self._group_by: str | None = None
        self._group_labels: Callable[[str, SearchGroup], str] = lambda _by, g: g.label
        self.total = 0

    def set_group_labels(self, labels: Callable[[str, SearchGroup], str]) -> None:
        """``labels(group_by, group)``: the text a group row shows."""
        self._group_labels = labels

    def show_page(self, page: SearchPage, group_by: str | None, *, append: bool) -> None:
        """Show ``page``'s hits; ``append`` adds them below those shown (the next page)."""
        self.beginResetModel()
        if not append:
            self._hits, self._rows = [], []
        self._hits.extend(page.hits)
        self._rows.extend(self._display(hit) for hit in page.hits)
        self.total = page.total
        self._group_by = group_by if page.groups is not None else None
        if self._group_by is not None and (page.groups or not append):
            self._groups = _merged([_Group([g.value], self._group_labels(self._group_by, g),
                                            g.count, [])
                                     for g in page.groups or []])
        elif self._group_by is None:
            self._groups = []
        self._assign()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._hits, self._rows, self._groups, self.total = [], [], [], 0
        self.endResetModel()

    def _assign(self) -> None:
        if self._group_by is None:
            return
        for group in self._groups:
            group.rows = [n for n, hit in enumerate(self._hits)
                          if any(_belongs(hit, self._group_by, v) for v in group.values)]
        placed = {n for group in self._groups for n in group.rows}
        rest = [n for n in range(len(self._hits)) if n not in placed]
        if rest:
            self._groups.append(_Group([""], "—", len(rest), rest))

    def _display(self, hit: SearchHit) -> tuple[str, ...]:
        iso = document_date(hit.document.raw)
        date = QDate.fromString(iso, Qt.DateFormat.ISODate)
        return (hit.document.title, f"{hit.file.key} · {hit.file.title}",
                self._type_label(hit.document.type),
                QLocale().toString(date, QLocale.FormatType.ShortFormat)
                if date.isValid() else iso)

    @property
    def hit_count(self) -> int:
        """How many hits are loaded (the model may show a few twice: in two registers)."""
        return len(self._hits)

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    # the tree: internalId 0 for a top row, group number + 1 for a hit under a group ---------

    def _hit_number(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        if self._group_by is None:
            return index.row()
        group = index.internalId()
        return self._groups[group - 1].rows[index.row()] if group else None

    def hit(self, index: Index) -> SearchHit | None:
        number = self._hit_number(index)
        return self._hits[number] if number is not None else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if parent.isValid():
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, 0)

    # the stubs merge QObject.parent() into this overload set; Qt's models override it so
    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups) if self._group_by is not None else len(self._hits)
        if self._group_by is not None and parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HitColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SearchResultModel", str(_HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number = self._hit_number(index)
        if number is None:  # a group row
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{group.label} ({group.count})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        hit = self._hits[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[number][index.column()]
        if role == HitRoles.Hit:
            return hit
        if role == HitRoles.Html and index.column() == HitColumn.Document:
            return hit_html(self._rows[number][0], hit.snippet)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text_tooltip(self._rows[number][index.column()])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class HitDelegate(QStyledItemDelegate):
    """Paints the rich text of ``HitRoles.Html``: the title and two lines of snippet."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[str, int] = {}

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(text)
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(HitRoles.Html)
        if not text:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect = option.rect
        document = self._document(option, text)
        document.setTextWidth(rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        context.palette.setColor(
            QPalette.ColorRole.Text,
            palette.color(QPalette.ColorRole.HighlightedText if selected
                          else QPalette.ColorRole.Text))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(),
                                   min(rect.height(), self._three_lines(option) - 4)))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(HitRoles.Html):
            size.setHeight(self._three_lines(option))
        return size

    def _three_lines(self, option: QStyleOptionViewItem) -> int:
        """The height of the title and two lines of snippet, as rich text lays them out: a
        row shows whole lines only."""
        key = option.font.key()
        if key not in self._heights:
            sample = self._document(option, "<b>Xg</b><br/>Xg<br/>Xg")
            self._heights[key] = int(sample.size().height()) + 1
        return self._heights[key]
