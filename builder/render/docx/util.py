"""Small python-docx helpers for things its API lacks: shading, header rows, fields, fixed metadata."""

from __future__ import annotations

import datetime as dt
import os

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.document import Document as DocumentObject
from docx.parts.document import DocumentPart
from docx.section import Section
from docx.shared import Cm, Emu, Inches, Pt
from lxml import etree

BODY_FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
# Qualified tag names of the hot loops below (qn() splits and looks up on every call)
_B = qn("w:b")
_CANT_SPLIT = qn("w:cantSplit")
_KEEP_NEXT = qn("w:keepNext")
_P = qn("w:p")
_P_PR = qn("w:pPr")
_P_STYLE = qn("w:pStyle")
_R = qn("w:r")
_R_PR = qn("w:rPr")
_SECT_PR = qn("w:sectPr")
_SPACING = qn("w:spacing")
_T = qn("w:t")
_TBL = qn("w:tbl")
_TBL_HEADER = qn("w:tblHeader")
_TBL_PR_EX = qn("w:tblPrEx")
_TR = qn("w:tr")
_TR_PR = qn("w:trPr")
_VAL = qn("w:val")
_ANY_DRAWING = f".//{qn('w:drawing')}"


def _cached_style_id(self, style_or_name, style_type):
    """``DocumentPart.get_style_id`` with the answer for a style *name* remembered per document.

    python-docx finds a named style by an XPath scan of every style in the template on each
    ``paragraph.style = ...`` or ``add_paragraph(style=...)``; the builders never add, rename or
    remove styles nor change a default style, so a name's id cannot change during a render.
    Style objects and unknown names (which raise) go through the original lookup every time; ``None``
    (no style) gives None, as the original does, without touching the styles.
    """
    if style_or_name is None:  # what python-docx answers, without parsing the styles part
        self._styles_part  # noqa: B018 - python-docx adds a styles part to a document without one here
        return None
    if not isinstance(style_or_name, str):
        return _ORIGINAL_GET_STYLE_ID(self, style_or_name, style_type)
    cache = style_memo(self)
    key = (style_or_name, style_type)
    if key not in cache:
        cache[key] = _ORIGINAL_GET_STYLE_ID(self, style_or_name, style_type)
    return cache[key]


def style_memo(part) -> dict:
    """The memo of style lookups of a document part (see :func:`share_style_memo`)."""
    return part.__dict__.setdefault("_workshop_style_ids", {})


def share_style_memo(part, template) -> None:
    """Give a document part opened from the file ``template`` the style memo of every other document
    opened from that file (unchanged) in this process: they hold the same style names, ids and defaults."""
    stat = os.stat(template)
    key = (os.fspath(template), stat.st_mtime_ns, stat.st_size)
    part.__dict__["_workshop_style_ids"] = _TEMPLATE_STYLE_MEMOS.setdefault(key, {})


_TEMPLATE_STYLE_MEMOS: dict[tuple, dict] = {}


def _install_style_cache() -> None:
    """Put the cached style lookup on python-docx's document part (once per process)."""
    global _ORIGINAL_GET_STYLE_ID
    if getattr(DocumentPart.get_style_id, "__name__", "") != "_cached_style_id":
        _ORIGINAL_GET_STYLE_ID = DocumentPart.get_style_id
        DocumentPart.get_style_id = _cached_style_id


_ORIGINAL_GET_STYLE_ID = DocumentPart.get_style_id
_install_style_cache()


def _body_block_width(self):
    """``Document._block_width`` (the text width a new table gets) read from the body's own section
    properties when they close the body, as they do in every document the builders write.

    python-docx finds the last section by an XPath over every paragraph of the body on each
    ``add_table``; the body's ``w:sectPr``, when it is the body's last child, is that last section.
    """
    body = self._element.body
    last = body[-1] if body is not None and len(body) else None
    if last is None or last.tag != _SECT_PR:
        return _ORIGINAL_BLOCK_WIDTH.fget(self)
    section = Section(last, self._part)
    page_width = section.page_width or Inches(8.5)
    left_margin = section.left_margin or Inches(1)
    right_margin = section.right_margin or Inches(1)
    return Emu(page_width - left_margin - right_margin)


