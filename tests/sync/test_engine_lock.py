"""The engine serialises itself: the scheduler's thread, the watcher's and the UI's workers call
it at once, and no caller holds a lock of its own."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from sync import sync_pass
from sync.replica import LocalDocument

from .conftest import EngineFactory, LiveServer
from .test_engine import _seed_invoice, _server_doc, _write

WAIT = 60.0


def test_a_sync_waits_for_a_change_another_thread_is_making(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    synced = threading.Event()
    reports: list[Any] = []

    def scheduled_sync() -> None:
        reports.append(alice.sync())
        synced.set()

    with alice.lock:  # a worker in the middle of several steps
        thread = threading.Thread(target=scheduled_sync)
        thread.start()
        alice.set_index(invoice["id"], {"paid": True})  # the same thread: re-entrant
        assert alice.pending_count() == 1  # queries never wait
        assert not synced.wait(0.2)  # the sync cannot start before the change is made
    assert synced.wait(WAIT)
    thread.join(WAIT)
    assert reports[0].applied == 1 and alice.pending_count() == 0
    assert _server_doc(live_server, invoice["id"])["index"]["paid"] is True


def test_threads_calling_the_engine_at_once_never_overlap_and_all_finish(
        live_server: LiveServer, engine_for: EngineFactory, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    invoice = _seed_invoice(live_server)
    alice = engine_for("alice")
    alice.checkout("K-100")
    inside = 0
    most = 0
    count = threading.Lock()
    original_push = sync_pass.push_file

    def counted_push(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside, most
        with count:
            inside += 1
            most = max(most, inside)
        try:
            return original_push(*args, **kwargs)
        finally:
            with count:
                inside -= 1

    monkeypatch.setattr(sync_pass, "push_file", counted_push)
    failures: list[BaseException] = []

    def run(call: Any) -> None:
        try:
            call()
        except BaseException as exc:
            failures.append(exc)

    def editor(number: int) -> None:
        alice.new_version(invoice["id"], _write(tmp_path, f"v{number}.pdf",
                                                f"%PDF version {number}".encode()))
        alice.set_index(invoice["id"], {"paid": number % 2 == 0})

    calls: list[Any] = [alice.sync, alice.sync, alice.sync,
                        lambda: alice.materialise(alice.checked_out()[0].id)]
    calls += [lambda n=n: editor(n) for n in range(3)]
    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in threads), "an engine call never finished"
    assert failures == []
    assert most == 1  # two pushes never ran at once
    final = alice.sync()
    assert not final.offline and alice.pending_count() == 0 and not alice.conflicts()
    with alice.replica.transaction() as session:
        local = session.get(LocalDocument, invoice["id"])
        assert local is not None
        mine = (local.sha256, dict(local.index))
    theirs = _server_doc(live_server, invoice["id"])
    assert (theirs["current_version"]["sha256"], theirs["index"]) == mine


def test_the_lock_is_the_engines_own(engine_for: EngineFactory) -> None:
    alice, bob = engine_for("alice"), engine_for("bob")
    assert alice.lock is not bob.lock
    with alice.lock, alice.lock:  # re-entrant
        assert bob.lock.acquire(blocking=False)
        bob.lock.release()
