"""Changing a document from the window: index values (with validation), new version,
registers, delete with the archive's refusal — online, and on a checked-out file through the
outbox, also with the server gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.actions import document_actions
from app.cockpit.item_models import Roles
from app.dialogs.document_dialog import DocumentDialog
from app.infra.workers import describe_error, pending_tasks
from app.shell.main_window import MainWindow
from sync.api import Client, CustomerFile, EmbeddedServer
from sync.errors import NotFound

from .test_main_window import WAIT, open_file, signed_in


def select(qtbot: QtBot, window: MainWindow, doc_type: str, nth: int = 0) -> dict[str, Any]:
    """Select the ``nth`` document of ``doc_type`` in the list; returns it."""
    cockpit = window.cockpit
    matches = [d for d in cockpit.customer_file.documents if d["type"] == doc_type]  # type: ignore[union-attr]
    wanted = matches[nth]
    assert cockpit.select_document(wanted["id"])
    qtbot.waitUntil(lambda: cockpit.pane.document is not None
                    and cockpit.pane.document["id"] == wanted["id"], timeout=WAIT)
    return wanted


def settled(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)


class FillIn:
    """Replaces the index dialog: sets values as a user would type them, then OK."""

    def __init__(self, window: MainWindow, **values: str) -> None:
        self.values = values
        self.dialog: DocumentDialog | None = None
        self.accepted = False
        window.document_actions.make_index_dialog = self.make  # type: ignore[method-assign]

    def make(self, customer_file: CustomerFile, document: dict[str, Any]) -> DocumentDialog:
        dialog = DocumentDialog(customer_file, None, document=document)
        for name, value in self.values.items():
            if name == "title":
                dialog.title.setText(value)
            else:
                dialog.set_value(name, value)
        dialog.exec = self._exec  # type: ignore[method-assign]
        self.dialog = dialog
        return dialog

    def _exec(self) -> int:
        assert self.dialog is not None
        self.dialog.try_accept()
        self.accepted = self.dialog.result() == 1
        return self.dialog.result()


def test_edit_index_values_online(qtbot: QtBot, window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    invoice = select(qtbot, window, "invoice")
    FillIn(window, title="Rechnung korrigiert", amount="99,50")
    window.document_actions.edit_index.trigger()
    settled(qtbot)
    after = session.remote.document(invoice["id"])
    assert after["title"] == "Rechnung korrigiert"
    assert after["index"]["amount"] == "99.50"
    assert after["index"]["number"] == invoice["index"]["number"]  # untouched fields stay
    qtbot.waitUntil(lambda: window.cockpit.pane.title.text() == "Rechnung korrigiert",
                    timeout=WAIT)


def test_index_form_validation_keeps_the_dialog_open(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    invoice = select(qtbot, window, "invoice")
    fill = FillIn(window, amount="zwölf", number="")
    window.document_actions.edit_index.trigger()
    settled(qtbot)
    assert not fill.accepted
    assert fill.dialog is not None
    errors = fill.dialog.validate()
    assert set(errors) == {"amount", "number"}
    assert fill.dialog.summary.text() == "Please correct the marked fields."
    assert session.remote.document(invoice["id"])["etag"] == invoice["etag"]  # nothing sent


def test_someone_elses_change_is_not_overwritten(qtbot: QtBot, window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    invoice = select(qtbot, window, "invoice", 1)
    session.remote.update_document(invoice["id"], {"title": "changed by a colleague"},
                                   f'"{invoice["etag"]}"')
    shown: list[BaseException] = []
    original = document_actions.show_error
    document_actions.show_error = lambda exc, parent=None: shown.append(exc)  # type: ignore[assignment]
    try:
        FillIn(window, title="my title")
        window.document_actions.edit_index.trigger()
        settled(qtbot)
    finally:
        document_actions.show_error = original
    assert shown and type(shown[0]).__name__ == "StaleObject"
    assert session.remote.document(invoice["id"])["title"] == "changed by a colleague"


def test_new_version_registers_and_delete_online(qtbot: QtBot, window: MainWindow,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10002")
    letter = select(qtbot, window, "letter")
    before = len(session.remote.versions(letter["id"]))
    revised = tmp_path / "revised letter.txt"
    revised.write_text("the revised letter")
    window.document_actions.add_version(revised, "typo fixed")
    settled(qtbot)
    versions = session.remote.versions(letter["id"])
    assert len(versions) == before + 1 and versions[-1].comment == "typo fixed"

    # a second register
    customer_file = window.cockpit.customer_file
    assert customer_file is not None
    complaints = next(r.id for r in customer_file.registers() if r.name == "complaints")
    letter = select(qtbot, window, "letter")
    monkeypatch.setattr(document_actions.RegistersDialog, "exec", lambda self: (
        [box.setChecked(True) for box, rid in self.boxes if rid == complaints], 1)[1])
    window.document_actions.registers.trigger()
    settled(qtbot)
    assert complaints in session.remote.document(letter["id"])["registers"]
    assert len(session.remote.document(letter["id"])["registers"]) == 2

    # an invoice is kept by the archive: the refusal is shown, nothing changes
    invoice = select(qtbot, window, "invoice")
    shown: list[str] = []
    monkeypatch.setattr(document_actions, "show_error",
                        lambda exc, parent=None: shown.append(
                            describe_error(exc)))
    monkeypatch.setattr(document_actions.DocumentActions, "confirm_delete",
                        lambda self, cf, doc: True)
    window.document_actions.delete.trigger()
    settled(qtbot)
    assert shown and "keeps this document until" in shown[0]
    assert not session.remote.document(invoice["id"])["deleted"]

    # a note may go
    note = tmp_path / "call notes.txt"
    note.write_text("called, will pay next week")
    note_id = session.add_document(customer_file, note, doc_type="note", title="call notes",
                                   register=complaints, index={"date": "2026-11-28"})
    window.cockpit.reload()
    settled(qtbot)
    select(qtbot, window, "note")
    window.document_actions.delete.trigger()
    settled(qtbot)
    with pytest.raises(NotFound):  # a tombstone: gone from the file, kept in the archive
        session.remote.document(note_id)
    assert all(d["id"] != note_id for d in window.cockpit.customer_file.documents)  # type: ignore[union-attr]


def test_checked_out_file_is_read_and_changed_offline(qtbot: QtBot, window: MainWindow,
                                                      server: EmbeddedServer,
                                                      tmp_path: Path) -> None:
    """Last in this module: it stops the module's server."""
    session: Client = signed_in(qtbot, window)
    session.engine().checkout("K-10003")
    open_file(qtbot, window, "K-10003")
    cockpit = window.cockpit
    assert cockpit.customer_file is not None and cockpit.customer_file.checked_out
    count = len(cockpit.customer_file.documents)

    server.stop()  # the train leaves the station
    qtbot.keyClicks(window.navigator.search, "10003")
    qtbot.waitUntil(lambda: window.navigator.results.count() == 1, timeout=WAIT)
    cockpit.open_file(cockpit.customer_file.id)
    settled(qtbot)
    assert len(cockpit.customer_file.documents) == count
    letter = select(qtbot, window, "letter")
    qtbot.waitUntil(lambda: cockpit.pane.versions.rowCount() >= 1, timeout=WAIT)
    settled(qtbot)
    assert "could not be loaded" not in cockpit.pane.message.text()

    FillIn(window, title="offline edit")
    window.document_actions.edit_index.trigger()
    settled(qtbot)
    qtbot.waitUntil(lambda: cockpit.pane.title.text() == "offline edit", timeout=WAIT)
    revised = tmp_path / "v2.txt"
    revised.write_text("written on the train")
    window.document_actions.add_version(revised, "")
    settled(qtbot)
    assert session.engine().pending_count() == 2
    row = cockpit.grouped.index_of(letter["id"])
    shown = cockpit.grouped.proxy_index(row).data(Roles.Document)
    assert shown["pending"] and shown["current_version"]["number"] >= 2
