"""Translations: pick the language, install the translator, build ``.ts`` → ``.qm``.

The language follows the system unless set: ``DOSSIER_LANG`` (environment) wins over the
``language`` setting, which wins over the system locale. Translations are compiled ``.qm``
files (``python -m app.infra.i18n build`` runs ``pyside6-lrelease``); when a ``.qm`` is missing (a
source checkout before the build) the ``.ts`` XML is read directly by ``TsTranslator``. The
source texts are English; ``dossier_en.ts`` holds only their plural forms ("%n document(s)"
→ "1 document" / "2 documents"), made with ``pyside6-lupdate -pluralonly``.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .settings import UserSettings

__all__ = ["LANGUAGES", "TRANSLATIONS_DIR", "Labelled", "TsTranslator", "build",
           "choose_language", "install_translator", "label"]

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("en", "de", "es")
_installed: list[QTranslator] = []
_language = "en"


def choose_language(settings: UserSettings | None = None) -> str:
    wanted = os.environ.get("DOSSIER_LANG") or (
        settings.language if settings is not None else "")
    if not wanted:
        wanted = QLocale.system().name()
    code = wanted.split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else "en"


class TsTranslator(QTranslator):
    """Reads a Qt Linguist ``.ts`` file; used only when its ``.qm`` was not built."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._messages: dict[tuple[str, str], list[str]] = {}
        root = ET.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source", "")
                node = message.find("translation")
                if node is None or node.get("type") == "unfinished":
                    continue
                forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
                if forms[0]:
                    self._messages[(name, source)] = forms

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        forms = self._messages.get((context, source))
        if not forms:
            return None  # a null string: "not mine" (an empty one would replace the text)
        return forms[0] if n == 1 or len(forms) == 1 else forms[1]  # de, es: one | other

    def isEmpty(self) -> bool:
        return not self._messages


def install_translator(language: str) -> str:
    """Replace the installed translator with ``language``'s; returns the language used."""
    global _language
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _language = language
    system = QLocale.system()
    QLocale.setDefault(system if system.name().startswith(language) else QLocale(language))
    qm = TRANSLATIONS_DIR / f"dossier_{language}.qm"
    ts = TRANSLATIONS_DIR / f"dossier_{language}.ts"
    translator: QTranslator = QTranslator()
    if not (qm.exists() and translator.load(str(qm))):
        if not ts.exists():
            log.warning("no translation for %s", language)
            return "en"
        translator = TsTranslator(ts)
    app.installTranslator(translator)
    _installed.append(translator)
    qt_own = QTranslator()  # Qt's own texts: OK/Cancel buttons, dialogs, context menus
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def current_language() -> str:
    return _language


class Labelled(Protocol):
    """What the server labels: a register, a file class, a document type, a field."""

    @property
    def name(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def labels(self) -> Mapping[str, str]: ...


def label(item: Labelled | Mapping[str, object]) -> str:
    """A label the server sends: its ``labels`` entry for the current language, else the
    label translated in the ``Schema`` context (field and type names), else as sent."""
    if isinstance(item, Mapping):
        labels = item.get("labels")
        text = str(item.get("label") or item.get("name") or "")
    else:
        labels, text = item.labels, item.label or item.name
    if isinstance(labels, Mapping) and _language in labels:
        return str(labels[_language])
    return QCoreApplication.translate("Schema", text)


def build(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every ``.ts`` to ``.qm`` with ``pyside6-lrelease``; returns the ``.qm`` files."""
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent /
                                                   "pyside6-lrelease")
    built = []
    for ts in sorted(directory.glob("dossier_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        for path in build():
            print(path)
    else:
        print("usage: python -m app.infra.i18n build", file=sys.stderr)
        sys.exit(2)
