"""Search, views and audit answers as typed objects: a well-formed answer converts (and turns
back into the same JSON), one not as API.md says is ``ServerError`` (never ``KeyError`` or
``TypeError``), whether it reaches ``from_json`` directly or comes through the remote client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sync.errors import ServerError
from sync.remote import RemoteClient
from sync.wire_search import AuditEvent, SavedView, SearchAnswer, Snippet

from .test_wire import _client, assert_server_error

VERSION = {"number": 2, "sha256": "ab" * 32, "size": 3, "media_type": "application/pdf",
           "filename": "a.pdf", "created_by": "alice", "created_at": "2026-01-02T00:00:00",
           "comment": ""}
DOCUMENT = {"id": "d1", "file_id": "f1", "type": "invoice", "title": "Invoice <7>",
            "index": {"amount": 12.5, "date": "2026-01-02"}, "registers": ["r1"],
            "etag": "e1", "current_version": VERSION, "created_at": "2026-01-02T10:00:00",
            "deleted": False, "lock": None}
HIT = {"document": DOCUMENT, "file": {"id": "f1", "key": "K-1", "title": "Muster"},
       "snippet": "the <mark>pump</mark> &amp; the <mark>valve</mark> &lt;b&gt;", "score": 1.5}
ANSWER = {"items": [HIT], "total": 3, "next_cursor": "c2",
          "groups": [{"value": "invoice", "label": "Invoice", "count": 3}]}
VIEW = {"id": "v1", "etag": "v1.2026", "name": "Unpaid", "query": "paid:false",
        "shared_with": "unit:finance", "owner": "u1", "created_at": "2026-01-01T00:00:00",
        "updated_at": "2026-01-01T00:00:00"}
EVENT = {"seq": 7, "at": "2026-01-02T10:00:00", "actor": "alice", "action": "view",
         "object": "d1", "details": {"version": 2}, "hash": "00"}


def test_a_search_answer_converts_and_back() -> None:
    answer = SearchAnswer.from_json(ANSWER)
    [hit] = answer.hits
    assert (hit.document.id, hit.document.type, hit.document.registers) == \
        ("d1", "invoice", ["r1"])
    assert hit.document.current_version is not None
    assert hit.document.current_version.number == 2
    assert not hit.document.pending and hit.document.raw == DOCUMENT
    assert (hit.file.key, hit.file.title, hit.score) == ("K-1", "Muster", 1.5)
    assert hit.snippet.highlights == ("pump", "valve")
    assert hit.snippet.text == "the pump & the valve <b>"
    assert [(g.value, g.label, g.count) for g in answer.groups or []] == \
        [("invoice", "Invoice", 3)]
    assert (answer.total, answer.next_cursor, answer.next_offset) == (3, "c2", None)
    assert answer.has_more
    assert answer.to_json() == ANSWER
    last = SearchAnswer.from_json({"items": [], "total": 0, "next_cursor": None})
    assert not last.has_more and last.groups is None
    replica = SearchAnswer.from_json({"items": [], "total": 9, "next_offset": 5})
    assert replica.next_offset == 5 and replica.to_json()["next_offset"] == 5


def test_only_the_marks_of_a_snippet_are_markup() -> None:
    snippet = Snippet.from_marked("a <b>x</b> <mark>pump &amp; co</mark>")
    assert snippet.parts == (("a <b>x</b> ", False), ("pump & co", True))
    unclosed = Snippet.from_marked("<mark>pump")
    assert unclosed.parts == (("pump", True),) and unclosed.highlights == ("pump",)
    assert Snippet.from_marked("").parts == ()


def test_views_and_audit_events_convert() -> None:
    view = SavedView.from_json(VIEW)
    assert (view.id, view.etag, view.unit, view.owner) == ("v1", "v1.2026", "finance", "u1")
    assert view.raw == VIEW
    private = SavedView.from_json({**VIEW, "shared_with": None})
    assert private.shared_with is None and private.unit is None
    event = AuditEvent.from_json(EVENT)
    assert (event.seq, event.actor, event.action, event.details) == \
        (7, "alice", "view", {"version": 2})
    login = AuditEvent.from_json({**EVENT, "object": None, "details": None})
    assert (login.object, login.details) == ("", {})


MALFORMED: list[tuple[Callable[[Any], object], Any]] = [
    (SearchAnswer.from_json, ["not", "an", "object"]),
    (SearchAnswer.from_json, {"total": 1}),
    (SearchAnswer.from_json, {"items": [], "total": "1"}),
    (SearchAnswer.from_json, {"items": [HIT], "total": True}),
    (SearchAnswer.from_json, {"items": [{"file": HIT["file"]}], "total": 1}),
    (SearchAnswer.from_json, {"items": [{**HIT, "document": {"id": "d1"}}], "total": 1}),
    (SearchAnswer.from_json, {"items": [{**HIT, "score": "high"}], "total": 1}),
    (SearchAnswer.from_json, {"items": [{**HIT, "file": {"id": "f1"}}], "total": 1}),
    (SearchAnswer.from_json, {"items": [{**HIT, "document": {**DOCUMENT, "registers": [1]}}],
                              "total": 1}),
    (SearchAnswer.from_json, {"items": [{**HIT, "document": {
        **DOCUMENT, "current_version": {"number": "2"}}}], "total": 1}),
    (SearchAnswer.from_json, {"items": [], "total": 1, "groups": [{"value": "x"}]}),
    (SearchAnswer.from_json, {"items": [], "total": 1, "groups": {"x": 1}}),
    (SearchAnswer.from_json, {"items": [], "total": 1, "next_offset": "5"}),
    (SavedView.from_json, {**VIEW, "etag": None}),
    (SavedView.from_json, {**VIEW, "query": 5}),
    (SavedView.from_json, {**VIEW, "shared_with": ["unit:finance"]}),
    (AuditEvent.from_json, {**EVENT, "seq": "7"}),
    (AuditEvent.from_json, {**EVENT, "details": "viewed"}),
    (AuditEvent.from_json, {"seq": 1, "at": "2026-01-01"}),
]


@pytest.mark.parametrize(("convert", "data"), MALFORMED)
def test_malformed_answers_are_server_errors(convert: Callable[[Any], object],
                                             data: Any) -> None:
    with pytest.raises(ServerError):
        convert(data)


def test_the_remote_client_answers_the_types() -> None:
    remote = _client(ANSWER)
    try:
        assert remote.search("pump").hits[0].document.id == "d1"
        assert remote.view_results("v1", file_id="f1").total == 3
    finally:
        remote.close()
    remote = _client({"items": [VIEW], **VIEW})
    try:
        assert [v.name for v in remote.views()] == ["Unpaid"]
        assert remote.create_view("Unpaid", "paid:false").etag == "v1.2026"
        assert remote.update_view("v1", {"name": "Unpaid"}).id == "v1"  # its ETag asked first
    finally:
        remote.close()
    remote = _client({"items": [EVENT], "next_cursor": None})
    try:
        assert [e.seq for e in remote.audit("d1")] == [7]
    finally:
        remote.close()


CALLS: list[Callable[[RemoteClient], object]] = [
    lambda remote: remote.search("pump"),
    lambda remote: remote.view_results("v1"),
    lambda remote: remote.views(),
    lambda remote: remote.create_view("n", "q"),
    lambda remote: remote.update_view("v1", {"name": "n"}, etag="e"),
    lambda remote: remote.update_view("v1", {"name": "n"}),
    lambda remote: remote.audit("d1"),
]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("body", [{"items": [{"unexpected": True}], "total": 1, "id": 5},
                                  [], "text"])
def test_a_server_answering_malformed_json_raises_server_error(
        call: Callable[[RemoteClient], object], body: Any) -> None:
    assert_server_error(call, body)
