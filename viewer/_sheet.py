"""Spreadsheets: XLSX (openpyxl, read-only) and CSV shown as a grid, sheet by sheet."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ._guard import translate_errors
from ._layout import BASE_CSS, PageSetup, layout_html
from ._text import decode_text
from ._zipguard import check_zip
from .document import Document
from .limits import Deadline, Limits
from .sniff import MediaType

__all__ = ["open_csv", "open_xlsx"]

_MAX_COLUMNS = 60
_LANDSCAPE = PageSetup(width=842.0, height=595.0, top=36, bottom=36, left=30, right=30)
_GRID_CSS = (
    BASE_CSS
    + """
table.grid td, table.grid th { font-size: 7.5pt; padding: 1pt 3pt; }
table.grid th { text-align: center; color: #333; }
table.grid td.n { text-align: right; }
.truncated { color: #a00; font-size: 8pt; }
"""
)


def open_xlsx(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    check_zip(data, limits, MediaType.XLSX)
    with translate_errors("read XLSX", MediaType.XLSX):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            budget = [limits.max_sheet_cells]
            sections = [
                _sheet_html(str(sheet.title), sheet.iter_rows(values_only=True), budget, deadline)
                for sheet in book.worksheets
            ]
            props = book.properties
            metadata = {
                "format": "Excel workbook (XLSX)",
                "title": str(props.title or ""),
                "author": str(props.creator or ""),
                "sheets": str(len(sections)),
            }
        finally:
            book.close()
    return _grid_document(sections, MediaType.XLSX, "openpyxl+pymupdf.Story", metadata,
                          deadline=deadline, limits=limits)  # fmt: skip


def open_csv(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    with translate_errors("read CSV", MediaType.CSV):
        text, encoding = decode_text(data, limits)
        sample = text[:20_000]
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        rows = csv.reader(io.StringIO(text.replace("\x00", "")), dialect)
        sections = [_sheet_html("", rows, [limits.max_sheet_cells], deadline)]
    metadata = {"format": "CSV", "encoding": encoding}
    return _grid_document(sections, MediaType.CSV, "csv+pymupdf.Story", metadata,
                          deadline=deadline, limits=limits)  # fmt: skip


def _grid_document(
    sections: list[str],
    media_type: str,
    engine: str,
    metadata: dict[str, str],
    *,
    deadline: Deadline,
    limits: Limits,
) -> Document:
    with translate_errors("lay out grid", media_type):
        pages = layout_html(
            sections, setup=_LANDSCAPE, css=_GRID_CSS, deadline=deadline, limits=limits
        )
    return Document(pages, media_type=media_type, engine=engine, metadata=metadata, limits=limits)


def _sheet_html(
    title: str, rows: Iterable[Sequence[Any]], budget: list[int], deadline: Deadline
) -> str:
    """One sheet as an HTML table with column letters and row numbers.

    `budget` holds the cells still allowed over all sheets; reading stops when it runs out.
    """
    body: list[list[str]] = []
    width = 0
    truncated = False
    for number, row in enumerate(rows, start=1):
        if number % 200 == 0:
            deadline.check()
        cells = [_cell_text(value) for value in row[:_MAX_COLUMNS]]
        truncated = truncated or len(row) > _MAX_COLUMNS
        budget[0] -= max(len(cells), 1)
        if budget[0] < 0:
            truncated = True
            break
        body.append(cells)
    while body and not any(body[-1]):
        body.pop()
    for cells in body:
        while len(cells) > width and not cells[-1]:
            cells.pop()
        width = max(width, len(cells))
    head = "".join(f"<th>{_column_letter(i)}</th>" for i in range(width))
    lines = [f"<tr><th></th>{head}</tr>"]
    for number, cells in enumerate(body, start=1):
        tds = "".join(_td(cells[i] if i < len(cells) else "") for i in range(width))
        lines.append(f"<tr><th>{number}</th>{tds}</tr>")
    heading = f"<h3>{html.escape(title)}</h3>" if title else ""
    note = '<p class="truncated">[… truncated]</p>' if truncated else ""
    return f'{heading}<table class="grid">{"".join(lines)}</table>{note}'


def _td(text: str) -> str:
    numeric = text[:1].isdigit() or (text[:1] == "-" and text[1:2].isdigit())
    return f'<td class="n">{html.escape(text)}</td>' if numeric else f"<td>{html.escape(text)}</td>"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)[:1000]


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
