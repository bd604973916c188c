"""Every text the client shows through ``tr()`` has a German and a Spanish translation, and
every English text with a count its singular and plural: the sources are scanned with
``pyside6-lupdate`` into copies of the ``.ts`` files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.infra.i18n import TRANSLATIONS_DIR

from ..conftest import ROOT


@pytest.mark.parametrize("language", ["de", "es", "en"])
def test_every_text_is_translated(language: str, tmp_path: Path) -> None:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent /
                                                  "pyside6-lupdate")
    copy = tmp_path / f"dossier_{language}.ts"
    shutil.copy(TRANSLATIONS_DIR / f"dossier_{language}.ts", copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "app").rglob("*.py"),
                                                        *(ROOT / "viewer/widget").glob("*.py")])
    plural_only = ["-pluralonly"] if language == "en" else []  # English is the source
    subprocess.run([tool, *sources, *plural_only, "-ts", str(copy)], cwd=ROOT, check=True,
                   capture_output=True)
    missing = [f"{context.findtext('name')}: {message.findtext('source')}"
               for context in ET.parse(copy).getroot().iter("context")
               for message in context.iter("message")
               if (node := message.find("translation")) is None
               or node.get("type") == "unfinished"]
    assert not missing, "\n".join(missing)


def test_english_counts_read_as_english(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.infra.i18n import install_translator

    install_translator("en")
    assert QCoreApplication.translate("MainWindow", "%n pending change(s)", "", 1) == \
        "1 pending change"
    assert QCoreApplication.translate("MainWindow", "%n pending change(s)", "", 4) == \
        "4 pending changes"