def _install_block_width() -> None:
    """Put :func:`_body_block_width` on python-docx's document (once per process)."""
    global _ORIGINAL_BLOCK_WIDTH
    current = DocumentObject._block_width
    if getattr(current.fget, "__name__", "") != "_body_block_width":
        _ORIGINAL_BLOCK_WIDTH = current
        DocumentObject._block_width = property(_body_block_width)


_ORIGINAL_BLOCK_WIDTH = DocumentObject._block_width
_install_block_width()


def shade_cell(cell, hex_fill: str) -> None:
    """Fill a table cell with a solid colour given as ``RRGGBB``."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_fill.lstrip("#"))
    properties.append(shading)


def repeat_as_header(row) -> None:
    """Mark a table row as a header row that repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def keep_row_together(row) -> None:
    """Prevent a table row from breaking across pages."""
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def hold_together(document, caption_chars: int = 200, whole_tables: bool = False) -> None:
    """Make every table print well: no row splits across pages, header rows repeat and stay with the
    first data row, and a short paragraph right before a table (its caption or lead-in) stays with it.

    A header row is a first row whose text is all bold, in a table of three rows or more. With
    ``whole_tables`` every row keeps with the next, so a table that fits on a page is never split.
    """
    body = document.element.body
    for table in body.iter(_TBL):
        rows = table.findall(_TR)
        for row in rows:
            properties = row.find(_TR_PR)
            if properties is None:
                properties = OxmlElement("w:trPr")
                row.insert(1 if row.find(_TBL_PR_EX) is not None else 0, properties)
            if properties.find(_CANT_SPLIT) is None:
                properties.append(_on("w:cantSplit"))
        if len(rows) >= 3 and _all_bold(rows[0]):
            properties = rows[0].find(_TR_PR)
            if properties.find(_TBL_HEADER) is None:
                properties.append(_on("w:tblHeader"))
            for paragraph in rows[0].iter(_P):
                _keep_next(paragraph)
        if len(rows) >= 4:  # no single last row alone on a page: it goes over with the row before it
            for paragraph in rows[-2].iter(_P):
                _keep_next(paragraph)
        if whole_tables:
            for row in rows[:-1]:
                for paragraph in row.iter(_P):
                    _keep_next(paragraph)
        previous = table.getprevious()
        if previous is not None and previous.tag == _P:
            text = "".join(t.text or "" for t in previous.iter(_T))
            if text.strip() and len(text) <= caption_chars:
                _keep_next(previous)


def keep_table_whole(table) -> None:
    """Keep every row of a python-docx table with the next, so a table that fits on a page is not split."""
    for row in table._tbl.findall(_TR)[:-1]:
        for paragraph in row.iter(_P):
            _keep_next(paragraph)


def shrink_tail(document) -> None:
    """Make the document's last paragraph one point high when it is empty (adding one after a final
    table, which Word and LibreOffice would add anyway), so a full last page never spills onto a new one."""
    body = document.element.body
    last = next((child for child in body.iterchildren(reversed=True) if child.tag != _SECT_PR), None)
    if last is None:
        return
    if last.tag == _TBL:
        paragraph = OxmlElement("w:p")
        last.addnext(paragraph)
        last = paragraph
    if last.tag != _P or "".join(t.text or "" for t in last.iter(_T)).strip() \
            or last.find(_ANY_DRAWING) is not None:
        return
    properties = last.find(_P_PR)
    if properties is None:
        properties = OxmlElement("w:pPr")
        last.insert(0, properties)
    for old in properties.findall(_SPACING):
        properties.remove(old)
    spacing = OxmlElement("w:spacing")
    for name, value in (("w:before", "0"), ("w:after", "0"), ("w:line", "20"), ("w:lineRule", "exact")):
        spacing.set(qn(name), value)
    properties.append(spacing)


def keep_headings(document, follow_chars: int = 160) -> None:
    """Keep each heading, and the short line right under it (a meta line, a lead-in), with what follows."""
    for paragraph in _HEADING_PARAGRAPHS(document.element.body):
        _keep_next(paragraph)
        following = paragraph.getnext()
        if following is not None and following.tag == _P:
            text = "".join(t.text or "" for t in following.iter(_T))
            if text.strip() and len(text) <= follow_chars:
                _keep_next(following)


