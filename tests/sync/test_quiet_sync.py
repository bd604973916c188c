"""A sync with nothing to do costs one feed read, whatever the size of the file.

No working copy is looked at and no content looked for in the cache: what a sync still owes
the local side (contents to download, working copies to write) is kept by the replica
(``sync/due.py``), in the same transaction as the change that makes it due, so a kill -9
anywhere loses none of it. The self-check's interval is kept in the replica too, so each new
``dossier sync`` process does not pay it. And ``dossier sync`` loads only what it uses.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from sync import materialise
from sync.due import checked_at, copies_due, mark_checked, mark_copies_due, pending_downloads
from sync.engine import Engine
from sync.remote import RemoteClient
from sync.replica import LocalDocument, Replica, utcnow

from .cli_driver import Cli
from .conftest import PASSWORD, TENANT, EngineFactory, LiveServer
from .helpers import INVOICE_CONTENT, SeededFile, seeded_file, upload

ROOT = Path(__file__).resolve().parents[2]


def _checked_out(live: LiveServer, engine_for: EngineFactory) -> tuple[Engine, SeededFile]:
    """Alice has the file checked out and synced once (the first sync's self-check done)."""
    seeded = seeded_file(live)
    alice = engine_for("alice")
    alice.checkout(seeded.key)
    alice.sync()
    return alice, seeded


def _copy_of(engine: Engine, doc_id: str) -> Path:
    with engine.replica.transaction() as session:
        doc = session.get(LocalDocument, doc_id)
        assert doc is not None and doc.working_path
        return Path(doc.working_path)


def _copies(engine: Engine) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in engine.files_dir.rglob("*")
            if path.is_file()}


