"""Deep links: a second start hands its target to the running window, which opens it."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.shell.main_window import MainWindow
from app.shell.single_instance import InstanceServer, hand_over, parse_link, server_name

from .test_main_window import WAIT, signed_in


def test_links_name_a_file_or_a_document() -> None:
    assert parse_link("dossier://file/K-10001") == ("file", "K-10001")
    assert parse_link("DOSSIER://document/3f2a") == ("document", "3f2a")
    assert parse_link("dossier://file/") is None
    assert parse_link("https://example.org/file/K-1") is None
    assert parse_link("dossier://invoice/7") is None


def _hand_over_from_second_start(name: str, link: str) -> list[bool]:
    """What ``dossier <link>`` does before it would open a window, on its own thread (a
    second process in real life; the running window keeps its event loop)."""
    answers: list[bool] = []
    target = parse_link(link)
    assert target is not None
    thread = threading.Thread(target=lambda: answers.append(hand_over(name, target)))
    thread.start()
    return answers


def test_second_start_opens_the_file_in_the_running_window(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    signed_in(qtbot, window)
    name = server_name(tmp_path / "profile")
    instance = InstanceServer(window)
    instance.targetReceived.connect(window.open_target)
    assert instance.listen(name)
    try:
        answers = _hand_over_from_second_start(name, "dossier://file/K-10002")
        qtbot.waitUntil(lambda: answers == [True], timeout=WAIT)
        qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                        and window.cockpit.customer_file.key == "K-10002", timeout=WAIT)
        # a second link, to a document of another file: opens that file with it selected
        assert window.session is not None
        first = window.session.remote.files("K-10003")[0]
        document = window.session.remote.documents(first.id)[0]
        answers = _hand_over_from_second_start(name, f"dossier://document/{document['id']}")
        qtbot.waitUntil(lambda: answers == [True], timeout=WAIT)
        qtbot.waitUntil(lambda: window.cockpit.customer_file is not None
                        and window.cockpit.customer_file.key == "K-10003", timeout=WAIT)
        qtbot.waitUntil(lambda: (window.cockpit.pane.document or {}).get("id")
                        == document["id"], timeout=WAIT)
    finally:
        instance.close()


def test_no_running_window_means_no_hand_over(qtbot: QtBot, tmp_path: Path) -> None:
    assert not hand_over(server_name(tmp_path / "nobody"), ("show", ""), timeout_ms=200)
