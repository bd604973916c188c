"""Offline search benchmark (run on demand, never part of the test suite).

    .venv/bin/python tests/benchmarks/bench_offline_search.py [--documents 2000] [--runs 30]

Builds a replica of one checked-out file with ``--documents`` documents (plain-text contents
of about 1.5 KB in German, Spanish and English, index values of the customer file class) and
prints markdown tables:

1. index build: the first search after the check-out (text extracted in the viewer's worker
   process, then indexed), and a rebuild with the texts already extracted (what a change of
   the file classes costs);
2. query latency of ``search_replica`` (refresh check, query, count, 50 hits with snippets):
   median and 95th percentile of ``--runs`` runs per query;
3. a local edit then a search (the index follows in the search's refresh);
4. for comparison, the same documents in a Tantivy index beside the replica (the server's
   backend, ``TenantIndex``): build time and the same queries' latency (index only, no
   answer building).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from server_stub.fileclasses import load_file_classes  # noqa: E402
from sync import outbox  # noqa: E402
from sync.fields import remember_file_classes  # noqa: E402
from sync.replica import LocalDocument, LocalFile, LocalVersion, Replica  # noqa: E402
from sync.search import search_replica  # noqa: E402
from sync.search_index import refresh  # noqa: E402

VOCABULARY = (
    "Pumpe Wartung Rechnung Lieferung Angebot Kunde Vertrag Reklamation Dichtung Ventil "
    "Motor Ersatzteil Straße Müller Größe Prüfung bomba mantenimiento factura entrega "
    "oferta cliente contrato reclamación válvula presión pedido señor año pump "
    "maintenance invoice delivery offer customer contract complaint valve pressure "
    "order spare part broken urgent monday since the and for with")
WORDS = VOCABULARY.split()
TYPES = [("invoice", "invoices"), ("order", "orders"), ("letter", "correspondence"),
         ("complaint", "complaints"), ("offer", "offers")]
QUERIES = ["pumpe", "pump broken", '"spare part"', "valv*", "muller wartung",
           "type:invoice", "type:invoice paid:false", "amount>1000", "amount:100..500",
           'date:"last 3 months"', "pumpe OR bomba", "invoice -paid", "number:INV-15",
           "zzznothing"]


def _index(doc_type: str, n: int, day: str, rng: random.Random) -> dict[str, Any]:
    if doc_type == "invoice":
        return {"number": f"INV-{n}", "date": day, "amount": f"{rng.randint(10, 5000)}.00",
                "currency": "EUR", "paid": rng.random() < 0.5}
    if doc_type == "order":
        return {"number": f"PO-{n}", "date": day, "amount": f"{rng.randint(10, 5000)}.50"}
    if doc_type == "offer":
        return {"number": f"OF-{n}", "date": day}
    if doc_type == "complaint":
        return {"number": f"C-{n}", "date": day, "subject": "broken pump", "status": "open"}
    return {"date": day, "subject": " ".join(rng.choices(WORDS, k=3))}


def build_replica(folder: Path, documents: int) -> Replica:
    rng = random.Random(7)
    replica = Replica(folder / "replica.sqlite3")
    classes = [c.as_json() for c in load_file_classes().all()]
    customer = next(c for c in load_file_classes().all() if c.name == "customer")
    registers = [{"id": str(uuid.uuid4()), "name": r.name, "label": r.label, "parent_id": None}
                 for r in customer.registers]
    by_name = {r["name"]: r["id"] for r in registers}
    today = datetime.now(timezone.utc)
    with replica.transaction() as session:
        remember_file_classes(session, classes)
        file = LocalFile(id=str(uuid.uuid4()), key="K-10001", title="Müller Maschinenbau",
                         file_class="customer", etag="e1", checkout_id="c1",
                         cover={"name": "Müller Maschinenbau GmbH", "city": "Stuttgart"},
                         registers=registers)
        session.add(file)
        for n in range(documents):
            doc_type, register = TYPES[n % len(TYPES)]
            body = " ".join(rng.choices(WORDS, k=200)) + "."
            data = body.encode()
            sha = hashlib.sha256(data).hexdigest()
            path = replica.cache_path(sha)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            created = today - timedelta(days=rng.randint(0, 900))
            doc_id = str(uuid.uuid4())
            session.add(LocalDocument(
                id=doc_id, file_id=file.id, type=doc_type, title=f"{doc_type} {n}",
                index=_index(doc_type, n, created.date().isoformat(), rng),
                registers=[by_name[register]], etag=f"e{n}", current_version=1, sha256=sha,
                filename=f"doc{n}.txt", media_type="text/plain",
                created_at=created.isoformat(), updated_at=created.isoformat()))
            session.add(LocalVersion(document_id=doc_id, number=1, sha256=sha,
                                     size=len(data), filename=f"doc{n}.txt"))
    return replica


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def latency(action: Callable[[], Any], runs: int) -> tuple[float, float]:
    action()  # warm
    samples = sorted(timed(action) for _ in range(runs))
    return statistics.median(samples) * 1000, samples[int(0.95 * (len(samples) - 1))] * 1000


def tantivy_comparison(replica: Replica, folder: Path, runs: int) -> None:
    from server_stub.search.records import DocumentRecord, field_catalogue
    from server_stub.search.tantivy_index import TenantIndex
    from viewer.query import check, parse

    file_classes = load_file_classes()
    catalogue = field_catalogue(file_classes)
    with replica.transaction() as session:
        file = session.query(LocalFile).one()
        names = {r["id"]: (r["name"], r["label"]) for r in file.registers}
        texts = {str(sha): str(body) for sha, body in session.execute(text(
            "SELECT sha256, text FROM search_texts"))}
        records = [DocumentRecord(
            id=d.id, file_id=file.id, file_class="customer", file_key=file.key,
            file_title=file.title, cover=dict(file.cover), type=d.type, type_label=d.type,
            title=d.title, index=dict(d.index), register_ids=list(d.registers),
            register_names=[names[r][0] for r in d.registers],
            register_labels=[names[r][1] for r in d.registers],
            created_at=datetime.fromisoformat(d.created_at).replace(tzinfo=None),
            texts={"content": texts.get(d.sha256 or "", "")})
            for d in session.query(LocalDocument)]
    index = TenantIndex(folder / "tantivy", "t1", catalogue)
    index.create_empty()
    build = timed(lambda: index.commit(records, [], cursor=1))
    print(f"\n### Tantivy beside the replica (same {len(records)} documents)\n")
    print(f"- build (texts extracted already): {build:.2f} s, "
          f"{len(records) / build:.0f} documents/s")
    print("\n| query | median ms | p95 ms |\n| --- | ---: | ---: |")
    for query in QUERIES:
        node = check(parse(query), catalogue)
        median, p95 = latency(lambda node=node: index.search(  # type: ignore[misc]
            node, rights=None, hidden=set(), sort="relevance", limit=50, offset=0,
            group_by=None), runs)
        print(f"| `{query}` | {median:.1f} | {p95:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-tantivy", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        replica = build_replica(folder, args.documents)
        size_before = sum(path.stat().st_size for path in folder.glob("replica.sqlite3*"))
        print(f"## Offline search over {args.documents} documents\n")
        first = timed(lambda: refresh(replica))
        print(f"- first index build (extract + index): {first:.2f} s, "
              f"{args.documents / first:.0f} documents/s")
        with replica.transaction() as session:
            session.execute(text("INSERT INTO search_pending SELECT id FROM documents"))
        rebuild = timed(lambda: refresh(replica))
        print(f"- rebuild, texts extracted already: {rebuild:.2f} s, "
              f"{args.documents / rebuild:.0f} documents/s")
        size_after = sum(path.stat().st_size for path in folder.glob("replica.sqlite3*"))
        print(f"- replica file: {size_before / 1e6:.1f} MB before, {size_after / 1e6:.1f} MB "
              "with the index and the extracted texts")
        print("\n| query | hits | median ms | p95 ms |\n| --- | ---: | ---: | ---: |")
        for query in QUERIES:
            hits = search_replica(replica, query).total
            median, p95 = latency(lambda query=query: search_replica(  # type: ignore[misc]
                replica, query), args.runs)
            print(f"| `{query}` | {hits} | {median:.1f} | {p95:.1f} |")
        for label, options in (("group_by=type", {"group_by": "type"}),
                               ("sort=-amount", {"sort": "-amount"})):
            median, p95 = latency(lambda options=options: search_replica(  # type: ignore[misc]
                replica, "pumpe", **options), args.runs)
            print(f"| `pumpe` {label} | | {median:.1f} | {p95:.1f} |")
        with replica.transaction() as session:
            doc_id = session.query(LocalDocument.id).filter(
                LocalDocument.type == "invoice").limit(1).scalar()
        samples = []
        for n in range(args.runs):
            def edit_and_find(n: int = n) -> None:
                outbox.set_index(replica, str(doc_id), {"number": f"EDIT-{n}"})
                assert search_replica(replica, f"number:EDIT-{n}").total == 1
            samples.append(timed(edit_and_find) * 1000)
        print(f"\n- a local edit, then a search finding it: median "
              f"{statistics.median(samples):.1f} ms")
        if not args.no_tantivy:
            tantivy_comparison(replica, folder, args.runs)
        replica.close()


if __name__ == "__main__":
    main()