class Watch:
    """What the engine does in a sync: working copies visited, contents looked for in the
    cache, requests sent (method and path)."""

    def __init__(self, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
        self.visited: list[str] = []
        self.looked_up: list[str] = []
        self.requests: list[str] = []
        write_one = materialise._write_one
        cache_path = Replica.cache_path
        send = engine.remote._send

        def visiting(replica: Replica, session: Any, doc: LocalDocument, *args: Any) -> None:
            self.visited.append(doc.id)
            write_one(replica, session, doc, *args)

        def looking(replica: Replica, sha256: str) -> Path:
            self.looked_up.append(sha256)
            return cache_path(replica, sha256)

        def sending(method: str, path: str, **kwargs: Any) -> Any:
            self.requests.append(f"{method} {path}")
            return send(method, path, **kwargs)

        monkeypatch.setattr(materialise, "_write_one", visiting)
        monkeypatch.setattr(Replica, "cache_path", looking)
        monkeypatch.setattr(engine.remote, "_send", sending)

    def clear(self) -> None:
        self.visited.clear()
        self.looked_up.clear()
        self.requests.clear()


def _new_version_by_bob(live: LiveServer, doc: dict[str, Any], data: bytes) -> str:
    with live.client("bob") as bob:
        sha = upload(bob, data)
        current = bob.get(f"/documents/{doc['id']}").json()
        answer = bob.post(f"/documents/{doc['id']}/versions",
                          json={"content": {"sha256": sha, "filename": "f1.pdf"}},
                          headers={"If-Match": current["etag"]})
        assert answer.status_code == 201, answer.text
    return sha


def test_a_sync_with_nothing_changed_touches_no_working_copy(
        live_server: LiveServer, engine_for: EngineFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    alice, _seeded = _checked_out(live_server, engine_for)
    before = _copies(alice)
    assert len(before) == 3
    watch = Watch(alice, monkeypatch)

    report = alice.sync()

    assert (report.files, report.applied, report.repaired, report.offline) == (1, 0, [], False)
    assert watch.visited == [] and watch.looked_up == []  # not a stat() of any of them
    assert watch.requests == ["GET /changes"]  # one feed read, no self-check
    assert _copies(alice) == before  # nothing written, moved or touched


def test_a_change_writes_only_its_working_copy(
        live_server: LiveServer, engine_for: EngineFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    alice, seeded = _checked_out(live_server, engine_for)
    before = _copies(alice)
    invoice = _copy_of(alice, seeded.invoice["id"])
    watch = Watch(alice, monkeypatch)
    new = b"%PDF-1.4 Factura 1, corrected by bob"
    _new_version_by_bob(live_server, seeded.invoice, new)

    alice.sync()

    assert watch.visited == [seeded.invoice["id"]]
    assert watch.looked_up.count(hashlib.sha256(new).hexdigest()) >= 1
    assert invoice.read_bytes() == new
    after = _copies(alice)
    assert {path for path in after if after[path] != before.get(path)} == {invoice}
    with alice.replica.transaction() as session:
        assert copies_due(session, seeded.id) == set()
        assert pending_downloads(session, seeded.id) == []


def test_a_working_copy_the_watcher_misses_is_written_by_the_next_sync(
        live_server: LiveServer, engine_for: EngineFactory) -> None:
    """The sync looks only at the copies due; the watcher marks the ones it finds gone."""
    alice, seeded = _checked_out(live_server, engine_for)
    invoice = _copy_of(alice, seeded.invoice["id"])
    invoice.unlink()
    with alice.replica.transaction() as session:  # as WorkingCopyWatcher does
        mark_copies_due(session, seeded.id, [seeded.invoice["id"]])
    alice.sync()
    assert invoice.read_bytes() == INVOICE_CONTENT


def test_the_self_check_interval_holds_across_processes(
        live_server: LiveServer, engine_for: EngineFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    alice, seeded = _checked_out(live_server, engine_for)
    again = _engine_on(alice)  # the next `dossier sync`: a new engine on the same replica
    try:
        watch = Watch(again, monkeypatch)
        again.sync()
        assert watch.requests == ["GET /changes"]
        with again.replica.transaction() as session:  # the interval is over
            assert checked_at(session, seeded.id) is not None
            mark_checked(session, seeded.id, (
                utcnow() - timedelta(seconds=Engine.CHECK_INTERVAL + 1)).isoformat())
        watch.clear()
        again.sync()
        assert f"GET /files/{seeded.id}/documents" in watch.requests
    finally:
        again.remote.close()


def _engine_on(engine: Engine) -> Engine:
    remote = RemoteClient(engine.remote.base_url, retries=1, backoff=0.01)
    remote.login("alice", PASSWORD, TENANT)
    return Engine(remote, engine.replica, device_id=engine.device_id,
                  files_dir=engine.files_dir)


# kill -9 ---------------------------------------------------------------------------------

_SYNC = """
import sys
from pathlib import Path
from sync.engine import Engine
from sync.remote import RemoteClient
from sync.replica import Replica
url, replica, files, password, tenant = sys.argv[1:]
remote = RemoteClient(url)
remote.login("alice", password, tenant)
Engine(remote, Replica(Path(replica)), device_id="dev-alice", files_dir=Path(files)).sync()
"""


def _sync_killed_at(engine: Engine, point: str) -> None:
    """``dossier sync`` on the engine's replica in another process, SIGKILLed at ``point``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    done = subprocess.run(
        [sys.executable, "-c", _SYNC, engine.remote.base_url, str(engine.replica.path),
         str(engine.files_dir), PASSWORD, TENANT],
        cwd=ROOT, env={**env, "DOSSIER_FAULT": point}, capture_output=True, text=True,
        timeout=120, check=False)
    assert done.returncode == -9, (done.returncode, done.stderr[-2000:])


@contextmanager
def _no_downloads(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    asked: list[str] = []

    def counting(name: str) -> Callable[..., Any]:
        original = getattr(engine.remote, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            asked.append(name)
            return original(*args, **kwargs)

        return call

    with monkeypatch.context() as patch:
        for name in ("download", "download_contents"):
            patch.setattr(engine.remote, name, counting(name))
        yield asked


@pytest.mark.parametrize("point", [
    "pull.after_commit",  # the new version is in the replica, its content is not
    "transfer.download.after_replace",  # stored in the cache, not yet forgotten as pending
    "pull.after_download",  # downloaded, its working copy not written
    "engine.materialise.after_copy",  # written, not yet recorded as written
])
def test_what_is_due_survives_a_kill_9(live_server: LiveServer, engine_for: EngineFactory,
                                       monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    alice, seeded = _checked_out(live_server, engine_for)
    invoice = seeded.invoice["id"]
    new = b"%PDF-1.4 Factura 1, second version"
    sha = _new_version_by_bob(live_server, seeded.invoice, new)

    _sync_killed_at(alice, point)

    cached = alice.replica.cache_path(sha).exists()
    with alice.replica.transaction() as session:
        pending = pending_downloads(session, seeded.id)
        due = copies_due(session, seeded.id)
    assert invoice in due  # its working copy is still owed
    if point == "pull.after_commit":
        assert pending == [(invoice, 2, sha)] and not cached
    if point == "transfer.download.after_replace":
        assert pending == [(invoice, 2, sha)] and cached
    with _no_downloads(alice, monkeypatch) as downloads:
        report = alice.sync()  # the feed has nothing new: only the replica knows the rest
    assert not report.offline and report.repaired == []
    assert bool(downloads) == (point == "pull.after_commit")
    assert _copy_of(alice, invoice).read_bytes() == new
    with alice.replica.transaction() as session:
        assert pending_downloads(session, seeded.id) == []
        assert copies_due(session, seeded.id) == set()
        doc = session.get(LocalDocument, invoice)
        assert doc is not None and doc.working_sha == sha


# start-up ----------------------------------------------------------------------------------

_IMPORTS = """
import json, sys
from app.__main__ import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted(name for name in sys.modules
                if name.split(".")[0] in ("PySide6", "viewer", "pymupdf", "apscheduler",
                                          "watchdog", "sync"))
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def _loaded_by(cli: Cli, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _IMPORTS, *args], cwd=ROOT, env=cli.env,
                          capture_output=True, text=True, timeout=120, check=False)
    answer = json.loads(done.stderr.strip().splitlines()[-1])
    assert answer["code"] in (0, None), done.stderr
    return list(answer["loaded"])


def test_dossier_sync_loads_only_what_it_uses(live_server: LiveServer, cli: Cli) -> None:
    cli.login(live_server.url)
    cli.ok("checkout", "K-100")
    assert _loaded_by(cli, "--help") == []  # the desktop client's help: nothing of it
    loaded = _loaded_by(cli, "--profile", str(cli.profile), "sync")
    assert {"sync.engine", "sync.cli_sync"} <= set(loaded)
    unwanted = {"PySide6", "viewer", "pymupdf", "apscheduler", "watchdog", "sync.client",
                "sync.scheduler", "sync.watcher", "sync.search", "sync.cli_files",
                "sync.cli_changes"}
    assert {name.split(".")[0] for name in loaded} & unwanted == set()
    assert set(loaded) & unwanted == set()


def test_the_search_parser_offers_what_the_search_takes() -> None:
    """``cli_search`` repeats ``sync.search``'s groups and limit, not to import the search
    (and the viewer's query language) for every command."""
    from sync import cli_search, search

    assert (cli_search.GROUPS, cli_search.MAX_LIMIT) == (search.GROUPS, search.MAX_LIMIT)
