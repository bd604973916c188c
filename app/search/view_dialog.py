"""Save a search as a view, or change one: name, query, and who sees it (only me, or one of
my units)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sync.api import SavedView

__all__ = ["ViewDialog"]


class ViewDialog(QDialog):
    """``submitted(values)`` with ``{"name", "query", "shared_with"}`` when the user saves;
    the dialog stays open until whoever saves it calls ``accept()`` (or ``show_problem``).
    ``view`` given: the dialog edits it."""

    submitted = Signal(dict)

    def __init__(self, query: str, units: list[str], view: SavedView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit view") if view else self.tr("Save as view"))
        self.name = QLineEdit(view.name if view else "")
        self.name.setAccessibleName(self.tr("Name of the view"))
        self.name.setPlaceholderText(self.tr("e.g. Orders of the last 3 months"))
        self.query = QLineEdit(view.query if view else query)
        self.query.setAccessibleName(self.tr("Query of the view"))
        self.shared = QComboBox()
        self.shared.setAccessibleName(self.tr("Who sees the view"))
        self.shared.addItem(self.tr("Only me"), None)
        current = view.shared_with if view else None
        shared_units = list(units)
        if view is not None and view.unit is not None and view.unit not in shared_units:
            shared_units.append(view.unit)
        for unit in shared_units:
            self.shared.addItem(self.tr("Everyone in %1").replace("%1", unit), f"unit:{unit}")
        self.shared.setCurrentIndex(max(0, self.shared.findData(current)))
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Query"), self.query)
        form.addRow(self.tr("Shared with"), self.shared)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "query": self.query.text().strip(),
                "shared_with": self.shared.currentData()}

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _accept(self) -> None:
        values = self.values()
        if not values["name"]:
            self.show_problem(self.tr("Give the view a name."))
            self.name.setFocus()
        elif not values["query"]:
            self.show_problem(self.tr("A view needs a query."))
            self.query.setFocus()
        else:
            self.problem.hide()
            self.submitted.emit(values)
