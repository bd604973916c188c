"""Cancelling a check-out (with the warning about pending changes), and starting the client
on a laptop without the server: the checked-out files are there, the status says offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.shell.main_window import MainWindow
from sync.api import DEMO_PASSWORD, DEMO_TENANT, DEMO_USER, EmbeddedServer, connect, connect_saved
from sync.errors import Offline
from sync.profile import Profile

from .test_document_actions import select, settled
from .test_main_window import WAIT, open_file, signed_in


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_cancel_check_out_warns_about_pending_changes(qtbot: QtBot, window: MainWindow,
                                                      tmp_path: Path) -> None:
    window.settings.setValue("sync/interval", 3600)  # no sync but the check-out's first
    session = signed_in(qtbot, window)
    session.engine().checkout("K-10002")
    open_file(qtbot, window, "K-10002")
    qtbot.waitUntil(lambda: window.cancel_checkout.isEnabled(), timeout=WAIT)
    qtbot.waitUntil(lambda: "Last sync" in window.sync_state.text(), timeout=WAIT)
    select(qtbot, window, "letter")
    revised = tmp_path / "v2.txt"
    revised.write_text("changed on the train")
    window.document_actions.add_version(revised, "")
    settled(qtbot)
    asked: list[int] = []
    answer = [False]

    def confirm(key: str, pending: int) -> bool:
        asked.append(pending)
        return answer[0]

    window.actions_.confirm_cancel = confirm  # type: ignore[method-assign]
    window.cancel_checkout.trigger()
    settled(qtbot)
    assert asked == [1]
    assert session.is_checked_out("K-10002")  # "no" keeps everything
    assert session.engine().pending_count() == 1

    answer[0] = True
    working_copies = [p for p in session.profile.files_dir.rglob("*") if p.is_file()]
    working_copies[0].write_bytes(b"edited, never saved as a version")
    window.cancel_checkout.trigger()
    settled(qtbot)
    assert not session.is_checked_out("K-10002")
    # the untouched working copies went with the check-out, the edited one stays
    assert [p for p in session.profile.files_dir.rglob("*") if p.is_file()] == \
        working_copies[:1]
    assert "1 file you changed stays in the working folder" in \
        window.statusBar().currentMessage()
    assert not any(c.file_id == window.cockpit.customer_file.id  # type: ignore[union-attr]
                   for c in session.remote.checkouts())
    qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                    and not window.cockpit.customer_file.checked_out, timeout=WAIT)
    assert window.check_out.isEnabled() and not window.cancel_checkout.isEnabled()


def test_start_without_the_server_works_on_checked_out_files(
        qtbot: QtBot, server: EmbeddedServer, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    """Last in this module: it stops the module's server."""
    profile = Profile(directory=tmp_path / "profile")
    online = connect(profile, server.url, DEMO_USER, DEMO_PASSWORD, DEMO_TENANT, remember=True)
    nothing_out = Profile.load(profile.directory)
    online.engine().checkout("K-10001")
    online.close()
    server.stop()

    offline = connect_saved(Profile.load(profile.directory))
    assert offline is not None and offline.started_offline
    assert [f.key for f in offline.search_files("")] == ["K-10001"]
    customer_file = offline.open_file(offline.search_files("K-10001")[0].id)
    assert customer_file.checked_out and customer_file.documents
    assert customer_file.file_class.document_types  # from the cache beside the replica
    document = next(d for d in customer_file.documents if d["current_version"])
    assert offline.content(document).stat().st_size == document["current_version"]["size"]

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.attach(offline)
    qtbot.waitUntil(lambda: window.navigator.results.count() == 1, timeout=WAIT)
    assert "Offline" in window.online.text()
    settled(qtbot)
    window.close()
    offline.close()

    # nothing checked out: nothing to work on, the start says the server is unreachable
    other = Profile(directory=tmp_path / "other")
    other.server_url, other.username, other.tenant = nothing_out.server_url, DEMO_USER, ""
    other.save()
    with pytest.raises(Offline):
        connect_saved(other)
