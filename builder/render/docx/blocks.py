"""Write rich text and common building blocks into python-docx documents with real Word styles.

Text is set as element text, never spliced into XML, so it is escaped by lxml (``&``, ``<``
and emoji come out literally). Used by the handouts, trainer guides, the handbook and the quizzes;
works on a docxtpl sub-document as well as on a plain ``Document``.

Speed: the hot pieces (runs, paragraphs, table rows) are made once per process with python-docx's
own setters as empty prototypes and then copied (:func:`add_text_run`, :func:`add_paragraph`,
:func:`data_table`), so they give exactly the XML the setters give at a fraction of the cost;
the tests in ``tests/render/docx/test_blocks.py`` hold them to that.

The split of the docx helpers: this module *adds content* (runs, links, lists, headings, tables,
boxes, ruled lines, a table of contents); :mod:`builder.render.docx.util` sets *properties* the
python-docx API lacks (cell shading, row and page-break flags, fields, colours, page setup,
metadata); :mod:`builder.render.docx.content` writes a lesson module with these blocks.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from builder.render.docx.util import (
    field_char, field_instruction, keep_row_together, lighten, repeat_as_header, shade_cell, style_memo,
)
from builder.render.richtext import Block, ListBlock, Span, parse

TEXT_WIDTH_CM = 17.0  # A4 with 2 cm margins
TABLE_STYLE = "Tabel Materi"
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
# What may precede w:numPr in a w:pPr (see CT_PPr): a paragraph properties element holding only these gets
# its numbering appended.
_BEFORE_NUMBERING = frozenset(qn(tag) for tag in (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl"))
_W_VAL = qn("w:val")
_BREAKS = re.compile(r"([\t\r\n])")
_W_T, _W_TAB, _W_BR, _XML_SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
_W_R, _W_P, _SECTION, _TC_PROPERTIES = qn("w:r"), qn("w:p"), qn("w:sectPr"), qn("w:tcPr")
_TC_WIDTH, _SHADING, _W_TYPE, _W_W = f'{qn("w:tcPr")}/{qn("w:tcW")}', qn("w:shd"), qn("w:type"), qn("w:w")


def border_xml(sides: dict[str, tuple[int, str]], tag: str = "w:pBdr") -> str:
    """A border element: ``sides`` maps ``top``/``bottom``/... to (eighths of a point, RRGGBB)."""
    inner = "".join(f'<w:{side} w:val="single" w:sz="{size}" w:space="4" w:color="{colour}"/>'
                    for side, (size, colour) in sides.items())
    return f"<{tag} {nsdecls('w')}>{inner}</{tag}>"


def set_paragraph_border(ppr, sides: dict[str, tuple[int, str]]) -> None:
    """Give a paragraph (or paragraph style) ``w:pPr`` the borders ``sides``, in schema order."""
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    ppr.insert_element_before(parse_xml(border_xml(sides)), *PPR_AFTER_BORDER)


# --- runs and paragraphs ---------------------------------------------------------------------

def add_text_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, code: bool = False,
                 size: float | None = None, colour: str | None = None):
    """Append a run of literal ``text`` (newlines become line breaks)."""
    return Run(append_run(paragraph._p, text, bold=bold, italic=italic, code=code, size=size, colour=colour),
               paragraph)


def append_run(p, text: str, *, bold: bool = False, italic: bool = False, code: bool = False,
               size: float | None = None, colour: str | None = None):
    """:func:`add_text_run` on a ``w:p`` element; returns the new ``w:r``."""
    r = deepcopy(_run_prototype(bold, italic, code, size, colour))
    append_text(r, text)
    p.append(r)
    return r


def append_plain_run(p, text: str):
    """Append a run without run properties, as ``paragraph.add_run(text)`` does; returns the ``w:r``."""
    r = etree.SubElement(p, _W_R)
    append_text(r, text)
    return r


def set_cell_text(tc, text: str, *, bold: bool = False):
    """Replace a ``w:tc``'s content by one paragraph holding ``text``, as ``cell.text = text`` does.

    With ``bold`` the run is bold, as after ``cell.paragraphs[0].runs[0].bold = True``.
    """
    for child in tc:
        if child.tag != _TC_PROPERTIES:
            tc.remove(child)
    p = etree.SubElement(tc, _W_P)
    return append_run(p, text, bold=True) if bold else append_plain_run(p, text)


def add_paragraph(container, style: str | None = None, **formats):
    """``container.add_paragraph(style=style)``, then ``paragraph_format.<name> = value`` for each of
    ``formats`` in order; built as a copy of a prototype made once per process for these settings.

    ``container`` is a document, a docxtpl sub-document or a table cell.
    """
    style_id = container.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH) if style is not None else None
    key = (style is not None, style_id, tuple((name, type(value), value) for name, value in formats.items()))
    p = deepcopy(_paragraph_prototype(key))
    parent = _blocks_element(container)
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == _SECTION:
        last.addprevious(p)
    else:
        parent.append(p)
    return Paragraph(p, container)


@lru_cache(maxsize=None)
def _paragraph_prototype(key: tuple):
    """An empty ``w:p`` with a style id and paragraph formats (see :func:`add_paragraph`)."""
    has_style, style_id, formats = key
    paragraph = Paragraph(OxmlElement("w:p"), None)
    if has_style:
        paragraph._p.style = style_id
    for name, _type, value in formats:
        setattr(paragraph.paragraph_format, name, value)
    return paragraph._p


def _blocks_element(container):
    """The element that holds a container's paragraphs: a document's ``w:body`` or the cell's ``w:tc``."""
    body = getattr(container, "_body", None)
    return (body if body is not None else container)._element


