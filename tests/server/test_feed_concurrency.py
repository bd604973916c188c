"""The change feed under concurrent writers: a reader never skips a change.

Database sequences hand out numbers in one order and commit in another: a reader that saw
number 7 commit could move its cursor past 6, which commits a moment later and is lost to it.
Here writers on several threads commit with random delays between taking their numbers and
committing, while a reader follows the feed from its cursor; it must see every number exactly
once, in order.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from server_stub.journal import record_change
from server_stub.orm import Tenant

from .conftest import Api, Server

WRITERS = 4
COMMITS_PER_WRITER = 40


@pytest.mark.parametrize("database_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_reader_never_misses_a_change(server: Server, admin: Api) -> None:
    with server.context.database.reader() as session:
        tenant_id = session.query(Tenant.id).filter(Tenant.name == server.tenant).scalar()
    file_id = admin.new_file()["id"]
    start = int(admin.get("/changes").json()["cursor"])
    rng = random.Random(5)
    delays = [rng.random() * 0.01 for _ in range(WRITERS * COMMITS_PER_WRITER)]

    def slow_commit(session: Session) -> None:
        if session.info.get("test_delay"):
            time.sleep(session.info["test_delay"])

    # runs after the journal's own before_commit listener: numbers taken, not yet committed
    event.listen(Session, "before_commit", slow_commit)
    errors: list[BaseException] = []

    def writer(w: int) -> None:
        try:
            for i in range(COMMITS_PER_WRITER):
                with server.context.database.writer() as session:
                    record_change(session, tenant_id, object="file", id=f"{w}-{i}",
                                  op="updated", file_id=file_id)
                    session.info["test_delay"] = delays[w * COMMITS_PER_WRITER + i]
                    session.commit()
        except BaseException as exc:
            errors.append(exc)

    seen: list[int] = []
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        cursor = start
        total = WRITERS * COMMITS_PER_WRITER
        deadline = time.monotonic() + 120
        while len(seen) < total and time.monotonic() < deadline:
            body: dict[str, Any] = admin.get("/changes", params={"since": cursor,
                                                                  "limit": 7}).json()
            seen.extend(c["seq"] for c in body["changes"] if c["object"] == "file")
            cursor = int(body["cursor"])
        for thread in threads:
            thread.join()
    finally:
        event.remove(Session, "before_commit", slow_commit)
    assert not errors
    # every number must arrive exactly once, in order
    assert seen == list(range(start + 1, start + 1 + WRITERS * COMMITS_PER_WRITER))
