"""``dossier repair``: a damaged replica gives up its unsynced changes before it is set aside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sync.profile import Profile

from ..conftest import ROOT
from .test_damage import _damage, _offline_replica


def _dossier(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run([sys.executable, "-m", "app", "--profile", str(profile), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def test_repair_rescues_unsynced_changes_of_a_damaged_replica(tmp_path: Path) -> None:
    profile = Profile(directory=tmp_path / "profile", server_url="http://127.0.0.1:9",
                      username="alice", tenant="acme")
    profile.save()
    built, _contents = _offline_replica(tmp_path, documents=150)
    profile.replica_path.parent.mkdir(parents=True)
    for item in built.parent.iterdir():
        item.rename(profile.replica_path.parent / item.name)
    _damage(profile.replica_path, "documents")

    status = _dossier(profile.directory, "status")
    assert status.returncode == 1
    assert len(status.stderr.strip().splitlines()) == 1 and "dossier repair" in status.stderr

    repaired = _dossier(profile.directory, "repair", "--json")
    assert repaired.returncode == 0, repaired.stderr
    report = json.loads(repaired.stdout)
    assert report["operations"] == 5 and report["complete"] is True
    rescued = Path(report["rescue_folder"])
    assert len(list((rescued / "operations").iterdir())) >= 5
    assert Path(report["damaged_replica"]).exists()

    fresh = _dossier(profile.directory, "status", "--json")  # a new, empty replica
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["pending"] == 0
