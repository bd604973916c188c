"""The document's History tab (audit events in words) and the scheduled sync while a file is
checked out."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.actions.file_actions import CheckoutDialog
from app.cockpit.history import HistoryTab
from app.cockpit.item_models import Column
from app.shell.main_window import MainWindow
from sync.api import DEMO_PASSWORD, DEMO_TENANT, AuditEvent, EmbeddedServer
from sync.remote import RemoteClient

from .test_main_window import WAIT, open_file, signed_in


def _column(table: Any, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())
            if table.item(row, column) is not None]


def test_history_tab_lists_the_documents_audit_events(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    cockpit = window.cockpit
    cockpit.documents.setCurrentIndex(cockpit.grouped.index(0, Column.Title))
    pane = cockpit.pane
    assert pane.tabs.tabText(pane.tabs.indexOf(pane.history)) == "History"
    document = pane.document
    assert document is not None
    number = document["current_version"]["number"]
    table = pane.history.table
    # viewing the content is recorded, and the tab reloads once the preview is there
    qtbot.waitUntil(lambda: f"viewed version {number}" in _column(table, 3), timeout=WAIT)
    assert session.username in _column(table, 1)
    assert "Viewed" in _column(table, 2)
    assert all(_column(table, 0))
    # an index change reads as words
    current = session.remote.document(document["id"])
    field = sorted(current["index"])[0]
    session.remote._json("PATCH", f"/documents/{document['id']}",
                         json={"index": {field: current["index"][field]}},
                         headers={"If-Match": current["etag"]})
    pane.reload_history()
    qtbot.waitUntil(lambda: f"changed index: {field}" in _column(table, 3), timeout=WAIT)
    assert _column(table, 3)[0] == f"changed index: {field}"  # newest first


def _event(action: str, details: dict[str, Any]) -> AuditEvent:
    return AuditEvent(seq=1, at="2026-01-01T00:00:00", actor="alice", action=action,
                      object="d1", details=details)


def test_history_summaries_in_words(qapp: Any) -> None:
    tab = HistoryTab()
    assert tab.summary(_event("version", {"version": 3})) == "new version 3"
    assert tab.summary(_event("update", {"index": {"paid": True}})) == "changed index: paid"
    assert tab.summary(_event("checkin", {"op": "update"})) == "checked in"
    assert tab.summary(_event("resolve", {"choice": "mine"})) == "resolved a conflict: mine"
    tab.deleteLater()


def test_history_without_audit_right_says_so(qtbot: QtBot, server: EmbeddedServer,
                                             window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    document = session.remote.documents(session.search_files("")[0].id)[0]
    maria = RemoteClient(server.url)
    try:
        maria.login("maria", DEMO_PASSWORD, DEMO_TENANT)
        tab = HistoryTab()
        qtbot.addWidget(tab)
        tab.load(SimpleNamespace(audit_trail=maria.audit),  # type: ignore[arg-type]
                 document["id"])
        qtbot.waitUntil(lambda: tab.stack.currentWidget() is tab.message, timeout=WAIT)
        assert tab.message.text() == "You may not see the history of this document."
    finally:
        maria.close()


def test_checked_out_file_is_synced_on_a_schedule(qtbot: QtBot, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    signed_in(qtbot, window)
    assert not window.scheduled.running
    open_file(qtbot, window, "K-10002")
    monkeypatch.setattr(CheckoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.check_out.trigger()
    qtbot.waitUntil(lambda: window.scheduled.running, timeout=WAIT)
    scheduler = window.scheduled.scheduler
    assert scheduler is not None and scheduler.interval_seconds == 60.0
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Last sync"), timeout=WAIT)
    window.sync_state.setText("")
    window.scheduled.sync_now()
    qtbot.waitUntil(lambda: window.sync_state.text().startswith("Last sync"), timeout=WAIT)
    text = window.sync_state.text()
    assert len(text.removeprefix("Last sync ")) == 5 and text[-3] == ":"  # hh:mm
    qtbot.waitUntil(window.check_in.isEnabled, timeout=WAIT)  # the reloaded file says so
    window.check_in.trigger()
    qtbot.waitUntil(lambda: not window.scheduled.running, timeout=WAIT)
    assert window.sync_state.text() == ""


def test_sync_interval_comes_from_the_settings(qtbot: QtBot, window: MainWindow) -> None:
    window.settings.setValue("sync/interval", 15)
    assert window.scheduled.interval() == 15.0
    window.settings.setValue("sync/interval", "nonsense")
    assert window.scheduled.interval() == 60.0
    signed_in(qtbot, window)


def test_new_texts_are_translated(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator

    for language, expected in (("de", "Sie dürfen den Verlauf dieses Dokuments nicht sehen."),
                               ("es", "No puede ver el historial de este documento.")):
        translator = TsTranslator(TRANSLATIONS_DIR / f"dossier_{language}.ts")
        QCoreApplication.installTranslator(translator)
        try:
            assert QCoreApplication.translate(
                "HistoryTab", "You may not see the history of this document.") == expected
            assert QCoreApplication.translate("ScheduledSync", "Last sync %1") != "Last sync %1"
            assert QCoreApplication.translate("DocumentPane", "History") != "History"
        finally:
            QCoreApplication.removeTranslator(translator)
