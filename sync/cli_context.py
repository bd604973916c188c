"""What a ``dossier`` command needs, opened lazily: the profile, the replica, the server and
the engine. Shared by the command modules (``cli_*.py``). The modules behind the replica,
the server and the engine (SQLAlchemy, httpx, the keyring) are imported when first used, so
a command that needs none of them does not wait for them."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AuthError, UsageError
from .profile import Profile, default_profile_dir

if TYPE_CHECKING:
    from .engine import Engine
    from .remote import Tokens
    from .replica import Replica

__all__ = ["Context", "ask_password"]


def _remember(url: str, user: str, tokens: Tokens) -> None:
    from .credentials import store_tokens

    store_tokens(url, user, tokens)


def ask_password(args: argparse.Namespace, prompt: str) -> str:
    """The password from stdin (``--password-stdin``), ``DOSSIER_PASSWORD`` or the terminal.

    Raises AuthError when none of them can give one."""
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get("DOSSIER_PASSWORD"):
        return os.environ["DOSSIER_PASSWORD"]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    hint = ("use --password-stdin" if hasattr(args, "password_stdin")
            else "run it in a terminal or set DOSSIER_PASSWORD")
    raise AuthError(f"a password is needed: no keyring holds a session; {hint}")


class Context:
    """What a command needs, opened lazily: profile, replica, remote, engine."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.profile = Profile.load(Path(args.profile) if args.profile else
                                    default_profile_dir())
        self._replica: Replica | None = None
        self._engine: Engine | None = None

    def reachable(self) -> bool:
        """A quick look whether the server answers at all (half a second at most)."""
        if self._engine is not None:
            return self._engine.remote.reachable()
        self.require_login()
        from .remote import RemoteClient

        probe = RemoteClient(self.profile.server_url)
        try:
            return probe.reachable()
        finally:
            probe.close()

    def require_login(self) -> None:
        if not self.profile.server_url or not self.profile.username:
            raise UsageError("not logged in: run dossier login URL --user NAME")

    @property
    def replica(self) -> Replica:
        self.require_login()
        if self._replica is None:
            from .replica import Replica

            self._replica = Replica(self.profile.replica_path)
        return self._replica

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self.require_login()
            from .credentials import load_tokens
            from .engine import Engine
            from .remote import RemoteClient

            url, user = self.profile.server_url, self.profile.username
            tokens = load_tokens(url, user)
            remote = RemoteClient(url, tokens=tokens,
                                  on_tokens=lambda t: _remember(url, user, t))
            if tokens is None:
                remote.login(user, ask_password(self.args, f"Password for {user}: "),
                             self.profile.tenant or None)
            self._engine = Engine(remote, self.replica, device_id=self.profile.device_id,
                                  files_dir=self.profile.files_dir)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.remote.close()
        if self._replica is not None:
            self._replica.close()
