"""``/file-classes``: the templates of customer files."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from .deps import ActorDep, ContextDep

router = APIRouter(tags=["structure"])


@router.get("/file-classes")
def file_classes(context: ContextDep, _actor: ActorDep) -> dict[str, Any]:
    return {"items": [c.as_json() for c in context.file_classes.all()], "next_cursor": None}
