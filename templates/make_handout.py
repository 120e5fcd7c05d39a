"""Build ``templates/handout.docx``, the docxtpl template of handouts, trainer guides and the handbook.

The template holds the page setup (A4), the Word styles the content uses (Title, Heading 1-3,
List Bullet/Number, Caption, Quote, Intense Quote and the table style ``Tabel Materi``), the
header with the workshop name, the footer with the page number, and a cover page. The content is
filled in by ``builder/render/handouts.py`` as a sub-document (``{{p body }}``).
Run ``python templates/make_handout.py`` after changing this script; the result is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from builder.render.docx.blocks import TABLE_STYLE, set_paragraph_border  # noqa: E402
from builder.render.docx.util import add_field, drop_styles_with_effects, save_reproducibly, set_a4, set_base_font  # noqa: E402

OUT = Path(__file__).resolve().parent / "handout.docx"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # recoloured from the curriculum's branding at render time
DARK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x59, 0x59, 0x59)


def _border(side: str, size: int = 4, color: str = "BFBFBF", space: int = 1) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def _paragraph_border(style, sides: dict[str, tuple[int, str]]) -> None:
    """Replace the paragraph borders of ``style`` (sides: eighths of a point and colour)."""
    set_paragraph_border(style.element.get_or_add_pPr(), sides)


def style_text(document) -> None:
    """Body text, lists, captions and quotes."""
    normal = document.styles["Normal"]
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.font.color.rgb = DARK
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2", "List Bullet 3", "List Number 3"):
        fmt = document.styles[name].paragraph_format
        fmt.space_after = Pt(3)
    caption = document.styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.bold = False
    caption.font.italic = True
    caption.font.color.rgb = GREY
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(10)
    quote = document.styles["Quote"]
    quote.font.italic = True
    quote.font.size = Pt(11.5)
    quote.font.color.rgb = DARK
    quote.paragraph_format.left_indent = Cm(0.8)
    quote.paragraph_format.right_indent = Cm(0.8)
    quote.paragraph_format.space_before = Pt(8)
    quote.paragraph_format.space_after = Pt(2)
    _paragraph_border(quote, {"left": (24, "1F4E79")})
    intense = document.styles["Intense Quote"]
    intense.font.italic = False
    intense.font.bold = False
    intense.font.size = Pt(10.5)
    intense.font.color.rgb = DARK
    intense.paragraph_format.left_indent = Cm(0.3)
    intense.paragraph_format.right_indent = Cm(0.3)
    intense.paragraph_format.space_before = Pt(6)
    intense.paragraph_format.space_after = Pt(10)
    _paragraph_border(intense, {"top": (6, "1F4E79"), "bottom": (6, "1F4E79")})
    hyperlink = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    hyperlink.font.underline = True


def style_headings(document) -> None:
    """Title and Heading 1-3 in the accent colour, kept with the text that follows."""
    title = document.styles["Title"]
    title.font.size = Pt(26)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(12)
    _paragraph_border(title, {"bottom": (18, "1F4E79")})
    specs = {"Heading 1": (16, 18, 6), "Heading 2": (13, 14, 4), "Heading 3": (11.5, 10, 3)}
    for name, (size, before, after) in specs.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT if name != "Heading 3" else DARK
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    _paragraph_border(document.styles["Heading 1"], {"bottom": (6, "1F4E79")})


def style_table(document) -> None:
    """``Tabel Materi``: light grid, roomy cells, bold shaded header row."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    borders = "".join(_border(side, 4, "A6A6A6", 0) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    ))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/></w:tcPr></w:tblStylePr>'
    ))


def build_header_footer(document) -> None:
    """Workshop name in the header, page number in the footer; the cover page has neither."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("{{ header_text }}")
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY
    set_paragraph_border(header._p.get_or_add_pPr(), {"bottom": (4, "A6A6A6")})
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = footer.add_run("{{ footer_text }} · {{ page_label }} ")
    run.font.size = Pt(8.5)
    run.font.color.rgb = GREY
    add_field(footer, "PAGE")
    for run in footer.runs[1:]:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY


def line(document, text: str, size: float, *, bold: bool = False, color=DARK, after: float = 0,
         before: float = 0, style: str | None = None, align=None):
    """Add one paragraph of ``text`` with direct formatting."""
    para = document.add_paragraph(style=style)
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.font.color.rgb = color
    para.paragraph_format.space_after = Pt(after)
    para.paragraph_format.space_before = Pt(before)
    if align is not None:
        para.alignment = align
    return para


def build_cover(document) -> None:
    """The cover: letterhead lines, kind of document, title, subtitle, facts table, note."""
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    first.text = "{%p for org in organizer_lines %}"
    line(document, "{{ org }}", 11, bold=True, color=GREY)
    line(document, "{%p endfor %}", 11)
    line(document, "{{ kicker }}", 12, bold=True, color=ACCENT, before=120, after=6)
    title = document.add_paragraph("{{ title }}", style="Title")
    title.paragraph_format.keep_with_next = True
    line(document, "{%p if subtitle %}", 11)
    line(document, "{{ subtitle }}", 14, color=GREY, after=24)
    line(document, "{%p endif %}", 11)
    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths = (Cm(4.0), Cm(13.0))
    table.rows[0].cells[0].text = "{%tr for row in cover_rows %}"
    for cell, text, width in zip(table.rows[1].cells, ("{{ row.label }}", "{{ row.value }}"), widths):
        cell.width = width
        cell.text = text
        para = cell.paragraphs[0]
        para.paragraph_format.space_after = Pt(4)
        para.runs[0].font.size = Pt(11)
        para.runs[0].bold = text == "{{ row.label }}"
        para.runs[0].font.color.rgb = GREY if text == "{{ row.label }}" else DARK
    table.rows[2].cells[0].text = "{%tr endfor %}"
    for column, width in zip(table.columns, widths):
        column.width = width
    line(document, "{%p if cover_note %}", 11)
    line(document, "{{ cover_note }}", 10, color=GREY, before=36, style="Intense Quote")
    line(document, "{%p endif %}", 11)
    brk = document.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("{{p body }}")


def build() -> Path:
    """Create the template document and save it."""
    document = Document()
    set_a4(document, margins_cm=2.0)
    set_base_font(document, 11)
    style_text(document)
    style_headings(document)
    style_table(document)
    build_header_footer(document)
    build_cover(document)
    document.core_properties.title = ""
    drop_styles_with_effects(document)
    save_reproducibly(document, OUT)
    return OUT


if __name__ == "__main__":
    print(build())
