"""``/auth``: password login with slowed-down failures, refresh rotation, logout; ``/me``."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..journal import record_audit
from ..models import LoginFailure, RefreshToken, Tenant, User, utcnow
from ..problems import Problem
from ..security import TokenClaims, hash_refresh_token, new_refresh_token, verify_password
from .deps import ActorDep, ContextDep, WriteDB

router = APIRouter(tags=["auth"])

_BAD_LOGIN = "wrong user name or password"


def _find_user(session: Session, username: str, tenant: str | None) -> User | None:
    query = select(User).where(User.username == username, User.active.is_(True))
    if tenant:
        query = query.join(Tenant, Tenant.id == User.tenant_id).where(Tenant.name == tenant)
    users = session.scalars(query.limit(2)).all()
    return users[0] if len(users) == 1 else None


def _slow_down(context: ContextDep, session: Session, account: str) -> None:
    failure = session.get(LoginFailure, account)
    if failure is not None and failure.count >= 3:
        base = context.settings.login_delay_seconds
        time.sleep(min(base * 2 ** (failure.count - 3), context.settings.login_delay_max_seconds))


def _token_pair(context: ContextDep, session: Session, user: User) -> dict[str, Any]:
    refresh = new_refresh_token()
    session.add(RefreshToken(
        token_hash=hash_refresh_token(refresh), user_id=user.id,
        expires_at=utcnow() + timedelta(days=context.settings.refresh_token_days)))
    access = context.signer.issue(TokenClaims(user_id=user.id, tenant_id=user.tenant_id))
    return {"access_token": access, "token_type": "bearer",
            "expires_in": context.signer.lifetime_seconds, "refresh_token": refresh}


@router.post("/auth/token")
def login(context: ContextDep, session: WriteDB,
          username: Annotated[str, Form(min_length=1, max_length=200)],
          password: Annotated[str, Form(min_length=1, max_length=1000)],
          tenant: Annotated[str | None, Form(max_length=100)] = None) -> dict[str, Any]:
    account = f"{tenant or ''}/{username.lower()}"
    _slow_down(context, session, account)
    user = _find_user(session, username, tenant)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        failure = session.get(LoginFailure, account) or LoginFailure(account=account, count=0)
        failure.count += 1
        failure.last_at = utcnow()
        session.add(failure)
        if user is not None:
            record_audit(session, user.tenant_id, actor=user.username, action="login_failed",
                         object=user.id)
        session.commit()
        raise Problem(401, "bad-credentials", _BAD_LOGIN)
    session.execute(update(LoginFailure).where(LoginFailure.account == account)
                    .values(count=0))
    pair = _token_pair(context, session, user)
    record_audit(session, user.tenant_id, actor=user.username, action="login", object=user.id)
    session.commit()
    return pair


class RefreshBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str


@router.post("/auth/refresh")
def refresh(body: RefreshBody, context: ContextDep, session: WriteDB) -> dict[str, Any]:
    stored = session.get(RefreshToken, hash_refresh_token(body.refresh_token))
    if stored is None or stored.revoked or stored.expires_at <= utcnow():
        raise Problem(401, "invalid-token", "the refresh token is invalid or expired")
    user = session.get(User, stored.user_id)
    if user is None or not user.active:
        raise Problem(401, "invalid-token", "the refresh token is invalid or expired")
    stored.revoked = True
    pair = _token_pair(context, session, user)
    session.commit()
    return pair


class LogoutBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str | None = None


@router.post("/auth/logout", status_code=204)
def logout(actor: ActorDep, session: WriteDB, body: LogoutBody | None = None) -> None:
    query = update(RefreshToken).where(RefreshToken.user_id == actor.user_id)
    if body is not None and body.refresh_token:
        query = query.where(RefreshToken.token_hash == hash_refresh_token(body.refresh_token))
    session.execute(query.values(revoked=True))
    record_audit(session, actor.tenant_id, actor=actor.username, action="logout",
                 object=actor.user_id)
    session.commit()


@router.get("/me")
def me(actor: ActorDep, session: WriteDB) -> dict[str, Any]:
    user = session.get(User, actor.user_id)
    tenant = session.get(Tenant, actor.tenant_id)
    assert user is not None and tenant is not None
    return {"user": {"id": user.id, "username": user.username,
                     "display_name": user.display_name},
            "tenant": {"id": tenant.id, "name": tenant.name},
            "roles": actor.roles, "groups": actor.groups, "units": actor.units,
            "permissions": actor.global_permissions()}
