"""The cover sheet (fields laid out by type) and the key figures of a customer file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync.api import CustomerFile, FieldDef

from ..infra.i18n import label
from .item_models import document_date, format_money

__all__ = ["CoverSheet", "KeyFigures", "compute_key_figures", "format_timestamp",
           "format_value"]

ADDRESS_FIELDS = ("street", "postcode", "city", "country")


@dataclass
class KeyFigures:
    open_invoices: int
    open_sum: dict[str, Decimal]  # per currency
    last_order: str | None  # ISO date
    open_complaints: int


def compute_key_figures(documents: list[dict[str, Any]]) -> KeyFigures:
    open_invoices = 0
    sums: dict[str, Decimal] = {}
    last_order: str | None = None
    complaints = 0
    for document in documents:
        index = document.get("index", {})
        kind = document.get("type")
        if kind == "invoice" and index.get("paid") is False:
            open_invoices += 1
            currency = str(index.get("currency") or "")
            try:
                amount = Decimal(str(index.get("amount") or "0"))
            except InvalidOperation:
                amount = Decimal(0)
            sums[currency] = sums.get(currency, Decimal(0)) + amount
        elif kind == "order":
            date = document_date(document)
            if date and (last_order is None or date > last_order):
                last_order = date
        elif kind == "complaint" and index.get("status") in ("open", "in progress"):
            complaints += 1
    return KeyFigures(open_invoices, sums, last_order, complaints)


def format_timestamp(iso: str) -> str:
    """An ISO 8601 time as the user reads it (local time, short format); as sent if unreadable."""
    stamp = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not stamp.isValid():
        stamp = QDateTime.fromString(iso[:19], Qt.DateFormat.ISODate)
    return QLocale().toString(stamp.toLocalTime(), QLocale.FormatType.ShortFormat) \
        if stamp.isValid() else iso


def format_value(field: FieldDef, value: Any, cover: Mapping[str, Any] | None = None) -> str:
    """A field's value as the user reads it, by the field's type."""
    if value is None or value == "":
        return "–"
    kind = field.kind
    locale = QLocale()
    if kind == "date":
        date = QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate)
        return locale.toString(date, QLocale.FormatType.LongFormat) if date.isValid() \
            else str(value)
    if kind == "money":
        currency = (cover or {}).get(f"{field.name}_currency", "")
        return format_money(value, currency)
    if kind == "decimal":
        try:
            return locale.toString(float(value), "f", 2)
        except ValueError:
            return str(value)
    if kind == "integer":
        return locale.toString(int(value))
    if kind == "boolean":
        return QCoreApplication.translate("CoverSheet", "yes") if value else \
            QCoreApplication.translate("CoverSheet", "no")
    return str(value)


def _value_label(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def _caption(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setStyleSheet("color: #5f6368;")
    return widget


class CoverSheet(QGroupBox):
    """Cover fields in two columns: text fields, then choices and numbers; the address as one
    block with "Show on map"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cover sheet"), parent)
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(4)
        self._address = ""

    def show_file(self, customer_file: CustomerFile) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        cover = customer_file.record.cover
        fields = [f for f in customer_file.file_class.cover_fields
                  if not f.name.endswith("_currency")]
        plain = [f for f in fields if f.kind in ("string", "text")
                 and f.name not in ADDRESS_FIELDS]
        typed = [f for f in fields if f not in plain and f.name not in ADDRESS_FIELDS]
        for column, group in enumerate((plain, typed)):
            for row, field in enumerate(group):
                self._grid.addWidget(_caption(label(field)), row, column * 2)
                self._grid.addWidget(_value_label(format_value(field, cover.get(field.name),
                                                               cover)), row, column * 2 + 1)
        address = [cover.get("street", ""),
                   " ".join(p for p in (cover.get("postcode", ""), cover.get("city", "")) if p),
                   cover.get("country", "")]
        self._address = ", ".join(p for p in address if p)
        if self._address:
            row = len(typed)
            self._grid.addWidget(_caption(self.tr("Address")), row, 2)
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(_value_label("\n".join(p for p in address if p)), 1)
            button = QPushButton(self.tr("Show on map"))
            button.setAccessibleName(self.tr("Show the address on a map"))
            button.clicked.connect(self.show_on_map)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(box, row, 3, 3, 1)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(3, 1)

    def map_url(self) -> QUrl:
        url = QUrl("https://www.openstreetmap.org/search")
        query = QUrlQuery()
        query.addQueryItem("query", self._address)
        url.setQuery(query)
        return url

    def show_on_map(self) -> None:
        QDesktopServices.openUrl(self.map_url())


class KeyFigurePanel(QFrame):
    """Four tiles: open invoices, their sum, last order, open complaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for name, caption in (("open_invoices", self.tr("Open invoices")),
                              ("open_sum", self.tr("Open amount")),
                              ("last_order", self.tr("Last order")),
                              ("open_complaints", self.tr("Open complaints"))):
            tile = QFrame()
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(tile)
            box.setContentsMargins(10, 6, 10, 6)
            value = QLabel("–")
            value.setObjectName(name)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            value.setFont(font)
            box.addWidget(value)
            box.addWidget(_caption(caption))
            layout.addWidget(tile)
            self.values[name] = value

    def show_figures(self, figures: KeyFigures) -> None:
        locale = QLocale()
        self.values["open_invoices"].setText(locale.toString(figures.open_invoices))
        sums = [format_money(v, c) for c, v in sorted(figures.open_sum.items())]
        self.values["open_sum"].setText(" + ".join(sums) or format_money(0))
        if figures.last_order:
            date = QDate.fromString(figures.last_order, Qt.DateFormat.ISODate)
            self.values["last_order"].setText(
                locale.toString(date, QLocale.FormatType.ShortFormat))
        else:
            self.values["last_order"].setText("–")
        self.values["open_complaints"].setText(locale.toString(figures.open_complaints))
        warn = "color: #b3261e;" if figures.open_complaints else ""
        self.values["open_complaints"].setStyleSheet(warn)
