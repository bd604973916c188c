"""The main window against a real server: start, search, open a file, drop files, language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from app.actions.file_actions import CheckoutDialog
from app.cockpit.item_models import Column
from app.dialogs.document_dialog import DocumentDialog
from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator, install_translator
from app.infra.workers import pending_tasks
from app.shell.main_window import MainWindow
from sync.api import Client

WAIT = 20_000


def signed_in(qtbot: QtBot, window: MainWindow) -> Client:
    qtbot.waitUntil(lambda: window.navigator.results.count() == 3, timeout=WAIT)
    assert window.session is not None
    return window.session


def open_file(qtbot: QtBot, window: MainWindow, key: str) -> None:
    results = window.navigator.results
    item = next(results.item(i) for i in range(results.count())
                if key in results.item(i).text())
    results.itemClicked.emit(item)
    qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                    and window.cockpit.customer_file.key == key, timeout=WAIT)


def check_out(qtbot: QtBot, window: MainWindow, key: str,
              monkeypatch: pytest.MonkeyPatch) -> Client:
    """Check ``key`` out through the window and wait for the watcher and the first sync (the
    schedule's next one is an hour away)."""
    window.settings.setValue("sync/interval", 3600)
    window.working_copies.debounce_seconds = 0.2
    session = signed_in(qtbot, window)
    open_file(qtbot, window, key)
    monkeypatch.setattr(CheckoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.check_out.trigger()
    qtbot.waitUntil(lambda: window.working_copies.running and "Last sync"
                    in window.sync_state.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                    and window.cockpit.customer_file.checked_out, timeout=WAIT)
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
    return session


def test_startup_shows_the_demo_customers_and_search_narrows_them(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.isVisible()  # the window is there before the sign-in finished
    session = signed_in(qtbot, window)
    texts = [window.navigator.results.item(i).text() for i in range(3)]
    assert any("Wasserverband Stuttgart" in t for t in texts)
    assert session.url in window.server.text()
    assert "Online" in window.online.text()
    qtbot.keyClicks(window.navigator.search, "Stutt")
    qtbot.waitUntil(lambda: window.navigator.results.count() == 1, timeout=WAIT)
    assert "K-10001" in window.navigator.results.item(0).text()


def test_opening_a_file_shows_cover_figures_and_documents(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    cockpit = window.cockpit
    assert "Wasserverband Stuttgart" in cockpit.heading.text()
    cover_texts = [w.text() for w in cockpit.cover.findChildren(QLabel)]
    assert "Wasserverband Stuttgart" in cover_texts
    assert any("Stuttgart" in t and "70173" in t for t in cover_texts)  # the address block
    assert cockpit.grouped.rowCount() == 20
    counts = {cockpit.register_tree.topLevelItem(i).text(0):
              cockpit.register_tree.topLevelItem(i).text(1)
              for i in range(cockpit.register_tree.topLevelItemCount())}
    assert counts["All documents"] == "20" and counts["Invoices"] == "2"
    assert cockpit.figures.values["last_order"].text() != "–"
    # choosing a register keeps only its documents
    invoices = next(cockpit.register_tree.topLevelItem(i)
                    for i in range(cockpit.register_tree.topLevelItemCount())
                    if cockpit.register_tree.topLevelItem(i).text(0) == "Invoices")
    cockpit.register_tree.setCurrentItem(invoices)
    assert cockpit.grouped.rowCount() == 2
    # selecting a document shows its index values and versions
    cockpit.documents.setCurrentIndex(cockpit.grouped.index(0, Column.Title))
    qtbot.waitUntil(lambda: cockpit.pane.versions.rowCount() >= 1, timeout=WAIT)
    assert cockpit.pane.title.text().startswith("Rechnung")


def drop_files(window: MainWindow, files: list[Path]) -> None:
    """Drag ``files`` from the desktop and drop them on the document list."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    viewport = window.cockpit.documents.viewport()
    center = viewport.rect().center()
    point = QPointF(center)
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)


def _accepting_dialog(values: dict[str, str]) -> Any:
    def make(customer_file: Any, path: Path | None, register_id: str, *,
             batch: int = 1) -> DocumentDialog:
        dialog = DocumentDialog(customer_file, path, register_id=register_id, batch=batch)
        dialog.type.setCurrentIndex(dialog.type.findData("invoice"))
        for name, value in values.items():
            dialog.set_value(name, value)
        dialog.apply_all.setChecked(True)
        assert dialog.validate() == {}
        dialog.exec = lambda: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
        return dialog
    return make


def test_dropping_files_on_the_list_files_them_in_the_register(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10002")
    before = window.cockpit.grouped.rowCount()
    files = []
    for name in ("Rechnung-A.txt", "Rechnung-B.txt"):
        path = tmp_path / name
        path.write_text(f"invoice {name}\n", encoding="utf-8")
        files.append(path)
    window.actions_.make_dialog = _accepting_dialog(  # type: ignore[method-assign]
        {"number": "INV-DROP-1", "amount": "99.50", "date": "2026-03-01"})
    drop_files(window, files)
    qtbot.waitUntil(lambda: window.cockpit.grouped.rowCount() == before + 2, timeout=WAIT)
    assert window.cockpit.customer_file is not None
    on_server = session.remote.documents(window.cockpit.customer_file.id,
                                         type="invoice")
    dropped = [d for d in on_server if d["index"].get("number") == "INV-DROP-1"]
    assert sorted(d["title"] for d in dropped) == ["Rechnung-A", "Rechnung-B"]
    assert dropped[0]["index"]["amount"] == "99.50"
    assert dropped[0]["current_version"]["filename"] in ("Rechnung-A.txt", "Rechnung-B.txt")


def test_index_form_names_the_fields_to_correct(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    assert window.cockpit.customer_file is not None
    dialog = DocumentDialog(window.cockpit.customer_file, Path("Vertrag.pdf"))
    qtbot.addWidget(dialog)
    assert dialog.type.currentData() == "contract"  # guessed from the file name
    dialog.type.setCurrentIndex(dialog.type.findData("delivery_note"))
    dialog.set_value("packages", "three")
    problems = dialog.validate()
    assert set(problems) == {"number", "packages"}
    assert problems["packages"] == "Enter a whole number."


def test_german_translation_shows_german_text(qtbot: QtBot, tmp_path: Path) -> None:
    install_translator("de")
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        main = MainWindow(settings)
        qtbot.addWidget(main)
        assert main.check_out.text() == "Auschecken…"
        assert main.cockpit.filter.placeholderText() == "Dokumente filtern…"
        header = main.cockpit.grouped.headerData(Column.Title, Qt.Orientation.Horizontal)
        assert header == "Titel"
    finally:
        install_translator("en")


def test_spanish_source_translation_is_read_without_a_build(qapp: Any) -> None:
    translator = TsTranslator(TRANSLATIONS_DIR / "dossier_es.ts")
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Cockpit", "Group by month") == "Agrupar por mes"
        assert QCoreApplication.translate("MainWindow", "%n pending change(s)", "", 3) == \
            "3 cambios pendientes"
        assert QCoreApplication.translate("Schema", "Delivery note") == "Albarán"
        # what it does not know stays as written (an empty answer would blank Qt's own texts)
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_checked_out_file_files_drops_offline_and_sync_sends_them(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    session = check_out(qtbot, window, "K-10003", monkeypatch)
    qtbot.waitUntil(lambda: window.navigator.checked_out.count() == 1, timeout=WAIT)
    assert window.check_in.isEnabled() and not window.check_out.isEnabled()
    path = tmp_path / "Rechnung-offline.txt"
    path.write_text("filed while checked out\n", encoding="utf-8")
    window.actions_.make_dialog = _accepting_dialog(  # type: ignore[method-assign]
        {"number": "INV-OFFLINE-1", "amount": "10.00", "date": "2026-04-01"})
    drop_files(window, [path])
    qtbot.waitUntil(lambda: "1 pending change" in window.pending.text(), timeout=WAIT)
    file_id = window.cockpit.customer_file.id
    assert not [d for d in session.remote.documents(file_id)
                if d["index"].get("number") == "INV-OFFLINE-1"]  # still only in the outbox
    window.sync_now.trigger()
    qtbot.waitUntil(lambda: window.pending.text() == "", timeout=WAIT)
    assert [d["title"] for d in session.remote.documents(file_id)
            if d["index"].get("number") == "INV-OFFLINE-1"] == ["Rechnung-offline"]
    window.check_in.trigger()
    qtbot.waitUntil(lambda: window.navigator.checked_out.count() == 0, timeout=WAIT)


def test_downloads_show_a_progress_bar_until_done(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    window.bridge("progress", {"stage": "download", "key": "K-10001", "done": 40,
                               "total": 2000})
    qtbot.waitUntil(lambda: window.transfer.isVisible(), timeout=WAIT)
    assert window.transfer.value() == 40 and window.transfer.maximum() == 2000
    assert window.transfer.text() == "K-10001: 40 of 2000 documents"
    window.bridge("progress", {"stage": "download", "key": "K-10001", "done": 2000,
                               "total": 2000})
    qtbot.waitUntil(lambda: not window.transfer.isVisible(), timeout=WAIT)