@lru_cache(maxsize=None)
def _run_prototype(bold: bool, italic: bool, code: bool, size: float | None, colour: str | None):
    """An empty ``w:r`` with the run properties :func:`add_text_run` gives, made once per process and copied."""
    run = Run(OxmlElement("w:r"), None)
    run.bold = bold or None
    run.italic = italic or None
    if code:
        run.font.name = "Liberation Mono"
        run.font.size = Pt(size or 9.5)
    elif size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run._r


def append_text(r, text: str) -> None:
    """Append ``text`` to the ``w:r`` element as python-docx's ``run.text`` does: tabs and line breaks as elements."""
    for piece in _BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(r, _W_TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(r, _W_BR)
        elif piece:
            t = etree.SubElement(r, _W_T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")


def add_hyperlink(paragraph, url: str, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """Append an external hyperlink showing ``text``."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = paragraph.add_run(text, style="Hyperlink" if _has_style(paragraph.part, "Hyperlink") else None)
    run.bold = bold or None
    run.italic = italic or None
    if not _has_style(paragraph.part, "Hyperlink"):
        run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        run.font.underline = True
    link.append(run._r)
    paragraph._p.append(link)


def _has_style(part, name: str) -> bool:
    """True when the document of ``part`` defines the style ``name`` (remembered with its style lookups)."""
    memo = style_memo(part)
    key = ("defined", name)
    if key not in memo:
        try:
            part.styles[name]
        except KeyError:
            memo[key] = False
        else:
            memo[key] = True
    return memo[key]


def add_spans(paragraph, spans: tuple[Span, ...], *, size: float | None = None, show_urls: bool = True) -> None:
    """Append formatted spans to ``paragraph``; links become hyperlinks (with the address when it differs)."""
    index = 0
    while index < len(spans):
        span = spans[index]
        if not span.href:
            add_text_run(paragraph, span.text, bold=span.bold, italic=span.italic, code=span.code, size=size)
            index += 1
            continue
        label_spans = []
        while index < len(spans) and spans[index].href == span.href:
            label_spans.append(spans[index])
            index += 1
        label = "".join(s.text for s in label_spans)
        add_hyperlink(paragraph, span.href, label, bold=label_spans[0].bold, italic=label_spans[0].italic)
        if show_urls and label.strip() != span.href and span.href.startswith(("http://", "https://")):
            add_text_run(paragraph, f" ({span.href})", size=size or 9, colour="595959")


# --- numbering -------------------------------------------------------------------------------

def restart_numbering(document, style_name: str, start: int = 1) -> int:
    """A new numbering instance for the list style ``style_name`` that starts at ``start``; returns its id."""
    style_num = _style_num_id(document, style_name)
    if style_num is None:
        return 0
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _style_num_id(document, style_name: str) -> int | None:
    """The numbering id the list style ``style_name`` refers to (None: none), remembered with the style lookups."""
    memo = style_memo(document.part)
    key = ("numId", style_name)
    if key not in memo:
        style = document.styles[style_name]
        num_pr = style.element.pPr.find(qn("w:numPr")) if style.element.pPr is not None else None
        memo[key] = None if num_pr is None else int(num_pr.find(qn("w:numId")).get(qn("w:val")))
    return memo[key]


def set_num(paragraph, num_id: int) -> None:
    """Attach ``paragraph`` to the numbering instance ``num_id`` at level 0."""
    if not num_id:
        return
    ppr = paragraph._p.pPr
    if ppr is not None and all(child.tag in _BEFORE_NUMBERING for child in ppr):  # w:numPr goes last
        numbering = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", str(num_id))):
            etree.SubElement(numbering, qn(tag)).set(_W_VAL, value)
        ppr.append(numbering)
        return
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


# --- rich text -------------------------------------------------------------------------------

def add_rich(document, text: str | None, *, style: str | None = None, heading_base: int = 3,
             size: float | None = None, container=None) -> int:
    """Add the rich ``text`` as paragraphs and lists; return how many paragraphs were added.

    ``container`` (a table cell) receives the paragraphs instead of ``document``;
    ``document`` is still needed for styles and numbering.
    """
    return add_blocks(document, parse(text), style=style, heading_base=heading_base, size=size,
                      container=container)


def add_blocks(document, blocks: tuple[Block, ...], *, style: str | None = None, heading_base: int = 3,
               size: float | None = None, container=None, level: int = 1) -> int:
    """Add parsed blocks; Markdown headings become ``Heading <heading_base>`` and below."""
    target = container if container is not None else document
    count = 0
    for block in blocks:
        if isinstance(block, ListBlock):
            count += _add_list(document, block, style, size, target, level)
            continue
        para_style = style
        if block.heading:
            para_style = f"Heading {min(heading_base + block.heading - 1, 3)}"
        elif block.quote:
            para_style = "Quote"
        paragraph = add_paragraph(target, para_style)
        add_spans(paragraph, block.spans, size=size)
        count += 1
    return count


def _add_list(document, block: ListBlock, style: str | None, size: float | None, target, level: int) -> int:
    """Add a bullet or numbered list (restarting its numbering), nested lists one level deeper."""
    level = min(level, 3)
    base = "List Number" if block.ordered else "List Bullet"
    list_style = base if level == 1 else f"{base} {level}"
    num_id = restart_numbering(document, list_style, block.start) if block.ordered else 0
    count = 0
    for item in block.items:
        first = True
        for child in item:
            if isinstance(child, ListBlock):
                count += _add_list(document, child, style, size, target, level + 1)
                continue
            if first:
                paragraph = add_paragraph(target, list_style)
                set_num(paragraph, num_id)
                first = False
            else:
                paragraph = add_paragraph(target, style, left_indent=Cm(0.63 * level))
            add_spans(paragraph, child.spans, size=size)
            count += 1
    return count


def add_literal(target, text: str, *, style: str | None = None, size: float | None = None,
                italic: bool = False) -> None:
    """Add plain ``text`` as is: blank lines separate paragraphs, single newlines become line breaks."""
    chunks = [chunk.strip("\n") for chunk in text.replace("\r\n", "\n").split("\n\n")]
    for chunk in chunks or [""]:
        if not chunk.strip():
            continue
        paragraph = add_paragraph(target, style)
        add_text_run(paragraph, chunk, size=size, italic=italic)


def page_break(document) -> None:
    """Start a new page: a one-point empty paragraph that begins the page.

    Unlike a break character, it never leaves a blank page when the page before is already full.
    """
    add_paragraph(document, page_break_before=True, space_before=Pt(0), space_after=Pt(0), line_spacing=Pt(1))


def heading(document, text: str, level: int, bookmark: tuple[str, int] | None = None):
    """Add a heading (Word style ``Heading <level>``) with literal ``text``; ``bookmark`` is (name, id)."""
    paragraph = add_paragraph(document, f"Heading {level}")
    if text:
        append_plain_run(paragraph._p, text)
    if bookmark:
        add_bookmark(paragraph, *bookmark)
    return paragraph


# --- tables ----------------------------------------------------------------------------------

def column_widths(rows: list[list[str]], total_cm: float = TEXT_WIDTH_CM, minimum_cm: float = 2.2) -> list[float]:
    """Share ``total_cm`` between columns by the length of their longest words and texts."""
    columns = len(rows[0])
    weights = []
    for index in range(columns):
        cells = [row[index] for row in rows]
        longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
        longest_cell = max((len(cell) for cell in cells), default=1)
        weights.append(max(min(longest_word, 25) * 1.5, min(longest_cell, 60) ** 0.75 * 2))
    total = sum(weights)
    widths = [max(minimum_cm, total_cm * w / total) for w in weights]
    scale = total_cm / sum(widths)
    return [w * scale for w in widths]


def set_widths(table, widths_cm: list[float]) -> None:
    """Fix the width of every column and cell (Word and LibreOffice read different places).

    The table must have no merged cells: every row's n-th cell is in the n-th column.
    """
    table.autofit = False
    set_column_widths(table, [Cm(width) for width in widths_cm])


def set_column_widths(table, lengths: list) -> None:
    """``column.width = length``, then ``cell.width = length`` for each of its cells, in one pass over the rows.

    The table must have no merged cells: every row's n-th cell is in the n-th column.
    """
    for column, length in zip(table.columns, lengths):
        column.width = length
    twips = [str(Emu(length).twips) for length in lengths]
    for tr in table._tbl.tr_lst:
        for tc, length, text in zip(tr.tc_lst, lengths, twips):
            tc_width = tc.find(_TC_WIDTH)
            if tc_width is not None and tc_width.get(_W_TYPE) == "dxa":
                tc_width.set(_W_W, text)  # what ``cell.width = length`` writes into an existing w:tcW
            else:
                tc.width = length


def data_table(document, columns: list[str], rows: list[list[str]], accent: str, *,
               widths: list[float] | None = None, bold_first_column: bool = False, size: float = 10):
    """A table in the style ``Tabel Materi``: header row shaded and repeated on every page."""
    table = document.add_table(rows=1, cols=len(columns))
    if _has_style(document.part, TABLE_STYLE):
        table.style = TABLE_STYLE
    else:  # pragma: no cover - a user template without the table style
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, columns):
        paragraph = cell.paragraphs[0]
        tight(paragraph)
        add_text_run(paragraph, text, bold=True, size=size, colour="FFFFFF")
        shade_cell(cell, accent)
    repeat_as_header(table.rows[0])
    plain_row, shaded_row = _row_prototype(table, None), _row_prototype(table, lighten(accent, 0.9))
    for number, values in enumerate(rows):
        tr = deepcopy(shaded_row if number % 2 == 1 else plain_row)
        table._tbl.append(tr)
        for index, (tc, text) in enumerate(zip(tr.tc_lst, values)):
            append_run(tc.p_lst[0], str(text), bold=bold_first_column and index == 0, size=size)
        for tc in tr.tc_lst[len(values):]:
            _unformat_cell(tc)
    set_widths(table, widths or column_widths([list(columns), *[[str(v) for v in r] for r in rows]]))
    return table


def _unformat_cell(tc) -> None:
    """Drop the prototype's paragraph spacing and shading from a cell a short row leaves without a value."""
    tc.replace(tc.p_lst[0], OxmlElement("w:p"))
    for shading in tc.tcPr.findall(_SHADING):
        tc.tcPr.remove(shading)


def _row_prototype(table, fill: str | None):
    """An empty data row of ``table`` (kept together, tight paragraphs, shaded with ``fill``), not attached.

    A row depends only on the widths of the table's grid columns and ``fill``: it is made once per
    process for each of them and shared, so callers copy it and never change it.
    """
    key = (tuple(column.w for column in table._tbl.tblGrid.gridCol_lst), fill)
    row = _ROW_PROTOTYPES.get(key)
    if row is None:
        row = _ROW_PROTOTYPES[key] = _new_row_prototype(table, fill)
    return row


_ROW_PROTOTYPES: dict[tuple, object] = {}


def _new_row_prototype(table, fill: str | None):
    """Make the row of :func:`_row_prototype` with python-docx (added to the table, then taken off)."""
    row = table.add_row()
    keep_row_together(row)
    for cell in row.cells:
        tight(cell.paragraphs[0])
        if fill:
            shade_cell(cell, fill)
    table._tbl.remove(row._tr)
    return row._tr


def tight(paragraph, after: float = 1) -> None:
    """Single line spacing and almost no space after (for table cells)."""
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = 1.0


def no_header_look(table) -> None:
    """Tell Word and LibreOffice that the table style's header-row formatting does not apply."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    look.set(qn("w:val"), "0000")
    for name in ("w:firstRow", "w:lastRow", "w:firstColumn", "w:lastColumn", "w:noHBand", "w:noVBand"):
        look.set(qn(name), "1" if name in ("w:noHBand", "w:noVBand") else "0")


def spacer(document, points: float = 6) -> None:
    """A small vertical gap (an empty paragraph of exactly ``points`` height)."""
    add_paragraph(document, space_before=Pt(0), space_after=Pt(0), line_spacing=Pt(points))


def box(document, accent: str, *, fill: str | None = None, width_cm: float = TEXT_WIDTH_CM):
    """A one-cell framed box; returns the cell (its first paragraph is empty and reusable)."""
    table = document.add_table(rows=1, cols=1)
    if _has_style(document.part, TABLE_STYLE):
        table.style = TABLE_STYLE
    no_header_look(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = table.rows[0].cells[0]
    set_widths(table, [width_cm])
    borders = parse_xml(border_xml({s: (8, accent) for s in ("top", "left", "bottom", "right")}, "w:tcBorders"))
    cell._tc.get_or_add_tcPr().append(borders)
    if fill:
        shade_cell(cell, fill)
    return cell


def first_paragraph(cell):
    """The cell's first paragraph when it is still empty, else a new one."""
    paragraph = cell.paragraphs[0]
    if not paragraph.runs and not paragraph.text:
        return paragraph
    return cell.add_paragraph()


def ruled_lines(document, count: int, height_cm: float = 0.9, colour: str = "A6A6A6") -> None:
    """``count`` empty ruled lines to write on (a borderless table with a rule under each row)."""
    if count <= 0:
        return
    table = document.add_table(rows=count, cols=1)
    set_widths(table, [TEXT_WIDTH_CM])
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}><w:top w:val="nil"/><w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{colour}"/><w:right w:val="nil"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{colour}"/><w:insideV w:val="nil"/></w:tblBorders>'
    ))
    rows = list(table.rows)
    for index in sorted({0, count - 1}):  # the writing space stays in one piece (no stray lines on the next page)
        _rule_row(rows[index], height_cm, keep_with_next=index < count - 1)
    for row in rows[1:-1]:  # the lines between are copies of the first
        table._tbl.replace(row._tr, deepcopy(rows[0]._tr))


