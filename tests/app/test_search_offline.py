"""Offline, a search runs over the replica of the checked-out files, and the window says
that the results come from those only. The replica's search itself is ``sync.search``'s
(tested there) — here the real one, over a real check-out, the server really stopped."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.search.calls import SearchPage
from app.search.results import HitRoles
from app.shell.main_window import MainWindow
from sync.api import EmbeddedServer

from .conftest import WAIT

pytestmark = pytest.mark.slow  # a check-out, then a server that stops


def test_offline_the_replica_answers_and_the_status_bar_says_so(
        qtbot: QtBot, window: MainWindow, server: EmbeddedServer) -> None:
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT)
    session = window.session
    assert session is not None
    qtbot.waitUntil(lambda: window.navigator.views.count() == 3, timeout=WAIT)
    session.engine().checkout("K-10002")
    replica = session.local_replica()
    assert replica is not None
    server.stop()
    panel = window.search.panel
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.field.setText("factura")
    panel.field.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    assert pages[0].from_replica and pages[0].total >= 1
    assert {hit.file.key for hit in pages[0].hits} == {"K-10002"}
    assert window.search.replica_note.isVisible()
    assert "checked-out files only (offline)" in panel.heading.text()
    html = panel.model.data(panel.model.index(0, 0), HitRoles.Html)
    assert "factura</span>" in html.lower()
    failures: list[str] = []
    panel.failed.connect(failures.append)
    panel.field.setText('"factura')
    panel.field.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    assert "position 1" in panel.message.text()
    window.search.reload_views()  # views are kept on the server
    qtbot.waitUntil(lambda: window.navigator.views_label.text() == "Views (need the server)",
                    timeout=WAIT)
    assert window.navigator.views.count() == 3  # as last loaded
    dialog = window.search.save_as_view("factura")
    dialog.name.setText("Facturas")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=WAIT)
    assert "kept on the server" in dialog.problem.text() and dialog.isVisible()
    dialog.reject()
