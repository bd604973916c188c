"""Notifications after a sync (tray icon where a tray exists, the Notifications menu always)
and the Preferences dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.actions.file_actions import CheckoutDialog
from app.dialogs.settings_dialog import SettingsDialog
from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator, install_translator
from app.infra.settings import UserSettings
from app.shell.main_window import MainWindow
from app.shell.tray import Notifications
from sync.engine import SyncReport
from sync.profile import Profile
from sync.replica import LocalDocument, LocalFile

from .test_main_window import WAIT, open_file, signed_in


def _check_out(qtbot: QtBot, window: MainWindow, key: str,
               monkeypatch: pytest.MonkeyPatch) -> None:
    open_file(qtbot, window, key)
    monkeypatch.setattr(CheckoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.check_out.trigger()
    qtbot.waitUntil(lambda: window.scheduled.running, timeout=WAIT)


def test_notification_texts(qapp: Any) -> None:
    install_translator("en")  # English plural forms ("1 new document", "3 new documents")
    notifications = Notifications()
    seen: list[Any] = []
    notifications.added.connect(seen.append)
    notifications.new_documents({("K-10002", "Peña y Sánchez"): 3, ("K-10001", "Otto"): 1,
                                 ("K-10003", "Nobody"): 0})
    assert [e.text for e in notifications.entries] == [
        "1 new document in K-10001 Otto", "3 new documents in K-10002 Peña y Sánchez"]
    notifications.conflicts(2)
    notifications.conflicts(2)  # no news
    notifications.conflicts(1)
    assert notifications.entries[-1].text == "2 open conflicts to decide"
    assert len(notifications.entries) == 3 and seen == notifications.entries
    assert notifications.tray is None  # offscreen: no system tray


def test_automatic_decisions_of_a_sync_are_notified(qapp: Any) -> None:
    install_translator("de")
    notifications = Notifications()
    notifications.handle_report({"offline": False, "conflicts": 0, "new_documents": [],
                                 "decisions": [
                                     {"decision": "restored", "title": "Llamar",
                                      "document_id": "d1"},
                                     {"decision": "kept_their_edit", "title": "Factura 7",
                                      "document_id": "d2"}]}, None)
    assert [(e.kind, e.text) for e in notifications.entries] == [
        ("decisions", "Ihre Änderung an “Llamar” bleibt erhalten: Das Dokument war auf dem "
                      "Server gelöscht und ist wiederhergestellt"),
        ("decisions", "Ihr Löschen von “Factura 7” wurde zurückgenommen: Ein Kollege hatte "
                      "das Dokument geändert")]
    install_translator("en")


def test_sync_report_with_new_documents_notifies_and_preferences_apply(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    session = signed_in(qtbot, window)
    assert window.tray is None  # offscreen
    _check_out(qtbot, window, "K-10002", monkeypatch)
    engine = session.engine()
    with engine.replica.transaction() as db:
        title = db.scalars(select(LocalFile.title).where(LocalFile.key == "K-10002")).one()
        ids = list(db.scalars(select(LocalDocument.id).join(
            LocalFile, LocalFile.id == LocalDocument.file_id)
            .where(LocalFile.key == "K-10002").limit(3)))
    assert len(ids) == 3
    window._synced(SyncReport(files=1, new_documents=ids))
    expected = f"3 new documents in K-10002 {title}"
    qtbot.waitUntil(lambda: any(e.text == expected for e in window.notifications.entries),
                    timeout=WAIT)
    texts = [a.text() for a in window.notifications_menu.actions() if a.isVisible()]
    assert any(text.endswith(expected) for text in texts)
    assert not window.no_notifications.isVisible()

    # Preferences: interval and language are stored, the interval reaches the scheduler
    dialog = window.open_preferences()
    qtbot.addWidget(dialog)
    assert dialog.server.text() == session.url
    assert dialog.interval.value() == 60
    assert dialog.deletion_guard.value() == 10
    dialog.interval.setValue(30)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.deletion_guard.setValue(25)
    elsewhere = Path(str(session.profile.directory)) / "elsewhere"
    dialog.working_dir.setText(str(elsewhere))
    dialog.accept()
    qtbot.waitUntil(lambda: session.engine().files_dir == elsewhere, timeout=WAIT)
    assert Profile.load(session.profile.directory).files_dir == elsewhere  # kept for next time
    assert window.settings.value("sync/interval") in (30, "30")
    assert window.settings.value("language") == "de"
    assert window.settings.value("sync/deletion_guard") in (25, "25")
    scheduler = window.scheduled.scheduler
    assert scheduler is not None and scheduler.interval_seconds == 30.0
    assert window.scheduled.interval() == 30.0
    qtbot.waitUntil(window.check_in.isEnabled, timeout=WAIT)
    window.check_in.trigger()
    qtbot.waitUntil(lambda: not window.scheduled.running, timeout=WAIT)


def test_preferences_without_a_scheduler_only_store(qtbot: QtBot, tmp_path: Any) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("sync/interval", "nonsense")
    dialog = SettingsDialog(UserSettings(settings))
    qtbot.addWidget(dialog)
    assert dialog.interval.value() == 60
    dialog.interval.setValue(120)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.working_dir.setText(str(tmp_path))
    dialog.accept()
    reread = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert int(reread.value("sync/interval")) == 120  # type: ignore[call-overload]
    assert reread.value("language") == "es"
    assert reread.value("files/working_dir") == str(tmp_path)
    assert int(reread.value("sync/deletion_guard")) == 10  # type: ignore[call-overload]
    dialog.reject()


def test_new_texts_are_translated(qapp: Any) -> None:
    for language in ("de", "es"):
        translator = TsTranslator(TRANSLATIONS_DIR / f"dossier_{language}.ts")
        QCoreApplication.installTranslator(translator)
        try:
            for context, source in (("SettingsDialog", "Preferences"),
                                    ("SettingsDialog", "Sync interval:"),
                                    ("MainWindow", "Preferences…"),
                                    ("MainWindow", "&Notifications"),
                                    ("TrayIcon", "Sync now")):
                assert QCoreApplication.translate(context, source) != source
            assert "K-1" in QCoreApplication.translate(
                "Notifications", "%n new document(s) in %1", "", 3).replace("%1", "K-1")
            assert QCoreApplication.translate(
                "Notifications", "%n new document(s) in %1", "", 3) != \
                "%n new document(s) in %1"
        finally:
            QCoreApplication.removeTranslator(translator)


def test_another_server_is_kept_in_the_profile_and_restarts(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    session = signed_in(qtbot, window)
    asked: list[str] = []
    restarted: list[bool] = []
    monkeypatch.setattr(window, "confirm_restart", lambda url: asked.append(url) or True)
    monkeypatch.setattr(window, "restart", lambda: restarted.append(True))
    dialog = window.open_preferences()
    qtbot.addWidget(dialog)
    dialog.choose_server("dossier.example.com/")
    assert dialog.server.text() == "https://dossier.example.com"
    dialog.accept()
    assert asked == ["https://dossier.example.com"] and restarted == [True]
    assert Profile.load(session.profile.directory).server_url == "https://dossier.example.com"

    # unchanged server: no question
    asked.clear()
    dialog = window.open_preferences()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert asked == []
