"""Fuzzing: mutated corpus files never crash, hang or raise an untyped error.

The mutants run in the isolated worker pool, so a crash or hang is observed (as
`WorkerCrashed` / `TimedOut`) instead of taking the test run down.
"""

from __future__ import annotations

import collections

import samples
import viewer_tasks
from mutations import mutants

from viewer.isolated import WorkerPool

CASES = 2100


def _seeds() -> dict[str, bytes]:
    seeds = {path.name: path.read_bytes() for path in samples.corpus_files()}
    for name in dir(samples):
        if name.startswith("make_"):
            seeds[name.removeprefix("make_")] = getattr(samples, name)()
    return seeds


def test_mutated_files_fail_only_with_typed_errors(pool: WorkerPool) -> None:
    cases = list(mutants(_seeds(), CASES))
    assert len(cases) >= 2000
    outcomes = pool.map(viewer_tasks.exercise, [data for _, data in cases], timeout=60.0)
    problems = []
    tally: collections.Counter[str] = collections.Counter()
    for (label, _), outcome in zip(cases, outcomes, strict=True):
        result = outcome if isinstance(outcome, str) else type(outcome).__name__
        tally[result] += 1
        if result.startswith("UNEXPECTED") or result in ("TimedOut", "WorkerCrashed"):
            problems.append(f"{label}: {result}")
    print(dict(tally))
    assert not problems, "\n".join(problems[:20])
    assert tally["ok"] > 0 and sum(tally.values()) == len(cases)
