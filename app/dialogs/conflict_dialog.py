"""Held conflicts: the list of them and the dialog that decides one.

Fields: base / mine / theirs per conflicting field, mine or theirs per field. Content: both
contents side by side, and the three choices (mine on top; theirs, mine kept as a draft; both,
mine as a conflict copy). Rejected: the server's reason, "try again" or "drop my change".
The choice runs ``sync.resolve.resolve`` on the mutation worker, then a sync.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sync.api import Client, Conflict, ConflictKind

from ..infra.i18n import label
from ..infra.workers import describe_error, run_task

try:  # the viewer widget is optional, like in the document pane
    from viewer.widget import DocumentView as _DocumentView

    DocumentView: type[_DocumentView] | None = _DocumentView
except Exception:  # pragma: no cover - depends on the viewer's state
    DocumentView = None

__all__ = ["ConflictDialog", "ConflictList", "conflict_title"]

log = logging.getLogger(__name__)

ConflictRole = Qt.ItemDataRole.UserRole + 1


def conflict_title(conflict: Conflict) -> str:
    return conflict.title


def _value(snapshot: dict[str, Any], field: str) -> str:
    if field == "title":
        value = snapshot.get("title")
    elif "." in field:
        group, name = field.split(".", 1)
        value = (snapshot.get(group) or {}).get(name)
    else:
        value = snapshot.get(field)
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


class _ContentPreview(QWidget):
    """One side of a content conflict: a heading and the content in the viewer."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(f"<b>{heading}</b>")
        self.stack = QStackedWidget()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.viewer = DocumentView() if DocumentView is not None else None
        for widget in (self.message, self.text, self.viewer):
            if widget is not None:
                self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        self.show_message(self.tr("Loading…"))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_content(self, data: bytes, filename: str) -> None:
        if self.viewer is not None:
            self.stack.setCurrentWidget(self.viewer)
            self.viewer.load_bytes(data, filename)
            return
        self.text.setPlainText(data[:200_000].decode("utf-8", "replace"))
        self.stack.setCurrentWidget(self.text)

    def shutdown(self) -> None:
        if self.viewer is not None and hasattr(self.viewer, "shutdown"):
            self.viewer.shutdown()


def _show_bytes(preview: _ContentPreview, filename: str, data: bytes) -> None:
    preview.show_content(data, filename)


def _show_failure(preview: _ContentPreview, exc: BaseException) -> None:
    preview.show_message(describe_error(exc))


