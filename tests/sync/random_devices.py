"""The sync of one laptop as a real process, for the randomized offline test.

    python random_devices.py sync URL HOME USER DEVICE
    python random_devices.py zygote

``sync`` opens the replica in ``HOME`` (the same one the test works on) and runs one
``Engine.sync()`` against ``URL`` (the laptop's proxy); it prints the report as one JSON line.
It signs in with ``DOSSIER_PASSWORD`` (a login behind a cut link is reported as offline,
as a sync would); ``DOSSIER_FAULT`` (see ``sync.faults``) kills it at a named point.

``zygote`` serves syncs as forks of itself (the imports paid once; ``forks.py`` says how,
including ``kill_after``: a pulled plug from outside).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TENANT = "acme"


def sync_once(url: str, home: Path, user: str, device: str) -> dict[str, Any]:
    from sync.engine import Engine
    from sync.errors import Offline
    from sync.remote import RemoteClient
    from sync.replica import Replica

    remote = RemoteClient(url, retries=1, backoff=0.01, timeout=20)
    replica = Replica(home / "replica.sqlite3")
    try:
        engine = Engine(remote, replica, device_id=device, files_dir=home / "files")
        try:
            remote.login(user, os.environ["DOSSIER_PASSWORD"], TENANT)
        except Offline:  # the laptop's link is cut: as a sync reports it
            return {"offline": True, "applied": 0, "rejected": 0,
                    "conflicts": len(engine.conflicts()), "pending": engine.pending_count(),
                    "new": 0, "repaired": []}
        report = engine.sync()
        return {"offline": report.offline, "applied": report.applied,
                "rejected": report.rejected, "conflicts": report.conflicts,
                "pending": engine.pending_count(), "new": len(report.new_documents),
                "repaired": report.repaired}
    finally:
        remote.close()
        replica.close()


def zygote() -> int:
    """Serve syncs as forks of this process, which has paid the imports once (``forks``)."""
    import httpx  # noqa: F401  (the expensive imports, once)
    import sqlalchemy  # noqa: F401

    import sync.engine  # noqa: F401
    from tests.sync.forks import serve_forks

    return serve_forks(main)


def main(argv: list[str]) -> int:
    if argv == ["zygote"]:
        return zygote()
    if len(argv) == 5 and argv[0] == "sync":
        _, url, home, user, device = argv
        print(json.dumps(sync_once(url, Path(home), user, device)), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


# the test's side ---------------------------------------------------------------------------


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, Any] | None:
        """The sync's report, when it ran to its end."""
        if self.returncode != 0 or not self.stdout.strip():
            return None
        return dict(json.loads(self.stdout.strip().splitlines()[-1]))


class Zygote:
    """The test's handle on a zygote process: ``start`` a sync, do something while it runs,
    then ``finish`` it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
        self.process = subprocess.Popen([sys.executable, __file__, "zygote"], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, cwd=ROOT)
        self._runs = 0
        self._current: tuple[Path, Path] | None = None

    def start(self, argv: list[str], env: dict[str, str], *,
              kill_after: float | None = None) -> int:
        """Fork a child running ``main(argv)``; returns its pid."""
        assert self._current is None, "one run at a time"
        assert self.process.stdin is not None and self.process.stdout is not None
        self._runs += 1
        out = self.folder / f"stdout-{self._runs}.txt"
        err = self.folder / f"stderr-{self._runs}.txt"
        self.process.stdin.write(json.dumps({"argv": argv, "env": env, "stdout": str(out),
                                             "stderr": str(err),
                                             "kill_after": kill_after}) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "the zygote died"
        self._current = (out, err)
        return int(json.loads(answer)["pid"])

    def finish(self) -> Run:
        assert self._current is not None and self.process.stdout is not None
        answer = self.process.stdout.readline()
        assert answer, "the zygote died"
        out, err = self._current
        self._current = None
        return Run(int(json.loads(answer)["returncode"]), out.read_text(encoding="utf-8"),
                   err.read_text(encoding="utf-8"))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
