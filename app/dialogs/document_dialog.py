"""The dialog for filing a document — type, title, register and an index form generated from
the type's ``index_fields``, with validation messages per field — and, given a ``document``,
for editing its title and index values."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sync.api import CustomerFile, DocumentType, FieldDef

from ..infra.i18n import label

__all__ = ["DocumentDialog", "guess_type"]

_EMPTY_DATE = QDate(1900, 1, 1)
_HINTS = {
    "invoice": ("invoice", "rechnung", "factura", "inv-"),
    "offer": ("offer", "angebot", "oferta", "quote"),
    "order": ("order", "auftrag", "bestellung", "pedido"),
    "delivery_note": ("delivery", "lieferschein", "albaran", "albarán"),
    "complaint": ("complaint", "reklamation", "reclamacion", "reclamación"),
    "contract": ("contract", "vertrag", "contrato"),
}


def guess_type(path: Path, type_names: list[str]) -> str:
    name = path.name.casefold()
    if path.suffix.lower() in (".eml", ".msg") and "email" in type_names:
        return "email"
    for doc_type, words in _HINTS.items():
        if doc_type in type_names and any(w in name for w in words):
            return doc_type
    return "letter" if "letter" in type_names else (type_names[0] if type_names else "")


class DocumentDialog(QDialog):
    """``values()`` after ``accept``: type, title, register id, index dict."""

    def __init__(self, customer_file: CustomerFile, path: Path | None, *,
                 register_id: str = "", batch: int = 1, document: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Edit index values") if document else
                            self.tr("File a document"))
        self.setMinimumWidth(480)
        self._file = customer_file
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        types = customer_file.file_class.document_types
        self.source = QLabel(str(path.name) if path else "")
        self.type = QComboBox()
        self.type.setAccessibleName(self.tr("Document type"))
        for doc_type in types:
            self.type.addItem(label(doc_type), doc_type.name)
        self.title = QLineEdit(path.stem if path else "")
        self.title.setAccessibleName(self.tr("Title"))
        self.register = QComboBox()
        self.register.setAccessibleName(self.tr("Register"))
        for register in customer_file.registers():
            self.register.addItem(label(register), register.id)
        self._fixed_register = register_id
        self.index_box = QWidget()
        self.index_form = QFormLayout(self.index_box)
        self.index_form.setContentsMargins(0, 0, 0, 0)
        self.apply_all = QCheckBox(self.tr("Apply to all %n files", "", batch))
        self.apply_all.setVisible(batch > 1)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #b3261e;")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        if path is not None:
            form.addRow(self.tr("File"), self.source)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Title"), self.title)
        if document is None:
            form.addRow(self.tr("Register"), self.register)
        else:
            self.register.hide()
            self.type.setEnabled(False)  # a document keeps its type (its fields depend on it)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.index_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.apply_all)
        layout.addWidget(self.buttons)
        self.type.currentIndexChanged.connect(self._type_changed)
        names = [t.name for t in types]
        guessed = guess_type(path, names) if path else (names[0] if names else "")
        if document is not None:
            guessed = str(document.get("type", ""))
            if self.type.findData(guessed) < 0:
                self.type.addItem(label(self.doc_type_named(guessed)), guessed)
            self.title.setText(str(document.get("title", "")))
        self.type.setCurrentIndex(max(0, self.type.findData(guessed)))
        self._type_changed()
        if document is not None:
            for name, value in (document.get("index") or {}).items():
                if name in self._inputs and value is not None:
                    self.set_value(name, value)

    # the form ----------------------------------------------------------------------------

    def doc_type(self) -> DocumentType:
        return self._file.document_type(str(self.type.currentData()))

    def doc_type_named(self, name: str) -> DocumentType:
        return self._file.document_type(name)

    def _type_changed(self, *_args: Any) -> None:
        while self.index_form.rowCount():
            self.index_form.removeRow(0)
        self._inputs.clear()
        self._errors.clear()
        doc_type = self.doc_type()
        wanted = self._fixed_register or next(
            (r.id for r in self._file.registers() if r.name == doc_type.default_register), "")
        if wanted:
            self.register.setCurrentIndex(max(0, self.register.findData(wanted)))
        for field in doc_type.index_fields:
            widget = self._input_for(field)
            widget.setAccessibleName(label(field))
            error = QLabel()
            error.setStyleSheet("color: #b3261e;")
            error.hide()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(widget)
            column.addWidget(error)
            caption = label(field) + (" *" if field.required else "")
            self.index_form.addRow(caption, box)
            self._inputs[field.name] = widget
            self._errors[field.name] = error
        self.summary.clear()

    def _input_for(self, field: FieldDef) -> QWidget:
        kind = field.kind
        required = field.required
        if kind == "enum":
            combo = QComboBox()
            if not required:
                combo.addItem("–", "")
            for option in field.options:
                combo.addItem(option, option)
            return combo
        if kind == "boolean":
            return QCheckBox()
        if kind == "date":
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setMinimumDate(_EMPTY_DATE)
            date.setSpecialValueText("–")
            date.setDate(QDate.currentDate() if required else _EMPTY_DATE)
            return date
        if kind == "datetime":
            stamp = QDateTimeEdit()
            stamp.setCalendarPopup(True)
            stamp.setDateTime(QDateTime.currentDateTime())
            return stamp
        if kind == "text":
            return QPlainTextEdit()
        line = QLineEdit()
        if field.max_length:
            line.setMaxLength(field.max_length)
        if kind in ("money", "decimal"):
            line.setPlaceholderText("0.00")
        return line

    # values and validation ---------------------------------------------------------------

    def _raw(self, name: str) -> Any:
        widget = self._inputs[name]
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QDateEdit):
            date = widget.date()
            return "" if date == _EMPTY_DATE else date.toString(Qt.DateFormat.ISODate)
        if isinstance(widget, QDateTimeEdit):
            return widget.dateTime().toString(Qt.DateFormat.ISODateWithMs)
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def set_value(self, name: str, value: Any) -> None:
        widget = self._inputs[name]
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(str(value or ""))))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate)
                           if value else _EMPTY_DATE)
        elif isinstance(widget, QDateTimeEdit):
            widget.setDateTime(QDateTime.fromString(str(value), Qt.DateFormat.ISODateWithMs))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))

    def validate(self) -> dict[str, str]:
        """Field name → message for every value the server would refuse."""
        problems: dict[str, str] = {}
        if not self.title.text().strip():
            problems["title"] = self.tr("A title is required.")
        for field in self.doc_type().index_fields:
            value = self._raw(field.name)
            kind = field.kind
            message = ""
            if value in ("", None):
                if field.required:
                    message = self.tr("This field is required.")
            elif kind == "integer" and not re.fullmatch(r"-?\d+", str(value)):
                message = self.tr("Enter a whole number.")
            elif kind in ("money", "decimal"):
                try:
                    Decimal(str(value).replace(",", "."))
                except InvalidOperation:
                    message = self.tr("Enter a number such as 1234.50.")
            if message:
                problems[field.name] = message
        for name, error in self._errors.items():
            error.setText(problems.get(name, ""))
            error.setVisible(name in problems)
        self.summary.setText(problems.get("title", "") if problems.get("title") else (
            self.tr("Please correct the marked fields.") if problems else ""))
        return problems

    def try_accept(self) -> None:
        if not self.validate():
            self.accept()

    def _index(self) -> dict[str, Any]:
        """Every field of the form; ``None`` where it is empty."""
        index: dict[str, Any] = {}
        for field in self.doc_type().index_fields:
            value = self._raw(field.name)
            if value in ("", None):
                value = None
            elif field.kind == "integer":
                value = int(value)
            elif field.kind in ("money", "decimal"):
                value = str(Decimal(str(value).replace(",", ".")))
            index[field.name] = value
        return index

    def changes(self) -> dict[str, Any]:
        """For an edited document: ``title`` and ``index`` with only what differs (a cleared
        field is ``None``); empty when nothing changed."""
        assert self.document is not None
        old = self.document.get("index") or {}
        index = {name: value for name, value in self._index().items()
                 if not _same(old.get(name), value)}
        out: dict[str, Any] = {}
        title = self.title.text().strip()
        if title != self.document.get("title"):
            out["title"] = title
        if index:
            out["index"] = index
        return out

    def values(self) -> dict[str, Any]:
        index = {name: value for name, value in self._index().items() if value is not None}
        return {"doc_type": str(self.type.currentData()), "title": self.title.text().strip(),
                "register": str(self.register.currentData()), "index": index,
                "apply_to_all": not self.apply_all.isHidden() and self.apply_all.isChecked()}


def _same(old: Any, new: Any) -> bool:
    """Equal as the form shows them (``"12.50"`` is ``12.5``; a date-time to the second)."""
    if isinstance(new, bool) or isinstance(old, bool):
        return bool(old) == bool(new)  # an unset yes/no field shows as "no"
    if old in ("", None) or new in ("", None):
        return old in ("", None) and new in ("", None)
    try:
        return Decimal(str(old)) == Decimal(str(new))
    except InvalidOperation:
        pass
    if isinstance(old, str) and isinstance(new, str) and len(old) >= 19 and len(new) >= 19 \
            and old[4] == "-" and old[10] == "T":
        return old[:19] == new[:19]
    return bool(old == new)
