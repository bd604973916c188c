"""Edit in application: a document opened in its application (a fake opener here) comes back
as new versions — through a prompt when the file is not checked out, through the engine's
working-copy watcher when it is; mass deletions of working copies are asked about."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import app
from app.actions.edit_in_app import EditedCopy, EditInApplication
from app.infra.i18n import TRANSLATIONS_DIR, TsTranslator
from app.shell.main_window import MainWindow
from app.shell.window_host import WindowHost
from sync.api import prepare_copy, tidy

from .test_document_actions import select, settled
from .test_language_switch import _switch, host  # noqa: F401 (a fixture)
from .test_main_window import WAIT, check_out, open_file, signed_in


class FakeOpener:
    """Stands in for the desktop: records what would have been opened."""

    def __init__(self, editor: EditInApplication) -> None:
        self.opened: list[Path] = []
        editor.opener = self
        editor.debounce_ms = 50

    def __call__(self, path: Path) -> bool:
        self.opened.append(path)
        return True


def save_by_rename(path: Path, content: bytes) -> None:
    """How word processors save: a new file renamed over the old one."""
    temporary = path.with_name("~$saving.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def prompted(qtbot: QtBot, edit: EditedCopy) -> None:
    qtbot.waitUntil(lambda: edit.prompt is not None and edit.prompt.isVisible(), timeout=WAIT)


def test_each_saved_change_is_offered_as_a_new_version(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10002")
    letter = select(qtbot, window, "letter")
    editor = window.edit_in_app
    desktop = FakeOpener(editor)
    before = len(session.remote.versions(letter["id"]))

    window.document_actions.edit_in_application.trigger()
    qtbot.waitUntil(lambda: len(desktop.opened) == 1, timeout=WAIT)
    path = desktop.opened[0]
    assert path.parent == session.profile.directory / "editing" / letter["id"]
    assert path.read_bytes() == session.content(letter).read_bytes()
    edit = editor.edits[letter["id"]]

    path.write_bytes(b"the letter, revised in the word processor")
    prompted(qtbot, edit)
    assert edit.prompt is not None
    assert f"as version {before + 1}?" in edit.prompt.question.text()
    edit.prompt.comment.setText("signed")
    edit.prompt.save_button.click()
    qtbot.waitUntil(lambda: len(session.remote.versions(letter["id"])) == before + 1,
                    timeout=WAIT)
    settled(qtbot)
    current = session.remote.document(letter["id"])
    assert session.content(current).read_bytes() == b"the letter, revised in the word processor"
    assert session.remote.versions(letter["id"])[-1].comment == "signed"
    qtbot.waitUntil(lambda: "saved as version" in window.statusBar().currentMessage(),
                    timeout=WAIT)

    # saved again the way editors do: the second version names the new ETag
    save_by_rename(path, b"second revision")
    prompted(qtbot, edit)
    assert edit.prompt is not None
    edit.prompt.save_button.click()
    qtbot.waitUntil(lambda: len(session.remote.versions(letter["id"])) == before + 2,
                    timeout=WAIT)
    settled(qtbot)
    assert session.content(session.remote.document(letter["id"])).read_bytes() == \
        b"second revision"

    # "Not now" saves nothing; the next change is offered again
    path.write_bytes(b"third revision")
    prompted(qtbot, edit)
    assert edit.prompt is not None
    edit.prompt.later_button.click()
    qtbot.waitUntil(lambda: edit.prompt is None, timeout=WAIT)
    path.write_bytes(b"fourth revision")
    prompted(qtbot, edit)
    assert len(session.remote.versions(letter["id"])) == before + 2
    assert edit.prompt is not None
    edit.prompt.later_button.click()


def test_a_colleagues_newer_version_is_not_overwritten(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    offer = select(qtbot, window, "offer")
    editor = window.edit_in_app
    desktop = FakeOpener(editor)
    window.document_actions.edit_in_application.trigger()
    qtbot.waitUntil(lambda: len(desktop.opened) == 1, timeout=WAIT)
    path = desktop.opened[0]
    edit = editor.edits[offer["id"]]

    theirs = tmp_path / path.name
    theirs.write_bytes(b"%PDF-1.4 the colleague's offer")
    customer_file = window.cockpit.customer_file
    assert customer_file is not None
    session.add_version(customer_file, session.remote.document(offer["id"]), theirs)
    count = len(session.remote.versions(offer["id"]))

    path.write_bytes(b"my offer")
    prompted(qtbot, edit)
    assert edit.prompt is not None
    edit.prompt.save_button.click()
    qtbot.waitUntil(lambda: editor.message is not None and editor.message.isVisible(),
                    timeout=WAIT)
    assert "Someone else changed this" in editor.message.text()
    assert str(path.parent) in editor.message.informativeText()
    settled(qtbot)
    assert len(session.remote.versions(offer["id"])) == count  # theirs stays the newest
    assert path.read_bytes() == b"my offer"  # and my file is still there
    assert offer["id"] not in editor.edits
    editor.message.close()

    # editing again opens their version and keeps mine next to it
    window.document_actions.edit_in_application.trigger()
    qtbot.waitUntil(lambda: len(desktop.opened) == 2, timeout=WAIT)
    assert desktop.opened[1] == path
    assert path.read_bytes() == b"%PDF-1.4 the colleague's offer"
    kept = [p for p in path.parent.iterdir() if p != path and not p.name.startswith(".")]
    assert [p.read_bytes() for p in kept] == [b"my offer"]
    assert kept[0].name == f"{path.stem} (edits on version {count - 1}){path.suffix}"
    qtbot.waitUntil(lambda: editor.message is not None and editor.message.isVisible(),
                    timeout=WAIT)
    assert kept[0].name in editor.message.text()
    editor.message.close()


def test_a_checked_out_working_copy_becomes_a_pending_version(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    session = check_out(qtbot, window, "K-10003", monkeypatch)
    letter = select(qtbot, window, "letter")
    desktop = FakeOpener(window.edit_in_app)
    pending = session.engine().pending_count()

    window.document_actions.edit_in_application.trigger()
    qtbot.waitUntil(lambda: len(desktop.opened) == 1, timeout=WAIT)
    path = desktop.opened[0]
    assert path == Path(letter["working_path"])
    assert not window.edit_in_app.edits  # the engine's watcher does it

    save_by_rename(path, b"written on the train")
    qtbot.waitUntil(lambda: "saved as version 2" in window.statusBar().currentMessage(),
                    timeout=WAIT)
    assert session.engine().pending_count() == pending + 1
    qtbot.waitUntil(lambda: "1 pending change" in window.pending.text(), timeout=WAIT)
    assert "sent at the next sync" in window.statusBar().currentMessage()


def test_deleting_many_working_copies_asks_and_no_restores_them(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.settings.setValue("sync/deletion_guard", 2)
    session = check_out(qtbot, window, "K-10001", monkeypatch)
    customer_file = window.cockpit.customer_file
    assert customer_file is not None
    paths = [Path(d["working_path"]) for d in customer_file.documents
             if d.get("working_path")][:3]
    assert len(paths) == 3 and all(p.exists() for p in paths)

    for path in paths:
        path.unlink()
    prompts = window.working_copies.prompts
    qtbot.waitUntil(lambda: "K-10001" in prompts, timeout=WAIT)
    box = prompts["K-10001"]
    assert "3 working copies of K-10001 were deleted" in box.text()
    assert "Delete 3 documents?" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: all(p.exists() for p in paths), timeout=WAIT)
    settled(qtbot)
    assert session.engine().pending_count() == 0  # nothing deleted
    assert "written again: 3" in window.statusBar().currentMessage()


def test_an_edit_in_progress_outlives_a_language_switch(qtbot: QtBot,
                                                        host: WindowHost) -> None:  # noqa: F811
    window = host.window
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10002")
    invoice = select(qtbot, window, "invoice")
    service = window.edit_in_app
    desktop = FakeOpener(service)
    window.document_actions.edit_in_application.trigger()
    qtbot.waitUntil(lambda: len(desktop.opened) == 1, timeout=WAIT)
    edit = service.edits[invoice["id"]]
    before = len(session.remote.versions(invoice["id"]))

    german = _switch(qtbot, host, "de")
    assert german.edit_in_app is service and service.window is german
    desktop.opened[0].write_bytes(b"nach dem Sprachwechsel gespeichert")
    prompted(qtbot, edit)
    assert edit.prompt is not None and edit.prompt.parent() is german
    edit.prompt.save_button.click()
    qtbot.waitUntil(lambda: len(session.remote.versions(invoice["id"])) == before + 1,
                    timeout=WAIT)
    german.document_actions.edit_in_application.trigger()  # the new menu reaches it too
    qtbot.waitUntil(lambda: len(desktop.opened) == 2, timeout=WAIT)


def test_old_edit_folders_without_unsaved_edits_are_tidied(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    session = signed_in(qtbot, window)
    open_file(qtbot, window, "K-10001")
    assert window.cockpit.customer_file is not None
    documents = [d for d in window.cockpit.customer_file.documents
                 if d.get("current_version")][:3]
    untouched, edited, in_use = (prepare_copy(session, d["id"]) for d in documents)
    edited.path.write_bytes(b"an edit never saved as a version")
    root = session.profile.directory
    assert tidy(root) == []  # all touched today: nothing goes
    removed = tidy(root, idle_seconds=0, busy={in_use.document["id"]})
    assert removed == [untouched.document["id"]]
    assert not untouched.path.parent.exists()
    assert edited.path.read_bytes() == b"an edit never saved as a version"
    assert in_use.path.exists()


def test_every_new_text_is_translated(qapp: Any) -> None:
    sources: list[tuple[str, str]] = []
    for module in ("actions/edit_in_app.py", "actions/working_copies.py"):
        tree = ast.parse((Path(app.__file__).parent / module).read_text("utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            sources += [(cls.name, call.args[0].value) for call in ast.walk(cls)
                        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "tr" and isinstance(call.args[0], ast.Constant)]
    assert len(sources) > 25
    for language in ("de", "es"):
        translator = TsTranslator(TRANSLATIONS_DIR / f"dossier_{language}.ts")
        QCoreApplication.installTranslator(translator)
        try:
            untranslated = [s for c, s in sources if QCoreApplication.translate(c, s, "", 2) == s]
            assert not untranslated, (language, untranslated)
            question = QCoreApplication.translate("WorkingCopies", "Delete %n document(s)?", "", 3)
            assert "3" in question and "(s)" not in question
        finally:
            QCoreApplication.removeTranslator(translator)
