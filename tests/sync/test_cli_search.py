"""``dossier search`` as a user runs it: the server's search online, the checked-out files
offline (said on stderr), the same hits for the shared query table's queries, and one
readable line for each kind of bad input."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.search_cases import INV7, INV8, ORDER, PUMP

from .cli_driver import Cli, Tunnel
from .conftest import LiveServer, serve
from .test_search_offline import seed

pytestmark = pytest.mark.slow  # a server with an index, and a dozen CLI processes


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """This module's server keeps a search index (conftest's ``tunnel`` leads to it)."""
    with serve(tmp_path / "server", search=True) as live:
        admin = live.client("admin")
        seed(admin)
        deadline = time.monotonic() + 60
        while True:  # the index catches up within seconds (a bounded wait, no timing assert)
            answer = admin.get("/search", params={"q": "created:\"last 1 days\""})
            if answer.status_code == 200 and answer.json()["total"] >= 5:
                break
            assert time.monotonic() < deadline, "the server's index did not catch up"
            time.sleep(0.2)
        admin.close()
        yield live


def titles(answer: dict[str, Any]) -> set[str]:
    return {hit["document"]["title"] for hit in answer["items"]}


def test_online_then_offline(tunnel: Tunnel, cli: Cli) -> None:
    cli.login(tunnel.url, user="admin")
    online = cli.json("search", "muller invoice")
    assert online["source"] == "server" and titles(online) == {INV7, INV8}
    assert titles(cli.json("search", "type:invoice OR type:order", "--file", "K-10002")) \
        == {ORDER}
    lines = cli.ok("search", "broken", "--limit", "5").splitlines()
    assert lines[-1] == "1 hit(s)"
    key, doc_type, title, day, snippet = lines[0].split("\t")
    assert (key, doc_type, title) == ("K-10001", "complaint", PUMP)
    assert "*broken*" in snippet and len(day) == 10

    cli.ok("checkout", "K-10001")
    tunnel.close()  # the train enters a tunnel
    done = cli.run("search", "muller", "--sort=-created")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "offline: results from the replica only (1 file(s) " \
                                  "checked out)"
    assert done.stdout.splitlines()[-1] == "3 hit(s)"
    offline = cli.json("search", "muller invoice")
    assert offline["source"] == "replica" and titles(offline) == {INV7, INV8}
    grouped = cli.ok("search", "muller", "--group-by", "type", "--limit", "1")
    assert "3 hit(s), 1 shown" in grouped and "  Invoice: 2" in grouped
    assert cli.json("search", "pedido")["total"] == 0  # K-10002 is not checked out

    tunnel.open()
    forced = cli.run("--offline", "search", "pedido")
    assert forced.returncode == 0 and "replica only" in forced.stderr
    assert "replica only" in cli.run("search", "pedido", "--offline").stderr
    assert titles(cli.json("search", "pedido")) == {ORDER}


def test_bad_input_is_one_line(tunnel: Tunnel, cli: Cli) -> None:
    cli.login(tunnel.url, user="admin")
    cli.ok("checkout", "K-10001")
    for offline in (False, True):
        if offline:
            tunnel.close()
        assert "position 5: expected a closing quote" in cli.fails("search", 'pump "broken')
        assert "position 0: expected a known field name" in cli.fails("search", "colour:red")
        assert "position 7" in cli.fails("search", "amount>abc")
        assert "sort" in cli.fails("search", "pump", "--sort", "colour")
        assert "--limit" in cli.fails("search", "pump", "--limit", "0")
    assert "not checked out" in cli.fails("search", "pump", "--file", "K-10002")
    cli.bad_usage("search", "pump", "--group-by", "colour")
    cli.bad_usage("search")


def test_a_server_with_search_off_leaves_the_replica(tmp_path: Path, cli: Cli) -> None:
    with serve(tmp_path / "plain") as plain:  # search switched off there
        cli.login(plain.url, user="admin")
        cli.ok("checkout", "K-100")
        done = cli.run("search", "sevilla", "--json")
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines() == [
            "dossier: the server has search switched off",
            "offline: results from the replica only (1 file(s) checked out)"]
        answer = json.loads(done.stdout)
        assert answer["source"] == "replica" and answer["total"] == 0