class ConflictDialog(QDialog):
    """Decides one conflict; ``resolved(conflict_id)`` once the choice is applied and synced."""

    resolved = Signal(int)

    def __init__(self, conflict: Conflict, session: Client,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self._session = session
        self.setWindowTitle(self.tr("Resolve conflict: %1").replace(
            "%1", conflict_title(conflict)))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.choices: dict[str, QComboBox] = {}
        self.content_choice = QButtonGroup(self)
        self.previews: list[_ContentPreview] = []
        self.apply_button: QPushButton | None = None
        if conflict.kind == ConflictKind.FIELDS:
            layout.addWidget(self._fields_body(), 1)
        elif conflict.kind == ConflictKind.CONTENT:
            layout.addLayout(self._content_body(), 1)
        else:
            self._rejected_body()
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 620 if conflict.kind == ConflictKind.CONTENT else 300)

    # the three kinds ---------------------------------------------------------------------

    def _fields_body(self) -> QTableWidget:
        self.intro.setText(self.tr(
            "You and a colleague changed the same index values. Choose per field which value "
            "to keep; your other changes are sent as they are."))
        fields = list(self.conflict.fields)
        table = QTableWidget(len(fields), 5)
        table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"),
                                         self.tr("Mine"), self.tr("Theirs"), self.tr("Keep")])
        table.setAccessibleName(self.tr("Conflicting fields"))
        table.verticalHeader().hide()
        for row, field in enumerate(fields):
            name = self._field_label(field)
            cells = (name, _value(self.conflict.base, field), _value(self.conflict.mine, field),
                     _value(self.conflict.theirs, field))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(row, column, item)
            choice = QComboBox()
            choice.addItem(self.tr("Mine"), "mine")
            choice.addItem(self.tr("Theirs"), "theirs")
            choice.setAccessibleName(self.tr("Keep for %1").replace("%1", name))
            table.setCellWidget(row, 4, choice)
            self.choices[field] = choice
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        self.all_mine = self.buttons.addButton(self.tr("All mine"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.all_theirs = self.buttons.addButton(self.tr("All theirs"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.all_mine.clicked.connect(lambda: self._choose_all("mine"))
        self.all_theirs.clicked.connect(lambda: self._choose_all("theirs"))
        self._add_apply()
        return table

    def _field_label(self, field: str) -> str:
        if "." not in field:
            return self.tr("Title")
        name = field.split(".", 1)[1]
        for file_class in self._session.classes:
            for doc_type in file_class.document_types:
                for index_field in doc_type.index_fields:
                    if index_field.name == name:
                        return label(index_field)
            for cover_field in file_class.cover_fields:
                if field.startswith("cover.") and cover_field.name == name:
                    return label(cover_field)
        return name

    def _choose_all(self, keep: str) -> None:
        for choice in self.choices.values():
            choice.setCurrentIndex(choice.findData(keep))

    def _content_body(self) -> QVBoxLayout:
        self.intro.setText(self.tr(
            "You and a colleague both saved new content for this document. Compare them and "
            "choose what to keep; nothing is lost."))
        body = QVBoxLayout()
        side_by_side = QHBoxLayout()
        self.previews = [_ContentPreview(self.tr("Mine")), _ContentPreview(self.tr("Theirs"))]
        for preview in self.previews:
            side_by_side.addWidget(preview, 1)
        body.addLayout(side_by_side, 1)
        box = QGroupBox(self.tr("Keep"))
        grid = QGridLayout(box)
        options = (
            ("mine", self.tr("Mine on top"),
             self.tr("Your content becomes the current version; theirs stays in the history.")),
            ("theirs", self.tr("Theirs"),
             self.tr("Their content stays current; yours is kept as a draft you can restore.")),
            ("both", self.tr("Both"),
             self.tr("Yours is filed as a separate document marked as a conflict copy.")))
        for row, (keep, text, explanation) in enumerate(options):
            button = QRadioButton(text)
            button.setProperty("keep", keep)
            self.content_choice.addButton(button, row)
            note = QLabel(explanation)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
        self.content_choice.button(0).setChecked(True)
        grid.setColumnStretch(1, 1)
        body.addWidget(box)
        self._add_apply()
        self._load_contents()
        return body

    def _rejected_body(self) -> None:
        reason = self.conflict.detail or self.tr("The server gave no reason.")
        self.intro.setText(self.tr("The server refused your change:") + f"\n\n{reason}")
        retry = self.buttons.addButton(self.tr("Try again"),
                                       QDialogButtonBox.ButtonRole.AcceptRole)
        drop = self.buttons.addButton(self.tr("Drop my change"),
                                      QDialogButtonBox.ButtonRole.DestructiveRole)
        retry.clicked.connect(lambda: self.choose("mine"))
        drop.clicked.connect(lambda: self.choose("theirs"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

    def _add_apply(self) -> None:
        self.apply_button = self.buttons.addButton(self.tr("Apply"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

    # contents ----------------------------------------------------------------------------

    def _load_contents(self) -> None:
        session, conflict = self._session, self.conflict
        for preview, side, snapshot in ((self.previews[0], "mine", conflict.mine),
                                        (self.previews[1], "theirs", conflict.theirs)):
            name = str(snapshot.get("filename") or "")
            run_task(partial(session.conflict_content, conflict, side),
                     on_done=partial(_show_bytes, preview, name),
                     on_error=partial(_show_failure, preview))

    # deciding ----------------------------------------------------------------------------

    def choice(self) -> tuple[str, dict[str, str]]:
        """(keep, per_field) as the dialog shows them."""
        if self.conflict.kind == ConflictKind.FIELDS:
            per_field = {field: str(box.currentData()) for field, box in self.choices.items()}
            keep = "theirs" if all(v == "theirs" for v in per_field.values()) else "mine"
            return keep, per_field
        checked = self.content_choice.checkedButton()
        return (str(checked.property("keep")) if checked is not None else "mine"), {}

    def apply(self) -> None:
        keep, per_field = self.choice()
        self.choose(keep, per_field)

    def choose(self, keep: str, per_field: dict[str, str] | None = None) -> None:
        session, conflict_id = self._session, self.conflict.id
        self.setEnabled(False)
        self.error.hide()
        run_task(lambda: session.resolve_conflict(conflict_id, keep, per_field=per_field),
                 on_done=lambda _report: self._done(), on_error=self._failed,
                 mutation=True)

    def _done(self) -> None:
        self.resolved.emit(self.conflict.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        log.warning("resolving conflict %s failed", self.conflict.id, exc_info=exc)
        self.setEnabled(True)
        self.error.setText(describe_error(exc))
        self.error.show()

    def done(self, result: int) -> None:
        for preview in self.previews:
            preview.shutdown()
        super().done(result)


class ConflictList(QDialog):
    """Every open conflict; "Resolve…" opens the dialog for the selected one.
    ``changed()`` after each resolution."""

    changed = Signal()

    def __init__(self, conflicts: list[Conflict], session: Client | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dialog: ConflictDialog | None = None
        self.setWindowTitle(self.tr("Conflicts"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Open conflicts"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.list.itemActivated.connect(lambda _item: self.resolve_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 320)
        self.show_conflicts(conflicts)

    def kind_text(self, kind: str) -> str:
        kinds: dict[str, str] = {
            ConflictKind.FIELDS: self.tr("Index values changed on both sides"),
            ConflictKind.CONTENT: self.tr("New content on both sides"),
            ConflictKind.DELETED: self.tr("Edited here, deleted on the server"),
            ConflictKind.REJECTED: self.tr("Refused by the server")}
        return kinds.get(kind, kind)

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        self.list.clear()
        for conflict in conflicts:
            item = QListWidgetItem(f"{self.kind_text(conflict.kind)}: "
                                   f"{conflict_title(conflict)}")
            item.setData(ConflictRole, conflict)
            self.list.addItem(item)
        if not conflicts:
            self.list.addItem(self.tr("No conflicts. Everything is in order."))
        self.list.setCurrentRow(0)
        self.resolve_button.setEnabled(bool(conflicts) and self._session is not None)

    def resolve_selected(self) -> None:
        item = self.list.currentItem()
        conflict = item.data(ConflictRole) if item is not None else None
        if conflict is None or self._session is None:
            return
        self.dialog = ConflictDialog(conflict, self._session, self)
        self.dialog.resolved.connect(self._resolved)
        self.dialog.open()

    def _resolved(self, _conflict_id: int) -> None:
        self.changed.emit()
        session = self._session
        if session is None:
            return
        run_task(session.conflicts, on_done=self.show_conflicts)
