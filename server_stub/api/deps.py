"""Request dependencies: the server context, sessions, the authenticated actor, paging, and
the query parameters routes share (dates, text filters)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Annotated, Any, cast

from fastapi import Depends, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from ..context import ServerContext
from ..fileclasses import FileClass
from ..orm import AuthSession, CustomerFile, User, etag_of
from ..problems import Problem
from ..rights import Actor, load_actor
from ..security import TokenClaims, TokenError

__all__ = [
    "ActorDep",
    "ClaimsDep",
    "ContextDep",
    "Cursor",
    "DateQuery",
    "Limit",
    "ReadDB",
    "WriteDB",
    "class_of_file",
    "date_bound",
    "decode_cursor",
    "encode_cursor",
    "etag_of",
    "like_pattern",
    "require_if_match",
    "with_etag",
]


async def get_context(request: Request) -> ServerContext:
    """The server's context. ``async``: FastAPI runs a plain function dependency in a worker
    thread, a trip that costs more than this whole function."""
    context: ServerContext = request.app.state.context
    return context


ContextDep = Annotated[ServerContext, Depends(get_context)]


async def _read_session(context: ContextDep) -> AsyncIterator[Session]:
    async with _request_session(context.database.reader()) as session:
        yield session


async def _write_session(context: ContextDep) -> AsyncIterator[Session]:
    async with _request_session(context.database.writer()) as session:
        yield session


@asynccontextmanager
async def _request_session(session: Session) -> AsyncIterator[Session]:
    try:
        yield session
    except BaseException:
        await run_in_threadpool(_discard, session)
        raise
    await _close(session)


# A request's session is made in the event loop (no I/O: the connection is taken by the first
# statement, in the endpoint's worker thread) and closed there when nothing is left open; a
# rollback (an error, a reading transaction) goes to a worker thread. A sync generator would
# cost two trips to a worker thread per request instead.

async def _close(session: Session) -> None:
    if session.in_transaction():
        await run_in_threadpool(session.close)
    else:
        session.close()


def _discard(session: Session) -> None:
    try:
        session.rollback()
    finally:
        session.close()


ReadDB = Annotated[Session, Depends(_read_session)]
WriteDB = Annotated[Session, Depends(_write_session)]


@dataclass(frozen=True)
class _Authenticated:
    claims: TokenClaims
    actor: Actor


_SESSIONS = cast(Table, AuthSession.__table__)
#: A token family's state, by a statement built once (it runs on every request).
_FAMILY = select(_SESSIONS.c.user_id, _SESSIONS.c.revoked_at).where(
    _SESSIONS.c.id == bindparam("session_id"))


def _authenticate(context: ContextDep,
                  authorization: Annotated[str | None, Header()] = None) -> _Authenticated:
    """The verified access token, whose session (token family) is still open, and its actor.

    The session costs one primary-key lookup per request: logout and a detected refresh-token
    theft end every access token of the family at once, not when they expire. The actor comes
    from the cache, or from the same reading transaction. One function, so one trip to a
    worker thread per request (:data:`ClaimsDep` and :data:`ActorDep` only pick from it).
    """
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Problem(401, "unauthenticated", "a bearer token is required")
    try:
        claims = context.signer.verify(authorization[7:].strip())
    except TokenError as exc:
        raise Problem(401, "invalid-token", "the token is invalid or expired") from exc
    with context.database.reader() as session:
        family = session.execute(_FAMILY, {"session_id": claims.session_id}).first()
        if family is None or family.revoked_at is not None or family.user_id != claims.user_id:
            raise Problem(401, "invalid-token", "the token is invalid or expired")
        actor = context.actors.get(claims.user_id, claims.tenant_id)
        if actor is None:
            user = session.get(User, claims.user_id)
            if user is None or not user.active or user.tenant_id != claims.tenant_id:
                raise Problem(401, "invalid-token", "the token is invalid or expired")
            actor = load_actor(session, user)
            context.actors.put(actor)
    return _Authenticated(claims, actor)


AuthenticatedDep = Annotated[_Authenticated, Depends(_authenticate)]


async def _claims(auth: AuthenticatedDep) -> TokenClaims:
    return auth.claims


async def _actor(auth: AuthenticatedDep) -> Actor:
    return auth.actor


ClaimsDep = Annotated[TokenClaims, Depends(_claims)]
ActorDep = Annotated[Actor, Depends(_actor)]


def class_of_file(context: ServerContext, file: CustomerFile) -> FileClass:
    """The file class of an existing file; 409 when the server no longer configures it."""
    file_class = context.file_classes.get(file.file_class)
    if file_class is None:
        raise Problem(409, "unknown-file-class", "this file's class is no longer configured")
    return file_class


def with_etag(response: Response, body: dict[str, Any]) -> dict[str, Any]:
    """Put the object's ``etag`` into the ``ETag`` header as well."""
    response.headers["ETag"] = f'"{body["etag"]}"'
    return body


def _clean_tag(tag: str) -> str:
    tag = tag.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    return tag.strip('"')


def require_if_match(if_match: str | None, current: str, *,
                     current_object: Any = None) -> None:
    """428 without ``If-Match``; 412 (with ``current``) when it names another ETag."""
    if if_match is None or not if_match.strip():
        raise Problem(428, "if-match-required", "send If-Match with the ETag you changed")
    tags = {_clean_tag(t) for t in if_match.split(",")}
    if "*" in tags or current in tags:
        return
    raise Problem(412, "stale-etag", "someone changed this object in the meantime",
                  current=current_object, etag=current)


#: The ``limit`` of every list: default 50 (set at each use), at most 1000.
Limit = Annotated[int, Query(ge=1, le=1000)]

#: A list's ``cursor``: the opaque ``next_cursor`` of the page before (base64url, unpadded).
#: Its shape is published; whether it names a place in this list only the server can tell
#: (``422`` with ``field: cursor`` otherwise), like an id only the server can resolve.
Cursor = Annotated[str | None, Query(
    pattern=r"^[A-Za-z0-9_-]{1,1000}$",
    description="The next_cursor of the previous page (opaque, base64url)")]

#: A ``from``/``to`` filter: a date (``2025-03-14``) or an ISO 8601 timestamp with offset.
DateQuery = Annotated[str | None, Query(max_length=40, json_schema_extra={
    "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]})]


def encode_cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Any:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise Problem(422, "validation", "cursor: not a cursor of this list",
                      field="cursor") from exc


def date_bound(value: str, field: str, *, end: bool) -> datetime:
    """A ``DateQuery`` value as a moment: a bare date is its first or (``end``) last
    instant in UTC; a timestamp without a zone is taken as UTC."""
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).date()
            return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise Problem(422, "validation", f"{field}: a date or timestamp", field=field) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def like_pattern(q: str) -> str:
    """A LIKE pattern that matches ``q`` literally (``%``, ``_`` and ``\\`` escaped)."""
    if any(ord(c) < 32 for c in q):
        raise Problem(422, "validation", "q: control characters are not allowed", field="q")
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
