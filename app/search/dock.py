"""Search and views in the main window: the search field in its own toolbar (Ctrl+K from
anywhere), the hits in a dock below, views in the navigator and in the open file's header,
"Save as view…", and a hit opened in the viewer with the query's words found.

The navigator and the file's header list views as the server's JSON (``ViewCatalogue``);
what they hand back here becomes a ``SavedView`` again at once."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QToolBar

from sync.api import Client, CustomerFile, FileSummary, SavedView, SearchHit

from ..cockpit.cockpit import Cockpit
from ..cockpit.navigator import Navigator
from ..infra.workers import connectivity, describe_error, run_task, show_error
from .calls import (
    BadQuery,
    SearchPage,
    ViewCatalogue,
    ViewsNeedServer,
    create_view,
    delete_view,
    highlight_terms,
    load_views,
    update_view,
)
from .panel import SearchPanel
from .view_dialog import ViewDialog

__all__ = ["SearchDock"]

log = logging.getLogger(__name__)


class SearchDock(QObject):
    """Owns the search panel and its dock; wires it to the navigator and the cockpit."""

    def __init__(self, window: QMainWindow, navigator: Navigator, cockpit: Cockpit) -> None:
        super().__init__(window)
        self.window = window
        self.navigator = navigator
        self.cockpit = cockpit
        self._session: Client | None = None
        self._highlight: tuple[str, list[str]] | None = None  # (document id, words to find)
        self._finding: list[str] = []  # words still to try when the last one was not found
        self._sized = False
        self.panel = SearchPanel()
        self.dock = QDockWidget(self.tr("Search results"), window)
        self.dock.setObjectName("search-results")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.toolbar = QToolBar(self.tr("Search"))
        self.toolbar.setObjectName("search")
        self.toolbar.addWidget(self.panel.field)
        window.addToolBar(self.toolbar)
        self.focus_action = QAction(self.tr("Search documents"), window)
        self.focus_action.setShortcut(QKeySequence("Ctrl+K"))
        self.focus_action.triggered.connect(self.focus)
        window.addAction(self.focus_action)
        self.dock.addAction(self.focus_action)  # also when the dock floats
        self.replica_note = QLabel(self.tr("Results from the checked-out files only (offline)"))
        self.replica_note.setStyleSheet("color: #8a5a00;")
        self.replica_note.hide()
        window.statusBar().addPermanentWidget(self.replica_note)
        self.panel.field.returnPressed.connect(self.show_dock)
        self.panel.pageShown.connect(self._page_shown)
        self.panel.failed.connect(lambda _text: self.show_dock())
        self.panel.hitOpened.connect(self.open_hit)
        self.panel.saveAsView.connect(self.save_as_view)
        navigator.viewChosen.connect(self._view_chosen)
        navigator.viewEdit.connect(self.edit_view)
        navigator.viewDelete.connect(self.delete_view)
        cockpit.viewInFile.connect(lambda view: self._view_chosen(view, True))
        cockpit.pane.previewReady.connect(self._preview_ready)
        if cockpit.pane.viewer is not None:
            cockpit.pane.viewer.searchFinished.connect(self._find_next_word)
        self.panel.field.setEnabled(False)

    def attach(self, session: Client) -> None:
        self._session = session
        self.panel.attach(session)
        self.panel.field.setEnabled(True)
        self.reload_views()

    def focus(self) -> None:
        """Ctrl+K: to the search field, its text selected."""
        self.toolbar.show()
        self.panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.field.selectAll()

    def show_dock(self) -> None:
        """The results below the file; the first time a third of the window high."""
        if self.dock.isHidden():
            self.dock.show()
            if not self._sized:
                self._sized = True
                self.window.resizeDocks([self.dock], [max(260, self.window.height() // 3)],
                                        Qt.Orientation.Vertical)
        self.dock.raise_()

    def file_loaded(self, customer_file: CustomerFile) -> None:
        self.navigator.file_open = True
        self.panel.set_open_file(_summary(customer_file))
        self.cockpit.set_views(self.navigator.catalogue.views)

    def _page_shown(self, page: SearchPage) -> None:
        self.show_dock()
        self.replica_note.setVisible(page.from_replica)
        if page.from_replica and not self.panel.offline:
            connectivity().offline.emit()  # found out by this search: the window follows

    # opening a hit --------------------------------------------------------------------------

    def open_hit(self, hit: SearchHit, query: str) -> None:
        """Open the hit's file with the document in the viewer, the first of the query's
        words (or phrases) that its text holds found in it."""
        doc_id = hit.document.id
        file_id = hit.file.id or hit.document.file_id
        terms = highlight_terms(query)
        self._highlight = (doc_id, terms) if terms else None
        shown = self.cockpit.pane.document
        self.cockpit.open_document(file_id, doc_id)
        if shown is not None and shown["id"] == doc_id:
            self._preview_ready(doc_id)  # already in the viewer: no new preview comes

    def _preview_ready(self, doc_id: str) -> None:
        if self._highlight is None or self._highlight[0] != doc_id:
            return
        self._finding = list(self._highlight[1])
        self._highlight = None
        viewer = self.cockpit.pane.viewer
        if viewer is not None:
            viewer.show_find_bar()
            self._find_next_word(0)

    def _find_next_word(self, found: int) -> None:
        """The query's words in turn until the viewer finds one (a word may have matched the
        title or an index value, not the text)."""
        viewer = self.cockpit.pane.viewer
        if viewer is None or found or not self._finding:
            self._finding = []
            return
        viewer.find_text(self._finding.pop(0))

    # views ----------------------------------------------------------------------------------

    def reload_views(self) -> None:
        session = self._session
        if session is None:
            return
        run_task(lambda: load_views(session), on_done=self._show_views,
                 on_error=self._views_failed)

    def _show_views(self, catalogue: ViewCatalogue) -> None:
        self.navigator.show_views(catalogue)
        self.cockpit.set_views(catalogue.views)

    def _views_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ViewsNeedServer):
            self.navigator.views_unavailable()
        else:
            log.info("views unavailable: %r", exc)

    def _view_chosen(self, view: dict[str, Any], only_open_file: bool) -> None:
        customer_file = self.cockpit.customer_file
        file = None
        if only_open_file and customer_file is not None:
            file = _summary(customer_file)
        self.panel.show_view(SavedView.from_json(view), file)
        self.show_dock()

    def save_as_view(self, query: str) -> ViewDialog:
        """The dialog that saves ``query`` as a view (private or for one of the user's
        units)."""
        dialog = ViewDialog(query, self.navigator.catalogue.units, parent=self.window)
        dialog.submitted.connect(lambda values: self._save(dialog, None, values))
        dialog.open()
        return dialog

    def edit_view(self, view: dict[str, Any]) -> ViewDialog:
        """The dialog that changes an own view (as the navigator lists it)."""
        saved = SavedView.from_json(view)
        dialog = ViewDialog("", self.navigator.catalogue.units, saved, self.window)
        dialog.submitted.connect(lambda values: self._save(dialog, saved, values))
        dialog.open()
        return dialog

    def _save(self, dialog: ViewDialog, view: SavedView | None,
              values: dict[str, Any]) -> None:
        session = self._session
        if session is None:
            return
        if view is None:
            def call() -> SavedView:
                return create_view(session, values["name"], values["query"],
                                   shared_with=values["shared_with"])
        else:
            now = {"name": view.name, "query": view.query, "shared_with": view.shared_with}
            changes = {k: v for k, v in values.items() if v != now.get(k)}

            def call() -> SavedView:
                return update_view(session, view, changes)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, BadQuery):
                dialog.show_problem(self.tr("The query cannot be understood at position %1: "
                                            "expected %2.")
                                    .replace("%1", str((exc.position or 0) + 1))
                                    .replace("%2", exc.expected))
            elif isinstance(exc, ViewsNeedServer):
                dialog.show_problem(self.tr("Views are kept on the server, which cannot be "
                                            "reached now. Try again when you are online."))
            else:
                dialog.show_problem(describe_error(exc))

        def saved(_view: SavedView) -> None:
            dialog.accept()
            self.window.statusBar().showMessage(
                self.tr("View “%1” saved.").replace("%1", values["name"]), 5000)
            self.reload_views()

        run_task(call, on_done=saved, on_error=failed, mutation=True)

    def confirm_delete(self, view: SavedView) -> bool:
        """Ask before deleting (a hook tests replace)."""
        return QMessageBox.question(
            self.window, self.tr("Delete view"),
            self.tr("Delete the view “%1”? The documents stay as they are.")
            .replace("%1", view.name)) == QMessageBox.StandardButton.Yes

    def delete_view(self, view: dict[str, Any]) -> None:
        """Delete an own view (as the navigator lists it), once the user confirms."""
        session = self._session
        saved = SavedView.from_json(view)
        if session is None or not self.confirm_delete(saved):
            return
        run_task(lambda: delete_view(session, saved),
                 on_done=lambda _none: self.reload_views(),
                 on_error=lambda exc: show_error(exc, self.window), mutation=True)


def _summary(customer_file: CustomerFile) -> FileSummary:
    """The open file as a search is restricted to it."""
    file = customer_file.file
    return FileSummary(id=str(file["id"]), key=str(file["key"]), title=str(file.get("title", "")))
