"""The document list: columns chosen and ordered per user, documents dragged out as files,
a row dropped on its own list files nothing."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.actions.export import DOCUMENT_MIME_TYPE, export_document, export_mime
from app.cockpit.document_list import DocumentListView, layout_key
from app.cockpit.item_models import Column, Roles
from app.dialogs.document_dialog import DocumentDialog
from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator
from app.shell.main_window import MainWindow
from sync.api import Client

from .test_main_window import WAIT, open_file, signed_in


def _order(view: DocumentListView) -> list[int]:
    header = view.header()
    return [header.logicalIndex(v) for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))]


def _menu_entries(view: DocumentListView) -> dict[str, Any]:
    return {a.text(): a for a in view.column_menu().actions() if a.isCheckable()}


def _other_window(qtbot: QtBot, settings_path: Path, session: Client) -> MainWindow:
    other = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    other.cockpit.attach(session)
    return other


def test_columns_are_chosen_ordered_and_remembered_per_user(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    view = window.cockpit.documents
    header = view.header()
    assert _order(view) == list(Column)
    assert not window.settings.contains(layout_key(session))  # fitting widths saves nothing

    entries = _menu_entries(view)
    assert list(entries) == ["Title", "Type", "Register", "Date", "Number", "Amount",
                             "Version", "File name"]
    assert not entries["Title"].isEnabled() and entries["Title"].isChecked()
    entries["Register"].trigger()  # hide
    assert header.isSectionHidden(Column.Register)
    assert not _menu_entries(view)["Register"].isChecked()
    header.moveSection(header.visualIndex(Column.Amount), 1)  # as a drag on the header does
    header.resizeSection(Column.Number, 123)
    view.save_layout()  # what releasing the mouse after a resize does
    expected = [Column.Title, Column.Amount, Column.Type, Column.Date, Column.Number,
                Column.Version, Column.FileName]
    assert _order(view) == expected
    window.settings.sync()

    # the same user in a new window: the same columns, and loading a file keeps the widths
    again = _other_window(qtbot, tmp_path / "settings.ini", session)
    assert _order(again.cockpit.documents) == expected
    assert _menu_entries(again.cockpit.documents)["Register"].isChecked() is False
    assert window.cockpit.customer_file is not None
    again.cockpit.open_file(window.cockpit.customer_file.id)
    qtbot.waitUntil(lambda: again.cockpit.customer_file is not None, timeout=WAIT)
    assert again.cockpit.documents.columnWidth(Column.Number) == 123
    assert _order(again.cockpit.documents) == expected

    # another user on this machine starts with every column in the original order
    colleague = dataclasses.replace(session, username="colleague")
    assert layout_key(colleague) != layout_key(session)
    theirs = _other_window(qtbot, tmp_path / "settings.ini", colleague)
    assert _order(theirs.cockpit.documents) == list(Column)

    # "Reset columns" brings everything back and forgets the saved layout
    reset = next(a for a in view.column_menu().actions() if a.text() == "Reset columns")
    reset.trigger()
    assert _order(view) == list(Column)
    assert not window.settings.contains(layout_key(session))


def test_the_title_column_cannot_be_hidden(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    view = window.cockpit.documents
    view.set_column_shown(Column.Title, False)
    assert not view.header().isSectionHidden(Column.Title)


def _current_document(qtbot: QtBot, window: MainWindow, row: int = 0) -> dict[str, Any]:
    cockpit = window.cockpit
    cockpit.documents.setCurrentIndex(cockpit.grouped.index(row, Column.Title))
    document = cockpit.grouped.index(row, Column.Title).data(Roles.Document)
    assert document is not None
    return dict(document)


def test_export_writes_the_content_under_its_real_name(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    document = window.cockpit.grouped.index(0, Column.Title).data(Roles.Document)
    version = document["current_version"]
    path = export_document(session, document)
    assert path == (session.profile.directory / "export" / document["id"] /
                    version["filename"])
    expected = io.BytesIO()
    session.remote.download(document["id"], version["number"], version["sha256"], expected)
    assert path.read_bytes() == expected.getvalue()
    assert export_document(session, document) == path  # again: the same file, unchanged

    mime = export_mime(document, path)
    assert mime.hasUrls() and mime.urls() == [QUrl.fromLocalFile(str(path))]
    assert "text/uri-list" in mime.formats()
    assert bytes(mime.data(DOCUMENT_MIME_TYPE).data()).decode() == document["id"]


def test_dragging_the_current_document_carries_its_exported_file(
        qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    view = window.cockpit.documents
    document = _current_document(qtbot, window)
    exports = window.cockpit.exports
    qtbot.waitUntil(lambda: exports.ready(document) is not None, timeout=WAIT)
    mime = view.drag_mime(document)
    assert mime is not None
    path = Path(mime.urls()[0].toLocalFile())
    assert path.name == document["current_version"]["filename"] and path.is_file()

    # a document whose export is not there yet: no drag, a word why, and it gets prepared
    other = window.cockpit.grouped.index(1, Column.Title).data(Roles.Document)
    assert view.drag_mime(other) is None
    assert window.statusBar().currentMessage() == "Still loading – try again in a moment"
    qtbot.waitUntil(lambda: exports.ready(other) is not None, timeout=WAIT)
    assert view.drag_mime(other) is not None


def test_a_row_dropped_on_its_own_list_files_nothing(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    document = _current_document(qtbot, window)
    exports = window.cockpit.exports
    qtbot.waitUntil(lambda: exports.ready(document) is not None, timeout=WAIT)
    mime = window.cockpit.documents.drag_mime(document)
    assert mime is not None
    filed: list[Any] = []
    window.cockpit.filesDropped.connect(lambda paths, _register: filed.append(paths))
    viewport = window.cockpit.documents.viewport()
    center = viewport.rect().center()
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert not drop.isAccepted() and filed == []

    # the same file dragged in from the desktop (no Dossier marker) is filed as usual
    def declined(*_args: Any, **_kwargs: Any) -> DocumentDialog:
        assert window.cockpit.customer_file is not None
        dialog = DocumentDialog(window.cockpit.customer_file, None)
        dialog.exec = lambda: QDialog.DialogCode.Rejected  # type: ignore[method-assign]
        return dialog

    window.actions_.make_dialog = declined  # type: ignore[method-assign]
    plain = QMimeData()
    plain.setUrls(mime.urls())
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, plain,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, plain,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted() and len(filed) == 1


def test_dragging_a_row_with_the_mouse_starts_a_copy_drag(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    view = window.cockpit.documents
    document = _current_document(qtbot, window)
    qtbot.waitUntil(lambda: window.cockpit.exports.ready(document) is not None, timeout=WAIT)
    started: list[tuple[list[QUrl], Any]] = []

    def exec_(drag: QDrag, *actions: Any) -> Qt.DropAction:
        started.append((drag.mimeData().urls(), actions))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", exec_)
    start = view.visualRect(view.currentIndex()).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(12 * step, 4 * step))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=start + QPoint(60, 20))
    assert len(started) == 1
    urls, actions = started[0]
    assert Path(urls[0].toLocalFile()).name == document["current_version"]["filename"]
    assert actions[0] == Qt.DropAction.CopyAction


def test_the_list_texts_are_translated(qapp: Any) -> None:
    for language in ("de", "es"):
        translator = TsTranslator(TRANSLATIONS_DIR / f"dossier_{language}.ts")
        QCoreApplication.installTranslator(translator)
        try:
            for source in ("Columns", "Reset columns", "Still loading – try again in a moment"):
                assert QCoreApplication.translate("DocumentListView", source) not in ("", source)
        finally:
            QCoreApplication.removeTranslator(translator)
