"""Two and three colleagues edit one file offline at once; check-ins in random order.

Hypothesis draws each person's offline operations and the order of check-ins. At the end all
replicas equal the server, every version anyone made is in some document's history, and a
field only one person changed has that person's value (DESIGN.md "Offline and conflicts").
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync import outbox
from sync.engine import Engine
from sync.replica import LocalDocument
from sync.resolve import resolve

from .conftest import EngineFactory, LiveServer

FIELDS = ("due_date", "order_number", "paid")
VALUES = {"due_date": ["2026-07-01", "2026-08-01"], "order_number": ["A-1", "B-2"],
          "paid": [True, False]}

operation = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 1), st.sampled_from(FIELDS), st.integers(0, 1)),
    st.tuples(st.just("version"), st.integers(0, 1), st.integers(0, 10**6)),
    st.tuples(st.just("add"), st.integers(0, 10**6)),
)
person = st.lists(operation, min_size=0, max_size=4)


def _new_file(live: LiveServer) -> tuple[str, list[dict[str, Any]]]:
    key = f"K-{uuid.uuid4().hex[:8]}"
    with live.client("admin") as admin:
        file = admin.post("/files", json={"file_class": "customer", "key": key, "title": key,
                                          "cover": {"name": key}}).json()
        docs = []
        for n in range(2):
            data = f"{key} invoice {n}".encode()
            sha = hashlib.sha256(data).hexdigest()
            admin.put(f"/blobs/{sha}", content=data)
            docs.append(admin.post(f"/files/{file['id']}/documents", json={
                "type": "invoice", "title": f"Invoice {n}", "registers": ["invoices"],
                "index": {"number": f"R-{n}", "date": "2026-05-01", "amount": "10.00",
                          "currency": "EUR"},
                "content": {"sha256": sha, "filename": f"r{n}.pdf"}}).json())
    return key, docs


def _work(engine: Engine, key: str, docs: list[dict[str, Any]], ops: list[tuple[Any, ...]],
          tmp: Path, made: list[str], changed: dict[tuple[str, str], set[Any]]) -> None:
    for op in ops:
        if op[0] == "set":
            _, d, field, v = op
            value = VALUES[field][v]
            outbox.set_index(engine.replica, docs[d]["id"], {field: value})
            changed.setdefault((docs[d]["id"], field), set()).add(
                (engine.device_id, str(value)))
        elif op[0] == "version":
            data = f"{engine.device_id} {op[2]} {uuid.uuid4()}".encode()
            path = tmp / f"{uuid.uuid4().hex}.pdf"
            path.write_bytes(data)
            outbox.new_version(engine.replica, docs[op[1]]["id"], path)
            made.append(hashlib.sha256(data).hexdigest())
        else:
            data = f"{engine.device_id} new {op[1]} {uuid.uuid4()}".encode()
            path = tmp / f"{uuid.uuid4().hex}.txt"
            path.write_bytes(data)
            outbox.add_document(engine.replica, key=key, path=path, register="correspondence",
                                doc_type="note", index={"date": "2026-06-01"})
            made.append(hashlib.sha256(data).hexdigest())


def _settle(engines: list[Engine]) -> None:
    """Everyone syncs and decides conflicts (keeping their own work) until all is sent."""
    for _ in range(8):
        for engine in engines:
            for conflict in engine.conflicts():
                resolve(engine.replica, conflict.id,
                        "both" if conflict.kind == "content" else "mine")
            engine.sync()
        if not any(e.pending_count() or e.conflicts() for e in engines):
            break
    for engine in engines:
        engine.sync()
    assert not any(e.pending_count() or e.conflicts() for e in engines)


def _server_state(live: LiveServer, key: str) -> dict[str, Any]:
    with live.client("admin") as admin:
        file_id = admin.get(f"/files/by-key/{key}").json()["id"]
        docs = admin.get(f"/files/{file_id}/documents", params={"limit": 1000}).json()["items"]
        history = {d["id"]: [v["sha256"] for v in admin.get(
            f"/documents/{d['id']}/versions").json()["items"]] for d in docs}
    return {"docs": {d["id"]: d for d in docs}, "history": history}


def _replica_state(engine: Engine, key: str) -> dict[str, tuple[Any, ...]]:
    with engine.replica.transaction() as session:
        file = next(f for f in engine.checked_out() if f.key == key)
        return {d.id: (d.title, d.index, d.sha256) for d in session.scalars(
            select(LocalDocument).where(LocalDocument.file_id == file.id,
                                        LocalDocument.state != "deleted"))}


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plans=st.lists(person, min_size=2, max_size=3), order=st.randoms())
def test_concurrent_editors_converge(live_server: LiveServer, engine_for: EngineFactory,
                                     tmp_path: Path, plans: list[list[tuple[Any, ...]]],
                                     order: Any) -> None:
    key, docs = _new_file(live_server)
    engines = [engine_for(name) for name in ("alice", "bob", "carol")[:len(plans)]]
    for engine in engines:
        engine.checkout(key)
    made: list[str] = []
    changed: dict[tuple[str, str], set[Any]] = {}
    for engine, plan in zip(engines, plans, strict=True):
        _work(engine, key, docs, plan, tmp_path, made, changed)
    order.shuffle(engines)
    _settle(engines)

    server = _server_state(live_server, key)
    every_version = {sha for shas in server["history"].values() for sha in shas}
    assert set(made) <= every_version, "a version somebody made is missing"
    expected = {d: (s["title"], s["index"], s["current_version"]["sha256"])
                for d, s in server["docs"].items()}
    for engine in engines:
        assert _replica_state(engine, key) == expected
    for (doc_id, field), writers in changed.items():
        if len({value for _, value in writers}) == 1 and len({w for w, _ in writers}) == 1:
            (_, value), = writers
            assert str(server["docs"][doc_id]["index"][field]) == value
