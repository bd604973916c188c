"""Word documents: python-docx reads the structure, which becomes HTML laid out as pages.

Covered: headings and title, paragraph alignment, run formatting (bold, italic, underline,
strike, size, colour, highlight), bulleted and numbered lists, tables (with column spans and
nested tables), inline images, page breaks, the first section's page size, margins, header
and footer, and the core properties as metadata.
"""

from __future__ import annotations

import html
import io
from typing import Any

from docx.enum.style import WD_STYLE_TYPE

from ._guard import translate_errors
from ._layout import PageSetup, layout_html
from ._mupdf import fitz
from ._zipguard import check_zip
from .document import Document
from .limits import Deadline, Limits
from .sniff import MediaType, sniff_media_type

__all__ = ["open_docx"]

_EMU_PER_PT = 12700
_ALIGN = {0: "left", 1: "center", 2: "right", 3: "justify"}
_HIGHLIGHT = {"YELLOW": "#ffff00", "GREEN": "#00ff00", "CYAN": "#00ffff", "PINK": "#ff00ff"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_BLIP = ".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EXTENT = ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"


def open_docx(data: bytes, *, deadline: Deadline, limits: Limits) -> Document:
    check_zip(data, limits, MediaType.DOCX)
    with translate_errors("read DOCX", MediaType.DOCX):
        import docx

        word = docx.Document(io.BytesIO(data))
        converter = _Converter(word, deadline)
        sections = converter.sections()
        setup = converter.page_setup()
        metadata = _metadata(word)
    with translate_errors("lay out DOCX", MediaType.DOCX):
        pages = layout_html(
            sections, setup=setup, archive=converter.archive, deadline=deadline, limits=limits
        )
    return Document(
        pages,
        media_type=MediaType.DOCX,
        engine="python-docx+Any",
        metadata=metadata,
        limits=limits,
    )


def _metadata(word: Any) -> dict[str, str]:
    props = word.core_properties
    found = {
        "format": "Word document (DOCX)",
        "title": props.title,
        "author": props.author,
        "subject": props.subject,
        "keywords": props.keywords,
        "creationDate": props.created.isoformat() if props.created else "",
        "modDate": props.modified.isoformat() if props.modified else "",
        "lastModifiedBy": props.last_modified_by,
    }
    return {k: str(v) for k, v in found.items() if v}


class _Converter:
    def __init__(self, word: Any, deadline: Deadline) -> None:
        self.word = word
        self.deadline = deadline
        self.archive = fitz.Archive()
        self._images = 0
        self._list: tuple[str, int] | None = None
        self._numbering = _numbering_formats(word)
        self._body_width = 483.0
        # python-docx's `paragraph.style` scans all styles on every call; index them once
        self._styles = {style.style_id: style for style in word.styles}
        self._default_style = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._alignments: dict[str, Any] = {}

    def _style(self, paragraph: Any) -> Any:
        style_id = paragraph._p.style
        return self._styles.get(style_id, self._default_style) if style_id else self._default_style

    def _style_name(self, paragraph: Any) -> str:
        style = self._style(paragraph)
        return str(style.name) if style is not None and style.name else "Normal"

    def _style_alignment(self, paragraph: Any) -> Any:
        style = self._style(paragraph)
        if style is None:
            return None
        if style.style_id not in self._alignments:
            self._alignments[style.style_id] = style.paragraph_format.alignment
        return self._alignments[style.style_id]

    # -- document level ----------------------------------------------------------------

    def page_setup(self) -> PageSetup:
        if not self.word.sections:
            return PageSetup()
        section = self.word.sections[0]

        def pt(length: Any, default: float, low: float, high: float) -> float:
            value = float(length.pt) if length is not None else default
            return min(max(value, low), high)

        width = pt(section.page_width, 595.0, 144.0, 3000.0)
        height = pt(section.page_height, 842.0, 144.0, 3000.0)
        header = self._plain_block(section.header)
        footer = self._plain_block(section.footer)
        return PageSetup(
            width=width,
            height=height,
            top=pt(section.top_margin, 72.0, 18.0, height / 3),
            bottom=pt(section.bottom_margin, 72.0, 18.0, height / 3),
            left=pt(section.left_margin, 72.0, 18.0, width / 3),
            right=pt(section.right_margin, 72.0, 18.0, width / 3),
            header_html=f'<div class="header">{header}</div>' if header else "",
            footer_html=f'<div class="footer">{footer}</div>' if footer else "",
        )

    def _plain_block(self, part: Any) -> str:
        if part.is_linked_to_previous:
            return ""
        lines = [self._paragraph_html(p, in_list=False) for p in part.paragraphs if p.text]
        return "".join(lines)

    def sections(self) -> list[str]:
        setup = self.page_setup()
        self._body_width = setup.width - setup.left - setup.right
        pages: list[list[str]] = [[]]
        for block in self.word.iter_inner_content():
            self.deadline.check()
            if block.__class__.__name__ == "Table":
                pages[-1].append(self._close_list() + self._table_html(block, depth=0))
                continue
            pages[-1].append(self._block_html(block))
            if _has_page_break(block):
                pages[-1].append(self._close_list())
                pages.append([])
        pages[-1].append(self._close_list())
        return ["".join(parts) for parts in pages]

    # -- paragraphs --------------------------------------------------------------------

    def _block_html(self, paragraph: Any) -> str:
        kind_level = self._list_kind(paragraph)
        prefix = ""
        if kind_level != self._list:
            prefix = self._close_list()
            if kind_level is not None:
                kind, level = kind_level
                prefix += f'<{kind} style="margin-left: {level * 18}pt">'
            self._list = kind_level
        return prefix + self._paragraph_html(paragraph, in_list=kind_level is not None)

    def _close_list(self) -> str:
        if self._list is None:
            return ""
        kind = self._list[0]
        self._list = None
        return f"</{kind}>"

    def _list_kind(self, paragraph: Any) -> tuple[str, int] | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        style = self._style_name(paragraph)
        if num_pr is not None and num_pr.numId is not None:
            num_id = num_pr.numId.val
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            fmt = self._numbering.get((num_id, level), "decimal")
            return ("ul" if fmt == "bullet" else "ol", int(level))
        if style.startswith("List Bullet"):
            return ("ul", 0)
        if style.startswith("List Number"):
            return ("ol", 0)
        return None

    def _paragraph_html(self, paragraph: Any, *, in_list: bool, in_cell: bool = False) -> str:
        style = self._style_name(paragraph)
        tag = "li" if in_list else "p" if in_cell else _heading_tag(style)
        css = []
        alignment = paragraph.alignment
        if alignment is None:
            alignment = self._style_alignment(paragraph)
        if alignment is not None and int(alignment) in _ALIGN:
            css.append(f"text-align: {_ALIGN[int(alignment)]}")
        if style == "Quote" or style == "Intense Quote":
            css.append("font-style: italic; margin-left: 24pt")
        content = "".join(self._inline_html(item) for item in paragraph.iter_inner_content())
        if not content.strip():
            content = "&#160;"
        attr = f' style="{"; ".join(css)}"' if css else ""
        return f"<{tag}{attr}>{content}</{tag}>"

    def _inline_html(self, item: Any) -> str:
        if item.__class__.__name__ == "Hyperlink":
            inner = "".join(self._run_html(run) for run in item.runs)
            return f'<span style="color: #1a4fa0; text-decoration: underline">{inner}</span>'
        return self._run_html(item)

    def _run_html(self, run: Any) -> str:
        parts = [self._image_html(blip) for blip in run._r.iterfind(_BLIP)]
        text = run.text
        if text:
            escaped = html.escape(text).replace("\t", "&#160;" * 4).replace("\n", "<br/>")
            css = _run_css(run)
            parts.append(f'<span style="{css}">{escaped}</span>' if css else escaped)
        return "".join(parts)

    def _image_html(self, blip: Any) -> str:
        rel_id = blip.get(_R_EMBED)
        part = self.word.part.related_parts.get(rel_id) if rel_id else None
        blob = getattr(part, "blob", None)
        if not isinstance(blob, bytes):
            return ""
        kind = sniff_media_type(blob)
        if not kind.startswith("image/") or kind == MediaType.SVG:
            return ""
        self._images += 1
        name = f"image-{self._images}.{kind.split('/')[1]}"
        self.archive.add((blob, name))
        size = ""
        extent = _extent(blip)
        if extent is not None:
            width, height = extent
            if width > self._body_width:
                height, width = height * self._body_width / width, self._body_width
            size = f' style="width: {width:.0f}pt; height: {height:.0f}pt"'
        return f'<img src="{name}"{size}/>'

    # -- tables ------------------------------------------------------------------------

    def _table_html(self, table: Any, *, depth: int) -> str:
        if depth > 5:
            return ""
        grid = _grid_widths(table)
        available = self._body_width * 0.95 ** (depth + 1) - 12.0 * len(grid)  # minus padding
        if sum(grid) > available > 0:
            grid = [width * available / sum(grid) for width in grid]
        rows = []
        for row in table._tbl.tr_lst:
            self.deadline.check()
            cells = []
            column = 0
            for tc in row.tc_lst:
                span = tc.grid_span if tc.grid_span and tc.grid_span > 1 else 1
                attr = f' colspan="{span}"' if span > 1 else ""
                width = sum(grid[column : column + span])
                if width > 0:
                    attr += f' style="width: {width:.0f}pt"'
                column += span
                cells.append(f"<td{attr}>{self._cell_html(tc, table, depth)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return f"<table>{''.join(rows)}</table>"

    def _cell_html(self, tc: Any, table: Any, depth: int) -> str:
        from docx.table import _Cell

        cell = _Cell(tc, table)
        parts = []
        for block in cell.iter_inner_content():
            if block.__class__.__name__ == "Table":
                parts.append(self._table_html(block, depth=depth + 1))
            else:
                parts.append(self._paragraph_html(block, in_list=False, in_cell=True))
        return "".join(parts)


def _heading_tag(style: str) -> str:
    if style == "Title":
        return "h1"
    if style == "Subtitle":
        return "h3"
    if style.startswith("Heading "):
        level = style.removeprefix("Heading ").strip()
        if level.isdigit():
            return f"h{min(max(int(level), 1), 6)}"
    return "p"


def _run_css(run: Any) -> str:
    css = []
    if run.bold:
        css.append("font-weight: bold")
    if run.italic:
        css.append("font-style: italic")
    decorations = []
    if run.underline:
        decorations.append("underline")
    if run.font.strike:
        decorations.append("line-through")
    if decorations:
        css.append(f"text-decoration: {' '.join(decorations)}")
    size = run.font.size
    if size is not None and 4 <= size.pt <= 96:
        css.append(f"font-size: {size.pt:.1f}pt")
    color = run.font.color
    if color is not None and color.type is not None and color.rgb is not None:
        css.append(f"color: #{color.rgb}")
    highlight = run.font.highlight_color
    if highlight is not None and highlight.name in _HIGHLIGHT:
        css.append(f"background-color: {_HIGHLIGHT[highlight.name]}")
    return "; ".join(css)


def _has_page_break(paragraph: Any) -> bool:
    return any(br.get(f"{_W}type") == "page" for br in paragraph._p.iterfind(f".//{_W}br"))


def _extent(blip: Any) -> tuple[float, float] | None:
    node = blip
    for _ in range(8):  # climb to the drawing's inline/anchor element
        node = node.getparent()
        if node is None:
            return None
        extent = node.find(_EXTENT)
        if extent is not None:
            try:
                cx = int(extent.get("cx", "0")) / _EMU_PER_PT
                cy = int(extent.get("cy", "0")) / _EMU_PER_PT
            except ValueError:
                return None
            return (cx, cy) if 0 < cx < 5000 and 0 < cy < 5000 else None
    return None


def _numbering_formats(word: Any) -> dict[tuple[int, int], str]:
    """(numId, level) -> number format ("bullet", "decimal", ...) from the numbering part."""
    try:
        numbering = word.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract_formats: dict[str, dict[int, str]] = {}
    for abstract in numbering.iterfind(f"{_W}abstractNum"):
        levels = {}
        for lvl in abstract.iterfind(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            ilvl = lvl.get(f"{_W}ilvl", "0")
            if fmt is not None and ilvl.isdigit():
                levels[int(ilvl)] = fmt.get(f"{_W}val", "decimal")
        abstract_formats[abstract.get(f"{_W}abstractNumId", "")] = levels
    result: dict[tuple[int, int], str] = {}
    for num in numbering.iterfind(f"{_W}num"):
        num_id = num.get(f"{_W}numId", "")
        ref = num.find(f"{_W}abstractNumId")
        if ref is None or not num_id.isdigit():
            continue
        for level, fmt in abstract_formats.get(ref.get(f"{_W}val", ""), {}).items():
            result[(int(num_id), level)] = fmt
    return result


def _grid_widths(table: Any) -> list[float]:
    """Column widths in points from the table grid (`w:tblGrid`), 0 where unknown."""
    grid = table._tbl.tblGrid
    if grid is None:
        return []
    widths = []
    for column in grid.gridCol_lst:
        width = column.w
        widths.append(float(width.pt) if width is not None and 0 < width.pt < 2000 else 0.0)
    return widths