# Paragraphs whose style (the first w:pPr/w:pStyle, as ElementPath's find gives it) starts with Heading,
# Judul or Title, in document order.
_HEADING_PARAGRAPHS = etree.XPath(
    ".//w:p[(w:pPr/w:pStyle)[1][starts-with(@w:val, 'Heading') or starts-with(@w:val, 'Judul')"
    " or starts-with(@w:val, 'Title')]]", namespaces={"w": nsmap["w"]})


def _on(tag: str):
    """A ``<tag w:val="true"/>`` element."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _all_bold(row) -> bool:
    """True when every run with text in ``row`` is bold."""
    runs = [r for r in row.iter(_R) if "".join(t.text or "" for t in r.iter(_T)).strip()]
    return bool(runs) and all(
        (r.find(_R_PR) is not None and r.find(_R_PR).find(_B) is not None
         and r.find(_R_PR).find(_B).get(_VAL, "true") not in ("0", "false"))
        for r in runs)


def _keep_next(paragraph) -> None:
    """Set keep-with-next on a ``w:p`` element."""
    properties = paragraph.find(_P_PR)
    if properties is None:
        properties = OxmlElement("w:pPr")
        paragraph.insert(0, properties)
    if properties.find(_KEEP_NEXT) is None:
        keep = OxmlElement("w:keepNext")
        style = properties.find(_P_STYLE)
        if style is not None:
            style.addnext(keep)
        else:
            properties.insert(0, keep)


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a Word field (e.g. ``PAGE`` or ``NUMPAGES``) to ``paragraph``."""
    field_char(paragraph, "begin")
    field_instruction(paragraph, instruction)
    field_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    field_char(paragraph, "end")


def field_char(paragraph, kind: str, dirty: bool = False) -> None:
    """Append a ``w:fldChar`` of ``kind`` (begin, separate, end) in its own run."""
    run = paragraph.add_run()._r
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)


def field_instruction(paragraph, instruction: str) -> None:
    """Append a field instruction run (``PAGE``, ``TOC ...``, ``PAGEREF ...``)."""
    run = paragraph.add_run()._r
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)


def lighten(hex_colour: str, amount: float = 0.85) -> str:
    """Mix a ``RRGGBB`` colour with white; ``amount`` 1.0 gives white."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)


def set_a4(document, landscape: bool = False, margins_cm: float = 2.0) -> None:
    """Set every section to A4 with even margins."""
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margins_cm))
        section.header_distance = Cm(1.0)
        section.footer_distance = Cm(1.0)


def set_base_font(document, size_pt: float = 11, name: str = BODY_FONT) -> None:
    """Set the Normal style's font, including the East Asian and complex-script slots."""
    style = document.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size_pt)
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for heading in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        if heading in [s.name for s in document.styles]:
            document.styles[heading].font.name = name


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def drop_styles_with_effects(document) -> None:
    """Take Word 2010's ``word/stylesWithEffects.xml`` (its relationship, and so its part and content type) out of ``document``.

    python-docx's default template carries this 438 KB copy of the styles, which Word 2013 and later
    and LibreOffice never read; the bundled templates are saved without it.
    """
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document.part.drop_rel(rid)


def save_reproducibly(document, path, stamp: str = "2019-01-01T00:00:00Z") -> None:
    """Save a python-docx document to ``path`` with fixed dates, so rebuilding gives the same bytes."""
    import io

    from builder.write.output import fix_core_dates

    document.core_properties.created = dt.datetime(2019, 1, 1)
    document.core_properties.modified = dt.datetime(2019, 1, 1)
    document.core_properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    with open(path, "wb") as handle:
        handle.write(fix_core_dates(buffer.getvalue(), stamp))


def fix_metadata(document, title: str, author: str, when: dt.date) -> None:
    """Set core properties from the sources so that rebuilding gives identical files."""
    stamp = dt.datetime(when.year, when.month, when.day, 0, 0, 0)
    core = document.core_properties
    core.title = title
    core.author = author
    core.last_modified_by = author
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    core.comments = ""
