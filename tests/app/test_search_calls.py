"""The query text the chips edit, the words a hit's viewer looks for, and the snippet shown
as rich text (only the marks become markup)."""

from __future__ import annotations

from app.search.calls import filter_value, highlight_terms, with_filter
from app.search.results import hit_html
from sync.api import SavedView, Snippet


def test_a_chip_replaces_its_filter_and_leaves_the_rest_as_written() -> None:
    query = 'pump  broken type:offer created:"last 14 days"'
    assert with_filter(query, "type", "invoice") == \
        'pump broken created:"last 14 days" type:invoice'
    assert with_filter(query, "created", "last 3 months") == \
        'pump broken type:offer created:"last 3 months"'
    assert with_filter(query, "type", None) == 'pump broken created:"last 14 days"'
    assert with_filter("", "register", "complaints") == "register:complaints"
    assert with_filter("-type:offer pump", "type", "order") == "-type:offer pump type:order"


def test_the_chips_read_their_value_from_the_query() -> None:
    query = 'pump type:invoice created:"last 3 months" subtype:x'
    assert filter_value(query, "type") == "invoice"
    assert filter_value(query, "created") == "last 3 months"
    assert filter_value(query, "register") is None
    assert filter_value("-type:offer", "type") is None  # an exclusion is no chip


def test_the_viewer_looks_for_the_words_not_the_filters_or_exclusions() -> None:
    assert highlight_terms('pump -foo NOT bar type:invoice "exact phrase" pre* OR x') == \
        ["pump", "exact phrase", "pre", "x"]
    assert highlight_terms("type:invoice paid:false") == []
    assert highlight_terms('"unclosed') == []


def test_only_the_marks_of_a_snippet_become_markup() -> None:
    html = hit_html("<Offer> & co",
                    Snippet.from_marked("a &lt;b&gt; <mark>pump</mark> <script>x</script>"))
    assert html.startswith("<b>&lt;Offer&gt; &amp; co</b>")
    assert ">pump</span>" in html
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "a &lt;b&gt;" in html  # escaped once, not twice


def test_names_and_queries_with_tags_show_as_written(qtbot: object) -> None:
    from PySide6.QtCore import QSettings

    from app.cockpit.navigator import Navigator
    from app.infra.settings import UserSettings
    from app.search.calls import SearchPage, ViewCatalogue
    from app.search.panel import SearchPanel, SearchRequest
    from app.search.results import text_tooltip

    view = {"id": "v", "etag": "e", "name": "<b>bold</b>", "query": "<i>x</i>", "owner": "me"}
    navigator = Navigator(UserSettings(QSettings()))
    navigator.show_views(ViewCatalogue(views=[view], user_id="me"))
    assert navigator.views.item(0).text().startswith("<b>bold</b>\n")
    assert navigator.views.item(0).toolTip() == text_tooltip("<i>x</i>")
    assert "&lt;i&gt;x&lt;/i&gt;" in text_tooltip("<i>x</i>")
    panel = SearchPanel()
    panel.request = SearchRequest(view=SavedView.from_json(view))
    panel._show(panel._generation, SearchPage(hits=[], total=0), False)
    assert panel.heading.text() == "View “<b>bold</b>”: Nothing found."
    panel.deleteLater()
    navigator.deleteLater()


def test_a_server_with_search_off_is_named_not_taken_for_a_missing_object() -> None:
    from types import SimpleNamespace

    import pytest

    from app.search.calls import SearchOff, search
    from sync.errors import NotFound

    def search_off(*_args: object, **_options: object) -> None:
        raise NotFound(404, {"code": "search-off", "detail": "search is switched off"})

    session = SimpleNamespace(search_server=search_off, local_replica=lambda: None)
    with pytest.raises(SearchOff):
        search(session, "pump")  # type: ignore[arg-type]
