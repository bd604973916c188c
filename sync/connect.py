"""Signing in: the ways a :class:`~sync.client.Client` comes to be — with a password, with
the tokens kept in the keyring (or, the server unreachable, on the checked-out files alone), or
against the embedded server. Each asks the server (or starts one): call on a worker.
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

from .client import Client
from .credentials import load_tokens, store_tokens
from .embedded import DEMO_PASSWORD, DEMO_TENANT, DEMO_USER, EmbeddedServer, start_embedded_server
from .errors import Offline, ServerError, SyncError
from .profile import Profile
from .remote import RemoteClient, Tokens

__all__ = ["connect", "connect_embedded", "connect_saved"]

log = logging.getLogger(__name__)


def _finish(remote: RemoteClient, profile: Profile, username: str, tenant: str,
            embedded: EmbeddedServer | None = None) -> Client:
    client = Client(remote=remote, profile=profile, username=username, tenant=tenant,
                    embedded=embedded)
    client.use_file_classes(remote.file_classes())
    if embedded is None:
        _classes_cache(client).write_text(json.dumps(client.file_classes), "utf-8")
    return client


def _classes_cache(client: Client) -> Path:
    """The file classes beside the replica, for a start without the server."""
    path = client.replica_path.parent / "file_classes.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _offline_client(remote: RemoteClient, profile: Profile) -> Client | None:
    """Work on the checked-out files without the server; ``None`` when there are none."""
    client = Client(remote=remote, profile=profile, username=profile.username,
                    tenant=profile.tenant, started_offline=True)
    cache = _classes_cache(client)
    if not client.replica_path.exists() or not cache.exists():
        return None
    try:
        client.use_file_classes(list(json.loads(cache.read_text("utf-8"))))
    except (OSError, ValueError, TypeError, ServerError):
        log.warning("file classes cache unreadable", exc_info=True)
        return None
    if not client.engine().checked_out():
        client.close()
        return None
    return client


def connect_embedded(profile: Profile, data_dir: Path | None = None, *,
                     customers: int = 60,
                     started: subprocess.Popen[bytes] | None = None) -> Client:
    """Start the private server (demo data on first run) and sign in as the demo user;
    ``started``: its process, launched early by ``embedded.prestart``."""
    server = start_embedded_server(data_dir, customers=customers, started=started)
    remote = RemoteClient(server.url)
    try:
        remote.login(DEMO_USER, DEMO_PASSWORD, DEMO_TENANT)
        return _finish(remote, profile, DEMO_USER, DEMO_TENANT, server)
    except BaseException:
        server.stop()
        raise


def connect(profile: Profile, url: str, username: str, password: str, tenant: str, *,
            remember: bool) -> Client:
    """Sign in with a password; ``remember`` keeps the tokens in the system keyring."""
    on_tokens = (lambda t: _remember(url, username, t)) if remember else None
    remote = RemoteClient(url, on_tokens=on_tokens)
    remote.login(username, password, tenant or None)
    profile.server_url, profile.username, profile.tenant = url, username, tenant
    profile.save()
    return _finish(remote, profile, username, tenant)


def connect_saved(profile: Profile) -> Client | None:
    """Sign in with tokens from the keyring; ``None`` when there are none or they expired.
    With the server unreachable and files checked out, a client that works on those."""
    tokens = load_tokens(profile.server_url, profile.username)
    if tokens is None:
        return None
    remote = RemoteClient(profile.server_url, tokens=tokens,
                          on_tokens=lambda t: _remember(profile.server_url, profile.username, t))
    try:
        remote.signed_in_user()
    except Offline:
        log.info("server unreachable: starting on the checked-out files")
        client = _offline_client(remote, profile)
        if client is None:
            raise
        return client
    except SyncError:
        log.info("saved session not usable", exc_info=True)
        remote.close()
        return None
    return _finish(remote, profile, profile.username, profile.tenant)


def _remember(url: str, username: str, tokens: Tokens) -> None:
    store_tokens(url, username, tokens)
