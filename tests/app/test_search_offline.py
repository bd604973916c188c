"""Offline, a search runs over the replica of the checked-out files, and the window says
that the results come from those only. The replica's search itself is ``sync.search``'s
(tested there): here it is the one thing replaced, to see what the window does with it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.embedded import EmbeddedServer
from app.main_window import MainWindow
from app.search_calls import SearchPage
from app.search_results import HitRoles
from sync import search as replica_search
from viewer.query import QueryError

from .conftest import WAIT

pytestmark = pytest.mark.slow  # a check-out, then a server that stops


def test_offline_the_replica_answers_and_the_status_bar_says_so(
        qtbot: QtBot, window: MainWindow, server: EmbeddedServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT)
    session = window.session
    assert session is not None
    qtbot.waitUntil(lambda: window.navigator.views.count() == 3, timeout=WAIT)
    session.engine().checkout("K-10002")
    replica = session.local_replica()
    assert replica is not None
    document = next(d for d in session.remote.documents(
        session.remote.file_by_key("K-10002")["id"]) if d["type"] == "invoice")
    asked: list[dict[str, Any]] = []

    def search_replica(replica_: Any, query: str, **options: Any) -> dict[str, Any]:
        asked.append({"replica": replica_, "query": query, **options})
        if query.startswith('"'):
            raise QueryError(0, "a closing quote")
        return {"items": [{"document": document, "score": 1.0,
                           "file": {"id": document["file_id"], "key": "K-10002",
                                    "title": "Peña y Sánchez S.A."},
                           "snippet": "<mark>Factura</mark> &amp; more"}],
                "total": 1, "next_offset": None}

    monkeypatch.setattr(replica_search, "search_replica", search_replica)
    server.stop()
    panel = window.search.panel
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.field.setText("factura")
    panel.field.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    assert pages[0].from_replica and asked[0]["query"] == "factura"
    assert asked[0]["replica"] is replica and asked[0]["offset"] == 0
    assert window.search.replica_note.isVisible()
    assert "checked-out files only (offline)" in panel.heading.text()
    html = panel.model.data(panel.model.index(0, 0), HitRoles.Html)
    assert "Factura</span> &amp; more" in html
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
