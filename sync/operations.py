"""The outbox's words: what an operation does (``OpKind``) and where it stands (``OpState``).

Both are ``StrEnum``s whose values are the strings the replica has always stored (and the
``op`` names of the check-in protocol), so the outbox table needs no migration.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DOCUMENT_KINDS", "QUEUED", "OpKind", "OpState"]


class OpKind(StrEnum):
    CREATE_DOCUMENT = "create_document"
    UPDATE_DOCUMENT = "update_document"
    NEW_VERSION = "new_version"
    DELETE_DOCUMENT = "delete_document"
    RESTORE_DOCUMENT = "restore_document"
    UPDATE_COVER = "update_cover"
    RECORD_RESOLUTION = "record_resolution"


class OpState(StrEnum):
    PENDING = "pending"    # to be sent
    HELD = "held"          # waits for the user's decision on a conflict or a refusal
    DONE = "done"          # sent and answered, or replaced by another operation


#: the states of an operation still queued: it blocks the pull from taking the server's state
QUEUED: tuple[OpState, ...] = (OpState.PENDING, OpState.HELD)

#: the kinds that act on a document the replica already has
DOCUMENT_KINDS = frozenset({OpKind.UPDATE_DOCUMENT, OpKind.NEW_VERSION,
                            OpKind.DELETE_DOCUMENT, OpKind.RESTORE_DOCUMENT})
