"""Three laptops, one shared check-out, rounds of offline work, kills and an online colleague.

A seeded random run (``random.Random(seed)``) drives three clerks (alice, bob, carol), each on
a laptop with its own replica behind its own ``FlakyProxy`` (which cuts it off: offline), through
rounds of offline work on one customer file: adds, index edits, new versions, deletes and cover
edits, about 6 % of them meant to be refused (a value of the wrong type, a missing required
value, the deletion of a document under retention). Meanwhile an administrator at the office
edits index values, adds versions, moves documents between registers and deletes notes over the
API (with If-Match), sometimes while a laptop's sync is running. Syncs run as real processes
(``random_devices.py``, forked by a zygote); about 40 % of them die by SIGKILL, from outside
after a random delay or at one of the engine's own fault points (``DOSSIER_FAULT``). After a
sync every open conflict is resolved at random (mine/theirs/both, per field) or left open for a
while. At the end every laptop comes online, decides everything and syncs until quiet; then
the promises of DESIGN.md "Offline and conflicts" are checked:

1. convergence: every replica shows exactly the server's live documents (id, title, index,
   registers, current version and content) and cover; nothing pending, no conflict open;
2. nothing lost: every content anyone made is a version of some document on the server (live
   or deleted), or a restorable draft after the user chose "theirs"; an index value only one
   person set (and nobody dropped) is on the server; what was meant to be refused is not;
3. no duplicates: one live document per local add (titles are unique per add), no content
   twice in a row in a history;
4. an edit against a delete gives exactly one live document;
5. the audit chain verifies.

``DOSSIER_RANDOM_SEEDS=1,2,3`` and ``DOSSIER_RANDOM_ROUNDS=8`` run other seeds or longer runs by
hand. A failure names the seed, prints the tail of the run's log (every step: laptop, action,
document, outcome) and the path of the whole log, to turn the seed into a reproduction.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import traceback
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from server_stub.fileclasses import FieldDef, load_file_classes
from server_stub.orm import Document, Version
from sync import outbox
from sync.engine import Engine
from sync.errors import UsageError
from sync.remote import RemoteClient, Tokens
from sync.replica import Conflict, LocalDocument, LocalFile, OutboxOp, Replica
from sync.resolve import resolve

from .conftest import PASSWORD, TENANT, LiveServer
from .flaky_proxy import FlakyProxy
from .helpers import (
    _let_alice_delete,
    client,
    document_status,
    seeded_file,
    server_view,
    upload,
)
from .random_devices import Run, Zygote

SEEDS = [int(s) for s in os.environ.get("DOSSIER_RANDOM_SEEDS", "1,2,3,4").split(",") if s.strip()]
ROUNDS = int(os.environ.get("DOSSIER_RANDOM_ROUNDS", "5"))
USERS = ("alice", "bob", "carol")
KILL_SHARE = 0.4
INVALID_SHARE = 0.06
OFFLINE_SHARE = 0.3  # of the laptops, each round
LEAVE_OPEN_SHARE = 0.3  # of the conflicts, after each sync
SETTLE_PASSES = 8
CUSTOMER = load_file_classes().get("customer")
assert CUSTOMER is not None
TYPES = CUSTOMER.document_types
ADD_TYPES = ["note", "note", "note", "letter", "order", "offer", "delivery_note", "complaint",
             "invoice"]
#: the engine's own kill points during a sync (more are added as traces show them)
SYNC_POINTS = ["push.round.read", "transfer.upload.before", "transfer.upload.after",
               "push.after_upload", "push.before_checkin", "push.after_checkin",
               "push.apply.applied", "push.apply.after_fetch", "push.apply.conflict",
               "push.requeue", "push.replay", "push.results.before_commit",
               "push.results.after_commit",
               "engine.sync.after_push", "pull.after_feed_page", "pull.after_fetch_document",
               "pull.before_apply", "pull.before_commit", "pull.after_commit",
               "transfer.download.start", "transfer.download.before_replace",
               "transfer.download.after_replace", "pull.after_download",
               "engine.sync.after_pull", "engine.materialise.after_copy"]


# random values that fit (or do not fit) a field ------------------------------------------------


def valid_value(rng: random.Random, f: FieldDef, tag: str) -> Any:
    if f.type in ("string", "text"):
        return f"{tag}-{rng.randint(0, 9999)}"[:f.max_length or 100]
    if f.type == "date":
        return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if f.type == "datetime":
        day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return f"{day}T10:{rng.randint(0, 59):02d}:00+00:00"
    if f.type == "money":
        return f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}"
    if f.type == "decimal":
        return f"{rng.randint(0, 999)}.{rng.randint(0, 9)}"
    if f.type == "integer":
        return rng.randint(0, 500)
    if f.type == "boolean":
        return rng.random() < 0.5
    if f.type == "enum":
        return rng.choice(f.options)
    raise AssertionError(f"no values for field type {f.type}")


def invalid_value(rng: random.Random, f: FieldDef) -> Any:
    """A value of the wrong type for ``f`` (the server refuses it)."""
    if f.type in ("string", "text"):
        return rng.choice([12345, True])
    if f.type in ("date", "datetime"):
        return rng.choice(["next Tuesday", "2026-13-45", 20260101])
    if f.type in ("money", "decimal"):
        return rng.choice(["a lot", 12.5])
    if f.type == "integer":
        return rng.choice(["many", "12", 1.5])
    if f.type == "boolean":
        return rng.choice(["yes", 1])
    return "not-an-option"


def valid_index(rng: random.Random, doc_type: str, tag: str) -> dict[str, Any]:
    fields = TYPES[doc_type].index_fields
    return {f.name: valid_value(rng, f, tag) for f in fields
            if f.required or rng.random() < 0.3}


# the run's state ---------------------------------------------------------------------------


@dataclass
class Device:
    user: str
    home: Path
    proxy: FlakyProxy
    tokens: Tokens
    engine: Engine  # in-process: the check-out, conflicts and status; syncs run in a child
    online: bool = True
    syncs: int = 0

    @property
    def replica(self) -> Replica:
        return self.engine.replica


@dataclass
class Made:
    """A content somebody saved: where it came from, for the failure message."""

    who: str
    what: str
    title: str
    step: int


@dataclass
class World:
    seed: int
    rng: random.Random
    live: LiveServer
    key: str
    file_id: str
    root: Path
    zygote: Zygote
    devices: list[Device] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    step: int = 0
    adds: int = 0
    made: dict[str, Made] = field(default_factory=dict)
    #: contents the user dropped by an explicit choice (sha → why)
    dropped: dict[str, str] = field(default_factory=dict)
    #: new documents the server refused and the user then dropped ("theirs"): the versions
    #: saved onto them go with them
    dropped_adds: set[str] = field(default_factory=set)
    #: contents kept as a restorable draft on a laptop (sha → user)
    drafts: dict[str, str] = field(default_factory=dict)
    #: contents and values meant to be refused (queued; the server must not take them)
    refused_content: set[str] = field(default_factory=set)
    refused_values: list[tuple[str, str, Any, str]] = field(default_factory=list)
    #: (title, field) → {(writer, value as JSON)}: valid index edits
    writers: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    #: titles whose local changes were dropped by a choice (no single-writer promise there)
    titles_dropped: set[str] = field(default_factory=set)
    #: documents edited here while deleted on the server (title → who, when), until someone
    #: deletes them again (then either outcome may be right)
    must_come_back: dict[str, str] = field(default_factory=dict)
    points_seen: Counter[str] = field(default_factory=Counter)
    sync_errors: set[str] = field(default_factory=set)

    def note(self, who: str, action: str, title: str = "", outcome: str = "") -> None:
        self.log.append(f"#{self.step:03d} {who:<6} {action:<28} {title[:50]:<50} {outcome}")

    def problem(self, text: str) -> None:
        self.problems.append(text)
        self.note("CHECK", "problem", "", text[:300])


# the laptops' local work --------------------------------------------------------------------


def local_file(replica: Replica, key: str) -> LocalFile:
    with replica.transaction() as session:
        file = session.scalar(select(LocalFile).where(LocalFile.key == key))
        assert file is not None
        return file


def live_local_documents(replica: Replica, file_id: str) -> list[LocalDocument]:
    with replica.transaction() as session:
        return list(session.scalars(select(LocalDocument).where(
            LocalDocument.file_id == file_id, LocalDocument.state != "deleted")
            .order_by(LocalDocument.id)))


def source(world: World, device: Device, data: bytes, name: str) -> Path:
    path = device.home / "src" / uuid.uuid4().hex / name
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


def record_write(world: World, who: str, title: str, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        world.writers.setdefault((title, name), set()).add(
            (who, json.dumps(value, sort_keys=True)))


def local_action(world: World, device: Device) -> None:
    """One random action of the clerk on the laptop (online or not: it works on the replica)."""
    rng, world.step = world.rng, world.step + 1
    docs = live_local_documents(device.replica, world.file_id)
    invalid = rng.random() < INVALID_SHARE
    kind = rng.choices(["add", "index", "version", "delete", "cover"], [3, 4, 3, 1.5, 0.7])[0]
    if not docs:
        kind = "add"
    try:
        if invalid:
            bad_action(world, device, docs)
        elif kind == "add":
            world.adds += 1
            doc_type = rng.choice(ADD_TYPES)
            title = f"{device.user}-{doc_type}-{world.seed}-{world.adds}"
            data = f"{title} v1 {rng.getrandbits(64):x}".encode()
            index = valid_index(rng, doc_type, device.user)
            outbox.add_document(device.replica, key=world.key,
                                path=source(world, device, data, f"{title}.txt"),
                                register=TYPES[doc_type].default_register or "correspondence",
                                doc_type=doc_type, title=title, index=index)
            world.made[sha(data)] = Made(device.user, "add", title, world.step)
            record_write(world, device.user, title, index)
            world.note(device.user, f"add {doc_type}", title, f"content {sha(data)[:10]}")
        elif kind == "index":
            doc = rng.choice(docs)
            f = rng.choice(TYPES[doc.type].index_fields)
            changes = {f.name: valid_value(rng, f, device.user)}
            outbox.set_index(device.replica, doc.id, changes)
            record_write(world, device.user, doc.title, changes)
            edited_offline(world, device, doc)
            world.note(device.user, "set-index", named(doc), json.dumps(changes))
        elif kind == "version":
            doc = rng.choice(docs)
            data = f"{doc.title} by {device.user} {rng.getrandbits(64):x}".encode()
            number = outbox.new_version(device.replica, doc.id,
                                        source(world, device, data, doc.filename or "v.txt"))
            world.made[sha(data)] = Made(device.user, "new version", doc.title, world.step)
            edited_offline(world, device, doc)
            world.note(device.user, "new-version", named(doc),
                       f"local v{number} content {sha(data)[:10]}")
        elif kind == "delete":
            notes = [d for d in docs if d.type == "note"]
            if not notes:
                world.note(device.user, "delete", "", "no note to delete")
                return
            doc = rng.choice(notes)
            outbox.delete_document(device.replica, doc.id)
            world.must_come_back.pop(doc.title, None)
            world.note(device.user, "delete", named(doc), "queued")
        else:
            changes = {"city": rng.choice(["Cádiz", "Huelva", "Jaén", "Málaga"]),
                       "phone": f"+34 9{rng.randint(10000000, 99999999)}"}
            outbox.update_cover(device.replica, world.key, changes)
            world.note(device.user, "cover", "", json.dumps(changes, ensure_ascii=False))
    except UsageError as exc:
        if invalid:
            world.note(device.user, "  refused at once", "", str(exc)[:100])
        else:
            world.problem(f"seed {world.seed}: {device.user}'s valid action #{world.step} "
                          f"({kind}) was refused: {exc}")


def bad_action(world: World, device: Device, docs: list[LocalDocument]) -> None:
    """An action meant to be refused: at once (UsageError) or later by the server."""
    rng = world.rng
    choice = rng.choice(["value", "missing", "retention"])
    retained = [d for d in docs if d.type != "note"]
    if choice == "retention" and retained:
        doc = rng.choice(retained)
        world.note(device.user, "BAD delete (retention)", named(doc), "...")
        outbox.delete_document(device.replica, doc.id)
        if document_status(world.live, doc.id) == 200:  # else nothing to keep
            world.refused_values.append((doc.title, "<deleted>", True, device.user))
        world.note(device.user, "  queued", doc.title, "the server must refuse it")
    elif choice == "missing":
        world.adds += 1
        doc_type = rng.choice([t for t in ADD_TYPES if t != "note"])
        title = f"{device.user}-BAD-{doc_type}-{world.seed}-{world.adds}"
        index = valid_index(rng, doc_type, device.user)
        required = [f.name for f in TYPES[doc_type].index_fields if f.required]
        del index[rng.choice(required)]
        data = f"{title} {rng.getrandbits(64):x}".encode()
        world.note(device.user, f"BAD add {doc_type}", title, f"index {json.dumps(index)}")
        world.refused_content.add(sha(data))
        world.refused_values.append((title, "<document>", True, device.user))
        outbox.add_document(device.replica, key=world.key,
                            path=source(world, device, data, f"{title}.txt"),
                            register=TYPES[doc_type].default_register or "correspondence",
                            doc_type=doc_type, title=title, index=index)
        world.note(device.user, "  queued", title, "the server must refuse it")
    else:
        doc = rng.choice(docs)
        f = rng.choice(TYPES[doc.type].index_fields)
        changes = {f.name: invalid_value(rng, f)}
        world.note(device.user, "BAD set-index", named(doc), json.dumps(changes))
        world.refused_values.append((doc.title, f.name, changes[f.name], device.user))
        outbox.set_index(device.replica, doc.id, changes)
        world.note(device.user, "  queued", doc.title, "the server must refuse it")


def named(doc: LocalDocument) -> str:
    return f"{doc.title} [{doc.id[:8]}]"


def edited_offline(world: World, device: Device, doc: LocalDocument) -> None:
    """An edit of a document deleted on the server already: it must come back (once)."""
    if doc.state != "new" and document_status(world.live, doc.id) == 404:
        world.must_come_back[doc.title] = f"{device.user} at #{world.step}"


def sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# the colleague at the office ------------------------------------------------------------------


def office_action(world: World) -> None:
    """The administrator changes the file online (GET for the ETag, then If-Match)."""
    rng, world.step = world.rng, world.step + 1
    admin = client(world.live)
    docs = admin.get(f"/files/{world.file_id}/documents", params={"limit": 1000}).json()["items"]
    kind = rng.choices(["index", "version", "move", "delete", "add"], [4, 3, 2, 1.5, 1])[0]
    if kind == "add" or not docs:
        world.adds += 1
        title = f"admin-note-{world.seed}-{world.adds}"
        data = f"{title} {rng.getrandbits(64):x}".encode()
        content = upload(admin, data)
        index = valid_index(rng, "note", "admin")
        answer = admin.post(f"/files/{world.file_id}/documents", json={
            "type": "note", "title": title, "index": index,
            "content": {"sha256": content, "filename": "nota.txt"}})
        world.made[content] = Made("admin", "add", title, world.step)
        record_write(world, "admin", title, index)
        world.note("admin", "add note", title, str(answer.status_code))
        return
    doc = rng.choice(docs)
    if kind == "delete":
        notes = [d for d in docs if d["type"] == "note"]
        if not notes:
            return
        doc = rng.choice(notes)
    current = admin.get(f"/documents/{doc['id']}")
    if current.status_code != 200:
        world.note("admin", kind, f"{doc['title']} [{doc['id'][:8]}]",
                   f"gone ({current.status_code})")
        return
    etag = current.headers.get("ETag") or current.json()["etag"]
    title = f"{doc['title']} [{doc['id'][:8]}]"
    headers = {"If-Match": etag}
    answer: httpx.Response
    if kind == "index":
        f = rng.choice(TYPES[doc["type"]].index_fields)
        changes = {f.name: valid_value(rng, f, "admin")}
        answer = admin.patch(f"/documents/{doc['id']}", json={"index": changes},
                             headers=headers)
        if answer.status_code == 200:
            record_write(world, "admin", doc["title"], changes)
        world.note("admin", "set-index", title,
                   f"{json.dumps(changes)} → {answer.status_code}")
    elif kind == "version":
        data = f"{doc['title']} by admin {rng.getrandbits(64):x}".encode()
        content = upload(admin, data)
        answer = admin.post(f"/documents/{doc['id']}/versions", headers=headers, json={
            "content": {"sha256": content, "filename": "admin.txt"}, "comment": "office"})
        if answer.status_code == 201:
            world.made[content] = Made("admin", "new version", doc["title"], world.step)
        world.note("admin", "new-version", title,
                   f"content {content[:10]} → {answer.status_code}")
    elif kind == "move":
        registers = [r["id"] for r in world_registers(world)]
        target = rng.choice(registers)
        answer = admin.patch(f"/documents/{doc['id']}", headers=headers, json={
            "registers": {"add": [target],
                          "remove": [r for r in doc["registers"] if r != target]}})
        world.note("admin", "move", title, f"to {target[:8]} → {answer.status_code}")
    else:
        answer = admin.delete(f"/documents/{doc['id']}", headers=headers)
        if answer.status_code == 204:
            world.must_come_back.pop(doc["title"], None)
        world.note("admin", "delete", title, str(answer.status_code))
    if answer.status_code >= 500:
        world.problem(f"seed {world.seed}: the server answered {answer.status_code} to the "
                      f"administrator's {kind} of {doc['title']}: {answer.text[:300]}")


_registers: dict[str, list[dict[str, Any]]] = {}


def world_registers(world: World) -> list[dict[str, Any]]:
    if world.file_id not in _registers:
        tree = client(world.live).get(f"/files/{world.file_id}").json()["registers"]
        flat: list[dict[str, Any]] = []
        stack = list(tree)
        while stack:
            node = stack.pop()
            flat.append(node)
            stack.extend(node.get("children", []))
        _registers[world.file_id] = sorted(flat, key=lambda r: str(r["name"]))
    return _registers[world.file_id]


# syncs as real processes ---------------------------------------------------------------------


def go_offline(device: Device) -> None:
    device.proxy.cut(after=0, times=100_000, direction="up")
    device.proxy.drop_all()
    device.online = False


def go_online(device: Device) -> None:
    device.proxy.calm()
    device.online = True


def sync(world: World, device: Device, *, may_kill: bool = True,
         office_meanwhile: bool = False) -> dict[str, Any] | None:
    """One sync of ``device`` in a child process; returns its report unless it died."""
    rng, world.step = world.rng, world.step + 1
    device.syncs += 1
    trace = world.root / f"trace-{device.user}-{device.syncs}.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    # each sync signs in anew: a child killed after refreshing would leave a rotated refresh
    # token behind, and the server ends a session whose rotated token comes back
    env.update(DOSSIER_PASSWORD=PASSWORD, DOSSIER_FAULT_TRACE=str(trace))
    how = "sync" if device.online else "sync (offline)"
    kill_after: float | None = None
    if may_kill and device.online and rng.random() < KILL_SHARE:
        if rng.random() < 0.5:
            kill_after = round(rng.uniform(0.01, 0.25), 3)
            how = f"sync, SIGKILL after {kill_after}s"
        else:
            # the points this run's syncs pass (traced), the usual ones before the first
            points = sorted(world.points_seen) or SYNC_POINTS
            point = f"{rng.choice(points)}:{rng.choice([1, 1, 2])}"
            env["DOSSIER_FAULT"] = point
            how = f"sync, DOSSIER_FAULT={point}"
    cut = ""
    if may_kill and device.online and rng.random() < 0.1:
        cut = rng.choice(["up", "down"])
        device.proxy.cut(after=rng.randint(200, 6000), direction=cut)
        how += f", link cut ({cut})"
    world.zygote.start(["sync", device.proxy.url, str(device.home), device.user,
                        f"dev-{device.user}"], env, kill_after=kill_after)
    if office_meanwhile:
        office_action(world)
    run = world.zygote.finish()
    if cut:
        device.proxy.calm()
    if trace.exists():
        world.points_seen.update(trace.read_text(encoding="utf-8").split())
    return sync_outcome(world, device, how, run)


def sync_outcome(world: World, device: Device, how: str, run: Run) -> dict[str, Any] | None:
    if run.returncode == -9:
        world.note(device.user, how, "", "KILLED")
        return None
    report = run.report()
    if report is None:
        tail = run.stderr.strip().splitlines()
        last = tail[-1] if tail else f"exit {run.returncode}"
        where = next((line.strip() for line in reversed(tail) if line.strip().startswith(
            'File "') and "/sync/" in line), "")
        world.note(device.user, how, "", f"FAILED: {last[:160]}")
        signature = f"{last} at {where}"
        if signature not in world.sync_errors:
            world.sync_errors.add(signature)
            world.problem(f"seed {world.seed}: {device.user}'s sync #{device.syncs} failed "
                          f"(exit {run.returncode}), first at step #{world.step}:\n"
                          + "\n".join(tail[-12:]))
        return None
    if report.get("repaired"):  # the self-check should never have anything to repair
        world.problem(f"seed {world.seed}: {device.user}'s sync at #{world.step} found "
                      f"documents different from the server's: {report['repaired']}")
    if not device.online and not report["offline"]:
        world.problem(f"seed {world.seed}: {device.user}'s sync at #{world.step} did not "
                      "report offline behind a cut link")
    world.note(device.user, how, "", "offline" if report["offline"] else
               f"applied {report['applied']} rejected {report['rejected']} conflicts "
               f"{report['conflicts']} pending {report['pending']} new {report['new']}")
    return report


# conflicts ----------------------------------------------------------------------------------


def decide(world: World, device: Device, *, leave_some: bool, final: bool = False) -> int:
    """Resolve the open conflicts of ``device`` at random; returns how many were resolved."""
    rng = world.rng
    done = 0
    for conflict in device.engine.conflicts():
        title = conflict_title(device, conflict)
        if leave_some and rng.random() < LEAVE_OPEN_SHARE:
            world.note(device.user, f"leave {conflict.kind} open", title, conflict.detail[:60])
            continue
        per_field: dict[str, str] = {}
        if conflict.kind == "content":
            keep = rng.choice(["mine", "theirs", "both"])
        elif conflict.kind == "fields":
            keep = rng.choice(["mine", "theirs"])
            if len(conflict.fields) > 1 and rng.random() < 0.5:
                per_field = {name: rng.choice(["mine", "theirs"]) for name in conflict.fields}
        else:  # rejected: "mine" sends it again, which only helps before the end
            keep = "theirs" if final or rng.random() < 0.7 else "mine"
        world.step += 1
        try:
            resolve(device.replica, conflict.id, keep, per_field=per_field)
        except Exception as exc:
            world.note(device.user, f"resolve {conflict.kind} {keep}", title, f"FAILED {exc!r}")
            world.problem(f"seed {world.seed}: {device.user} could not resolve the "
                          f"{conflict.kind} conflict {conflict.id} on {title} with {keep}: "
                          + "".join(traceback.format_exception(exc)[-3:]))
            continue
        done += 1
        chosen = {**{name: keep for name in conflict.fields}, **per_field}
        world.note(device.user, f"resolve {conflict.kind} {keep}", title,
                   json.dumps(chosen) if per_field else conflict.detail[:60])
        mine = conflict.mine or {}
        if keep == "theirs":
            if conflict.kind == "content":
                world.drafts[str(mine.get("sha256"))] = device.user
            elif conflict.kind == "rejected":
                world.titles_dropped.add(title)
                content = (mine.get("content") or {}).get("sha256")
                if content:
                    world.dropped[str(content)] = f"{device.user} dropped it (rejected)"
                if mine.get("op") == "create_document" or "type" in mine:
                    world.dropped_adds.add(title)
            else:
                world.titles_dropped.add(title)
        elif "theirs" in chosen.values():
            world.titles_dropped.add(title)
    return done


def conflict_title(device: Device, conflict: Conflict) -> str:
    for side in (conflict.mine, conflict.theirs, conflict.base):
        if isinstance(side, dict) and side.get("title"):
            return str(side["title"])
    if conflict.document_id:
        with device.replica.transaction() as session:
            doc = session.get(LocalDocument, conflict.document_id)
            if doc is not None:
                return doc.title
    return f"({conflict.kind} {conflict.document_id or 'cover'})"


# the run ------------------------------------------------------------------------------------


def tokens_of(live: LiveServer, user: str) -> Tokens:
    body = httpx.post(f"{live.url}/api/v1/auth/token", timeout=30, data={
        "username": user, "password": PASSWORD, "tenant": TENANT}).json()
    return Tokens(body["access_token"], body.get("refresh_token", ""))


@pytest.fixture(scope="module")
def clerks_may_delete(module_server: LiveServer) -> LiveServer:
    """Deletes are part of the mix: every clerk may delete (granted before their first
    request, see ``_let_alice_delete``)."""
    _let_alice_delete(module_server)
    for user in USERS[1:]:
        answer = client(module_server).post("/grants", json={
            "principal": f"user:{user}", "permissions": ["delete"], "scope_kind": "tenant"})
        assert answer.status_code == 201, answer.text
    return module_server


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    forks = Zygote(tmp_path_factory.mktemp("zygote"))
    yield forks
    forks.close()


def play(world: World) -> None:
    rng = world.rng
    for number in range(1, ROUNDS + 1):
        world.note("ROUND", str(number))
        for device in world.devices:
            if device.online and rng.random() < OFFLINE_SHARE:
                go_offline(device)
                world.note(device.user, "goes offline")
            elif not device.online and rng.random() < 0.6:
                go_online(device)
                world.note(device.user, "comes online")
        order = list(world.devices)
        rng.shuffle(order)
        for device in order:
            for _ in range(rng.randint(1, 4)):
                local_action(world, device)
            if rng.random() < 0.5:
                office_action(world)
            for _ in range(rng.choice([0, 1, 1, 2])):
                report = sync(world, device, office_meanwhile=rng.random() < 0.3)
                if report is not None and not report["offline"]:
                    decide(world, device, leave_some=True)


def settle(world: World) -> bool:
    """Everyone online, every conflict decided, syncs until a whole pass changes nothing."""
    world.note("END", "all online, decide, sync until quiet")
    for device in world.devices:
        go_online(device)
    for attempt in range(1, SETTLE_PASSES + 1):
        quiet = True
        for device in world.devices:
            if decide(world, device, leave_some=False, final=True):
                quiet = False
            report = sync(world, device, may_kill=False)
            if report is None or report["offline"]:
                quiet = False
                continue
            if report["applied"] or report["rejected"] or report["conflicts"] \
                    or report["pending"] or report["new"]:
                quiet = False
        if quiet:
            world.note("END", f"quiet after pass {attempt}")
            return True
    world.problem(f"seed {world.seed}: not quiet after {SETTLE_PASSES} passes of sync: "
                  + "; ".join(f"{d.user}: {d.engine.pending_count()} pending "
                              f"{outbox_summary(d)}, open conflicts {open_conflicts(d)}"
                              for d in world.devices))
    return False


def open_conflicts(device: Device) -> list[tuple[str, str, str]]:
    return [(c.kind, conflict_title(device, c), c.detail[:80])
            for c in device.engine.conflicts()]


def outbox_summary(device: Device) -> list[tuple[str, str, str | None]]:
    with device.replica.transaction() as session:
        return [(op.kind, op.state, op.document_id and op.document_id[:8])
                for op in session.scalars(select(OutboxOp).where(
                    OutboxOp.state.in_(("pending", "held"))).order_by(OutboxOp.seq))]


# the promises -------------------------------------------------------------------------------


def server_history(live: LiveServer, file_id: str) -> dict[str, tuple[str, bool, list[str]]]:
    """Every document of the file the server ever had: id → (title, deleted, contents)."""
    with live.context.database.reader() as session:
        docs = list(session.scalars(select(Document).where(Document.file_id == file_id)))
        out: dict[str, tuple[str, bool, list[str]]] = {}
        for doc in docs:
            shas = list(session.scalars(select(Version.sha256).where(
                Version.document_id == doc.id).order_by(Version.number)))
            out[doc.id] = (doc.title, doc.deleted_at is not None, shas)
    return out


def check_promises(world: World) -> None:
    seed, live = world.seed, world.live
    view = server_view(live, world.file_id)
    expected = {d["id"]: {"title": d["title"], "index": d["index"],
                          "registers": sorted(d["registers"]),
                          "version": d["current_version"]["number"],
                          "sha256": d["current_version"]["sha256"]}
                for d in view.documents}
    # 1. convergence
    for device in world.devices:
        local = {d.id: {"title": d.title, "index": d.index, "registers": sorted(d.registers),
                        "version": d.current_version, "sha256": d.sha256}
                 for d in live_local_documents(device.replica, world.file_id)}
        for doc_id in sorted(set(expected) | set(local)):
            mine, theirs = local.get(doc_id), expected.get(doc_id)
            if mine == theirs:
                continue
            title = (theirs or mine or {}).get("title")
            if mine is None:
                world.problem(f"seed {seed}: {device.user}'s replica lacks {title} "
                              f"({doc_id[:8]}) that the server has")
            elif theirs is None:
                world.problem(f"seed {seed}: {device.user}'s replica shows {title} "
                              f"({doc_id[:8]}) that the server does not have (live)")
            else:
                diff = {k: (mine[k], theirs[k]) for k in mine if mine[k] != theirs[k]}
                world.problem(f"seed {seed}: {device.user}'s replica differs from the server "
                              f"on {title} ({doc_id[:8]}): (replica, server) {diff}")
        cover = local_file(device.replica, world.key).cover
        if cover != view.file["cover"]:
            world.problem(f"seed {seed}: {device.user}'s cover {cover} is not the server's "
                          f"{view.file['cover']}")
        pending, open_ = device.engine.pending_count(), device.engine.conflicts()
        if pending or open_:
            world.problem(f"seed {seed}: {device.user} ends with {pending} pending and "
                          f"{len(open_)} open conflicts")
    # 2. nothing lost
    history = server_history(live, world.file_id)
    on_server = {s for _, _, shas in history.values() for s in shas}
    rescued = {sha(path.read_bytes()) for device in world.devices
               for path in (device.replica.path.parent / "rescue").rglob("*") if path.is_file()}
    for content, made in world.made.items():
        # a refused change the user dropped is kept in the rescue folder, later versions of
        # a dropped new document too
        if content in on_server or content in world.refused_content or content in rescued:
            continue
        user = world.drafts.get(content)
        if user is not None:
            device = next(d for d in world.devices if d.user == user)
            if device.replica.cache_path(content).exists():
                continue
            world.problem(f"seed {seed}: the content {content[:10]} ({made.what} of "
                          f"{made.title} by {made.who} at #{made.step}) is kept as a draft "
                          f"on {user}'s laptop but its bytes are gone from the cache")
            continue
        world.problem(f"seed {seed}: LOST the content {content[:10]} ({made.what} of "
                      f"{made.title} by {made.who} at #{made.step}): no version of any "
                      "document on the server, no draft")
    by_title: dict[str, list[dict[str, Any]]] = {}
    for doc in view.documents:
        by_title.setdefault(doc["title"], []).append(doc)
    for (title, name), writers in sorted(world.writers.items()):
        docs = by_title.get(title, [])
        if len(writers) != 1 or len(docs) != 1 or title in world.titles_dropped:
            continue
        (who, value), = writers
        found = docs[0]["index"].get(name)
        if json.dumps(found, sort_keys=True) != value:
            world.problem(f"seed {seed}: {title}.{name}: only {who} set it (to {value}), yet "
                          f"the server holds {json.dumps(found)}")
    for title, name, value, who in world.refused_values:
        if name == "<deleted>" and not by_title.get(title):
            world.problem(f"seed {seed}: {title} is under retention, yet {who}'s deletion of "
                          "it went through (no live document of that title)")
        for doc in by_title.get(title, []):
            if name == "<document>":
                world.problem(f"seed {seed}: the server took {who}'s document {title} that "
                              "lacks a required index value")
            elif name == "<deleted>":
                continue
            elif doc["index"].get(name) == value and not isinstance(value, bool):
                world.problem(f"seed {seed}: the server holds {who}'s invalid value "
                              f"{title}.{name} = {value!r}")
    # 3. no duplicates: one live document per add (titles are unique per add); conflict
    # copies of one document share a title, each with its own content
    for title, docs in sorted(by_title.items()):
        if "(conflict copy" in title:
            contents = Counter(d["current_version"]["sha256"] for d in docs)
            docs = [d for d in docs if contents[d["current_version"]["sha256"]] > 1]
        if len(docs) > 1:
            world.problem(f"seed {seed}: {len(docs)} live documents titled {title}: "
                          f"{[d['id'][:8] for d in docs]}")
    for doc_id, (title, _deleted, shas) in history.items():
        twice = [s[:10] for a, s in itertools.pairwise(shas) if a == s]
        if twice:
            world.problem(f"seed {seed}: {title} ({doc_id[:8]}) has the content {twice} "
                          "twice in a row in its history")
    # 4. an edit against a delete: exactly one live document
    for title, who in sorted(world.must_come_back.items()):
        if title in world.titles_dropped:
            continue
        if len(by_title.get(title, [])) != 1:
            world.problem(f"seed {seed}: {title} was deleted on the server and edited "
                          f"offline by {who}: {len(by_title.get(title, []))} live documents, "
                          "expected exactly one")
    # 5. the audit chain
    verify = client(live).get("/audit/verify")
    if verify.status_code != 200 or not verify.json().get("ok"):
        world.problem(f"seed {seed}: the audit chain does not verify: {verify.text[:300]}")


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_three_offline_laptops_converge(clerks_may_delete: LiveServer, zygote: Zygote,
                                        tmp_path: Path, seed: int) -> None:
    live = clerks_may_delete
    rng = random.Random(seed)
    seeded = seeded_file(live, "K-RND")
    world = World(seed=seed, rng=rng, live=live, key=seeded.key, file_id=seeded.id,
                  root=tmp_path, zygote=zygote)
    admin = client(live)
    for n in range(3):  # notes to delete, besides the seeded one
        data = f"office note {n} {seed} {uuid.uuid4()}".encode()
        answer = admin.post(f"/files/{seeded.id}/documents", json={
            "type": "note", "title": f"Nota {n}", "index": {"date": "2026-05-03"},
            "content": {"sha256": upload(admin, data), "filename": f"nota{n}.txt"}})
        assert answer.status_code == 201, answer.text
    proxies: list[FlakyProxy] = []
    try:
        for user in USERS:
            proxy = FlakyProxy(int(live.url.rsplit(":", 1)[1]))
            proxies.append(proxy)
            tokens = tokens_of(live, user)
            home = tmp_path / f"laptop-{user}"
            engine = Engine(RemoteClient(proxy.url, tokens=tokens, retries=1, backoff=0.01),
                            Replica(home / "replica.sqlite3"), device_id=f"dev-{user}",
                            files_dir=home / "files")
            engine.checkout(seeded.key)
            world.devices.append(Device(user, home, proxy, tokens, engine))
        try:
            play(world)
            settle(world)
            check_promises(world)
        except Exception:
            world.problem(f"seed {seed}: the harness broke:\n{traceback.format_exc()}")
    finally:
        for device in world.devices:
            device.engine.remote.close()
            device.replica.close()
        for proxy in proxies:
            proxy.close()
    (tmp_path / "run.log").write_text("\n".join(world.log) + "\n", encoding="utf-8")
    if world.problems:
        pytest.fail(f"seed {seed} (DOSSIER_RANDOM_SEEDS={seed}): {len(world.problems)} "
                    "broken promises:\n- " + "\n- ".join(world.problems[:30])
                    + f"\n\nthe run's log ({tmp_path / 'run.log'}), its end:\n"
                    + "\n".join(world.log[-80:]), pytrace=False)
