"""A colleague's simultaneous change becomes a conflict the user decides in the dialog."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from app.actions.file_actions import CheckoutDialog
from app.dialogs.conflict_dialog import ConflictDialog
from app.shell.main_window import MainWindow
from sync import outbox
from sync.api import DEMO_PASSWORD, DEMO_TENANT, Client, EmbeddedServer
from sync.remote import RemoteClient

from .test_main_window import WAIT, open_file, signed_in


def _check_out(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CheckoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.check_out.trigger()
    qtbot.waitUntil(lambda: window.navigator.checked_out.count() == 1, timeout=WAIT)


def _colleague_sets_amount(server: EmbeddedServer, document: dict[str, Any],
                           amount: str) -> None:
    maria = RemoteClient(server.url)
    try:
        maria.login("maria", DEMO_PASSWORD, DEMO_TENANT)
        maria._json("PATCH", f"/documents/{document['id']}",
                    json={"index": {"amount": amount}}, headers={"If-Match": document["etag"]})
    finally:
        maria.close()


def _amount_on_server(session: Client, document_id: str) -> str:
    return str(session.remote.document(document_id)["index"]["amount"])


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_field_conflict_is_shown_and_the_choice_reaches_the_server(
        qtbot: QtBot, window: MainWindow, server: EmbeddedServer,
        monkeypatch: pytest.MonkeyPatch, keep: str) -> None:
    session = signed_in(qtbot, window)
    key = "K-10002" if keep == "mine" else "K-10001"
    open_file(qtbot, window, key)
    _check_out(qtbot, window, monkeypatch)
    assert window.cockpit.customer_file is not None
    file_id = window.cockpit.customer_file.id
    invoice = session.remote.documents(file_id, type="invoice")[0]
    before = str(invoice["index"]["amount"])
    # offline here: my amount; meanwhile a colleague sets another one on the server (the
    # scheduled sync waits meanwhile, or it could send mine first and the colleague's fails)
    with session.engine().lock:
        outbox.set_index(session.engine().replica, invoice["id"], {"amount": "111.00"})
        _colleague_sets_amount(server, invoice, "222.00")
    window.sync_now.trigger()
    # impossible to overlook: the status bar badge and the checked-out file say so
    qtbot.waitUntil(lambda: window.conflict_badge.isVisible(), timeout=WAIT)
    assert "1 conflict" in window.conflict_badge.text()
    qtbot.waitUntil(lambda: "conflict" in window.navigator.checked_out.item(0).text(),
                    timeout=WAIT)
    assert _amount_on_server(session, invoice["id"]) == "222.00"  # nothing decided silently
    window.conflict_badge.click()
    qtbot.waitUntil(lambda: window.actions_.conflict_list is not None
                    and window.actions_.conflict_list.isVisible(), timeout=WAIT)
    conflicts = window.actions_.conflict_list
    assert conflicts is not None
    assert conflicts.list.count() == 1
    assert "Index values changed on both sides" in conflicts.list.item(0).text()
    conflicts.resolve_button.click()
    dialog = conflicts.dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    choice = dialog.choices["index.amount"]
    row = [choice.itemData(i) for i in range(choice.count())]
    assert row == ["mine", "theirs"]
    grid = dialog.findChild(QTableWidget)
    assert grid is not None
    assert [grid.item(0, c).text() for c in range(4)] == ["Amount", before, "111.00", "222.00"]
    choice.setCurrentIndex(choice.findData(keep))
    assert dialog.apply_button is not None
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    expected = "111.00" if keep == "mine" else "222.00"
    assert _amount_on_server(session, invoice["id"]) == expected
    qtbot.waitUntil(lambda: not window.conflict_badge.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: conflicts.list.item(0).text().startswith("No conflicts"),
                    timeout=WAIT)
    qtbot.waitUntil(lambda: "conflict" not in window.navigator.checked_out.item(0).text(),
                    timeout=WAIT)
    assert session.engine().pending_count() == 0
