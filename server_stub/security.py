"""Passwords (argon2), access tokens (signed JWT) and refresh tokens (opaque, stored hashed)."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .orm import ServerSecret

__all__ = ["TokenClaims", "TokenError", "TokenSigner", "hash_password", "hash_refresh_token",
           "load_signing_key", "new_refresh_token", "verify_password"]

_hasher = PasswordHasher()
# A fixed hash so that an unknown user costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash("dossier-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def load_signing_key(session: Session) -> str:
    """The token signing key, shared by every server process through the database."""
    key = session.scalar(select(ServerSecret.value).where(ServerSecret.name == "jwt"))
    if key is not None:
        return key
    try:
        with session.begin_nested():
            session.add(ServerSecret(name="jwt", value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another process was first
    session.commit()
    key = session.scalar(select(ServerSecret.value).where(ServerSecret.name == "jwt"))
    assert key is not None
    return key


class TokenError(Exception):
    """The token is missing, forged, expired or not an access token."""


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    tenant_id: str
    session_id: str


class TokenSigner:
    def __init__(self, key: str, lifetime_seconds: int) -> None:
        self._key = key
        self.lifetime_seconds = lifetime_seconds

    def issue(self, claims: TokenClaims) -> str:
        now = int(time.time())
        payload = {"sub": claims.user_id, "tid": claims.tenant_id, "iat": now,
                   "exp": now + self.lifetime_seconds, "typ": "access",
                   "sid": claims.session_id}
        return jwt.encode(payload, self._key, algorithm="HS256")

    def verify(self, token: str) -> TokenClaims:
        try:
            payload = jwt.decode(token, self._key, algorithms=["HS256"],
                                 options={"require": ["exp", "sub", "tid", "sid"]})
        except jwt.PyJWTError as exc:
            raise TokenError(str(exc)) from exc
        if payload.get("typ") != "access":
            raise TokenError("not an access token")
        return TokenClaims(user_id=str(payload["sub"]), tenant_id=str(payload["tid"]),
                           session_id=str(payload["sid"]))
