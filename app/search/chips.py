"""Filter chips over a search query: type, register and date. A chip shows the filter the
query holds (``type:invoice`` → "Type: Invoice"); choosing from its menu puts that filter in
the query or takes it out (``chosen(name, value or None)``); the query says what is set."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from ..infra.i18n import label
from .calls import filter_value

__all__ = ["DATE_RANGES", "FilterChips"]

DATE_RANGES = ("last 7 days", "last 30 days", "last 3 months", "last 12 months")


class FilterChips(QWidget):
    """The chips of the search panel; ``chosen(field, value)`` (``None``: any)."""

    chosen = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: dict[str, dict[str, str]] = {}
        self.type_chip = self._chip(self.tr("Type"))
        self.register_chip = self._chip(self.tr("Register"))
        self.date_chip = self._chip(self.tr("Date"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for chip in (self.type_chip, self.register_chip, self.date_chip):
            row.addWidget(chip)

    def _chip(self, text: str) -> QToolButton:
        chip = QToolButton()
        chip.setText(text + " ▾")
        chip.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        chip.setCheckable(True)
        chip.setMenu(QMenu(chip))
        return chip

    def _chips(self) -> tuple[tuple[QToolButton, str, str], ...]:
        return ((self.type_chip, "type", self.tr("Type")),
                (self.register_chip, "register", self.tr("Register")),
                (self.date_chip, "created", self.tr("Date")))

    def fill(self, file_classes: list[dict[str, Any]]) -> None:
        """The menus: the document types and registers of the file classes, date ranges."""
        types: dict[str, str] = {}
        registers: dict[str, str] = {}

        def walk(nodes: list[dict[str, Any]]) -> None:
            for node in nodes:
                registers.setdefault(str(node["name"]), label(node))
                walk(node.get("children", []))

        for file_class in file_classes:
            for doc_type in file_class.get("document_types", []):
                types.setdefault(str(doc_type["name"]), label(doc_type))
            walk(file_class.get("registers", []))
        self._choices = {"type": _by_label(types), "register": _by_label(registers),
                         "created": {value: self.date_text(value) for value in DATE_RANGES}}
        anything = {"type": self.tr("Any type"), "register": self.tr("Any register"),
                    "created": self.tr("Any time")}
        for chip, name, _title in self._chips():
            menu = chip.menu()
            menu.clear()
            menu.addAction(anything[name], partial(self.chosen.emit, name, None))
            menu.addSeparator()
            for value, text in self._choices[name].items():
                menu.addAction(text, partial(self.chosen.emit, name, value))

    def date_text(self, value: str) -> str:
        return {"last 7 days": self.tr("Last 7 days"), "last 30 days": self.tr("Last 30 days"),
                "last 3 months": self.tr("Last 3 months"),
                "last 12 months": self.tr("Last 12 months")}.get(value, value)

    def show_query(self, query: str) -> None:
        """Each chip as the query sets it: checked with its value, or just its name."""
        for chip, name, title in self._chips():
            value = filter_value(query, name)
            chip.setChecked(value is not None)
            if value is None:
                chip.setText(f"{title} ▾")
            else:
                shown = self._choices.get(name, {}).get(value) or (
                    self.date_text(value) if name == "created" else value)
                chip.setText(f"{title}: {shown} ▾")


def _by_label(choices: dict[str, str]) -> dict[str, str]:
    return dict(sorted(choices.items(), key=lambda item: item[1].casefold()))
