"""``/files``: customer files, their cover sheet and register tree."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from ..domain.files import add_register, create_file, file_etag, get_file, update_file
from ..domain.representations import file_json
from ..fileclasses import KEY_FIELD, FileClass
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
    like_pattern,
    require_if_match,
    with_etag,
)

router = APIRouter(tags=["files"])


def _class_of(context: ContextDep, name: str) -> FileClass:
    file_class = context.file_classes.get(name)
    if file_class is None:
        raise Problem(422, "validation", f"file_class: unknown file class {name}",
                      field="file_class")
    return file_class


@router.get("/files")
def list_files(actor: ActorDep, session: ReadDB,
               q: Annotated[str | None, Query(max_length=200)] = None,
               file_class: Annotated[str | None, Query(alias="class", max_length=64)] = None,
               limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    after = decode_cursor(cursor)
    query = select(CustomerFile).where(CustomerFile.tenant_id == actor.tenant_id,
                                       actor.file_filter(session))
    if q:
        query = query.where(CustomerFile.search_text.like(like_pattern(q), escape="\\"))
    if file_class:
        query = query.where(CustomerFile.file_class == file_class)
    if after is not None:
        if not isinstance(after, str):
            raise Problem(422, "validation", "cursor: not a cursor of this list", field="cursor")
        query = query.where(CustomerFile.key > after)
    rows = session.scalars(query.order_by(CustomerFile.key).limit(limit + 1)).all()
    items = [file_json(session, actor, f, with_registers=False) for f in rows[:limit]]
    return {"items": items,
            "next_cursor": encode_cursor(rows[limit - 1].key) if len(rows) > limit else None}


class FileCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file_class: str = Field(max_length=64)
    key: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f/\\]+$")
    title: str = Field(min_length=1, max_length=300)
    cover: dict[str, Any] = Field(default_factory=dict)


@router.post("/files", status_code=201)
def post_file(body: FileCreate, context: ContextDep, actor: ActorDep, session: WriteDB,
              response: Response) -> dict[str, Any]:
    file_class = _class_of(context, body.file_class)
    cover = dict(body.cover)
    if any(f.name == KEY_FIELD for f in file_class.cover_fields):
        cover.setdefault(KEY_FIELD, body.key)
    file = create_file(session, actor, file_class, key=body.key, title=body.title, cover=cover)
    answer = file_json(session, actor, file)
    session.commit()
    response.headers["Location"] = f"/api/v1/files/{file.id}"
    return with_etag(response, answer)


@router.get("/files/by-key/{key}")
def get_file_by_key(key: str, actor: ActorDep, session: ReadDB,
                    response: Response) -> dict[str, Any]:
    file = get_file(session, actor, key=key)
    return with_etag(response, file_json(session, actor, file))


@router.get("/files/{file_id}")
def get_one_file(file_id: str, actor: ActorDep, session: ReadDB,
                 response: Response) -> dict[str, Any]:
    file = get_file(session, actor, file_id)
    return with_etag(response, file_json(session, actor, file))


class FilePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(default=None, min_length=1, max_length=300)
    cover: dict[str, Any] | None = None


@router.patch("/files/{file_id}")
def patch_file(file_id: str, body: FilePatch, context: ContextDep, actor: ActorDep,
               session: WriteDB, response: Response,
               if_match: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    file = get_file(session, actor, file_id)
    require_if_match(if_match, file_etag(file),
                     current_object=file_json(session, actor, file, with_registers=False))
    update_file(session, actor, class_of_file(context, file), file, title=body.title,
                cover=body.cover)
    answer = file_json(session, actor, file)
    session.commit()
    return with_etag(response, answer)


class RegisterCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    parent_id: str | None = None
    name: str = Field(min_length=1, max_length=64, pattern=r"^[\w .-]+$")
    label: str | None = Field(default=None, max_length=200)


@router.post("/files/{file_id}/registers", status_code=201)
def post_register(file_id: str, body: RegisterCreate, actor: ActorDep,
                  session: WriteDB) -> dict[str, Any]:
    file = get_file(session, actor, file_id)
    register = add_register(session, actor, file, parent_id=body.parent_id, name=body.name,
                            label=body.label)
    session.commit()
    return {"id": register.id, "name": register.name, "label": register.label,
            "parent_id": register.parent_id, "count": 0, "children": []}