def _rule_row(row, height_cm: float, keep_with_next: bool) -> None:
    """One ruled line: fixed height, never split, no space after; kept with the next line unless it is the last."""
    row.height = Cm(height_cm)
    keep_row_together(row)
    paragraph = row.cells[0].paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


# --- fields ----------------------------------------------------------------------------------

def add_toc(document, entries: list[tuple[int, str, str]], levels: str = "1-1", wrap: bool = False) -> None:
    """A table-of-contents field; its shown result lists ``entries`` (level, text, bookmark).

    Every entry ends with a PAGEREF field to the heading's bookmark (see :func:`heading`), so
    LibreOffice and Word print real page numbers even before the TOC itself is refreshed.
    """
    paragraph = None
    for number, (level, title, bookmark) in enumerate(entries):
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_after = Pt(4)
        fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if number == 0 and wrap:
            field_char(paragraph, "begin", dirty=True)
            field_instruction(paragraph, f'TOC \\o "{levels}" \\h \\z \\u')
            field_char(paragraph, "separate")
        add_text_run(paragraph, title, bold=level == 1)
        paragraph.add_run("\t")
        field_char(paragraph, "begin")
        field_instruction(paragraph, f"PAGEREF {bookmark} \\h")
        field_char(paragraph, "separate")
        paragraph.add_run("1")
        field_char(paragraph, "end")
    if paragraph is not None and wrap:
        field_char(paragraph, "end")


def add_bookmark(paragraph, name: str, number: int) -> None:
    """Wrap the paragraph's content in a bookmark called ``name``."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)
