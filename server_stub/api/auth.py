"""``/auth``: password login with slowed-down failures, refresh rotation, logout; ``/me``."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..journal import record_audit
from ..login_throttle import (
    ThrottleRule,
    account_key,
    address_key,
    forget_failures,
    record_failure,
    seconds_to_wait,
)
from ..orm import RefreshToken, Tenant, User, utcnow
from ..problems import Problem
from ..security import hash_refresh_token, verify_password
from ..sessions import revoke_sessions, rotate, start_session
from .deps import ActorDep, ClaimsDep, ContextDep, WriteDB

log = logging.getLogger(__name__)

router = APIRouter(tags=["auth"])

_BAD_LOGIN = "wrong user name or password"


def _find_user(session: Session, username: str, tenant: str | None) -> User | None:
    query = select(User).where(User.username == username, User.active.is_(True))
    if tenant:
        query = query.join(Tenant, Tenant.id == User.tenant_id).where(Tenant.name == tenant)
    users = session.scalars(query.limit(2)).all()
    return users[0] if len(users) == 1 else None


def _throttle_rules(context: ContextDep, account: str, address: str) -> list[ThrottleRule]:
    """Three free failures per account; more per address (colleagues behind one NAT)."""
    settings = context.settings
    base, cap = settings.login_delay_seconds, settings.login_delay_max_seconds
    return [ThrottleRule(account, 3, base, cap),
            ThrottleRule(address_key(address), settings.login_address_free_failures, base, cap)]


def _too_many_attempts(seconds: int) -> Problem:
    problem = Problem(429, "too-many-attempts", f"try again in {seconds} s",
                      retry_after=seconds)
    problem.headers["Retry-After"] = str(seconds)
    return problem


@router.post("/auth/token")
def login(request: Request, context: ContextDep,
          username: Annotated[str, Form(min_length=1, max_length=200)],
          password: Annotated[str, Form(min_length=1, max_length=1000)],
          tenant: Annotated[str | None, Form(max_length=100)] = None) -> dict[str, Any]:
    """Check a password; a throttled attempt is answered 429 at once, unchecked.

    No transaction is open while the (deliberately slow) password hash is computed: one short
    read before it, one short write after it.
    """
    username, tenant = username.strip(), (tenant or "").strip() or None
    now = utcnow()
    window = timedelta(seconds=context.settings.login_failure_window_seconds)
    with context.database.reader() as session:
        user = _find_user(session, username, tenant)
        account = account_key(user.id if user else None, tenant, username)
        rules = _throttle_rules(context, account, request.client.host if request.client
                                else "unknown")
        wait = seconds_to_wait(session, rules, now, window=window)
    if wait:
        raise _too_many_attempts(wait)
    # an unknown user costs the same hashing time as a wrong password
    if not verify_password(user.password_hash if user else None, password) or user is None:
        _record_failed_login(context, user, [rule.key for rule in rules], now, window)
        raise Problem(401, "bad-credentials", _BAD_LOGIN)
    with context.database.writing() as session:
        forget_failures(session, account)
        pair = start_session(context, session, user)
        record_audit(session, user.tenant_id, actor=user.username, action="login",
                     object=user.id)
    return pair


def _record_failed_login(context: ContextDep, user: User | None, keys: list[str],
                         now: datetime, window: timedelta) -> None:
    with context.database.writing() as session:
        record_failure(session, keys, now, window=window)
        if user is not None:
            record_audit(session, user.tenant_id, actor=user.username, action="login_failed",
                         object=user.id)


class RefreshBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str


@router.post("/auth/refresh")
def refresh(body: RefreshBody, context: ContextDep) -> dict[str, Any]:
    """A new pair for a refresh token; one that was used before revokes its session."""
    with context.database.writing() as session:
        rotation = rotate(context, session, body.refresh_token)
    if rotation.reused:
        log.warning("a rotated refresh token came back: its session is revoked")
    if rotation.pair is None:
        raise Problem(401, "invalid-token", "the refresh token is invalid or expired")
    return rotation.pair


class LogoutBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str | None = None
    everywhere: bool = False


@router.post("/auth/logout", status_code=204)
def logout(actor: ActorDep, claims: ClaimsDep, session: WriteDB,
           body: LogoutBody | None = None) -> None:
    """End this token's session at once (its access and refresh tokens), the session of the
    refresh token sent along, or with ``everywhere`` every session of the user."""
    families = [claims.session_id]
    if body is not None and body.refresh_token:
        stored = session.get(RefreshToken, hash_refresh_token(body.refresh_token))
        if stored is not None and stored.user_id == actor.user_id and stored.family_id:
            families.append(stored.family_id)
    everywhere = body is not None and body.everywhere
    revoke_sessions(session, family_ids=None if everywhere else families,
                    user_id=actor.user_id)
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
