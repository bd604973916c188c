"""The audit chain is anchored outside the database: signed head checkpoints in an append-only
file catch a rewrite by someone who can change the database but holds neither the key nor the
checkpoint file."""

from __future__ import annotations

import json
import stat
from typing import Any

import pytest
from sqlalchemy import delete, select

from server_stub import cli
from server_stub.journal import canonical_event, event_hash
from server_stub.orm import AuditEvent, TenantCounter

from .conftest import Api, Server


def _activity(admin: Api, documents: int = 2) -> None:
    file = admin.new_file()
    for n in range(documents):
        admin.new_document(file["id"], data=f"content {n} {file['id']}".encode())


def _verify(admin: Api) -> dict[str, Any]:
    response = admin.get("/audit/verify")
    assert response.status_code == 200, response.text
    return dict(response.json())


def _tenant_id(admin: Api) -> str:
    return str(admin.get("/me").json()["tenant"]["id"])


def _rechain(server: Server, tenant_id: str, *, from_seq: int) -> None:
    """What an intruder with database access does: recompute every hash from ``from_seq`` on
    with the project's own functions and point the head at the new end."""
    with server.context.database.writing() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.tenant_id == tenant_id)
                                 .order_by(AuditEvent.seq)).all()
        prev = "0" * 64
        for ev in events:
            if ev.seq >= from_seq:
                ev.prev_hash = prev
                ev.hash = event_hash(prev, canonical_event(tenant_id, ev.seq, ev.at, ev.actor,
                                                           ev.action, ev.object, ev.details))
            prev = ev.hash
        counter = session.get_one(TenantCounter, tenant_id)
        counter.audit_seq = events[-1].seq if events else 0
        counter.audit_head = prev


def test_truncate_and_reset_head_is_found(server: Server, admin: Api) -> None:
    _activity(admin)
    first = _verify(admin)  # verifying writes a signed checkpoint of the head
    assert first["ok"] is True
    tenant_id = _tenant_id(admin)
    keep = first["events"] - 3
    with server.context.database.writing() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.tenant_id == tenant_id,
                                                 AuditEvent.seq > keep))
    _rechain(server, tenant_id, from_seq=keep + 1)
    report = _verify(admin)
    assert report["ok"] is False
    assert report["broken_at"] == keep + 1


def test_rewrite_and_rehash_is_found(server: Server, admin: Api) -> None:
    _activity(admin)
    checkpoint = _verify(admin)["events"]
    _activity(admin)
    assert _verify(admin)["ok"] is True
    tenant_id = _tenant_id(admin)
    victim = checkpoint + 2
    with server.context.database.writing() as session:
        event = session.get_one(AuditEvent, (tenant_id, victim))
        event.actor = "mallory"
    _rechain(server, tenant_id, from_seq=victim)
    report = _verify(admin)
    assert report["ok"] is False
    # the first event no intact checkpoint vouches for
    assert checkpoint < report["broken_at"] <= victim


def test_forged_checkpoint_is_found(server: Server, admin: Api) -> None:
    _activity(admin, documents=1)
    head = _verify(admin)
    path = server.context.settings.audit_checkpoint_path
    line = json.loads(path.read_text().splitlines()[-1])
    forged = {**line, "seq": line["seq"] + 5, "head": "f" * 64}
    with path.open("a") as fh:
        fh.write(json.dumps(forged) + "\n")
    report = _verify(admin)
    assert report["ok"] is False
    assert report["problem"] == "checkpoint-signature"
    assert head["ok"] is True


def test_key_and_checkpoints_are_private_files(server: Server, admin: Api) -> None:
    _verify(admin)
    settings = server.context.settings
    for path in (settings.data_dir / "audit.key", settings.audit_checkpoint_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert b"audit" not in settings.data_dir.joinpath("audit.key").read_bytes()


def test_cli_verify_audit_compares_with_checkpoints(server: Server, admin: Api,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _activity(admin)
    settings = server.context.settings
    monkeypatch.setenv("DATABASE_URL", settings.effective_database_url)
    args = ["verify-audit", "--data-dir", str(settings.data_dir), "--tenant", server.tenant]
    assert cli.main(args) == 0
    assert settings.audit_checkpoint_path.exists()  # the CLI's check writes a checkpoint too
    tenant_id = _tenant_id(admin)
    with server.context.database.writing() as session:
        session.get_one(AuditEvent, (tenant_id, 2)).actor = "mallory"
    _rechain(server, tenant_id, from_seq=2)
    assert cli.main(args) == 1
    assert "broken at event 1" in capsys.readouterr().err


def test_a_configured_key_is_used(tmp_path: Any) -> None:
    from server_stub.audit_anchor import load_audit_key
    from server_stub.settings import Settings

    settings = Settings(data_dir=tmp_path, audit_key="s3cret-from-the-vault")
    assert load_audit_key(settings) == b"s3cret-from-the-vault"
    assert not (tmp_path / "audit.key").exists()
