"""The selected document: the viewer with its current version, and tabs for index values,
versions and the registers it sits in."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sync.api import Client, CustomerFile, Version

from ..infra.i18n import label
from ..infra.workers import describe_error, run_task
from .cover import format_timestamp, format_value
from .history import HistoryTab

try:  # the viewer widget is optional until it lands everywhere
    from viewer.widget import DocumentView as _DocumentView

    DocumentView: type[_DocumentView] | None = _DocumentView
except Exception:  # pragma: no cover - depends on the viewer's state
    DocumentView = None

__all__ = ["DocumentPane"]

log = logging.getLogger(__name__)
TEXT_PREVIEW_LIMIT = 200_000


class DocumentPane(QWidget):
    """``documentShown(document or None)`` when the selection changes; ``previewReady(doc_id)``
    when the viewer shows the document (or why it cannot)."""

    documentShown = Signal(object)
    previewReady = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Client | None = None
        self._file: CustomerFile | None = None
        self._document: dict[str, Any] | None = None
        self._generation = 0
        self.title = QLabel(self.tr("No document selected"))
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.preview = QStackedWidget()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.text_preview = QPlainTextEdit()
        self.text_preview.setReadOnly(True)
        self.viewer = DocumentView() if DocumentView is not None else None
        self.preview.addWidget(self.message)
        self.preview.addWidget(self.text_preview)
        if self.viewer is not None:
            self.preview.addWidget(self.viewer)
            self.viewer.documentLoaded.connect(self._viewer_loaded)
            self.viewer.loadFailed.connect(self._viewer_failed)
        self.tabs = QTabWidget()
        self.details = QWidget()
        self.details_form = QFormLayout(self.details)
        self.versions = QTableWidget(0, 5)
        self.versions.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Created"), self.tr("By"), self.tr("Comment"),
             self.tr("Size")])
        self.versions.verticalHeader().hide()
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.registers = QListWidget()
        self.tabs.addTab(self.details, self.tr("Index values"))
        self.tabs.addTab(self.versions, self.tr("Versions"))
        self.tabs.addTab(self.registers, self.tr("Registers"))
        self.history = HistoryTab()
        self.tabs.addTab(self.history, self.tr("History"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        self._show_message(self.tr("Select a document to see it here."))
        self.previewReady.connect(lambda _doc_id: self.reload_history())  # "viewed" is new

    def attach(self, session: Client) -> None:
        self._session = session

    def shutdown(self) -> None:
        if self.viewer is not None and hasattr(self.viewer, "shutdown"):
            self.viewer.shutdown()

    @property
    def document(self) -> dict[str, Any] | None:
        return self._document

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.preview.setCurrentWidget(self.message)

    def show_document(self, customer_file: CustomerFile,
                      document: dict[str, Any] | None) -> None:
        self._file = customer_file
        self._document = document
        self._generation += 1
        self.details_form.parentWidget()  # keep the form alive
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        self.versions.setRowCount(0)
        self.registers.clear()
        self.history.clear()
        self.documentShown.emit(document)
        if document is None:
            self.title.setText(self.tr("No document selected"))
            self._show_message(self.tr("Select a document to see it here."))
            return
        self.title.setText(document.get("title", ""))
        self._fill_details(customer_file, document)
        labels = {r.id: label(r) for r in customer_file.registers()}
        for register in document.get("registers", []):
            self.registers.addItem(labels.get(register, register))
        self._load_versions(document)
        self._load_content(document)
        self.reload_history()

    def reload_history(self) -> None:
        """Load the selected document's audit events into the History tab."""
        if self._session is not None and self._document is not None:
            self.history.load(self._session, str(self._document["id"]))

    def _fill_details(self, customer_file: CustomerFile, document: dict[str, Any]) -> None:
        doc_type = customer_file.document_type(str(document.get("type", "")))
        self.details_form.addRow(self.tr("Type"), QLabel(label(doc_type)))
        index = document.get("index", {})
        for field in doc_type.index_fields:
            if field.name == "currency":
                continue
            value = index.get(field.name)
            if field.kind == "money":
                value_text = format_value(field, value, {f"{field.name}_currency":
                                                         index.get("currency", "")})
            else:
                value_text = format_value(field, value)
            self.details_form.addRow(label(field), QLabel(value_text))

    def _load_versions(self, document: dict[str, Any]) -> None:
        if self._session is None:
            return
        session, generation = self._session, self._generation
        run_task(lambda: session.versions(document),
                 on_done=lambda versions: self._show_versions(generation, versions),
                 on_error=lambda exc: log.info("versions unavailable: %s", exc))

    def _show_versions(self, generation: int, versions: list[Version]) -> None:
        if generation != self._generation:
            return
        self.versions.setRowCount(len(versions))
        locale = QLocale()
        for row, version in enumerate(reversed(versions)):
            cells = [str(version.number), format_timestamp(version.created_at),
                     version.created_by, version.comment,
                     locale.formattedDataSize(version.size)]
            for column, text in enumerate(cells):
                self.versions.setItem(row, column, QTableWidgetItem(text))
        self.versions.resizeColumnsToContents()

    def _load_content(self, document: dict[str, Any]) -> None:
        if self._session is None or not document.get("current_version"):
            self._show_message(self.tr("This document has no content yet."))
            return
        self._show_message(self.tr("Loading…"))
        session, generation = self._session, self._generation

        def fetch() -> tuple[bytes, str]:
            path: Path = session.content(document)
            return path.read_bytes(), str(document["current_version"].get("filename", ""))

        run_task(fetch, on_done=lambda result: self._show_content(generation, *result),
                 on_error=lambda exc: self._content_failed(generation, exc))

    def _show_content(self, generation: int, data: bytes, filename: str) -> None:
        if generation != self._generation or self._document is None:
            return
        if self.viewer is not None:
            self.preview.setCurrentWidget(self.viewer)
            self.viewer.load_bytes(data, filename)
            return
        self.text_preview.setPlainText(data[:TEXT_PREVIEW_LIMIT].decode("utf-8", "replace"))
        self.preview.setCurrentWidget(self.text_preview)
        self.previewReady.emit(self._document["id"])

    def _content_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or self._document is None:
            return
        self._show_message(self.tr("The content could not be loaded.") + "\n" +
                           describe_error(exc))
        self.previewReady.emit(self._document["id"])

    def _viewer_loaded(self, _pages: int) -> None:
        if self._document is not None:
            self.previewReady.emit(self._document["id"])

    def _viewer_failed(self, _code: str, message: str) -> None:
        if self._document is not None:
            self._show_message(self.tr("This document cannot be shown: %1").replace(
                "%1", message))
            self.previewReady.emit(self._document["id"])
