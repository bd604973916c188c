"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .actors import ActorCache
from .api import (
    auth,
    blobs,
    checkouts,
    contents,
    documents,
    feed,
    files,
    grants,
    search,
    structure,
    views,
)
from .audit_anchor import CheckpointLog, CheckpointSchedule, load_audit_key
from .blobstore import BlobStore
from .context import ServerContext
from .contract import complete_openapi
from .db import Database, open_database
from .delivery import NoSniff
from .fileclasses import FileClassRegistry, load_file_classes
from .problems import Problem, install_problem_handlers, log_client_gone, problem_response
from .search import SearchBackend, TantivyBackend
from .security import TokenSigner, load_signing_key
from .settings import Settings

__all__ = ["build_context", "create_app"]

log = logging.getLogger(__name__)

API = "/api/v1"


_BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class BodyLimit:
    """415 for bodies that are not JSON, 413 for JSON bodies over the limit.

    A body is read into memory up to the limit before the endpoint runs and refused as soon as
    it goes past it, whether or not it declared a ``Content-Length`` (a chunked body of any
    size costs at most the limit). Content uploads (``PUT /blobs``, ``PATCH /uploads``) stream
    and have their own limits.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith((f"{API}/blobs/",
                                                                f"{API}/uploads/")):
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)
        if problem is None and scope["method"] in _BODY_METHODS:
            body = await self._read_body(receive)
            if body is None:
                log_client_gone(scope["method"], scope["path"])
                return
            if isinstance(body, Problem):
                problem = body
            else:
                receive = _replay(body, receive)
        if problem is not None:
            await problem_response(problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> Problem | None:
        """The answer due from the headers alone, if any."""
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if (scope["method"] in ("POST", "PATCH", "PUT") and kind
                and kind not in (b"application/json", b"application/merge-patch+json")
                and not scope["path"].startswith(f"{API}/auth/")):
            return Problem(415, "unsupported-media-type", "send the body as application/json")
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return self._too_large()
        return None

    def _too_large(self) -> Problem:
        return Problem(413, "too-large", f"bodies are limited to {self.max_bytes} bytes")

    async def _read_body(self, receive: Receive) -> bytes | Problem | None:
        """The whole body, a 413 once it passes the limit, or None if the client left."""
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_bytes:
                return self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out ``body`` once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def build_context(settings: Settings, database: Database | None = None) -> ServerContext:
    """Open (and migrate) the database and everything else a server process holds."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = database or open_database(settings.effective_database_url)
    with database.writer() as session:
        key = load_signing_key(session)
    file_classes = load_file_classes(settings.file_classes_dir)
    blobs = BlobStore(settings.blob_dir)
    return ServerContext(settings=settings, database=database, file_classes=file_classes,
                         signer=TokenSigner(key, settings.access_token_seconds),
                         blobs=blobs,
                         audit_checkpoints=CheckpointLog(settings.audit_checkpoint_path,
                                                         load_audit_key(settings)),
                         actors=ActorCache(settings.actor_cache_seconds),
                         search=search_backend(settings, database, file_classes, blobs))


def search_backend(settings: Settings, database: Database, file_classes: FileClassRegistry,
                   blobs: BlobStore) -> SearchBackend | None:
    """The configured search engine (not started), or None when search is off."""
    if settings.search_backend == "off":
        return None
    if settings.search_backend == "postgres":
        from .search.postgres import PostgresBackend

        return PostgresBackend(database, file_classes, blobs, settings.search_dir / "texts",
                               poll_seconds=settings.search_poll_seconds)
    if settings.search_backend != "tantivy":
        raise ValueError(f"search_backend: {settings.search_backend!r} is not tantivy, "
                         "postgres or off")
    return TantivyBackend(settings.search_dir, database, file_classes, blobs,
                          poll_seconds=settings.search_poll_seconds)


def _lifespan(context: ServerContext) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """While the server runs, audit chains are checkpointed on a schedule and the search
    indexer follows the change feed (catching up first, in its thread)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        schedule = CheckpointSchedule(context.database, context.audit_checkpoints,
                                      context.settings.audit_checkpoint_seconds)
        schedule.start()
        if context.search is not None:
            context.search.start()
        try:
            yield
        finally:
            schedule.stop()
            if context.search is not None:
                context.search.stop()

    return lifespan


def create_app(settings: Settings, *, context: ServerContext | None = None) -> FastAPI:
    context = context or build_context(settings)
    app = FastAPI(title="Dossier", version="0.1.0", lifespan=_lifespan(context),
                  description="Electronic customer files: the HTTP API (see API.md).")
    app.state.context = context
    install_problem_handlers(app)
    app.openapi = lambda: complete_openapi(app)  # type: ignore[method-assign]
    for module in (auth, structure, files, blobs, contents, documents, feed, grants,
                   checkouts, search, views):
        app.include_router(module.router, prefix=API)

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, Any]:
        return {"ok": True}

    app.add_middleware(BodyLimit, max_bytes=settings.max_json_bytes)
    app.add_middleware(NoSniff)  # outermost: also on the answers BodyLimit gives itself
    return app
