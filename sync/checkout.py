"""Check-out: a customer file from the server into the replica, the content cache and its
working folder.

``check_out`` is what ``Engine.checkout`` runs while it holds the engine's lock: the server's
answer into the replica (one transaction), the contents into the cache, then the working
copies. A kill anywhere leaves either no file in the replica (the check-out is done again) or
the whole file with its documents, whose missing contents and working copies the next sync
brings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import UsageError
from .faults import checkpoint
from .fields import remember_file_classes
from .materialise import safe_name, write_working_copies
from .remote import RemoteClient
from .replica import Replica, utcnow
from .state import apply_server_document, apply_server_file, prefetch
from .transfer import download_missing
from .wire import versions_of

__all__ = ["Emit", "check_out"]

log = logging.getLogger(__name__)

#: ``emit(event, **data)``: the engine's listeners (``progress``, ``checked_out``)
Emit = Callable[..., None]


def check_out(remote: RemoteClient, replica: Replica, key: str, *, device_id: str,
              files_dir: Path, exclusive: bool = False, registers: list[str] | None = None,
              emit: Emit | None = None) -> dict[str, Any]:
    """Take the file ``key`` into the replica and its working folder under ``files_dir``;
    returns ``{"file_id", "key", "documents", "mode"}``. Raises ``Offline``, ``NotFound``,
    ``Locked``, ``UsageError`` (no such register). The caller serialises it with every other
    change of the replica (``Engine.checkout`` holds the engine's lock); any thread."""
    def tell(event: str, **data: Any) -> None:
        if emit is not None:
            emit(event, **data)

    mode = "exclusive" if exclusive else "shared"
    target = remote.file_by_key(key)
    with replica.transaction() as session:
        remember_file_classes(session, remote.file_classes())
    register_ids = None
    if registers:
        by_name = {r["name"]: r["id"] for r in _flatten(target.get("registers", []))}
        missing = [r for r in registers if r not in by_name and r not in by_name.values()]
        if missing:
            raise UsageError(f"file {key} has no register {missing[0]}")
        register_ids = [by_name.get(r, r) for r in registers]
    tell("progress", stage="checkout", key=key)
    answer = remote.checkout(target["id"], device_id=device_id, mode=mode,
                             registers=register_ids)
    checkpoint("engine.checkout.after_request")
    documents = answer.documents
    with replica.transaction() as session:
        file = apply_server_file(session, answer.file, checkout_id=answer.checkout_id,
                                 mode=mode)
        file.scope = register_ids
        file.cursor = answer.cursor
        file.checked_out_at = utcnow().isoformat()
        file.working_dir = str(files_dir / safe_name(f"{file.key} {file.title}"))
        known = prefetch(session, [body["id"] for body in documents])
        with session.no_autoflush:
            for body in documents:
                apply_server_document(session, file.id, body, versions_of(body),
                                      known=known)
        file_id = file.id
        checkpoint("engine.checkout.before_commit")
    checkpoint("engine.checkout.after_commit")
    wanted = [(d["id"], d["current_version"]["number"], d["current_version"]["sha256"])
              for d in documents if d.get("current_version")]
    download_missing(remote, replica, wanted,
                     progress=lambda done, total: tell("progress", stage="download", key=key,
                                                       done=done, total=total))
    checkpoint("engine.checkout.after_download")
    write_working_copies(replica, file_id)
    checkpoint("engine.checkout.after_materialise")
    tell("checked_out", key=key, documents=len(documents))
    return {"file_id": file_id, "key": key, "documents": len(documents), "mode": mode}


def _flatten(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in tree:
        out.append(node)
        out.extend(_flatten(node.get("children", [])))
    return out
