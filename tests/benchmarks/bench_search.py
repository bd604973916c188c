"""Search benchmark of Dossier (issue #11 "Search like a search engine").

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_search.py [--docs 100000] [--rounds 5]

1. **Corpus**: ``--docs`` generated documents of ~300 words (``_search_corpus.py``: a Zipf
   vocabulary with Spanish, German and English business words, seeded), 20 queries for each
   of seven classes chosen by document frequency.
2. **Load**: ``python -m server_stub init`` on a fresh data directory, then the documents by
   bulk ``INSERT`` through the server's models, texts as ``.txt`` blobs in its blob store
   (``_search_dossier.py``).
3. **Index build**: ``TantivyBackend.rebuild`` of the tenant (what ``dossier-server reindex``
   runs), timed: documents/s, first with an empty text cache, then once more.
4. **Queries, side by side**: bare Tantivy, SQLite FTS5 (``_search_engines.py``), Dossier's
   backend search (index + rights + snippets) and ``run_search`` (what ``GET /search`` runs:
   parsing, backend, the 50 hits' documents from the database), all in this process and
   interleaved query by query so that the machine's noise hits them alike; then ``GET
   /api/v1/search`` on a real server process (``serve --port 0``) with ``httpx``. ``--rounds``
   times each class's 20 queries, after one warm-up round.
5. **Memory**: the server process's RSS after its queries ran.
6. **Searchable after 201**: on the now idle server, ``--fresh`` times a blob ``PUT`` and a
   document ``POST`` whose text holds a new word, then ``GET /search`` for that word every
   10 ms from the ``201`` on until it is found.

Progress goes to stderr; the markdown table to stdout, then notes (machine, load average: the
machine is shared, so expect noise). ``--keep`` leaves the work directory in place.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))
from _search_corpus import CLASSES, Query, generate, queries
from _search_dossier import DossierData, InProcess, build_index, load_corpus, open_data
from _search_engines import BareTantivy, Fts5
from _server_proc import (
    Subprocess,
    clean_env,
    init_server,
    log,
    percentile,
    rss_bytes,
    start_server,
    verdict,
)

API = "/api/v1"
TENANT = ADMIN = "bench"  # the tenant and its admin
PASSWORD = "bench-password-123"
MiB = 1024 * 1024
ENGINES = ("bare Tantivy", "SQLite FTS5", "Dossier backend", "Dossier run_search")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


@dataclass
class Results:
    docs: int
    timings: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    totals: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def record(self, engine: str, klass: str, seconds: float, total: int | None) -> None:
        self.timings.setdefault(engine, {}).setdefault(klass, []).append(seconds)
        if total is not None:
            self.totals.setdefault(engine, {}).setdefault(klass, []).append(total)


Search = Callable[[Query], int]


def run_side_by_side(engines: dict[str, Search], classes: dict[str, list[Query]], rounds: int,
                     results: Results) -> None:
    """Every query on every engine in turn; the first round warms up and is not counted
    (except for the totals of each query, kept once)."""
    for round_no in range(rounds + 1):
        for klass, items in classes.items():
            for query in items:
                for name, search in engines.items():
                    started = time.perf_counter()
                    total = search(query)
                    elapsed = time.perf_counter() - started
                    if round_no == 0:
                        results.totals.setdefault(name, {}).setdefault(klass, []).append(total)
                    else:
                        results.record(name, klass, elapsed, None)
        log(f"round {round_no}/{rounds} done")


def login(base_url: str) -> httpx.Client:
    response = httpx.post(base_url + API + "/auth/token", timeout=60,
                          data={"username": ADMIN, "password": PASSWORD, "tenant": TENANT})
    response.raise_for_status()
    token = response.json()["access_token"]
    return httpx.Client(base_url=base_url + API, timeout=60,
                        headers={"Authorization": f"Bearer {token}"})


def http_search(http: httpx.Client) -> Search:
    def search(query: Query) -> int:
        response = http.get("/search", params={"q": query.dossier, "limit": 50})
        response.raise_for_status()
        return int(response.json()["total"])

    return search


def wait_ready(http: httpx.Client) -> None:
    deadline = time.monotonic() + 600
    while http.get("/search", params={"q": "x"}).status_code == 503:
        if time.monotonic() > deadline:
            raise RuntimeError("the server's index did not become ready")
        time.sleep(0.2)


def searchable_after_201(http: httpx.Client, file_id: str, count: int) -> list[float]:
    """Seconds from each new document's ``201`` until a search finds its new word."""
    delays = []
    for i in range(count):
        word = f"frisch{os.getpid()}x{i}"
        content = f"Neue Nachricht {word} zur Bestellung.\n".encode()
        sha = hashlib.sha256(content).hexdigest()
        http.put(f"/blobs/{sha}", content=content,
                 headers={"Content-Type": "application/octet-stream"}).raise_for_status()
        response = http.post(f"/files/{file_id}/documents", json={
            "type": "letter", "title": f"Fresh letter {i}",
            "index": {"date": date.today().isoformat()},
            "content": {"sha256": sha, "filename": f"fresh-{i}.txt",
                        "media_type": "text/plain"}})
        created = time.perf_counter()
        if response.status_code != 201:
            raise RuntimeError(f"POST document -> {response.status_code}: {response.text}")
        while True:
            found = http.get("/search", params={"q": word, "limit": 1})
            if found.status_code == 200 and found.json()["total"] >= 1:
                delays.append(time.perf_counter() - created)
                break
            if time.perf_counter() - created > 60:
                raise RuntimeError(f"{word} not found 60 s after its 201")
            time.sleep(0.01)
        time.sleep(0.2)  # idle between documents
    return delays


