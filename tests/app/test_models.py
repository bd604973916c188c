"""Sorting, filtering and grouping of the document list (no server needed)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.cockpit.cover import compute_key_figures
from app.cockpit.item_models import (
    Column,
    DocumentFilterProxy,
    DocumentTableModel,
    GroupedDocumentModel,
    GroupMode,
    Roles,
    RowMaker,
)
from sync.api import CustomerFile, DocumentType, FileClass, FileRecord, RegisterNode


def _doc(n: int, doc_type: str, register: str, date: str, title: str,
         **index: Any) -> dict[str, Any]:
    return {"id": f"d{n}", "type": doc_type, "title": title, "registers": [register],
            "index": {"date": date, **index},
            "current_version": {"number": 1, "filename": f"{title}.pdf"}}


@pytest.fixture
def grouped(qapp: Any) -> GroupedDocumentModel:
    file_class = FileClass("customer", "Customer", document_types=(
        DocumentType("invoice", "Invoice"), DocumentType("letter", "Letter")))
    registers = (RegisterNode("r1", "invoices", "Invoices", None, 2),
                 RegisterNode("r2", "correspondence", "Correspondence", None, 2))
    documents = [
        _doc(1, "invoice", "r1", "2026-03-02", "Rechnung 1", amount="900.00", paid=False,
             currency="EUR"),
        _doc(2, "letter", "r2", "2026-01-15", "Anfrage Pumpe"),
        _doc(3, "invoice", "r1", "2026-01-20", "Rechnung 2", amount="1200.50", paid=True),
        _doc(4, "letter", "r2", "2025-12-01", "Angebot Pumpe"),
    ]
    table = DocumentTableModel()
    file = FileRecord("f1", "K-1", "Kunde", "customer", {}, "e1", registers)
    table.set_file(CustomerFile(record=file, file_class=file_class, documents=documents))
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(table)
    return GroupedDocumentModel(proxy)


def _titles(model: GroupedDocumentModel) -> list[str]:
    return [model.index(r, Column.Title).data() for r in range(model.rowCount())]


def test_sort_by_amount_and_date_uses_values_not_text(grouped: GroupedDocumentModel) -> None:
    grouped.sort(Column.Amount, Qt.SortOrder.DescendingOrder)
    assert _titles(grouped)[:2] == ["Rechnung 2", "Rechnung 1"]  # 1200.50 > 900.00
    grouped.sort(Column.Date, Qt.SortOrder.AscendingOrder)
    assert _titles(grouped) == ["Angebot Pumpe", "Anfrage Pumpe", "Rechnung 2", "Rechnung 1"]


def test_filter_matches_every_word_in_title_type_and_index(
        grouped: GroupedDocumentModel) -> None:
    proxy = grouped._proxy
    proxy.set_filter_text("pumpe")
    assert sorted(_titles(grouped)) == ["Anfrage Pumpe", "Angebot Pumpe"]
    proxy.set_filter_text("invoice 900")
    assert _titles(grouped) == ["Rechnung 1"]
    proxy.set_filter_text("")
    proxy.set_register("r1")
    assert sorted(_titles(grouped)) == ["Rechnung 1", "Rechnung 2"]


def test_group_by_type_register_and_month(grouped: GroupedDocumentModel) -> None:
    grouped.sort(Column.Date, Qt.SortOrder.DescendingOrder)
    grouped.set_mode(GroupMode.Type)
    assert grouped.groups() == [("Invoice", 2), ("Letter", 2)]
    first_group = grouped.index(0, 0)
    assert first_group.data() == "Invoice (2)"
    children = [grouped.index(r, Column.Title, first_group).data() for r in range(2)]
    assert children == ["Rechnung 1", "Rechnung 2"]  # the proxy's order within the group
    document = grouped.proxy_index(grouped.index(1, 0, first_group)).data(Roles.Document)
    assert document["id"] == "d3"
    grouped.set_mode(GroupMode.Register)
    assert [name for name, _ in grouped.groups()] == ["Invoices", "Correspondence"]
    grouped.set_mode(GroupMode.Month)
    assert [count for _, count in grouped.groups()] == [1, 2, 1]  # March, January, December
    grouped._proxy.set_filter_text("rechnung")
    assert [count for _, count in grouped.groups()] == [1, 1]
    grouped.set_mode(GroupMode.Nothing)
    assert grouped.rowCount() == 2


def test_key_figures_count_unpaid_invoices(grouped: GroupedDocumentModel) -> None:
    table = grouped._table()
    figures = compute_key_figures(table.documents())
    assert figures.open_invoices == 1
    assert str(figures.open_sum["EUR"]) == "900.00"


def test_the_same_rows_from_the_replica_need_no_reset(grouped: GroupedDocumentModel) -> None:
    proxy = grouped._proxy
    table = proxy.sourceModel()
    assert isinstance(table, DocumentTableModel)
    grouped.sort(Column.Date, Qt.SortOrder.DescendingOrder)
    before = _titles(grouped)
    current = table.customer_file
    assert current is not None
    resets: list[bool] = []
    table.modelReset.connect(lambda: resets.append(True))
    # the file read from the replica: other keys, registers listed in another order
    same = [{**d, "pending": False, "working_path": "/tmp/x", "registers": list(
        reversed(d["registers"]))} for d in current.documents]
    checked_out = CustomerFile(record=current.record, file_class=current.file_class,
                               documents=same, checked_out=True)
    assert table.refresh(checked_out, RowMaker(checked_out).rows())
    assert resets == [] and _titles(grouped) == before
    assert table.customer_file is checked_out
    assert grouped.index(0, 0).data(Roles.Document)["working_path"] == "/tmp/x"
    # a changed title is a change
    renamed = [{**d, "title": d["title"] + " (2)"} for d in same]
    changed = CustomerFile(record=current.record, file_class=current.file_class,
                           documents=renamed, checked_out=True)
    assert not table.refresh(changed, RowMaker(changed).rows())
    assert table.customer_file is checked_out
