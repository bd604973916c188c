"""Worker processes contain hangs and crashes and hand back typed errors."""

from __future__ import annotations

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
