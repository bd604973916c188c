"""``dossier screenshot --out DIR``: the main views with demo data, rendered to PNG.

Runs offscreen (unless ``QT_QPA_PLATFORM`` says otherwise) against an embedded server with
demo data, in each language asked for: the cockpit with a PDF in the viewer, the document list
grouped by type, the form for filing a document, the index form of an invoice, the check-out
dialog and the conflict dialog (a real conflict: the file is checked out and a colleague
changes the same invoice).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["main", "wait_until"]


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Process events until ``condition()`` holds or ``timeout`` seconds passed."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
    return True


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() > end, seconds + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dossier screenshot")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--languages", default="en,de", help="comma-separated, e.g. en,de,es")
    parser.add_argument("--data-dir", type=Path,
                        help="embedded server data (default: a fresh temporary folder)")
    parser.add_argument("--demo-customers", type=int, default=3)
    parser.add_argument("--file", default="K-10002",
                        help="customer number of the file to show (default: one with an open "
                             "invoice in the demo data)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..shell.gui import application

    app = application()
    from sync.api import Profile, connect_embedded

    with tempfile.TemporaryDirectory(prefix="dossier-shots-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "server"
        session = connect_embedded(Profile(directory=Path(tmp) / "profile"), data_dir,
                                   customers=args.demo_customers)
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            for language in args.languages.split(","):
                for path in render(session, language.strip(), args.out, Path(tmp), args.file):
                    print(path)
        finally:
            session.close()
    app.processEvents()
    return 0


def render(session: object, language: str, out: Path, tmp: Path, key: str) -> list[Path]:
    from PySide6.QtCore import QSettings

    from sync.api import Client

    from ..actions.file_actions import CheckoutDialog
    from ..cockpit.item_models import Column, GroupMode
    from ..shell.main_window import MainWindow
    from .i18n import install_translator

    assert isinstance(session, Client)
    install_translator(language)
    settings = QSettings(str(tmp / f"settings-{language}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1600, 1000)
    window.show()
    found: list[int] = []
    window.navigator.searchFinished.connect(found.append)
    window.attach(session)
    wait_until(lambda: bool(found))
    results = window.navigator.results
    row = next((i for i in range(results.count()) if key in results.item(i).text()), 0)
    results.setCurrentRow(row)
    results.itemClicked.emit(results.item(row))
    cockpit = window.cockpit
    wait_until(lambda: cockpit.customer_file is not None)
    assert cockpit.customer_file is not None
    window.toggle_favourite()  # the navigator shows a favourite
    ready: list[str] = []
    cockpit.pane.previewReady.connect(ready.append)
    pdfs = [d for d in cockpit.table_model.documents()
            if (d.get("current_version") or {}).get("media_type") == "application/pdf"]
    invoices = [d for d in pdfs if d["type"] == "invoice"]
    unpaid = [d for d in invoices if d["index"].get("paid") is False]
    invoice = (unpaid or invoices or pdfs or cockpit.table_model.documents())[0]
    cockpit.documents.sortByColumn(Column.Date, cockpit.documents.header().sortIndicatorOrder())
    cockpit.select_document(invoice["id"])
    wait_until(lambda: bool(ready))
    settle(1.5)  # pages render on the viewer's own workers
    shots = []

    def save(widget: object, name: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        path = out / f"{name}_{language}.png"
        widget.grab().save(str(path))
        shots.append(path)

    save(window, "cockpit")
    cockpit.set_group_mode(GroupMode.Type)
    settle(0.3)
    save(window, "documents_grouped")
    cockpit.set_group_mode(GroupMode.Nothing)
    dialog = CheckoutDialog(cockpit.customer_file, window)
    dialog.show()
    settle(0.3)
    save(dialog, "checkout_dialog")
    dialog.close()
    form = window.actions_.make_dialog(cockpit.customer_file, tmp / "Rechnung-2026-117.pdf", "")
    form.show()
    form.validate()
    settle(0.3)
    save(form, "document_form")
    form.close()
    edit = window.document_actions.make_index_dialog(cockpit.customer_file, invoice)
    edit.show()
    settle(0.3)
    save(edit, "index_form")
    edit.close()
    conflict = held_conflict(session, cockpit.customer_file, invoice)
    from ..dialogs.conflict_dialog import ConflictDialog

    decide = ConflictDialog(conflict, session, window)
    decide.show()
    settle(0.3)
    save(decide, "conflict_dialog")
    decide.close()
    search_shots(window, save)
    window.close()
    window.deleteLater()
    settle(0.2)
    return shots


def search_shots(window: Any, save: Callable[[object, str], None]) -> None:
    """The hits of a search with one opened in the viewer (its word found), then a
    department's view restricted to the open file, the views listed in the navigator."""
    panel = window.search.panel
    pages: list[Any] = []
    panel.pageShown.connect(pages.append)
    panel.field.setText("factura")  # a word of the open file's (Spanish) invoices
    panel.field.returnPressed.emit()
    wait_until(lambda: bool(pages))
    model = panel.model
    key = window.cockpit.customer_file.key
    row = next((r for r in range(model.rowCount())
                if model.hit(model.index(r, 0))["file"]["key"] == key
                and "<mark>" in model.hit(model.index(r, 0))["snippet"]), 0)
    index = model.index(row, 0)
    panel.results.setCurrentIndex(index)
    panel.results.clicked.emit(index)
    viewer = window.cockpit.pane.viewer
    wait_until(lambda: viewer is None or viewer.find_status.text() != "")
    settle(1.5)
    save(window, "search")
    wait_until(lambda: window.navigator.views.count() > 0)
    view = next(v for v in window.navigator.catalogue.views if v["query"].startswith("type:inv"))
    window.cockpit.viewInFile.emit(view)
    wait_until(lambda: len(pages) > 1)
    settle(0.5)
    save(window, "views")


def held_conflict(session: object, customer_file: object, invoice: dict[str, Any]) -> Any:
    """A field conflict on ``invoice`` (checked out here, changed by a colleague), made once
    per run: the engine holds it until the user decides."""
    from sync.api import DEMO_PASSWORD, DEMO_TENANT, Client, CustomerFile, Profile, connect

    assert isinstance(session, Client) and isinstance(customer_file, CustomerFile)
    if not session.conflicts():
        if not session.is_checked_out(customer_file.key):
            session.checkout(customer_file.key)
        checked_out = dataclasses.replace(customer_file, checked_out=True)
        session.update_index(checked_out, invoice, index={"amount": "1190.00"},
                             title=f"{invoice['title']} (corrected)")
        with tempfile.TemporaryDirectory(prefix="dossier-colleague-") as home:
            colleague = connect(Profile(directory=Path(home)), session.url, "maria",
                                DEMO_PASSWORD, DEMO_TENANT, remember=False)
            try:
                colleague.remote.update_document(invoice["id"], {
                    "index": {"amount": "1250.00"},
                    "title": f"{invoice['title']} – reminder sent"}, f'"{invoice["etag"]}"')
            finally:
                colleague.close()
        session.sync()
    return session.conflicts()[0]


if __name__ == "__main__":
    sys.exit(main())