def dossier_phase(args: argparse.Namespace, work: Path, corpus_docs: int,
                  classes: dict[str, list[Query]], results: Results,
                  bare: BareTantivy, fts: Fts5, data: DossierData) -> None:
    seconds = build_index(data)
    results.figures["build_cold"] = corpus_docs / seconds
    log(f"Dossier index built in {seconds:.1f} s (text cache empty)")
    shutil.rmtree(data.data_dir / "search" / data.tenant_id)
    seconds = build_index(data)
    results.figures["build_warm"] = corpus_docs / seconds
    log(f"Dossier index rebuilt in {seconds:.1f} s (second build)")
    inproc = InProcess(data)
    engines: dict[str, Search] = {"bare Tantivy": bare.search, "SQLite FTS5": fts.search,
                                  "Dossier backend": inproc.backend_search,
                                  "Dossier run_search": inproc.run_search}
    run_side_by_side(engines, classes, args.rounds, results)

    server = start_server(data.data_dir, env=clean_env(), log_path=work / "server.log")
    try:
        http_phase(args, server, classes, results, data)
    finally:
        server.stop()


def http_phase(args: argparse.Namespace, server: Subprocess, classes: dict[str, list[Query]],
               results: Results, data: DossierData) -> None:
    from sqlalchemy import select

    from server_stub.orm import CustomerFile

    results.figures["rss_start"] = rss_bytes(server.pid)
    with login(server.base_url) as http:
        wait_ready(http)
        run_side_by_side({"Dossier HTTP": http_search(http)}, classes, args.rounds, results)
        results.figures["rss_after_queries"] = rss_bytes(server.pid)
        anon, mapped = rss_split(server.pid)
        results.figures["rss_anon"], results.figures["rss_file"] = anon, mapped
        results.figures["index_bytes"] = folder_bytes(data.data_dir / "search")
        log(f"server RSS {rss_bytes(server.pid) / MiB:.0f} MiB after the queries")
        with data.database.reader() as session:
            file_id = session.scalar(select(CustomerFile.id).where(
                CustomerFile.tenant_id == data.tenant_id).limit(1))
        assert file_id is not None
        time.sleep(2)  # idle
        delays = searchable_after_201(http, file_id, args.fresh)
        results.figures["fresh_p50"] = percentile(delays, 50)
        results.figures["fresh_p99"] = percentile(delays, 99)
        results.figures["fresh_first"] = delays[0]
        results.figures["rss_end"] = rss_bytes(server.pid)


