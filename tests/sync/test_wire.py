"""The sync protocol's answers as typed objects: a well-formed answer converts, one not as the
protocol says is the engine's ``ServerError`` (never ``KeyError`` or ``TypeError``), whether it
reaches ``from_json`` directly or comes from a server through the remote client."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from sync.errors import ServerError
from sync.remote import RemoteClient, Tokens
from sync.wire import CheckinAnswer, CheckoutAnswer, CheckoutRecord, FeedPage, Version

VERSION = {"number": 1, "sha256": "ab" * 32, "size": 3, "media_type": "text/plain",
           "filename": "a.txt", "created_by": "alice", "created_at": "2026-01-01T00:00:00",
           "comment": ""}
DOCUMENT = {"id": "d1", "etag": "e1", "title": "A", "type": "letter",
            "current_version": VERSION, "versions": [VERSION]}
FILE = {"id": "f1", "key": "K-1", "title": "Muster", "etag": "f-e1"}


def test_well_formed_answers_convert() -> None:
    checkout = CheckoutAnswer.from_json({"checkout_id": "c1", "cursor": "7", "file": FILE,
                                         "documents": [DOCUMENT]})
    assert (checkout.checkout_id, checkout.cursor, checkout.file["key"]) == ("c1", "7", "K-1")
    assert checkout.documents == [DOCUMENT]
    answer = CheckinAnswer.from_json({"results": [
        {"op_id": "o1", "status": "applied", "document": DOCUMENT},
        {"op_id": "o2", "status": "rejected", "problem": {"code": "forbidden"}}],
        "cursor": "9"})
    assert [(r.op_id, r.status) for r in answer.results] == [("o1", "applied"),
                                                              ("o2", "rejected")]
    assert answer.results[1].problem == {"code": "forbidden"}
    page = FeedPage.from_json({"changes": [
        {"seq": 8, "object": "document", "id": "d1", "file_id": "f1", "document_id": "d1",
         "op": "updated", "etag": "e2"}], "cursor": "8", "has_more": False})
    assert [(c.document_id, c.op, c.etag) for c in page.changes] == [("d1", "updated", "e2")]
    assert page.cursor_after("3") == "8" and not page.has_more
    version = Version.from_json(VERSION)
    assert (version.number, version.comment, version.raw) == (1, "", VERSION)


MALFORMED: list[tuple[Callable[[Any], object], Any]] = [
    (CheckoutAnswer.from_json, ["not", "an", "object"]),
    (CheckoutAnswer.from_json, {"cursor": "1", "file": FILE, "documents": []}),
    (CheckoutAnswer.from_json, {"checkout_id": "c1", "file": "f1", "documents": []}),
    (CheckoutAnswer.from_json, {"checkout_id": "c1", "file": FILE, "documents": [{"x": 1}]}),
    (CheckoutAnswer.from_json, {"checkout_id": "c1", "file": FILE,
                                "documents": [{**DOCUMENT, "versions": [{"number": "1"}]}]}),
    (CheckinAnswer.from_json, {"results": {"op_id": "o1"}}),
    (CheckinAnswer.from_json, {"results": [{"op_id": 5, "status": "applied"}]}),
    (CheckinAnswer.from_json, {"results": [{"op_id": "o1", "status": "conflict",
                                            "current": "gone"}]}),
    (FeedPage.from_json, {"changes": [{"object": "document"}], "cursor": "1"}),
    (FeedPage.from_json, {"changes": [], "cursor": None}),
    (FeedPage.from_json, None),
    (Version.from_json, {"sha256": "ab"}),
    (Version.from_json, {"number": True, "sha256": "ab"}),
    (CheckoutRecord.from_json, {"id": "c1"}),
]


@pytest.mark.parametrize(("convert", "data"), MALFORMED)
def test_malformed_answers_are_server_errors(convert: Callable[[Any], object],
                                             data: Any) -> None:
    with pytest.raises(ServerError):
        convert(data)


def _client(body: Any) -> RemoteClient:
    """A remote client whose server answers every request with ``body`` as JSON."""
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=json.dumps(body).encode(),
                              headers={"Content-Type": "application/json"})

    return RemoteClient("http://server.test", tokens=Tokens("a", "r"), retries=0,
                        transport=httpx.MockTransport(answer))


def assert_server_error(call: Callable[[RemoteClient], object], body: Any) -> None:
    """``call`` raises ``ServerError`` when the server answers ``body``."""
    remote = _client(body)
    try:
        with pytest.raises(ServerError):
            call(remote)
    finally:
        remote.close()


CALLS: list[Callable[[RemoteClient], object]] = [
    lambda remote: remote.checkout("f1", device_id="dev", mode="shared"),
    lambda remote: remote.checkin("c1", [], release=False),
    lambda remote: remote.changes("0"),
    lambda remote: remote.versions("d1"),
    lambda remote: remote.checkouts(),
]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("body", [{"items": [{"unexpected": True}], "results": [1],
                                   "changes": "none"}, [], "text"])
def test_a_server_answering_malformed_json_raises_server_error(
        call: Callable[[RemoteClient], object], body: Any) -> None:
    assert_server_error(call, body)
