"""The "History" tab of the document pane: the selected document's audit events (time, who,
action, details in words), loaded on a worker."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sync.api import AuditEvent, Client, RequestRefused

from ..infra.workers import describe_error, run_task
from .cover import format_timestamp

__all__ = ["HistoryTab"]

log = logging.getLogger(__name__)


class HistoryTab(QWidget):
    """``load(session, document_id)`` fills the table; ``clear()`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Who"), self.tr("Action"), self.tr("Details")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def clear(self) -> None:
        self._generation += 1
        self.table.setRowCount(0)
        self.stack.setCurrentWidget(self.table)

    def load(self, session: Client, document_id: str) -> None:
        self.clear()
        generation = self._generation
        run_task(lambda: session.audit_trail(document_id),
                 on_done=lambda events: self._show(generation, events),
                 on_error=lambda exc: self._failed(generation, exc))

    def _show(self, generation: int, events: list[AuditEvent]) -> None:
        if generation != self._generation:
            return
        self.table.setRowCount(len(events))
        for row, event in enumerate(reversed(events)):  # newest first
            cells = [format_timestamp(event.at), event.actor, self.action_text(event.action),
                     self.summary(event)]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.stack.setCurrentWidget(self.table)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(exc, RequestRefused) and exc.status == 403:
            self.message.setText(self.tr("You may not see the history of this document."))
        else:
            log.info("history unavailable: %s", exc)
            self.message.setText(describe_error(exc))
        self.stack.setCurrentWidget(self.message)

    def action_text(self, action: str) -> str:
        names = {"view": self.tr("Viewed"), "create": self.tr("Created"),
                 "update": self.tr("Changed"), "version": self.tr("New version"),
                 "delete": self.tr("Deleted"), "checkin": self.tr("Checked in"),
                 "checkout": self.tr("Checked out"), "resolve": self.tr("Conflict resolved"),
                 "rights": self.tr("Rights changed")}
        return names.get(action, action)

    def summary(self, event: AuditEvent) -> str:
        """The event's details in words ("viewed version 2", "changed index: paid")."""
        action, details = event.action, event.details
        if action == "view":
            text = self.tr("viewed version %1").replace("%1", str(details.get("version", "?")))
            if details.get("rendition") == "pdf":
                text += " " + self.tr("(as PDF)")
            return text
        if action == "version":
            return self.tr("new version %1").replace("%1", str(details.get("version", "?")))
        if action == "create":
            return self.tr("filed the document")
        if action == "delete":
            return self.tr("deleted the document")
        if action == "checkin":
            return self.tr("checked in")
        if action == "checkout":
            return self.tr("checked out")
        if action == "resolve":
            return self.tr("resolved a conflict: %1").replace(
                "%1", self._choice(str(details.get("choice", ""))))
        if action == "update":
            return self._update_summary(details)
        return ", ".join(f"{k}: {v}" for k, v in details.items())

    def _choice(self, choice: str) -> str:
        names = {"mine": self.tr("mine"), "theirs": self.tr("theirs"),
                 "fields": self.tr("field by field"), "both": self.tr("both")}
        return names.get(choice, choice)

    def _update_summary(self, details: dict[str, Any]) -> str:
        parts: list[str] = []
        if "title" in details:
            parts.append(self.tr("changed title: %1").replace("%1", str(details["title"])))
        index = details.get("index")
        if isinstance(index, dict) and index:
            parts.append(self.tr("changed index: %1").replace("%1", ", ".join(sorted(index))))
        if "registers" in details:
            parts.append(self.tr("moved between registers"))
        if "legal_hold" in details:
            parts.append(self.tr("legal hold on") if details["legal_hold"]
                         else self.tr("legal hold off"))
        return "; ".join(parts) or self.tr("changed")
