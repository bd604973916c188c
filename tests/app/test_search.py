"""Search and views in the main window, against a real embedded server with search on:
Ctrl+K, hits with snippets, chips, grouping, a bad query, opening a hit in the viewer, the
department views, a view in the open file, saving, renaming and deleting a view."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.search.calls import SearchPage
from app.search.results import HitColumn, HitRoles
from app.shell.main_window import MainWindow
from sync.api import SearchHit

from .conftest import WAIT

pytestmark = pytest.mark.slow  # a server of its own, its index built first


def signed_in(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT)
    session = window.session
    assert session is not None
    # the index catches up with the demo data in the background: wait until it has
    qtbot.waitUntil(lambda: session.remote.search("type:invoice", limit=1).total > 0,
                    timeout=60_000)
    qtbot.waitUntil(lambda: window.navigator.views.count() >= 3, timeout=WAIT)
    return window


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> SearchPage:
    panel = window.search.panel
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.field.setText(text)
    panel.field.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    return pages[-1]


def hit_rows(window: MainWindow) -> list[SearchHit]:
    model = window.search.panel.model
    out = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        hit = model.data(index, HitRoles.Hit)
        if hit is not None:
            out.append(hit)
        for child in range(model.rowCount(index)):
            out.append(model.data(model.index(child, 0, index), HitRoles.Hit))
    return out


def test_ctrl_k_reaches_the_search_field_from_anywhere(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    signed_in(qtbot, window)
    window.activateWindow()
    window.navigator.search.setFocus()
    window.search.panel.field.setText("old words")
    qtbot.keyClick(window.navigator.search, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.panel.field,
                    timeout=WAIT)
    assert window.search.panel.field.selectedText() == "old words"
    assert window.search.focus_action.shortcut().toString() == "Ctrl+K"


def test_a_query_shows_hits_with_snippet_file_type_and_date(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    signed_in(qtbot, window)
    page = search_for(qtbot, window, "invoice")
    assert page.total > 0 and not page.from_replica
    panel = window.search.panel
    assert window.search.dock.isVisible()
    first = panel.model.index(0, HitColumn.Document)
    html = panel.model.data(first, HitRoles.Html)
    assert "<b>" in html and "background-color" in html  # the marked word stands out
    assert panel.model.data(panel.model.index(0, HitColumn.File)).startswith("K-1000")
    assert panel.model.data(panel.model.index(0, HitColumn.Type))
    assert panel.model.data(panel.model.index(0, HitColumn.Date))
    assert "found" in panel.heading.text()
    assert not window.search.replica_note.isVisible()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # on to the hits with the keyboard
    assert panel.results.hasFocus() and panel.results.currentIndex().row() == 0


def test_chips_narrow_the_query_and_grouping_groups(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    search_for(qtbot, window, "K-10002")
    panel = window.search.panel
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.set_filter("type", "invoice")
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    assert panel.field.text() == "K-10002 type:invoice"
    assert panel.chips.type_chip.isChecked() and "Invoice" in panel.chips.type_chip.text()
    hits = hit_rows(window)
    assert hits and all(h.document.type == "invoice" for h in hits)
    panel.set_filter("created", "last 12 months")
    qtbot.waitUntil(lambda: len(pages) == 2, timeout=WAIT)
    assert panel.field.text() == 'K-10002 type:invoice created:"last 12 months"'
    assert panel.chips.date_chip.isChecked()
    panel.set_filter("type", None)  # "Any type"
    qtbot.waitUntil(lambda: len(pages) == 3, timeout=WAIT)
    assert panel.field.text() == 'K-10002 created:"last 12 months"'
    assert not panel.chips.type_chip.isChecked()
    panel.group_by.setCurrentIndex(panel.group_by.findData("type"))
    panel.group_by.activated.emit(panel.group_by.currentIndex())
    qtbot.waitUntil(lambda: len(pages) == 4, timeout=WAIT)
    model = panel.model
    group = model.index(0, 0)
    assert model.data(group, HitRoles.Hit) is None and "(" in model.data(group)
    assert model.rowCount(group) > 0


def test_a_bad_query_shows_where_it_went_wrong(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    panel = window.search.panel
    failures: list[str] = []
    panel.failed.connect(failures.append)
    panel.field.setText('type:"invoice')
    panel.field.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    assert panel.message.isVisible()
    assert "position 6" in panel.message.text() and "closing quote" in panel.message.text()
    assert panel.field.selectionStart() == 5  # the place is marked in the field
    search_for(qtbot, window, "qqqzzzxxyy")
    assert not panel.message.isVisible()
    assert panel.heading.text() == "Nothing found."


def test_opening_a_hit_shows_it_in_the_viewer_with_the_word_found(
        qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    search_for(qtbot, window, "qqqzzz OR invoice K-10002")  # the first word is in no text
    panel = window.search.panel
    index = panel.model.index(0, HitColumn.Document)
    hit = panel.model.data(index, HitRoles.Hit)
    panel.results.clicked.emit(index)
    cockpit = window.cockpit
    qtbot.waitUntil(lambda: cockpit.pane.document is not None
                    and cockpit.pane.document["id"] == hit.document.id, timeout=WAIT)
    assert cockpit.customer_file is not None
    assert cockpit.customer_file.file["id"] == hit.file.id
    viewer = cockpit.pane.viewer
    assert viewer is not None
    qtbot.waitUntil(lambda: bool(viewer.canvas.hits), timeout=WAIT)  # a word found
    assert viewer.find_field.text() in ("invoice", "K-10002")  # not the word in no text
    assert viewer.find_bar.isVisibleTo(viewer)


def test_department_views_are_listed_and_run(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    views = window.navigator.views
    names = [views.item(i).text() for i in range(views.count())]
    assert any(n.startswith("Unpaid invoices") for n in names)
    assert "Offers and orders, last 3 months\nmine, shared with sales" in names
    row = next(i for i, n in enumerate(names) if n.startswith("Unpaid invoices"))
    pages: list[SearchPage] = []
    window.search.panel.pageShown.connect(pages.append)
    views.itemClicked.emit(views.item(row))
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    hits = hit_rows(window)
    assert hits and all(h.document.type == "invoice"
                        and h.document.index["paid"] is False for h in hits)
    assert "Unpaid invoices" in window.search.panel.heading.text()
    assert window.search.panel.field.text() == "type:invoice paid:false"


def test_a_view_restricted_to_the_open_file(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    session = window.session
    assert session is not None
    view = session.remote.create_view("All invoices", "type:invoice")  # in every file
    window.search.reload_views()
    file = session.remote.file_by_key("K-10002")
    window.cockpit.open_file(file.id)
    qtbot.waitUntil(lambda: window.cockpit.customer_file is not None, timeout=WAIT)
    menu = window.cockpit.views.menu()
    qtbot.waitUntil(lambda: len(menu.actions()) == 4, timeout=WAIT)
    action = next(a for a in menu.actions() if a.text() == "All invoices")
    pages: list[SearchPage] = []
    window.search.panel.pageShown.connect(pages.append)
    action.trigger()  # one click in the file's header
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    hits = hit_rows(window)
    assert hits and all(h.file.key == "K-10002" for h in hits)
    assert "Only in K-10002" in window.search.panel.heading.text()
    everywhere = session.remote.view_results(view.id)
    assert everywhere.total > len(hits)
    session.remote.delete_view(view.id)
    window.search.reload_views()


def test_save_rename_and_delete_a_view(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    search_for(qtbot, window, "delivery")
    dialog = window.search.save_as_view(window.search.panel.field.text())
    assert dialog.query.text() == "delivery"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.problem.isVisible() and dialog.isVisible()  # a view needs a name
    dialog.name.setText("My deliveries")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    views = window.navigator.views
    qtbot.waitUntil(lambda: any(views.item(i).text() == "My deliveries\nmine"
                                for i in range(views.count())), timeout=WAIT)
    assert not dialog.isVisible()
    view = next(views.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(views.count())
                if views.item(i).text() == "My deliveries\nmine")
    menu = window.navigator.view_menu(view, file_open=False)
    assert [a.text() for a in menu.actions() if a.text()] == \
        ["Show", "Show in the open file", "Edit…", "Delete…"]
    edit = window.search.edit_view(view)
    edit.name.setText("Deliveries")
    edit.query.setText('delivery "')  # a bad query is refused with its place
    edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: edit.problem.isVisible(), timeout=WAIT)
    assert "position 10" in edit.problem.text()
    edit.query.setText("delivery")
    edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: any(views.item(i).text() == "Deliveries\nmine"
                                for i in range(views.count())), timeout=WAIT)
    # the view as listed now: its ETag is the renamed one's (the old one is a 412)
    view = next(views.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(views.count())
                if views.item(i).text() == "Deliveries\nmine")
    window.search.confirm_delete = lambda _view: True  # type: ignore[method-assign]
    window.navigator.viewDelete.emit(view)
    qtbot.waitUntil(lambda: views.count() == 3, timeout=WAIT)


def test_hits_under_groups_open_too(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    panel = window.search.panel
    panel.group_by.setCurrentIndex(panel.group_by.findData("file"))
    search_for(qtbot, window, "order")
    model = panel.model
    group = model.index(0, 0)
    child = model.index(0, 0, group)
    assert model.parent(child) == group and model.parent(group) == QModelIndex()
    hit = model.data(child, HitRoles.Hit)
    assert hit is not None
    assert model.data(group).startswith(hit.file.key)


def test_views_of_a_department_are_marked_and_not_editable(qtbot: QtBot) -> None:
    from PySide6.QtCore import QSettings

    from app.cockpit.navigator import Navigator
    from app.infra.settings import UserSettings
    from app.search.calls import ViewCatalogue

    navigator = Navigator(UserSettings(QSettings()))
    qtbot.addWidget(navigator)
    theirs = {"id": "v1", "name": "Unpaid invoices", "query": "type:invoice paid:false",
              "shared_with": "unit:finance", "owner": "someone-else"}
    navigator.show_views(ViewCatalogue(views=[theirs], user_id="me", units=["finance"]))
    assert navigator.views.item(0).text() == "Unpaid invoices\nfrom finance"
    assert "type:invoice paid:false" in navigator.views.item(0).toolTip()
    menu = navigator.view_menu(theirs, file_open=True)
    assert [a.text() for a in menu.actions()] == ["Show", "Show in the open file"]


def test_more_results_and_a_search_in_the_open_file(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    panel = window.search.panel
    panel.page_size = 5
    page = search_for(qtbot, window, "delivery")
    assert page.total > 10 and panel.more.isVisible()
    assert panel.heading.text() == f"{page.total} documents found, 5 shown."
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.more.click()
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    assert panel.model.hit_count == 10
    assert len({h.document.id for h in hit_rows(window)}) == 10
    assert not panel.file_chip.isEnabled()  # no file open
    session = window.session
    assert session is not None
    window.cockpit.open_file(session.remote.file_by_key("K-10003").id)
    qtbot.waitUntil(lambda: panel.file_chip.isEnabled(), timeout=WAIT)
    assert panel.file_chip.text() == "Only in K-10003" and not panel.file_chip.isChecked()
    panel.file_chip.click()
    qtbot.waitUntil(lambda: len(pages) == 2, timeout=WAIT)
    assert panel.file_chip.isChecked()
    assert hit_rows(window) and all(h.file.key == "K-10003" for h in hit_rows(window))
    assert pages[-1].total < page.total
    panel.file_chip.click()  # everywhere again
    qtbot.waitUntil(lambda: len(pages) == 3, timeout=WAIT)
    assert pages[-1].total == page.total


def test_the_search_stays_when_the_language_changes(qtbot: QtBot, server: Any,
                                                    tmp_path: Any) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from app.infra.i18n import install_translator
    from app.infra.workers import pending_tasks
    from app.shell.window_host import WindowHost
    from sync.api import DEMO_PASSWORD, DEMO_TENANT, DEMO_USER, connect
    from sync.profile import Profile

    install_translator("en")
    host = WindowHost(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    host.window.show()
    profile = Profile(directory=tmp_path / "profile")
    host.window.begin(lambda: connect(profile, server.url, DEMO_USER, DEMO_PASSWORD,
                                      DEMO_TENANT, remember=False))
    try:
        old = signed_in(qtbot, host.window)
        search_for(qtbot, old, "delivery")
        total = old.search.panel.model.total
        german = next(a for a in old.menuBar().findChildren(QAction) if a.text() == "Deutsch")
        german.trigger()
        qtbot.waitUntil(lambda: host.window is not old, timeout=WAIT)
        panel = host.window.search.panel
        qtbot.waitUntil(lambda: panel.model.total == total, timeout=WAIT)
        assert panel.field.text() == "delivery"
        assert panel.heading.text().startswith(f"{total} Dokumente gefunden")
        assert host.window.search.dock.isVisible()
    finally:
        qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
        host.window.close()
        if host.window.session is not None:
            host.window.session.close()
        host.window.deleteLater()
        install_translator("en")


def test_the_date_header_sorts_like_the_document_list(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window)
    search_for(qtbot, window, "delivery")
    panel = window.search.panel
    pages: list[SearchPage] = []
    panel.pageShown.connect(pages.append)
    panel.results.header().sectionClicked.emit(HitColumn.Date)
    qtbot.waitUntil(lambda: bool(pages), timeout=WAIT)
    assert panel.sort.currentData() == "-created"
    created = [h.document.created_at for h in hit_rows(window)]
    assert created == sorted(created, reverse=True)
    panel.results.header().sectionClicked.emit(HitColumn.Date)
    qtbot.waitUntil(lambda: len(pages) == 2, timeout=WAIT)
    created = [h.document.created_at for h in hit_rows(window)]
    assert panel.sort.currentData() == "created" and created == sorted(created)


def test_a_view_saved_for_a_unit_is_listed_as_shared(qtbot: QtBot, window: MainWindow) -> None:
    import dataclasses

    signed_in(qtbot, window)
    navigator = window.navigator
    navigator.catalogue = dataclasses.replace(navigator.catalogue, units=["sales"])  # a member
    dialog = window.search.save_as_view("type:order")
    assert [dialog.shared.itemText(i) for i in range(dialog.shared.count())] == \
        ["Only me", "Everyone in sales"]
    dialog.name.setText("Orders for sales")
    dialog.shared.setCurrentIndex(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    views = navigator.views
    qtbot.waitUntil(lambda: any(views.item(i).text() == "Orders for sales\nmine, shared with "
                                "sales" for i in range(views.count())), timeout=WAIT)
    view = next(v for v in navigator.catalogue.views if v["name"] == "Orders for sales")
    assert view["shared_with"] == "unit:sales"
    session = window.session
    assert session is not None
    session.remote.delete_view(view["id"])
