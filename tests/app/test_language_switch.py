"""Settings → Language switches at once: the window is rebuilt in the new language and keeps
the session, the open file, the selected document, its size and a running scheduled sync."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.actions.file_actions import CheckoutDialog
from app.cockpit.item_models import Column, GroupMode, Roles
from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator, current_language, install_translator
from app.infra.workers import pending_tasks, run_task
from app.shell.main_window import MainWindow
from app.shell.window_host import WindowHost
from sync.api import DEMO_PASSWORD, DEMO_TENANT, DEMO_USER, EmbeddedServer, connect
from sync.profile import Profile

from .test_main_window import WAIT, open_file, signed_in


@pytest.fixture
def host(qtbot: QtBot, server: EmbeddedServer, tmp_path: Path) -> Iterator[WindowHost]:
    install_translator("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    owner = WindowHost(settings)
    owner.window.show()
    profile = Profile(directory=tmp_path / "profile")
    owner.window.begin(lambda: connect(profile, server.url, DEMO_USER, DEMO_PASSWORD,
                                       DEMO_TENANT, remember=False))
    yield owner
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
    window = owner.window
    window.close()
    if window.session is not None:
        window.session.close()
    window.deleteLater()
    install_translator("en")


def _switch(qtbot: QtBot, host: WindowHost, code: str) -> MainWindow:
    old = host.window
    name = {"de": "Deutsch", "en": "English", "es": "Español"}[code]
    language = next(a for a in old.menuBar().findChildren(QAction) if a.text() == name)
    language.trigger()  # Settings → Language → Deutsch
    qtbot.waitUntil(lambda: host.window is not old, timeout=WAIT)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=WAIT)  # deleted, not hidden
    return host.window


def test_language_switch_shows_translated_text(qtbot: QtBot, host: WindowHost,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = host.window
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    monkeypatch.setattr(CheckoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.check_out.trigger()  # a running scheduled sync must survive the switch
    qtbot.waitUntil(lambda: window.scheduled.running, timeout=WAIT)
    qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                    and window.cockpit.customer_file.checked_out, timeout=WAIT)
    scheduler = window.scheduled.scheduler
    cockpit = window.cockpit
    cockpit.set_group_mode(GroupMode.Type)
    cockpit.filter.setText("2026")
    first_group = cockpit.grouped.index(0, 0)
    chosen = cockpit.grouped.index(cockpit.grouped.rowCount(first_group) - 1, Column.Title,
                                   first_group)
    cockpit.documents.setCurrentIndex(chosen)
    document = chosen.data(Roles.Document)
    assert document is not None and cockpit.pane.document == document
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
    window.resize(1480, 877)
    old_bridge = window.bridge

    german = _switch(qtbot, host, "de")
    assert current_language() == "de" and host.settings.value("language") == "de"
    assert german.check_out.text() == "Auschecken…"
    assert german.sync_now.text() == "Synchronisieren"
    assert german.cockpit.filter.placeholderText() == "Dokumente filtern…"
    assert german.cockpit.grouped.headerData(Column.Title, Qt.Orientation.Horizontal) == "Titel"
    assert german.cockpit.group_by.currentText() == "Nach Typ gruppieren"
    assert "&Einstellungen" in [a.text() for a in german.menuBar().actions()]
    # the state is the same
    assert german.session is session
    assert german.size().width() == 1480 and german.size().height() == 877
    assert german.cockpit.customer_file is not None
    assert german.cockpit.customer_file.key == "K-10001"
    assert german.cockpit.filter.text() == "2026"
    assert german.cockpit.grouped.mode == GroupMode.Type
    assert german.cockpit.pane.document is not None
    assert german.cockpit.pane.document["id"] == document["id"]
    assert german.cockpit.selected_document() == german.cockpit.pane.document
    assert german.cockpit.documents.currentIndex().data(Roles.DocumentId) == document["id"]
    # the scheduled sync went along; the engine talks to the new window only
    assert german.scheduled.scheduler is scheduler and german.scheduled.running
    assert german.scheduled.label is german.sync_state
    listeners = session.engine()._listeners
    assert german.bridge in listeners and old_bridge not in listeners
    assert german.check_in.isEnabled() and not german.check_out.isEnabled()

    english = _switch(qtbot, host, "en")
    assert english.check_out.text() == "Check out…"
    assert english.cockpit.grouped.headerData(Column.Title, Qt.Orientation.Horizontal) == \
        "Title"
    assert english.scheduled.scheduler is scheduler
    assert english.cockpit.pane.document is not None
    assert english.cockpit.pane.document["id"] == document["id"]
    qtbot.waitUntil(english.check_in.isEnabled, timeout=WAIT)
    english.check_in.trigger()
    qtbot.waitUntil(lambda: not english.scheduled.running, timeout=WAIT)


def test_the_switch_waits_for_work_in_flight(qtbot: QtBot, host: WindowHost) -> None:
    window = host.window
    signed_in(qtbot, window)
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
    release = threading.Event()
    finished: list[str] = []
    run_task(lambda: release.wait(WAIT / 1000), mutation=True,
             on_done=lambda _r: finished.append(window.statusBar().currentMessage()))
    window.actions_.set_language("de")
    assert host.switching and host.window is window  # not while the task runs
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() ==
                    "The language changes as soon as the current work is done.",
                    timeout=WAIT)
    assert host.window is window
    release.set()
    qtbot.waitUntil(lambda: host.window is not window, timeout=WAIT)
    assert finished  # the task's result reached the window it was started from
    assert host.window.check_out.text() == "Auschecken…"


def test_preferences_switch_the_language_too(qtbot: QtBot, host: WindowHost) -> None:
    window = host.window
    signed_in(qtbot, window)
    dialog = window.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.accept()
    qtbot.waitUntil(lambda: host.window is not window, timeout=WAIT)
    assert host.window.check_out.text() == "Checkout…"
    assert host.window.sync_now.text() == "Sincronizar"


def test_a_window_without_host_keeps_the_choice_for_the_next_start(
        qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    bare = MainWindow(settings)
    qtbot.addWidget(bare)
    bare.actions_.set_language("es")
    assert settings.value("language") == "es"
    assert bare.statusBar().currentMessage() == \
        "The new language is used from the next start."


def test_the_switch_texts_are_translated(qapp: Any) -> None:
    for language in ("de", "es"):
        translator = TsTranslator(TRANSLATIONS_DIR / f"dossier_{language}.ts")
        QCoreApplication.installTranslator(translator)
        try:
            source = "The language changes as soon as the current work is done."
            assert QCoreApplication.translate("WindowHost", source) not in ("", source)
        finally:
            QCoreApplication.removeTranslator(translator)
