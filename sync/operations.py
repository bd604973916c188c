"""The replica's words: what an operation does (``OpKind``) and where it stands (``OpState``),
where a document stands (``DocumentState``), what a conflict is about (``ConflictKind``) and
whether it is decided (``ConflictState``).

All are ``StrEnum``s whose values are the strings the replica has always stored (and the
``op`` names of the check-in protocol), so no table needs a migration, and a comparison with
the plain string still holds.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DOCUMENT_KINDS", "QUEUED", "ConflictKind", "ConflictState", "DocumentState",
           "OpKind", "OpState"]


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


class DocumentState(StrEnum):
    """A document of the replica against the server's state it was last synced with."""

    SYNCED = "synced"      # as the server has it (or its changes are sent)
    NEW = "new"            # made here, not on the server yet
    MODIFIED = "modified"  # changed here, not sent yet
    DELETED = "deleted"    # deleted here, not sent yet


class ConflictKind(StrEnum):
    """What a conflict is about."""

    FIELDS = "fields"      # the same index values (or cover fields) changed on both sides
    CONTENT = "content"    # new content on both sides
    DELETED = "deleted"    # edit against delete: the rules decide, the decision is shown
    REJECTED = "rejected"  # the server refused my change


class ConflictState(StrEnum):
    OPEN = "open"          # waits for the user's decision
    RESOLVED = "resolved"  # decided, by the user or by the rules
