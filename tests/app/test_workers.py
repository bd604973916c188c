"""Work off the UI thread: an answer whose widget went away meanwhile is dropped quietly."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.infra.workers import pending_tasks, run_task


class _Status(QLabel):
    def show_count(self, count: int) -> None:
        self.setText(str(count))

    def show_failure(self, exc: BaseException) -> None:
        self.setText(str(exc))


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    """A window rebuilt in another language deletes its widgets while their tasks run; the
    answers must not reach them (it raised "Internal C++ object already deleted")."""
    release = threading.Event()
    status, failing = _Status(), _Status()

    def slow_count() -> int:
        release.wait(10)
        return 7

    def slow_failure() -> int:
        release.wait(10)
        raise OSError("disk gone")

    run_task(slow_count, on_done=status.show_count)
    run_task(slow_failure, on_error=failing.show_failure)
    shiboken6.delete(status)
    shiboken6.delete(failing)
    release.set()
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=10_000)
