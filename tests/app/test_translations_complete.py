"""Every text the client shows through ``tr()`` has a German and a Spanish translation: the
sources are scanned with ``pyside6-lupdate`` into copies of the ``.ts`` files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.i18n import TRANSLATIONS_DIR

from ..conftest import ROOT


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_text_is_translated(language: str, tmp_path: Path) -> None:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent /
                                                  "pyside6-lupdate")
    copy = tmp_path / f"dossier_{language}.ts"
    shutil.copy(TRANSLATIONS_DIR / f"dossier_{language}.ts", copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "app").glob("*.py"),
                                                        *(ROOT / "viewer/widget").glob("*.py")])
    subprocess.run([tool, *sources, "-ts", str(copy)], cwd=ROOT, check=True,
                   capture_output=True)
    missing = [f"{context.findtext('name')}: {message.findtext('source')}"
               for context in ET.parse(copy).getroot().iter("context")
               for message in context.iter("message")
               if (node := message.find("translation")) is None
               or node.get("type") == "unfinished"]
    assert not missing, "\n".join(missing)
