"""Qt's own texts (standard buttons) follow the chosen language too."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.infra.i18n import install_translator


def test_standard_buttons_are_translated(qtbot: QtBot) -> None:
    try:
        install_translator("de")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    finally:
        install_translator("en")
