"""Worker processes contain hangs and crashes and hand back typed errors."""

from __future__ import annotations

import threading
import time

import pytest
import samples
import viewer_tasks

import viewer
from viewer import isolated


def test_worker_returns_results_and_typed_errors(pool: isolated.WorkerPool) -> None:
    assert pool.call(viewer_tasks.echo, {"a": 1}) == {"a": 1}
    with pytest.raises(viewer.WrongPassword) as caught:
        pool.call(viewer_tasks.fail_typed)
    assert caught.value.media_type == "application/pdf"
    with pytest.raises(viewer.DamagedFile, match="KeyError"):
        pool.call(viewer_tasks.fail_untyped)


def test_hang_is_cut_off_and_the_worker_replaced() -> None:
    with isolated.WorkerPool(1) as workers:
        workers.warm_up()
        with pytest.raises(viewer.TimedOut):
            workers.call(viewer_tasks.hang, timeout=1.0)
        assert workers.restarts == 1
        assert workers.call(viewer_tasks.echo, 5) == 5


def test_crash_is_contained_and_the_worker_replaced() -> None:
    with isolated.WorkerPool(1) as workers:
        with pytest.raises(viewer.WorkerCrashed):
            workers.call(viewer_tasks.crash)
        assert workers.call(viewer_tasks.echo, "alive") == "alive"


def test_isolated_helpers(pool: isolated.WorkerPool) -> None:
    pdf = samples.make_pdf(2)
    assert "Kundenakte page 2" in isolated.extract_text(pdf, pool=pool)
    info = isolated.document_info(samples.make_docx(), pool=pool)
    assert info.media_type == viewer.MediaType.DOCX and info.page_count == 1
    png = isolated.render_page_png(pdf, 1, zoom=0.5, pool=pool)
    assert png.startswith(b"\x89PNG")
    with pytest.raises(viewer.UnsupportedFormat):
        isolated.extract_text(b"\x00\x01\x02" * 100, pool=pool)


def test_map_spreads_work_and_returns_failures(pool: isolated.WorkerPool) -> None:
    results = pool.map(viewer_tasks.exercise, [samples.make_pdf(1), b"%PDF-1.4 broken"])
    assert results == ["ok", "DamagedFile"]


def test_close_ends_busy_workers() -> None:
    workers = isolated.WorkerPool(2)
    workers.warm_up()
    processes = [worker.process for worker in workers._started]
    outcome: list[BaseException] = []

    def hang() -> None:
        try:
            workers.call(viewer_tasks.hang, timeout=120.0)
        except BaseException as exc:
            outcome.append(exc)

    caller = threading.Thread(target=hang)
    caller.start()
    deadline = time.monotonic() + 10
    while workers._idle.qsize() == 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # until the call has taken its worker
    workers.close()  # does not wait for the hanging call: its worker is killed
    caller.join(timeout=10)
    assert not caller.is_alive()
    assert isinstance(outcome[0], viewer.WorkerCrashed)
    with pytest.raises(RuntimeError):
        workers.call(viewer_tasks.echo, 1)
    assert len(processes) == 2 and all(p.exitcode is not None for p in processes)  # reaped


def test_a_closed_shared_pool_is_made_anew() -> None:
    isolated.default_pool().close()
    assert isolated.default_pool().call(viewer_tasks.echo, 2) == 2
