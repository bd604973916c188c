"""Documents, customer files, file classes and the signed-in user as typed objects: what the
real server sends converts (fields the client does not know are ignored), an answer not as
API.md says is the engine's ``ServerError`` (never ``KeyError`` or ``TypeError``)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.errors import ServerError
from sync.remote import RemoteClient
from sync.wire_records import (
    DocumentRecord,
    FieldDef,
    FileClass,
    FileRecord,
    Lock,
    RegisterNode,
    SignedInUser,
)

from .conftest import PASSWORD, TENANT, LiveServer
from .test_wire import assert_server_error


@pytest.fixture(scope="module")
def alice(module_server: LiveServer) -> Iterator[RemoteClient]:
    remote = RemoteClient(module_server.url, retries=1, backoff=0.01)
    remote.login("alice", PASSWORD, TENANT)
    yield remote
    remote.close()


def _file_a_letter(remote: RemoteClient, file: FileRecord, tmp_path: Path) -> DocumentRecord:
    content = tmp_path / "letter.txt"
    content.write_bytes(f"a letter {uuid.uuid4()}".encode())
    sha = hashlib.sha256(content.read_bytes()).hexdigest()
    remote.put_blob(content, sha)
    correspondence = next(r for r in file.all_registers() if r.name == "correspondence")
    return remote.create_document(file.id, {
        "type": "letter", "title": "Carta", "registers": [correspondence.id],
        "index": {"date": "2026-03-14", "subject": "Pedido"},
        "content": {"sha256": sha, "filename": "carta.txt", "media_type": "text/plain"}})


def test_the_servers_files_convert_with_their_register_tree(
        alice: RemoteClient, module_server: LiveServer) -> None:
    before = alice.file_by_key("K-100")
    offers = next(r for r in before.registers if r.name == "offers")
    with module_server.client("admin") as admin:
        made = admin.post(f"/files/{before.id}/registers",
                          json={"parent_id": offers.id, "name": "archived offers"})
        assert made.status_code == 201, made.text
    file = alice.file_by_key("K-100")
    assert (file.key, file.title, file.file_class) == ("K-100", "Peña Logística S.L.",
                                                        "customer")
    assert file.cover["city"] == "Sevilla" and file.etag
    names = [r.name for r in file.all_registers()]
    assert "correspondence" in names and "invoices" in names
    child = next(r for r in file.all_registers() if r.name == "archived offers")
    parent = next(r for r in file.all_registers() if r.id == child.parent_id)
    assert parent.name == "offers" and child in parent.children
    assert names.index("archived offers") == names.index("offers") + 1  # reading order
    assert alice.file_record(file.id) == file
    listed = alice.files("K-100")
    assert [(f.id, f.key) for f in listed] == [(file.id, "K-100")]
    assert listed[0].registers == ()  # a list of files carries no registers


def test_the_servers_documents_convert(alice: RemoteClient, tmp_path: Path) -> None:
    file = alice.file_by_key("K-100")
    created = _file_a_letter(alice, file, tmp_path)
    assert (created.file_id, created.doc_type, created.title) == (file.id, "letter", "Carta")
    assert created.index == {"date": "2026-03-14", "subject": "Pedido"}
    assert created.current_version is not None
    assert created.current_version.filename == "carta.txt" and created.version_number == 1
    assert not created.deleted and not created.pending and created.lock is None
    assert alice.document_record(created.id) == created
    assert created in alice.document_records(file.id)
    changed = alice.update_document(created.id, {"title": "Carta nueva"},
                                    f'"{created.etag}"')
    assert changed.title == "Carta nueva" and changed.etag != created.etag
    assert changed.registers == created.registers


def test_the_servers_file_classes_and_user_convert(alice: RemoteClient) -> None:
    customer = next(c for c in alice.file_class_records() if c.name == "customer")
    invoice = customer.document_type("invoice")
    amount = next(f for f in invoice.index_fields if f.name == "amount")
    assert amount.kind == "money" and invoice.label
    assert any(f.kind == "enum" and f.options for f in customer.cover_fields)
    assert [r.name for r in customer.registers]
    assert customer.document_type("no such type").index_fields == ()
    me = alice.signed_in_user()
    assert (me.username, me.tenant_name, me.roles) == ("alice", TENANT, ("clerk",))
    assert me.user_id


REGISTER = {"id": "r1", "name": "offers", "label": "Offers", "parent_id": None, "count": 2,
            "children": [{"id": "r2", "name": "old", "label": "Old", "parent_id": "r1",
                          "count": 0, "children": []}]}
FILE = {"id": "f1", "file_class": "customer", "key": "K-1", "title": "Muster",
        "cover": {"city": "Köln"}, "etag": "fe1", "registers": [REGISTER],
        "checkout": {"checkout_id": "c1", "mode": "exclusive", "locked_by": "bob",
                     "since": "2026-01-01T00:00:00+00:00", "registers": None,
                     "lease_expires_at": None}}
VERSION = {"number": 2, "sha256": "ab" * 32, "size": 3, "media_type": "text/plain",
           "filename": "a.txt", "created_by": "alice", "created_at": "2026-01-01T00:00:00",
           "comment": ""}
DOCUMENT = {"id": "d1", "file_id": "f1", "type": "letter", "title": "A",
            "index": {"date": "2026-01-02"}, "registers": ["r1"], "etag": "e1",
            "current_version": VERSION, "legal_hold": False, "deleted": False, "lock": None,
            "retention_until": "2036-01-01"}
FILE_CLASS = {"name": "customer", "label": "Customer", "labels": {"de": "Kunde"},
              "registers": [{"name": "offers", "label": "Offers", "labels": {"de": "Angebote"},
                             "children": []}],
              "cover_fields": [{"name": "segment", "type": "enum", "label": "Segment",
                                "required": False, "options": ["A", "B"]}],
              "document_types": [{"name": "letter", "label": "Letter", "retention_days": 10,
                                  "default_register": "offers",
                                  "index_fields": [{"name": "date", "type": "date",
                                                    "label": "Date", "required": True}]}]}
ME = {"user": {"id": "u1", "username": "alice", "display_name": "Alice"},
      "tenant": {"id": "t1", "name": "acme"}, "roles": ["clerk"], "groups": [],
      "units": ["sales"], "permissions": ["read"]}


def test_unknown_fields_are_ignored() -> None:
    extra = {"shiny_new_field": {"nested": [1, 2]}}
    register = RegisterNode.from_json({**REGISTER, **extra})
    assert [c.name for c in register.children] == ["old"] and register.count == 2
    file = FileRecord.from_json({**FILE, **extra})
    assert file.lock == Lock("c1", "bob", "2026-01-01T00:00:00+00:00", None)
    assert [r.id for r in file.all_registers()] == ["r1", "r2"]
    document = DocumentRecord.from_json({**DOCUMENT, **extra})
    assert (document.doc_type, document.registers, document.retention_until) == \
        ("letter", ("r1",), "2036-01-01")
    assert document.current_version is not None and document.version_number == 2
    file_class = FileClass.from_json({**FILE_CLASS, **extra})
    assert file_class.labels == {"de": "Kunde"}
    assert file_class.registers[0].labels == {"de": "Angebote"}
    assert file_class.cover_fields[0] == FieldDef("segment", "enum", "Segment",
                                                  options=("A", "B"))
    letter = file_class.document_type("letter")
    assert (letter.default_register, letter.index_fields[0].required) == ("offers", True)
    me = SignedInUser.from_json({**ME, **extra})
    assert (me.user_id, me.display_name, me.units) == ("u1", "Alice", ("sales",))


MALFORMED: list[tuple[Callable[[Any], object], Any]] = [
    (FileRecord.from_json, ["not", "an", "object"]),
    (FileRecord.from_json, {**FILE, "id": None}),
    (FileRecord.from_json, {**FILE, "file_class": 3}),
    (FileRecord.from_json, {**FILE, "cover": "Köln"}),
    (FileRecord.from_json, {**FILE, "registers": {"id": "r1"}}),
    (FileRecord.from_json, {**FILE, "registers": [{"name": "offers"}]}),
    (FileRecord.from_json, {**FILE, "checkout": "bob"}),
    (RegisterNode.from_json, {**REGISTER, "count": "2"}),
    (RegisterNode.from_json, {**REGISTER, "children": ["r2"]}),
    (DocumentRecord.from_json, {**DOCUMENT, "type": None}),
    (DocumentRecord.from_json, {**DOCUMENT, "registers": "r1"}),
    (DocumentRecord.from_json, {**DOCUMENT, "registers": [1]}),
    (DocumentRecord.from_json, {**DOCUMENT, "index": ["date"]}),
    (DocumentRecord.from_json, {**DOCUMENT, "etag": None}),
    (DocumentRecord.from_json, {**DOCUMENT, "current_version": {"number": 1}}),
    (DocumentRecord.from_json, {**DOCUMENT, "deleted": "no"}),
    (FileClass.from_json, {**FILE_CLASS, "name": None}),
    (FileClass.from_json, {**FILE_CLASS, "document_types": [{"label": "no name"}]}),
    (FileClass.from_json, {**FILE_CLASS, "cover_fields": [{"name": "x"}]}),
    (FileClass.from_json, {**FILE_CLASS, "cover_fields": [{"name": "x", "type": "enum",
                                                            "options": "A,B"}]}),
    (SignedInUser.from_json, {**ME, "user": "alice"}),
    (SignedInUser.from_json, {**ME, "user": {"id": "u1"}}),
    (SignedInUser.from_json, {**ME, "units": "sales"}),
]


@pytest.mark.parametrize(("convert", "data"), MALFORMED)
def test_malformed_answers_are_server_errors(convert: Callable[[Any], object],
                                             data: Any) -> None:
    with pytest.raises(ServerError):
        convert(data)


CALLS: list[Callable[[RemoteClient], object]] = [
    lambda remote: remote.files(),
    lambda remote: remote.file_by_key("K-1"),
    lambda remote: remote.file_record("f1"),
    lambda remote: remote.file_class_records(),
    lambda remote: remote.document_record("d1"),
    lambda remote: remote.document_records("f1"),
    lambda remote: remote.create_document("f1", {}),
    lambda remote: remote.update_document("d1", {}, '"e1"'),
    lambda remote: remote.signed_in_user(),
]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("body", [{"items": [{"unexpected": True}], "user": 1}, [], "text"])
def test_a_server_answering_malformed_json_raises_server_error(
        call: Callable[[RemoteClient], object], body: Any) -> None:
    assert_server_error(call, body)
