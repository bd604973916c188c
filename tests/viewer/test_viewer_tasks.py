"""Work on worker threads, answers on the main thread: what a worker hands over arrives there,
in order, and never at a widget deleted meanwhile."""

from __future__ import annotations

import os
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("pytestqt")
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from viewer.widget import MainThreadInbox, TaskPool, main_thread_inbox


def test_calls_from_a_worker_run_on_the_main_thread_in_order(qtbot: QtBot) -> None:
    inbox = MainThreadInbox()
    seen: list[tuple[int, int]] = []

    def worker() -> None:
        for number in range(200):
            inbox.post(lambda n: seen.append((n, threading.get_ident())), number)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(seen) == 200, timeout=10_000)
    assert [n for n, _ in seen] == list(range(200))
    assert {ident for _, ident in seen} == {threading.get_ident()}


def test_a_call_on_the_main_thread_runs_at_once(qtbot: QtBot) -> None:
    inbox = MainThreadInbox()
    seen: list[str] = []
    inbox.call(seen.append, "now")
    assert seen == ["now"]


class _Status(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[object] = []

    def show_result(self, value: object) -> None:
        self.shown.append(value)


def test_results_and_failures_come_back_and_a_deleted_receiver_gets_none(
        qtbot: QtBot) -> None:
    pool = TaskPool(2)
    results: list[object] = []
    gone = _Status()
    shown = gone.shown

    def fail() -> int:
        raise OSError("disk gone")

    pool.run(lambda: 6 * 7, results.append)
    pool.run(fail, results.append, results.append)
    pool.run(lambda: "late", gone.show_result)
    shiboken6.delete(gone)
    pool.wait_for_done()
    main_thread_inbox().post(results.append, "last")  # after every answer of the pool
    qtbot.waitUntil(lambda: "last" in results, timeout=10_000)
    pool.shutdown()
    assert 42 in results
    assert [str(r) for r in results if isinstance(r, OSError)] == ["disk gone"]
    assert shown == []  # the widget was deleted before its answer came
