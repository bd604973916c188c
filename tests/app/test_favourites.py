"""Favourite files: marked from the toolbar (Ctrl+D), listed in the navigator, kept per user
and server, and watched — a colleague's new document in one is announced."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.actions.favourites import Favourites
from app.dialogs.settings_dialog import SettingsDialog
from app.shell.main_window import MainWindow
from sync.api import DEMO_PASSWORD, DEMO_TENANT, EmbeddedServer
from sync.remote import RemoteClient

from .test_document_actions import settled
from .test_main_window import WAIT, open_file, signed_in


def _colleague_files_a_letter(server: EmbeddedServer, file_id: str, tmp_path: Path) -> None:
    maria = RemoteClient(server.url)
    try:
        maria.login("maria", DEMO_PASSWORD, DEMO_TENANT)
        content = tmp_path / "Brief.txt"
        content.write_text("Sehr geehrte Damen und Herren, ...", encoding="utf-8")
        sha = hashlib.sha256(content.read_bytes()).hexdigest()
        maria.put_blob(content, sha)
        maria.create_document(file_id, {
            "type": "letter", "title": "Brief von Maria", "index": {"date": "2026-11-29"},
            "content": {"sha256": sha, "filename": "Brief.txt", "media_type": "text/plain"}})
    finally:
        maria.close()


def test_a_favourite_is_listed_kept_and_watched(qtbot: QtBot, window: MainWindow,
                                                server: EmbeddedServer,
                                                tmp_path: Path) -> None:
    session = signed_in(qtbot, window)
    assert not window.favourite.isEnabled()  # no file open yet
    open_file(qtbot, window, "K-10002")
    assert window.favourite.isEnabled() and not window.favourite.isChecked()
    window.favourite.trigger()
    assert window.favourite.isChecked() and window.favourite.text().startswith("★")
    assert window.navigator.favourites.count() == 1
    assert "K-10002" in window.navigator.favourites.item(0).text()
    # kept per user and server: a new window (the next start) finds it
    again = Favourites(window.user_settings)
    again.use(session)
    assert [f["key"] for f in again.files()] == ["K-10002"]

    # the first look starts "from now": nothing old is announced
    qtbot.waitUntil(lambda: window.favourites.cursor != "latest", timeout=WAIT)
    settled(qtbot)
    assert not [n for n in window.notifications.entries if n.kind == "documents"]
    assert window.cockpit.customer_file is not None
    _colleague_files_a_letter(server, window.cockpit.customer_file.id, tmp_path)
    window.favourite_watch.look()
    qtbot.waitUntil(lambda: any(n.kind == "documents" for n in window.notifications.entries),
                    timeout=WAIT)
    texts = [n.text for n in window.notifications.entries if n.kind == "documents"]
    assert texts == ["1 new document in K-10002 Peña y Sánchez S.A."]
    window.favourite_watch.look()  # nothing new: nothing announced again
    settled(qtbot)
    assert len([n for n in window.notifications.entries if n.kind == "documents"]) == 1

    assert window.favourite_watch.interval_ms == 60_000  # the sync interval
    window.settings.setValue("sync/interval", 300)
    window._apply_preferences(SettingsDialog(window.user_settings))
    assert window.favourite_watch.interval_ms == 300_000
    settled(qtbot)

    window.favourite.trigger()  # and off again
    assert not window.favourite.isChecked() and window.navigator.favourites.count() == 0
    assert "no longer a favourite" in window.statusBar().currentMessage()


def test_a_cursor_the_server_forgot_starts_from_now(qtbot: QtBot,
                                                    window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    counts, cursor = session.new_documents_since("999999999", {"any-file"})
    assert counts == {} and cursor.isdigit() and int(cursor) < 999999999
