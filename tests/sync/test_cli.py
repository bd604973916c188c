"""``dossier`` as a user runs it: real subprocesses against the live server.

Tokens go to a test-only file keyring (``keyring_file_backend.py``, selected by
``PYTHON_KEYRING_BACKEND``); offline is a TCP tunnel in front of the server that the test
closes — the profile and its replica stay the same, only the network goes away.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from .cli_driver import NO_KEYRING, Cli, Tunnel
from .conftest import PASSWORD, TENANT, LiveServer

ROOT = Path(__file__).resolve().parents[2]


def _file_id(live: LiveServer) -> str:
    with live.client("admin") as admin:
        return str(admin.get("/files/by-key/K-100").json()["id"])


def _seed_invoice(live: LiveServer) -> dict[str, Any]:
    with live.client("admin") as admin:
        data = b"%PDF-1.4 Factura 1"
        sha = hashlib.sha256(data).hexdigest()
        admin.put(f"/blobs/{sha}", content=data)
        response = admin.post(f"/files/{_file_id(live)}/documents", json={
            "type": "invoice", "title": "Factura 1", "registers": ["invoices"],
            "index": {"number": "F-1", "date": "2026-05-01", "amount": "100.00",
                      "currency": "EUR", "paid": False},
            "content": {"sha256": sha, "filename": "f1.pdf", "media_type": "application/pdf"}})
        assert response.status_code == 201, response.text
        return dict(response.json())


def _server_doc(live: LiveServer, doc_id: str) -> dict[str, Any]:
    with live.client("admin") as admin:
        response = admin.get(f"/documents/{doc_id}")
        return {"status": response.status_code, **(response.json() or {})}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _plain_text_hits(folder: Path, secrets: list[str]) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path}: {secret[:6]}…" for secret in secrets
                     if secret and secret.encode() in data]
    return hits


CHECKOUT_SHAPE = {"key", "title", "mode", "checkout_id", "working_dir", "last_sync"}
STATUS_SHAPE = {"server", "user", "checked_out", "pending", "conflicts"}
REPORT_SHAPE = {"files", "applied", "conflicts", "rejected", "new_documents", "offline",
                "kept", "decisions", "repaired"}
CONFLICT_SHAPE = {"id", "kind", "document_id", "fields", "detail", "mine", "theirs", "base",
                  "state", "resolution", "automatic"}


def test_a_working_day_on_the_command_line(live_server: LiveServer, cli: Cli,
                                           tmp_path: Path) -> None:
    out = cli.login(live_server.url)
    assert out.strip() == f"logged in to {live_server.url} as alice"
    files = cli.json("files")
    assert [(f["key"], set(f)) for f in files] == [("K-100", {"id", "key", "title"})]
    assert cli.json("files", "Peña")[0]["key"] == "K-100"

    assert cli.ok("checkout", "K-100").strip() == "checked out K-100 (0 documents, shared)"
    [row] = cli.json("checkouts")
    assert set(row) == CHECKOUT_SHAPE and row["key"] == "K-100" and row["mode"] == "shared"
    assert row["title"] == "Peña Logística S.L." and Path(row["working_dir"]).is_absolute()

    out = cli.ok("add", str(_write(tmp_path, "note.txt", "call back")), "--file", "K-100",
                 "--register", "correspondence", "--type", "note", "--title", "Call back",
                 "--index", "date=2026-01-01")
    doc_id, message = out.splitlines()
    assert uuid.UUID(doc_id) and message == "document added; synced"
    assert _server_doc(live_server, doc_id)["title"] == "Call back"

    assert cli.ok("set-index", doc_id, "author=Alice").strip() == "index values changed; synced"
    assert _server_doc(live_server, doc_id)["index"]["author"] == "Alice"

    out = cli.ok("new-version", doc_id, str(_write(tmp_path, "note2.txt", "called: ok")),
                 "--comment", "done")
    assert out.strip() == "version 2 saved; synced"
    assert _server_doc(live_server, doc_id)["current_version"]["number"] == 2

    status = cli.json("status")
    assert set(status) == STATUS_SHAPE
    assert status == {"server": live_server.url, "user": "alice", "checked_out": ["K-100"],
                      "pending": 0, "conflicts": 0}
    report = cli.json("sync")
    assert set(report) == REPORT_SHAPE and report["offline"] is False and report["files"] == 1
    assert cli.json("conflicts") == []

    # a clerk may not delete: the server refuses, the CLI says so, the user decides
    assert cli.ok("delete", doc_id).strip() == ("document deleted; synced, but 1 conflict(s) "
                                                "need a decision (dossier conflicts)")
    [refused] = cli.json("conflicts")
    assert refused["kind"] == "rejected" and "permission" in refused["detail"]
    assert _server_doc(live_server, doc_id)["status"] == 200
    assert cli.ok("resolve", str(refused["id"]), "--keep", "theirs").strip() == \
        "conflict resolved; synced"
    assert cli.json("conflicts") == [] and cli.json("status")["pending"] == 0

    assert cli.ok("checkin", "K-100").startswith("checked in K-100")
    assert cli.json("checkouts") == []

    # nothing secret in plain text in the profile: not the password, not the tokens
    [tokens] = [json.loads(v) for v in cli.keyring().values()]
    secrets = [PASSWORD, tokens["access_token"], tokens["refresh_token"]]
    assert _plain_text_hits(cli.profile, secrets) == []

    assert cli.ok("logout").strip() == "logged out"
    assert cli.keyring() == {}


def test_conflicts_resolve_checkin_and_cancel(live_server: LiveServer, cli: Cli) -> None:
    invoice = _seed_invoice(live_server)
    cli.login(live_server.url)
    assert "1 documents" in cli.ok("checkout", "K-100")
    with live_server.client("bob") as bob:
        answer = bob.patch(f"/documents/{invoice['id']}", json={"index": {"amount": "222.00"}},
                           headers={"If-Match": invoice["etag"]})
        assert answer.status_code == 200, answer.text
    cli.ok("set-index", invoice["id"], "amount=111.00")
    [conflict] = cli.json("conflicts")
    assert set(conflict) == CONFLICT_SHAPE
    assert conflict["kind"] == "fields" and conflict["fields"] == ["index.amount"]
    assert conflict["document_id"] == invoice["id"]
    assert cli.json("status")["conflicts"] == 1

    assert "unresolved conflicts" in cli.fails("checkin", "K-100")
    assert "--force" in cli.fails("cancel", "K-100")

    # a mistyped field name is refused, not silently ignored
    assert "has no field index.amout" in cli.fails("resolve", str(conflict["id"]), "--keep",
                                                   "theirs", "--field", "amout=mine")
    assert len(cli.json("conflicts")) == 1
    assert cli.ok("resolve", str(conflict["id"]), "--keep", "theirs", "--field",
                  "amount=mine").strip() == "conflict resolved; synced"
    assert cli.json("conflicts") == []
    assert _server_doc(live_server, invoice["id"])["index"]["amount"] == "111.00"

    # a second conflict, this time given up with cancel --force
    current = _server_doc(live_server, invoice["id"])
    with live_server.client("bob") as bob:
        bob.patch(f"/documents/{invoice['id']}", json={"index": {"due_date": "2026-07-01"}},
                  headers={"If-Match": current["etag"]})
    cli.ok("set-index", invoice["id"], "due_date=2026-08-01")
    assert len(cli.json("conflicts")) == 1
    assert cli.ok("cancel", "K-100", "--force").strip() == "check-out of K-100 cancelled"
    assert cli.json("checkouts") == []
    assert _server_doc(live_server, invoice["id"])["index"]["due_date"] == "2026-07-01"
    assert "exclusive" in cli.ok("checkout", "K-100", "--exclusive")  # the lock was released


def test_failures_say_one_line_and_bad_usage_exits_2(live_server: LiveServer, cli: Cli,
                                                     tmp_path: Path) -> None:
    assert "not logged in" in cli.fails("status")
    assert "unreachable" in cli.fails("login", "http://127.0.0.1:9", "--user", "alice",
                                      "--password-stdin", stdin=PASSWORD)
    cli.fails("login", live_server.url, "--user", "alice", "--tenant", TENANT,
              "--password-stdin", stdin="wrong password\n")
    cli.login(live_server.url)

    note = str(_write(tmp_path, "n.txt", "x"))
    cli.fails("checkout", "K-999")  # unknown file key
    assert "not checked out" in cli.fails("add", note, "--file", "K-100", "--register",
                                          "correspondence", "--type", "note")
    assert "not checked out" in cli.fails("checkin", "K-100")
    assert "not checked out" in cli.fails("cancel", "K-100")
    assert "not checked out" in cli.fails("documents", "K-100")
    cli.ok("checkout", "K-100")
    assert "no register" in cli.fails("checkout", "K-100", "--register", "nonsense")
    assert "not checked out" in cli.fails("add", note, "--file", "K-999", "--register",
                                          "correspondence", "--type", "note")
    assert "no register" in cli.fails("add", note, "--file", "K-100", "--register", "attic",
                                      "--type", "note")
    assert "no such file" in cli.fails("add", str(tmp_path / "missing.pdf"), "--file", "K-100",
                                       "--register", "correspondence", "--type", "note")
    assert "FIELD=VALUE" in cli.fails("add", note, "--file", "K-100", "--register",
                                      "correspondence", "--type", "note", "--index", "date")
    unknown = str(uuid.uuid4())
    assert "no document" in cli.fails("set-index", unknown, "author=x")
    assert "FIELD=VALUE" in cli.fails("set-index", unknown, "author")
    assert "FIELD=VALUE" in cli.fails("set-index", unknown, "=x")
    assert "no document" in cli.fails("delete", unknown)
    assert "no document" in cli.fails("new-version", unknown, note)
    assert "no open conflict" in cli.fails("resolve", "999", "--keep", "mine")
    assert "NAME=mine" in cli.fails("resolve", "999", "--keep", "mine", "--field", "amount")
    assert "NAME=mine" in cli.fails("resolve", "999", "--keep", "mine", "--field",
                                    "amount=both")
    assert cli.json("status")["pending"] == 0  # no failure left anything behind

    cli.bad_usage()
    cli.bad_usage("frobnicate")
    cli.bad_usage("checkout")
    cli.bad_usage("add", note, "--file", "K-100")
    cli.bad_usage("resolve", "1", "--keep", "sideways")
    cli.bad_usage("resolve", "one", "--keep", "mine")
    cli.bad_usage("status", "--verbose")


def test_offline_every_replica_command_works_and_queues(live_server: LiveServer, cli: Cli,
                                                        tunnel: Tunnel, tmp_path: Path) -> None:
    invoice = _seed_invoice(live_server)
    cli.login(tunnel.url, user="admin")  # may delete, unlike a clerk
    cli.ok("checkout", "K-100")
    tunnel.close()  # the train enters the tunnel

    out = cli.ok("add", str(_write(tmp_path, "order.txt", "order by phone")), "--file", "K-100",
                 "--register", "orders", "--type", "note", "--index", "date=2026-01-01")
    doc_id, message = out.splitlines()
    assert message == "document added; queued (offline)"
    assert cli.ok("set-index", invoice["id"], "paid=true").strip() == \
        "index values changed; queued (offline)"
    assert cli.ok("new-version", doc_id, str(_write(tmp_path, "order2.txt", "confirmed"))
                  ).strip() == "version 2 saved; queued (offline)"
    assert cli.ok("set-index", doc_id, "author=Alice").strip() == \
        "index values changed; queued (offline)"
    extra = cli.ok("add", str(_write(tmp_path, "oops.txt", "filed by mistake")), "--file",
                   "K-100", "--register", "orders", "--type", "note", "--index",
                   "date=2026-01-02").splitlines()[0]
    assert cli.ok("delete", extra).strip() == "document deleted; queued (offline)"
    assert cli.json("status")["pending"] == 6
    assert cli.ok("sync").strip() == "offline: changes stay queued"
    assert cli.json("sync")["offline"] is True
    assert cli.json("conflicts") == []
    assert [row["key"] for row in cli.json("checkouts")] == ["K-100"]
    assert {d["id"] for d in cli.json("documents", "K-100")} >= {invoice["id"], doc_id}
    files = cli.run("files")
    assert files.returncode == 0 and files.stdout.startswith("K-100")
    assert files.stderr.strip() == "offline: showing checked-out files only"
    assert "offline" in cli.fails("checkout", "K-100")  # needs the server, says so
    assert "offline" in cli.fails("checkin", "K-100")

    tunnel.open()  # back at the office
    report = cli.json("sync")
    assert report["offline"] is False and report["conflicts"] == 0
    assert cli.json("status")["pending"] == 0
    assert _server_doc(live_server, invoice["id"])["index"]["paid"] is True
    added = _server_doc(live_server, doc_id)
    assert added["index"] == {"date": "2026-01-01", "author": "Alice"}
    assert added["current_version"]["number"] == 2
    assert _server_doc(live_server, extra)["status"] == 404 or _server_doc(
        live_server, extra).get("deleted")
    cli.ok("checkin", "K-100")


def test_without_keyring_login_works_and_nothing_is_stored(live_server: LiveServer,
                                                          tmp_path: Path) -> None:
    cli = Cli(tmp_path / "kiosk", keyring_backend=NO_KEYRING)
    out = cli.login(live_server.url)
    assert out.strip() == (f"logged in to {live_server.url} as alice (no keyring: you will be "
                           "asked for the password again)")
    assert cli.fails("files") == ("dossier: a password is needed: no keyring holds a session; "
                                  "run it in a terminal or set DOSSIER_PASSWORD")
    assert "use --password-stdin" in cli.fails("login", live_server.url, "--user", "alice")
    assert cli.json("files", env={"DOSSIER_PASSWORD": PASSWORD})[0]["key"] == "K-100"
    out = cli.ok("checkout", "K-100", env={"DOSSIER_PASSWORD": PASSWORD})
    assert out.startswith("checked out K-100")
    # without the password a change is queued, and the CLI says why it was not sent
    out = cli.ok("add", str(_write(tmp_path, "kiosk.txt", "x")), "--file", "K-100",
                 "--register", "correspondence", "--type", "note", "--index", "date=2026-01-01")
    assert out.splitlines()[1] == ("document added; queued, not sent: a password is needed: "
                                   "no keyring holds a session; run it in a terminal or "
                                   "set DOSSIER_PASSWORD")
    assert cli.json("status")["pending"] == 1
    assert "synced 1 file(s): 1 applied" in cli.ok("sync", env={"DOSSIER_PASSWORD": PASSWORD})
    assert _plain_text_hits(cli.profile, [PASSWORD]) == []
    assert not cli.keyring_file.exists()
    assert cli.ok("logout").strip() == "logged out"
