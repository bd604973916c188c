"""A held conflict reaches the windows as a frozen copy of its replica row: its kind and state
as enums, the title the user knows the document by, snapshots that changing changes nothing;
an automatic decision reads as the sync report's plain data."""

from __future__ import annotations

import dataclasses

import pytest

from sync.conflicts import conflict_of, decision_of
from sync.operations import ConflictKind, ConflictState
from sync.replica import Conflict as ConflictRow


def _row(**values: object) -> ConflictRow:
    fields = {"id": 3, "file_id": "f1", "document_id": "d1", "kind": "fields", "state": "open",
              "op_seq": 9, "base": {"title": "Before", "index": {"amount": "1.00"}},
              "mine": {"title": "Mine", "index": {"amount": "2.00"}},
              "theirs": {"title": "Theirs", "index": {"amount": "3.00"}},
              "fields": ["index.amount"], "detail": "", "resolution": None,
              "created_at": "2026-01-02T10:00:00", **values}
    return ConflictRow(**fields)


def test_a_held_conflict_is_a_frozen_copy() -> None:
    row = _row()
    conflict = conflict_of(row)
    assert conflict.kind is ConflictKind.FIELDS and conflict.kind == "fields"
    assert conflict.state is ConflictState.OPEN and not conflict.automatic
    assert (conflict.id, conflict.file_id, conflict.document_id) == (3, "f1", "d1")
    assert (conflict.title, conflict.fields) == ("Mine", ["index.amount"])
    assert conflict.theirs["index"]["amount"] == "3.00"
    conflict.mine["index"]["amount"] = "99"
    assert row.mine["index"]["amount"] == "2.00"  # the row is not the copy's
    with pytest.raises(dataclasses.FrozenInstanceError):
        conflict.kind = ConflictKind.CONTENT  # type: ignore[misc]
    untitled = conflict_of(_row(mine={}, theirs={}, base={}))
    assert untitled.title == "d1"


def test_an_automatic_decision_reads_as_plain_data() -> None:
    report = conflict_of(_row(kind="deleted", state="resolved", resolution="restored",
                              detail="deleted on the server while edited here",
                              mine={"title": "Mine", "index": {}}, op_seq=None))
    assert report.automatic
    assert decision_of(report) == {
        "id": 3, "document_id": "d1", "decision": "restored",
        "detail": "deleted on the server while edited here", "title": "Mine",
        "new_document": None, "state": "resolved", "automatic": True}
