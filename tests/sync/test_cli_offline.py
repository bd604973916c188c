"""The command line for offline work (issue #9): typed values checked at once, registers,
title and cover, conflicts decided per field, automatic decisions said, a failed sync that is
not a failed change, and offline commands that do not try the server."""

from __future__ import annotations

from pathlib import Path

from .cli_driver import Cli, Tunnel
from .conftest import LiveServer
from .flaky_proxy import FlakyProxy
from .helpers import client, seeded_file, server_view
from .test_cli import _write


def _checked_out(cli: Cli, url: str, key: str) -> None:
    cli.login(url)
    cli.ok("checkout", key)


def test_values_are_typed_by_their_field_and_refused_at_once(
        live_server: LiveServer, tunnel: Tunnel, cli: Cli, tmp_path: Path) -> None:
    seeded = seeded_file(live_server)
    _checked_out(cli, tunnel.url, seeded.key)
    order = _write(tmp_path, "order.pdf", "%PDF-1.4 order")
    tunnel.close()  # refused offline too, before anything is queued

    line = cli.fails("add", str(order), "--file", seeded.key, "--register", "orders",
                     "--type", "order", "--index", "number=4711")
    assert line == "dossier: date: is required"
    line = cli.fails("set-index", seeded.invoice["id"], "paid=perhaps")
    assert line == "dossier: paid: expected true or false"
    line = cli.fails("set-index", seeded.invoice["id"], "colour=red")
    assert line.startswith("dossier: colour: unknown field (known: ")
    assert cli.json("status")["pending"] == 0

    doc_id = cli.ok("add", str(order), "--file", seeded.key, "--register", "orders",
                    "--type", "order", "--index", "number=4711", "--index", "date=2026-06-01",
                    "--index", "amount=100").splitlines()[0]
    cli.ok("set-index", seeded.invoice["id"], "paid=yes", "order_number=0815")
    tunnel.open()
    report = cli.json("sync")
    assert report["rejected"] == 0 and report["conflicts"] == 0
    docs = {d["id"]: d for d in server_view(live_server, seeded.id).documents}
    assert docs[doc_id]["index"] == {"number": "4711", "date": "2026-06-01", "amount": "100"}
    assert docs[seeded.invoice["id"]]["index"]["paid"] is True
    assert docs[seeded.invoice["id"]]["index"]["order_number"] == "0815"


def test_title_registers_and_cover_from_the_command_line(
        live_server: LiveServer, tunnel: Tunnel, cli: Cli) -> None:
    seeded = seeded_file(live_server)
    _checked_out(cli, tunnel.url, seeded.key)
    invoice = seeded.invoice["id"]
    tunnel.close()
    out = cli.ok("set-index", invoice, "--title", "Factura 1 (revisada)",
                 "--add-register", "orders")
    assert out.strip() == "document changed; queued (offline)"
    cli.ok("set-cover", seeded.key, "city=Cádiz", "credit_limit=5000")
    assert cli.fails("set-cover", seeded.key, "country=Spain").startswith(
        "dossier: country: expected one of")
    [row] = [d for d in cli.json("documents", seeded.key) if d["id"] == invoice]
    assert sorted(row["registers"]) == ["invoices", "orders"]
    assert cli.json("status")["pending"] == 2

    tunnel.open()
    cli.ok("sync")
    cli.ok("set-index", invoice, "--register", "orders")  # moved: only there now
    view = server_view(live_server, seeded.id)
    names = {r["id"]: r["name"] for r in view.file["registers"]}
    [doc] = [d for d in view.documents if d["id"] == invoice]
    assert doc["title"] == "Factura 1 (revisada)"
    assert [names[r] for r in doc["registers"]] == ["orders"]
    assert view.file["cover"]["city"] == "Cádiz"
    assert view.file["cover"]["credit_limit"] == "5000"


def test_a_fields_conflict_is_decided_with_field_choices_alone(
        live_server: LiveServer, tunnel: Tunnel, cli: Cli) -> None:
    seeded = seeded_file(live_server)
    _checked_out(cli, tunnel.url, seeded.key)
    note = seeded.note["id"]
    tunnel.close()
    cli.ok("set-index", note, "author=ben", "date=2026-07-01")
    admin = client(live_server)
    etag = admin.get(f"/documents/{note}").json()["etag"]
    assert admin.patch(f"/documents/{note}", headers={"If-Match": etag}, json={
        "index": {"author": "office", "date": "2026-07-02"}}).status_code == 200
    tunnel.open()
    cli.ok("sync")
    [conflict] = cli.json("conflicts")
    assert sorted(conflict["fields"]) == ["index.author", "index.date"]
    assert cli.fails("resolve", str(conflict["id"]), "--field", "author=mine").startswith(
        "dossier: conflict ")  # a field without a choice
    cli.ok("resolve", str(conflict["id"]), "--field", "author=mine", "--field", "date=theirs")
    index = next(d for d in server_view(live_server, seeded.id).documents
             if d["id"] == note)["index"]
    assert (index["author"], index["date"]) == ("ben", "2026-07-02")
    assert cli.json("status")["conflicts"] == 0


def test_an_automatic_decision_is_said_and_listed(
        live_server: LiveServer, tunnel: Tunnel, cli: Cli) -> None:
    seeded = seeded_file(live_server)
    _checked_out(cli, tunnel.url, seeded.key)
    note = seeded.note["id"]
    tunnel.close()
    cli.ok("set-index", note, "author=ben")
    admin = client(live_server)
    etag = admin.get(f"/documents/{note}").json()["etag"]
    assert admin.delete(f"/documents/{note}", headers={"If-Match": etag}).status_code == 204
    tunnel.open()
    out = cli.ok("sync")
    assert f"decided: your edit of 'Llamar' ({note}) kept: it was deleted on the server and " \
           "is restored" in out
    [listed] = cli.json("conflicts")
    assert (listed["state"], listed["automatic"], listed["resolution"]) == (
        "resolved", True, "restored")
    assert cli.json("status")["conflicts"] == 0


def test_a_failed_sync_is_no_failed_change(live_server: LiveServer, cli: Cli) -> None:
    seeded = seeded_file(live_server)
    port = int(live_server.url.rsplit(":", 1)[1])
    with FlakyProxy(port) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        _checked_out(cli, url, seeded.key)
        proxy.answer(500, "<html>Internal Server Error</html>")
        done = cli.run("set-index", seeded.note["id"], "author=ben")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "index values changed; saved and queued"
        [line] = done.stderr.splitlines()
        assert line.startswith("dossier: the change is saved, but the sync failed: ")
        assert cli.json("status")["pending"] == 1


def test_offline_flag_queues_without_trying_the_server(
        live_server: LiveServer, tunnel: Tunnel, cli: Cli) -> None:
    seeded = seeded_file(live_server)
    _checked_out(cli, tunnel.url, seeded.key)
    out = cli.ok("--offline", "set-index", seeded.note["id"], "author=ben")
    assert out.strip() == "index values changed; queued (offline)"
    assert cli.json("status")["pending"] == 1  # the server was there, and was not asked
    assert cli.fails("--offline", "sync") == "dossier: sync needs the server; leave out --offline"
