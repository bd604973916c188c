"""A bad train connection: connections cut mid-transfer, stalls, delays (a TCP proxy).

The engine retries transient failures a few times and then says ``Offline``; the user (here:
the test) tries again later, a bounded number of times. Check-out and check-in must resume and
converge: every content hash-verified in the cache, every edit once on the server, nothing
corrupt, nothing half-written.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync import outbox
from sync.engine import Engine, SyncReport
from sync.errors import Offline
from sync.remote import RemoteClient
from sync.replica import LocalDocument, LocalFile, Replica

from .conftest import PASSWORD, TENANT, LiveServer
from .flaky_proxy import FlakyProxy
from .helpers import add_document, client, new_file

ATTEMPTS = 12
BIG = random.Random(7).randbytes(3 * 1024 * 1024 + 123)  # a scanned contract, a few MB
MEDIUM = random.Random(8).randbytes(1024 * 1024 + 7)


@pytest.fixture
def proxy(module_server: LiveServer) -> Iterator[FlakyProxy]:
    with FlakyProxy(int(module_server.url.rsplit(":", 1)[1])) as flaky:
        yield flaky


EngineMaker = Callable[..., Engine]


@pytest.fixture
def make_engine(tmp_path: Path) -> Iterator[EngineMaker]:
    made: list[Engine] = []

    def make(url: str, *, timeout: float = 30.0, retries: int = 2) -> Engine:
        remote = RemoteClient(url, retries=retries, backoff=0.01, timeout=timeout)
        remote.login("alice", PASSWORD, TENANT)
        home = tmp_path / f"laptop-{uuid.uuid4().hex[:6]}"
        engine = Engine(remote, Replica(home / "replica.sqlite3"), device_id="dev-alice",
                        files_dir=home / "files")
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.remote.close()
        engine.replica.close()


def _file_with_documents(live: LiveServer) -> tuple[str, str, dict[str, bytes]]:
    """A customer file with a big scan and three small documents; returns key, id, contents."""
    key, file_id = new_file(live, "K-NET")
    contents = {"Contrato escaneado": BIG, "Factura 1": b"%PDF-1.4 invoice 1",
                "Factura 2": b"%PDF-1.4 invoice 2" * 500, "Pedido 3": b"%PDF-1.4 order 3"}
    for title, data in contents.items():
        if title.startswith("Factura"):
            add_document(live, file_id, doc_type="invoice", title=title, data=data,
                         filename=f"{title}.pdf",
                         index={"number": title[-1], "date": "2026-05-01", "amount": "10.00",
                                "currency": "EUR"})
        elif title.startswith("Pedido"):
            add_document(live, file_id, doc_type="order", title=title, data=data,
                         filename="pedido.pdf", index={"number": "3", "date": "2026-05-02"})
        else:
            add_document(live, file_id, doc_type="contract", title=title, data=data,
                         filename="contrato.pdf",
                         index={"number": "C-1", "start_date": "2026-01-01"})
    return key, file_id, contents


def _checked_out(engine: Engine, key: str) -> bool:
    with engine.replica.transaction() as session:
        file = session.scalar(select(LocalFile).where(LocalFile.key == key))
        return file is not None and file.checkout_id is not None


def check_out_until_done(engine: Engine, key: str) -> int:
    """What the user does: check out; when cut off, try again (or sync, once the check-out
    is in the replica). Returns the number of failed attempts."""
    for failures in range(ATTEMPTS):
        try:
            if not _checked_out(engine, key):
                engine.checkout(key)
                return failures
            if not engine.sync().offline:
                return failures
        except Offline:
            pass
    pytest.fail(f"the check-out of {key} did not converge in {ATTEMPTS} attempts")


def sync_until_done(engine: Engine) -> tuple[SyncReport, int]:
    for failures in range(ATTEMPTS):
        report = engine.sync()
        if not report.offline and engine.pending_count() == 0:
            return report, failures
    pytest.fail(f"the sync did not converge in {ATTEMPTS} attempts")


def assert_replica_sound(engine: Engine, expected: dict[str, bytes]) -> None:
    """Every document's content in the cache, verified; working copies right; no debris."""
    replica = engine.replica
    with replica.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
    with replica.transaction() as session:
        docs = {d.title: d for d in session.scalars(select(LocalDocument).where(
            LocalDocument.state != "deleted"))}
    assert sorted(docs) == sorted(expected)
    for title, data in expected.items():
        doc = docs[title]
        sha = hashlib.sha256(data).hexdigest()
        assert doc.sha256 == sha, title
        cached = replica.cache_path(sha)
        assert cached.exists(), f"{title}: content not in the cache"
        assert hashlib.sha256(cached.read_bytes()).hexdigest() == sha, f"{title}: corrupt"
        assert doc.working_path and Path(doc.working_path).read_bytes() == data, title
    debris = [p.name for p in replica.cache_dir.rglob("*")
              if p.is_file() and (len(p.name) != 64 or p.parent.name != p.name[:2])]
    assert debris == [], f"half-written files in the cache: {debris}"
    assert not engine.conflicts()


