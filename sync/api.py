"""The client engine's one public face: what the desktop client (``app/``) may use of ``sync``.

``app/`` imports nothing of ``sync`` but this module (``tests/test_layers.py`` checks that).
Everything here is Qt-free. :class:`Client` is the signed-in client and decides where a call
goes (the replica and the outbox for a checked-out file, the server otherwise); its methods may
run on any thread but the UI's. The errors form one tree under :class:`SyncError`:
:class:`Offline` (the server cannot be reached; the work stays queued), :class:`AuthError`,
:class:`ServerError`, :class:`RequestRefused` (the server said no: :class:`NotFound`,
:class:`Locked`, :class:`StaleObject`), :class:`ReplicaDamaged` and :class:`UsageError` (a
call that cannot be done, e.g. on a file that is not checked out).

Data types are read-only for the UI: :class:`CustomerFile` (a :class:`FileRecord` with its
:class:`RegisterNode` tree, its :class:`FileClass` — :class:`DocumentType`,
:class:`FieldDef`, :class:`RegisterTemplate` — and its documents), :class:`DocumentRecord`
with its current :class:`Version` (and :class:`Lock`), :class:`SignedInUser`,
:class:`CheckedOutFile`, :class:`DocumentsInFile`, :class:`SyncReport`, :class:`Conflict` (a
frozen copy of a held conflict, its ``kind`` a :class:`ConflictKind`); search, views and the
audit trail answer the frozen dataclasses of ``sync.wire_search``: :class:`SearchAnswer` (its
hits are :class:`SearchHit` with :class:`DocumentSummary`, :class:`FileSummary` and
:class:`Snippet`, its groups :class:`SearchGroup`), :class:`SavedView` and :class:`AuditEvent`.
:class:`SyncScheduler` and :class:`WorkingCopyWatcher` come from ``Client.sync_scheduler`` and
``Client.working_copy_watcher``; the UI starts and stops them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AuthError,
    Locked,
    NotFound,
    Offline,
    ReplicaDamaged,
    RequestRefused,
    ServerError,
    StaleObject,
    SyncError,
    UsageError,
)
from .operations import ConflictKind, ConflictState, DocumentState
from .wire import Version
from .wire_records import (
    DocumentRecord,
    DocumentType,
    FieldDef,
    FileClass,
    FileRecord,
    Lock,
    RegisterNode,
    RegisterTemplate,
    SignedInUser,
)
from .wire_search import (
    AuditEvent,
    DocumentSummary,
    FileSummary,
    SavedView,
    SearchAnswer,
    SearchGroup,
    SearchHit,
    Snippet,
)

if TYPE_CHECKING:
    from .client import CheckedOutFile, Client
    from .conflicts import Conflict
    from .connect import connect, connect_embedded, connect_saved
    from .customer_file import CustomerFile
    from .edit_folder import (
        PreparedCopy,
        number_of,
        prepare_copy,
        save_as_version,
        sha256_of,
        tidy,
    )
    from .embedded import (
        DEMO_PASSWORD,
        DEMO_TENANT,
        DEMO_USER,
        SERVER_NICENESS,
        EmbeddedServer,
        prestart,
        start_embedded_server,
    )
    from .engine import DocumentsInFile, SyncReport
    from .profile import Profile, default_profile_dir
    from .scheduler import SyncScheduler
    from .threads import background_priority
    from .watcher import WorkingCopyWatcher

#: where each name lives: imported when first used, so ``dossier <command>`` loads only what
#: its command needs (the engine's command line, say, neither the scheduler nor the watcher)
_LAZY = {
    "CheckedOutFile": "client", "Client": "client",
    "connect": "connect", "connect_embedded": "connect", "connect_saved": "connect",
    "CustomerFile": "customer_file",
    "PreparedCopy": "edit_folder", "number_of": "edit_folder", "prepare_copy": "edit_folder",
    "save_as_version": "edit_folder", "sha256_of": "edit_folder", "tidy": "edit_folder",
    "DEMO_PASSWORD": "embedded", "DEMO_TENANT": "embedded", "DEMO_USER": "embedded",
    "SERVER_NICENESS": "embedded", "EmbeddedServer": "embedded", "prestart": "embedded",
    "start_embedded_server": "embedded",
    "DocumentsInFile": "engine", "SyncReport": "engine",
    "Profile": "profile", "default_profile_dir": "profile",
    "Conflict": "conflicts",
    "SyncScheduler": "scheduler",
    "background_priority": "threads",
    "WorkingCopyWatcher": "watcher",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEMO_PASSWORD",
    "DEMO_TENANT",
    "DEMO_USER",
    "SERVER_NICENESS",
    "AuditEvent",
    "AuthError",
    "CheckedOutFile",
    "Client",
    "Conflict",
    "ConflictKind",
    "ConflictState",
    "CustomerFile",
    "DocumentRecord",
    "DocumentState",
    "DocumentSummary",
    "DocumentType",
    "DocumentsInFile",
    "EmbeddedServer",
    "FieldDef",
    "FileClass",
    "FileRecord",
    "FileSummary",
    "Lock",
    "Locked",
    "NotFound",
    "Offline",
    "PreparedCopy",
    "Profile",
    "RegisterNode",
    "RegisterTemplate",
    "ReplicaDamaged",
    "RequestRefused",
    "SavedView",
    "SearchAnswer",
    "SearchGroup",
    "SearchHit",
    "ServerError",
    "SignedInUser",
    "Snippet",
    "StaleObject",
    "SyncError",
    "SyncReport",
    "SyncScheduler",
    "UsageError",
    "Version",
    "WorkingCopyWatcher",
    "background_priority",
    "connect",
    "connect_embedded",
    "connect_saved",
    "default_profile_dir",
    "is_cli_command",
    "number_of",
    "prepare_copy",
    "prestart",
    "run_cli",
    "save_as_version",
    "sha256_of",
    "start_embedded_server",
    "tidy",
]


def is_cli_command(word: str) -> bool:
    """Whether ``word`` names a command of the engine's command line (``sync.cli``)."""
    from .cli import COMMANDS

    return word in COMMANDS


def run_cli(argv: list[str]) -> int:
    """Run the engine's command line (no GUI) with ``argv``; its exit status. Runs on the
    calling thread until the command is done."""
    from .cli import main

    return main(argv)