def rss_split(pid: int) -> tuple[int, int]:
    """(RssAnon + RssShmem, RssFile) of ``pid`` in bytes: private memory vs. mapped files."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name.startswith("Rss"):
            fields[name] = int(value.split()[0]) * 1024
    return fields["RssAnon"] + fields.get("RssShmem", 0), fields["RssFile"]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def table(results: Results) -> str:
    t = results.timings
    lines = ["| query class | hits (median) | bare Tantivy p50 | SQLite FTS5 p50 | "
             "Dossier backend p50 | Dossier in-process (run_search) p50 | in-process ÷ bare "
             "(goal ≤ 1.5) | HTTP p50 | HTTP p99 (goal ≤ 50 ms) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for klass in CLASSES:
        p50 = {e: statistics.median(t[e][klass]) for e in (*ENGINES, "Dossier HTTP")}
        ratio = p50["Dossier run_search"] / p50["bare Tantivy"]
        p99 = percentile(t["Dossier HTTP"][klass], 99)
        hits = statistics.median(results.totals["Dossier run_search"][klass])
        lines.append(
            f"| {klass} | {hits:,.0f} | {ms(p50['bare Tantivy'])} | {ms(p50['SQLite FTS5'])} | "
            f"{ms(p50['Dossier backend'])} | {ms(p50['Dossier run_search'])} | "
            f"{ratio:.1f}× {verdict(ratio <= 1.5)} | {ms(p50['Dossier HTTP'])} | "
            f"{ms(p99)} {verdict(p99 <= 0.05)} |")
    f = results.figures
    lines += [
        "",
        "| benchmark | result | goal |",
        "| --- | --- | --- |",
        f"| Index build (`TantivyBackend.rebuild`, {results.docs:,} documents, text cache "
        "empty) "
        f"| **{f['build_cold']:,.0f} documents/s** | ≥ 5,000/s: "
        f"{verdict(f['build_cold'] >= 5000)} |",
        f"| … the same build again (plain text is read from its blob, never cached) | "
        f"{f['build_warm']:,.0f} documents/s | — |",
        f"| Bare Tantivy build / SQLite FTS5 build (same texts) | "
        f"{f['bare_build']:,.0f} / {f['fts_build']:,.0f} documents/s | — |",
        f"| New document searchable after its 201 (idle server, {int(f['fresh_n'])} documents) "
        f"| p50 {ms(f['fresh_p50'])}, **p99 {ms(f['fresh_p99'])}** (first: "
        f"{ms(f['fresh_first'])}) | p99 ≤ 2 s: {verdict(f['fresh_p99'] <= 2)} |",
        f"| Server RSS, index loaded and queries run | **{f['rss_after_queries'] / MiB:.0f} MiB** "
        f"= {f['rss_anon'] / MiB:.0f} MiB private + {f['rss_file'] / MiB:.0f} MiB mapped files "
        f"(the index is {f['index_bytes'] / MiB:.0f} MiB on disk, memory-mapped: pages the kernel "
        f"may drop); at start {f['rss_start'] / MiB:.0f} MiB, at the end "
        f"{f['rss_end'] / MiB:.0f} MiB | ≤ 300 MB: {verdict(f['rss_after_queries'] <= 300e6)} |",
    ]
    return "\n".join(lines)


def consistency(results: Results) -> list[str]:
    """Where the engines' total hit counts differ (same texts; Dossier also indexes titles,
    types and values, FTS5 tokenizes differently)."""
    notes = []
    ref = results.totals["bare Tantivy"]
    for engine in ("SQLite FTS5", "Dossier run_search", "Dossier HTTP"):
        for klass in CLASSES:
            pairs = list(zip(ref[klass], results.totals[engine][klass], strict=True))
            off = [(a, b) for a, b in pairs if abs(a - b) > max(1, a * 0.01)]
            if off:
                notes.append(f"{engine}, {klass}: {len(off)} of {len(pairs)} queries count "
                             f"other totals than bare Tantivy (e.g. {off[0][1]} vs {off[0][0]})")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    log(f"work directory {work}")
    results = Results(docs=args.docs)
    try:
        started = time.perf_counter()
        corpus = generate(args.docs)
        classes = queries(corpus)
        log(f"corpus of {args.docs:,} generated in {time.perf_counter() - started:.0f} s")
        bare = BareTantivy(work / "tantivy")
        bare.build(corpus)
        results.figures["bare_build"] = args.docs / bare.build_seconds
        fts = Fts5(work / "fts5.sqlite3")
        fts.build(corpus)
        results.figures["fts_build"] = args.docs / fts.build_seconds
        log("bare Tantivy and FTS5 built")
        data_dir = work / "data"
        init_server(data_dir, env=clean_env(), tenant=TENANT, admin=ADMIN, password=PASSWORD)
        data = open_data(data_dir, tenant=TENANT, admin=ADMIN)
        load_corpus(data, corpus)
        log(f"loaded into Dossier in {data.load_seconds:.0f} s")
        del corpus
        results.figures["fresh_n"] = args.fresh
        dossier_phase(args, work, args.docs, classes, results, bare, fts, data)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    print()
    for note in consistency(results):
        print(f"- {note}")
    print(f"- machine: {platform.node()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
