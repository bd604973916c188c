"""Login sessions: each is a family of rotated refresh tokens and the access tokens issued
from them.

A refresh token is good for one rotation. When one that was already rotated (or logged out)
comes back, someone kept a copy: the whole family is revoked, the thief's tokens and the
owner's alike (the owner logs in again). Revoking a family ends its access tokens at once,
because every request checks the family its token names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from .context import ServerContext
from .orm import AuthSession, RefreshToken, User, utcnow
from .security import TokenClaims, hash_refresh_token, new_refresh_token

__all__ = ["Rotation", "revoke_sessions", "rotate", "start_session"]


def start_session(context: ServerContext, session: Session, user: User) -> dict[str, Any]:
    """A new family for a login; returns its first token pair."""
    family = AuthSession(user_id=user.id)
    session.add(family)
    session.flush()
    return _token_pair(context, session, user, family.id)


def _token_pair(context: ServerContext, session: Session, user: User,
                family_id: str) -> dict[str, Any]:
    refresh = new_refresh_token()
    session.add(RefreshToken(
        token_hash=hash_refresh_token(refresh), user_id=user.id, family_id=family_id,
        expires_at=utcnow() + timedelta(days=context.settings.refresh_token_days)))
    access = context.signer.issue(TokenClaims(user_id=user.id, tenant_id=user.tenant_id,
                                              session_id=family_id))
    return {"access_token": access, "token_type": "bearer",
            "expires_in": context.signer.lifetime_seconds, "refresh_token": refresh}


@dataclass(frozen=True)
class Rotation:
    """The outcome of presenting a refresh token: a new pair, or why not."""

    pair: dict[str, Any] | None
    reused: bool = False


def rotate(context: ServerContext, session: Session, refresh_token: str) -> Rotation:
    """Exchange a refresh token for a new pair; a reused one revokes its family.

    The caller commits in every case (the revocation must stick).
    """
    stored = session.get(RefreshToken, hash_refresh_token(refresh_token))
    if stored is None or stored.expires_at <= utcnow():
        return Rotation(None)
    claimed = session.execute(update(RefreshToken).where(
        RefreshToken.token_hash == stored.token_hash, RefreshToken.revoked.is_(False))
        .values(revoked=True))
    if not claimed.rowcount:  # type: ignore[attr-defined]
        if stored.family_id is not None:
            revoke_sessions(session, family_ids=[stored.family_id])
        return Rotation(None, reused=True)
    user = session.get(User, stored.user_id)
    family = session.get(AuthSession, stored.family_id) if stored.family_id else None
    if user is None or not user.active or (family is not None and family.revoked_at):
        return Rotation(None)
    if family is None:
        return Rotation(start_session(context, session, user))
    return Rotation(_token_pair(context, session, user, family.id))


def revoke_sessions(session: Session, *, family_ids: list[str] | None = None,
                    user_id: str | None = None) -> None:
    """End the named families (or every family of ``user_id``) and their refresh tokens."""
    families = update(AuthSession).where(AuthSession.revoked_at.is_(None))
    tokens = update(RefreshToken).where(RefreshToken.revoked.is_(False))
    if family_ids is not None:
        families = families.where(AuthSession.id.in_(family_ids))
        tokens = tokens.where(RefreshToken.family_id.in_(family_ids))
    if user_id is not None:
        families = families.where(AuthSession.user_id == user_id)
        tokens = tokens.where(RefreshToken.user_id == user_id)
    session.execute(families.values(revoked_at=utcnow()))
    session.execute(tokens.values(revoked=True))
