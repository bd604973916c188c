"""Tokens in the system keyring (service ``dossier``, per server URL and user).

Without a keyring backend nothing is stored — never in plain text: the caller asks for the
password again instead.
"""

from __future__ import annotations

import contextlib
import json
import logging

import keyring
from keyring.errors import KeyringError

from .remote import Tokens

__all__ = ["SERVICE", "forget_tokens", "load_tokens", "store_tokens"]

log = logging.getLogger(__name__)

SERVICE = "dossier"


def _account(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')} {username}"


def load_tokens(server_url: str, username: str) -> Tokens | None:
    try:
        raw = keyring.get_password(SERVICE, _account(server_url, username))
    except KeyringError as exc:
        log.info("no keyring: %s", exc)
        return None
    if not raw:
        return None
    try:
        body = json.loads(raw)
        return Tokens(str(body["access_token"]), str(body["refresh_token"]))
    except (ValueError, KeyError, TypeError):
        return None


def store_tokens(server_url: str, username: str, tokens: Tokens) -> bool:
    """True when stored; False when there is no keyring (then nothing is written anywhere)."""
    try:
        keyring.set_password(SERVICE, _account(server_url, username), json.dumps(
            {"access_token": tokens.access_token, "refresh_token": tokens.refresh_token}))
    except KeyringError as exc:
        log.info("tokens not stored, no keyring: %s", exc)
        return False
    return True


def forget_tokens(server_url: str, username: str) -> None:
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, _account(server_url, username))
