"""``/files/{id}/checkout`` and ``/checkouts``: offline check-out, check-in, cancel, break.

Added to the contract (API.md), for check-outs of thousands of documents:
``POST /files/{id}/checkout`` takes an optional ``"limit"`` (1 to 5,000): the answer then
carries at most that many documents, in the order of their filing, and ``"next_cursor"``
(``null`` when they were all); ``GET /checkouts/{id}/documents?cursor=&limit=`` answers the
next page, ``{"documents": [...], "next_cursor"}``, documents as in the check-out's answer.
Without ``limit`` the answer holds every document, as before (``next_cursor`` ``null``). A page
read later shows the documents as they are then: whatever changed after the check-out's
``cursor`` is in the change feed after it too, so a client that syncs from that cursor misses
nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from ..domain.checkin import checkin
from ..domain.checkouts import (
    After,
    cancel_or_break,
    checkout_json,
    create_checkout,
    get_checkout,
    list_checkouts,
    snapshot_page,
)
from ..domain.feed import feed_head
from ..domain.files import get_file
from ..domain.representations import file_json
from ..orm import CustomerFile
from ..problems import Problem
from .deps import (
    ActorDep,
    ContextDep,
    Cursor,
    Limit,
    ReadDB,
    WriteDB,
    class_of_file,
    decode_cursor,
    encode_cursor,
)

router = APIRouter(tags=["checkouts"])

#: An operation's ``op_id``: chosen by the client, a UUID in practice.
OP_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_OPERATIONS = 1000
#: documents in one page of a check-out
MAX_PAGE = 5000


class CheckoutCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    device_id: str = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
    mode: Literal["shared", "exclusive"] = "shared"
    registers: list[str] | None = Field(default=None, max_length=100)
    limit: int | None = Field(default=None, ge=1, le=MAX_PAGE,
                              description="At most so many documents in the answer; the rest "
                                          "from GET /checkouts/{id}/documents (next_cursor)")


@router.post("/files/{file_id}/checkout", status_code=201)
def post_checkout(file_id: str, body: CheckoutCreate, context: ContextDep, actor: ActorDep,
                  session: WriteDB, response: Response) -> dict[str, Any]:
    file = get_file(session, actor, file_id)
    checkout = create_checkout(session, actor, file, device_id=body.device_id, mode=body.mode,
                               registers=body.registers,
                               lease_hours=context.settings.checkout_lease_hours)
    # the cursor first: everything up to it is in the snapshot read after it
    cursor = str(feed_head(session, actor.tenant_id))
    documents, after = snapshot_page(session, actor, checkout, after=None, limit=body.limit)
    answer = {"checkout_id": checkout.id, "cursor": cursor,
              "checkout": checkout_json(checkout, file),
              "file": file_json(session, actor, file), "documents": documents,
              "next_cursor": _page_cursor(after)}
    session.commit()
    response.headers["Location"] = f"/api/v1/checkouts/{checkout.id}"
    return answer


def _page_cursor(after: After | None) -> str | None:
    return None if after is None else encode_cursor([after[0].isoformat(), after[1]])


@router.get("/checkouts/{checkout_id}/documents")
def get_checkout_documents(checkout_id: str, actor: ActorDep, session: ReadDB,
                           cursor: Cursor = None,
                           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
                           ) -> dict[str, Any]:
    """The next page of an open check-out's documents (``next_cursor`` of the answer before)."""
    checkout = get_checkout(session, actor, checkout_id)
    if checkout.released_at is not None:
        raise Problem(409, "checkout-released", "this check-out has ended")
    after: After | None = None
    if cursor:
        raw = decode_cursor(cursor)
        try:
            after = (datetime.fromisoformat(raw[0]), str(raw[1]))
        except (TypeError, ValueError, IndexError, KeyError) as exc:
            raise Problem(422, "validation", "cursor: not a cursor of this list",
                          field="cursor") from exc
    documents, after = snapshot_page(session, actor, checkout, after=after, limit=limit)
    return {"documents": documents, "next_cursor": _page_cursor(after)}


@router.get("/checkouts")
def get_checkouts(actor: ActorDep, session: ReadDB, all: bool = False, limit: Limit = 50,
                  cursor: Cursor = None) -> dict[str, Any]:
    offset = decode_cursor(cursor) or 0
    if not isinstance(offset, int) or offset < 0:
        raise Problem(422, "validation", "cursor: not a cursor of this list", field="cursor")
    items, more = list_checkouts(session, actor, everyone=all, offset=offset, limit=limit)
    return {"items": items, "next_cursor": encode_cursor(offset + limit) if more else None}


@router.get("/checkouts/{checkout_id}")
def get_one_checkout(checkout_id: str, actor: ActorDep, session: ReadDB) -> dict[str, Any]:
    checkout = get_checkout(session, actor, checkout_id, others=True)
    return checkout_json(checkout, session.get(CustomerFile, checkout.file_id))


@router.delete("/checkouts/{checkout_id}", status_code=204)
def delete_checkout(checkout_id: str, actor: ActorDep, session: WriteDB) -> None:
    """The holder cancels (releases locks, changes nothing else); an administrator breaks."""
    checkout = get_checkout(session, actor, checkout_id, others=True)
    cancel_or_break(session, actor, checkout)
    session.commit()


class CheckinOperation(BaseModel):
    """One operation: its ``op_id`` is checked with the request; the rest is checked per
    operation, and a bad one is answered ``rejected`` in its result."""

    model_config = ConfigDict(extra="allow")
    op_id: str = Field(pattern=OP_ID_PATTERN,
                       description="Chosen by the client (a UUID); the same op_id sent again "
                                   "returns the first result")


class CheckinBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operations: list[CheckinOperation] = Field(default_factory=list, max_length=MAX_OPERATIONS)
    release: bool = False


@router.post("/checkouts/{checkout_id}/checkin")
def post_checkin(checkout_id: str, body: CheckinBody, context: ContextDep, actor: ActorDep,
                 session: WriteDB) -> dict[str, Any]:
    checkout = get_checkout(session, actor, checkout_id)
    file = session.get(CustomerFile, checkout.file_id)
    assert file is not None
    return checkin(session, actor, checkout, class_of_file(context, file),
                   [operation.model_dump() for operation in body.operations],
                   release=body.release, lease_hours=context.settings.checkout_lease_hours)
