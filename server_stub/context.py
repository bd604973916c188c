"""What every request handler needs: settings, database, file classes, tokens, blobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import ActorCache
from .audit_anchor import CheckpointLog
from .blobstore import BlobStore
from .db import Database
from .fileclasses import FileClassRegistry
from .security import TokenSigner
from .settings import Settings

if TYPE_CHECKING:
    from .search import SearchBackend

__all__ = ["ServerContext"]


@dataclass
class ServerContext:
    settings: Settings
    database: Database
    file_classes: FileClassRegistry
    signer: TokenSigner
    blobs: BlobStore
    audit_checkpoints: CheckpointLog
    actors: ActorCache = field(default_factory=lambda: ActorCache(2.0))
    search: SearchBackend | None = None
