"""Shared fixtures of the viewer tests (sample makers live in `samples.py`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `samples`, `viewer_tasks` for worker processes

from samples import CORPUS

from viewer.isolated import WorkerPool


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not available")
    return CORPUS


@pytest.fixture(scope="session")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, timeout=60.0) as workers:
        yield workers
