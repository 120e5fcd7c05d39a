"""Small python-docx helpers for things its API lacks: shading, header rows, fields, fixed metadata."""

from __future__ import annotations

import datetime as dt

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito


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


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a Word field (e.g. ``PAGE`` or ``NUMPAGES``) to ``paragraph``."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


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


def colour(hex_value: str) -> RGBColor:
    """Convert ``#1F4E79`` to an RGBColor."""
    return RGBColor.from_string(hex_value.lstrip("#").upper())


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
