"""The conflict rules of DESIGN.md: one table plus pure functions, no I/O.

``RULES`` maps (what happened locally, what happened on the server) to what the engine does.
Fields merge three-way, register assignments merge as sets, content never merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["RULES", "Action", "Change", "ContentOutcome", "FieldMerge", "decide",
           "merge_content", "merge_fields", "merge_registers"]


class Change(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    DELETED = "deleted"


class Action(StrEnum):
    NOTHING = "nothing"
    TAKE_THEIRS = "take_theirs"          # the server's state replaces the replica's
    DROP_LOCAL = "drop_local"            # deleted on the server, untouched here
    PUSH_MINE = "push_mine"              # send the local change as it is
    MERGE = "merge"                      # both changed: fields three-way, content to the user
    KEEP_EDIT_REPORT_DELETE = "keep_edit_report_delete"  # edit against delete: the edit wins
    RESTORE_REPORT = "restore_report"    # my delete against their edit: their edit wins


RULES: dict[tuple[Change, Change], Action] = {
    (Change.UNCHANGED, Change.UNCHANGED): Action.NOTHING,
    (Change.UNCHANGED, Change.MODIFIED): Action.TAKE_THEIRS,
    (Change.UNCHANGED, Change.DELETED): Action.DROP_LOCAL,
    (Change.MODIFIED, Change.UNCHANGED): Action.PUSH_MINE,
    (Change.MODIFIED, Change.MODIFIED): Action.MERGE,
    (Change.MODIFIED, Change.DELETED): Action.KEEP_EDIT_REPORT_DELETE,
    (Change.DELETED, Change.UNCHANGED): Action.PUSH_MINE,
    (Change.DELETED, Change.MODIFIED): Action.RESTORE_REPORT,
    (Change.DELETED, Change.DELETED): Action.NOTHING,
}


def decide(local: Change, remote: Change) -> Action:
    return RULES[(local, remote)]


@dataclass(frozen=True)
class FieldMerge:
    merged: dict[str, Any]
    conflicts: tuple[str, ...]
    mine_changed: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_fields(base: dict[str, Any], mine: dict[str, Any],
                 theirs: dict[str, Any]) -> FieldMerge:
    """Per field: a change on one side wins; equal changes agree; different ones conflict.

    In ``merged`` a conflicting field holds the server's value until the user decides.
    """
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    mine_changed: list[str] = []
    for name in sorted(set(base) | set(mine) | set(theirs)):
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        if m != b:
            mine_changed.append(name)
        if m in (b, t):
            merged[name] = t
        elif t == b:
            merged[name] = m
        else:
            merged[name] = t
            conflicts.append(name)
    return FieldMerge({k: v for k, v in merged.items() if v is not None}, tuple(conflicts),
                      tuple(mine_changed))


def merge_registers(base: set[str], mine: set[str], theirs: set[str]) -> set[str]:
    """Sets: what I added joins theirs; what I removed leaves; their changes stay."""
    return (theirs | (mine - base)) - (base - mine)


class ContentOutcome(StrEnum):
    SAME = "same"            # nobody changed it, or both made identical content
    MINE = "mine"            # only I made a new version
    THEIRS = "theirs"        # only the server has a new version
    CONFLICT = "conflict"    # both: the user picks mine on top / theirs / both


def merge_content(base: str | None, mine: str | None, theirs: str | None) -> ContentOutcome:
    if mine == theirs:
        return ContentOutcome.SAME
    if mine == base:
        return ContentOutcome.THEIRS
    if theirs == base:
        return ContentOutcome.MINE
    return ContentOutcome.CONFLICT
