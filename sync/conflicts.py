"""Held conflicts and the rules' own decisions as the client's data: a frozen copy of a
replica row (``replica.Conflict``), made while its session is open, so a window may keep it,
hand it to another thread and read it long after the engine moved on.

Pure: every function may be called from any thread (``conflict_of`` inside the replica
transaction that read the row).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .operations import ConflictKind, ConflictState
from .replica import Conflict as ConflictRow

__all__ = ["Conflict", "conflict_of", "decision_of"]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Something the user must decide (``state`` open), or a decision the rules took on
    their own to be shown (kind ``deleted``, ``state`` resolved, ``automatic``).

    ``base``, ``mine`` and ``theirs`` are the document's (or the file's) snapshots: before,
    as changed here, as on the server — for a content conflict with ``sha256`` and
    ``current_version``, for a fields conflict ``title`` and ``index`` (``cover`` for a
    file's). ``fields`` names the conflicting ones (``title``, ``index.NAME``,
    ``cover.NAME``). Read-only: the dicts are copies, changing them changes nothing.
    """

    id: int
    kind: ConflictKind
    state: ConflictState
    file_id: str
    document_id: str | None
    #: the document's title as the user knows it: mine, else theirs, else before
    title: str
    fields: list[str]
    base: dict[str, Any]
    mine: dict[str, Any]
    theirs: dict[str, Any]
    #: a refusal's reason, or what the rules decided and why
    detail: str
    #: the user's choice (``mine``, ``theirs``, ``both``, ``per field``) or the rules'
    #: decision (``restored``, ``recreated``, ``kept_their_edit``); ``None`` while open
    resolution: str | None
    created_at: str

    @property
    def automatic(self) -> bool:
        """A decision the rules took (edit against delete), not the user's."""
        return self.state == ConflictState.RESOLVED and self.kind == ConflictKind.DELETED


def conflict_of(row: ConflictRow) -> Conflict:
    """The row as data (call inside the transaction that read it)."""
    mine, theirs, base = (copy.deepcopy(dict(side)) for side in (row.mine, row.theirs, row.base))
    title = mine.get("title") or theirs.get("title") or base.get("title") or row.document_id
    return Conflict(id=row.id, kind=ConflictKind(row.kind), state=ConflictState(row.state),
                    file_id=row.file_id, document_id=row.document_id, title=str(title or ""),
                    fields=[str(name) for name in row.fields], base=base, mine=mine,
                    theirs=theirs, detail=row.detail or "", resolution=row.resolution,
                    created_at=row.created_at or "")


def decision_of(conflict: Conflict) -> dict[str, Any]:
    """An automatic decision as plain data (a sync report's ``decisions``): ``decision`` is
    ``restored`` (my edit brought the deleted document back), ``recreated`` (it could not
    come back: my edit is a new document, ``new_document``) or ``kept_their_edit`` (my
    deletion was undone)."""
    return {"id": conflict.id, "document_id": conflict.document_id,
            "decision": conflict.resolution, "detail": conflict.detail,
            "title": (conflict.mine.get("title") or conflict.theirs.get("title") or ""),
            "new_document": conflict.mine.get("new_document"),
            "state": ConflictState.RESOLVED.value, "automatic": True}
