"""The conflict rules, table-driven (DESIGN.md "Offline and conflicts")."""

from __future__ import annotations

from typing import Any

import pytest

from sync.merge import (
    RULES,
    Action,
    Change,
    ContentOutcome,
    decide,
    merge_content,
    merge_fields,
    merge_registers,
)


@pytest.mark.parametrize(("local", "remote", "action"), [
    (Change.UNCHANGED, Change.UNCHANGED, Action.NOTHING),
    (Change.UNCHANGED, Change.MODIFIED, Action.TAKE_THEIRS),
    (Change.UNCHANGED, Change.DELETED, Action.DROP_LOCAL),
    (Change.MODIFIED, Change.UNCHANGED, Action.PUSH_MINE),
    (Change.MODIFIED, Change.MODIFIED, Action.MERGE),
    (Change.MODIFIED, Change.DELETED, Action.KEEP_EDIT_REPORT_DELETE),
    (Change.DELETED, Change.UNCHANGED, Action.PUSH_MINE),
    (Change.DELETED, Change.MODIFIED, Action.RESTORE_REPORT),
    (Change.DELETED, Change.DELETED, Action.NOTHING),
])
def test_rules_table(local: Change, remote: Change, action: Action) -> None:
    assert decide(local, remote) is action


def test_table_is_complete() -> None:
    assert set(RULES) == {(a, b) for a in Change for b in Change}


@pytest.mark.parametrize(("base", "mine", "theirs", "merged", "conflicts"), [
    ({"a": 1}, {"a": 1}, {"a": 1}, {"a": 1}, ()),                      # nobody
    ({"a": 1}, {"a": 2}, {"a": 1}, {"a": 2}, ()),                      # mine only
    ({"a": 1}, {"a": 1}, {"a": 3}, {"a": 3}, ()),                      # theirs only
    ({"a": 1}, {"a": 2}, {"a": 2}, {"a": 2}, ()),                      # same change
    ({"a": 1}, {"a": 2}, {"a": 3}, {"a": 3}, ("a",)),                  # conflict
    ({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 5}, {"a": 2, "b": 5}, ()),  # both win
    ({}, {"n": "x"}, {}, {"n": "x"}, ()),                              # I added a field
    ({"n": "x"}, {}, {"n": "x"}, {}, ()),                              # I cleared it
    ({}, {"n": "x"}, {"n": "y"}, {"n": "y"}, ("n",)),                  # both added, differ
])
def test_fields_three_way(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any],
                          merged: dict[str, Any], conflicts: tuple[str, ...]) -> None:
    result = merge_fields(base, mine, theirs)
    assert result.merged == merged
    assert result.conflicts == conflicts


@pytest.mark.parametrize(("base", "mine", "theirs", "expected"), [
    ({"a"}, {"a", "b"}, {"a"}, {"a", "b"}),           # I added b
    ({"a", "b"}, {"a"}, {"a", "b"}, {"a"}),           # I removed b
    ({"a"}, {"a", "b"}, {"a", "c"}, {"a", "b", "c"}),  # both added
    ({"a", "b"}, {"b"}, {"a", "b", "c"}, {"b", "c"}),  # I removed a, they added c
    ({"a"}, {"a"}, set(), set()),                     # they removed a
])
def test_registers_merge_as_sets(base: set[str], mine: set[str], theirs: set[str],
                                 expected: set[str]) -> None:
    assert merge_registers(base, mine, theirs) == expected


@pytest.mark.parametrize(("base", "mine", "theirs", "outcome"), [
    ("x", "x", "x", ContentOutcome.SAME),
    ("x", "y", "y", ContentOutcome.SAME),       # equal content is never a conflict
    ("x", "y", "x", ContentOutcome.MINE),
    ("x", "x", "z", ContentOutcome.THEIRS),
    ("x", "y", "z", ContentOutcome.CONFLICT),
])
def test_content_never_merges(base: str, mine: str, theirs: str,
                              outcome: ContentOutcome) -> None:
    assert merge_content(base, mine, theirs) is outcome