def assert_server_holds(live: LiveServer, file_id: str, expected: dict[str, bytes]) -> None:
    """Each title once; each current content equal, byte for byte."""
    admin = client(live)
    docs = admin.get(f"/files/{file_id}/documents", params={"limit": 1000}).json()["items"]
    assert Counter(d["title"] for d in docs) == Counter(list(expected)), "missing or twice"
    for doc in docs:
        current = doc["current_version"]
        body = admin.get(f"/documents/{doc['id']}/versions/{current['number']}/content")
        assert body.status_code == 200
        assert body.content == expected[doc["title"]], doc["title"]


def test_check_out_survives_cut_downloads(module_server: LiveServer, proxy: FlakyProxy,
                                          make_engine: EngineMaker) -> None:
    key, _, contents = _file_with_documents(module_server)
    alice = make_engine(proxy.url)
    proxy.delay = 0.002
    proxy.cut(after=700_000, times=6)  # the big download breaks again and again
    failures = check_out_until_done(alice, key)
    assert proxy.trips["cut"] >= 1 and failures >= 1  # the faults did strike
    proxy.calm()
    assert_replica_sound(alice, contents)


def test_check_out_survives_stalls(module_server: LiveServer, proxy: FlakyProxy,
                                   make_engine: EngineMaker) -> None:
    key, _, contents = _file_with_documents(module_server)
    alice = make_engine(proxy.url, timeout=2.0, retries=1)
    proxy.stall(after=300_000, hold=4.0, times=3)
    check_out_until_done(alice, key)
    assert proxy.trips["stall"] >= 1
    proxy.calm()
    assert_replica_sound(alice, contents)


def test_check_in_survives_cuts_both_ways(module_server: LiveServer, proxy: FlakyProxy,
                                          make_engine: EngineMaker, tmp_path: Path) -> None:
    key, file_id, contents = _file_with_documents(module_server)
    alice = make_engine(proxy.url)
    check_out_until_done(alice, key)
    with alice.replica.transaction() as session:
        ids = {d.title: d.id for d in session.scalars(select(LocalDocument))}
    # offline on the train: a big new scan, a big new version, index values
    scan = tmp_path / "albaran.pdf"
    scan.write_bytes(BIG[::-1])
    outbox.add_document(alice.replica, key=key, path=scan, register="delivery_notes",
                        doc_type="delivery_note", title="Albarán 4",
                        index={"number": "A-4", "date": "2026-06-03"})
    version = tmp_path / "factura-2.pdf"
    version.write_bytes(MEDIUM)
    outbox.new_version(alice.replica, ids["Factura 2"], version, comment="signed")
    outbox.set_index(alice.replica, ids["Factura 1"], {"paid": True})
    outbox.update_cover(alice.replica, key, {"city": "Jerez"})
    expected = {**contents, "Albarán 4": BIG[::-1], "Factura 2": MEDIUM}
    # back online over a bad line: uploads cut, answers cut (also after the server applied)
    proxy.delay = 0.001
    proxy.cut(after=400_000, times=3, direction="up")
    proxy.cut(after=3_000, times=4, direction="down")
    report, failures = sync_until_done(alice)
    assert proxy.trips["cut"] >= 2 and failures >= 1
    proxy.calm()
    assert report.conflicts == 0 and not alice.conflicts()
    assert_server_holds(module_server, file_id, expected)
    admin = client(module_server)
    versions = admin.get(f"/documents/{ids['Factura 2']}/versions").json()["items"]
    assert len(versions) == 2  # the new version once
    assert admin.get(f"/documents/{ids['Factura 1']}").json()["index"]["paid"] is True
    assert admin.get(f"/files/{file_id}").json()["cover"]["city"] == "Jerez"
    alice.sync()
    assert_replica_sound(alice, expected)
    alice.checkin(key)
    assert not _checked_out(alice, key)
