"""Build ``templates/certificate.docx``, the docxtpl template of the training certificate.

Run ``python templates/make_certificate.py`` after changing this script; the result is committed.
A4 landscape, a double border in the accent colour, the Indonesian certificate layout
(kop, SERTIFIKAT, number, "diberikan kepada", name, NIP, jabatan/instansi, role, event, JP,
place and date, signer) and an optional second page with the programme and JP per module.
Per-person fields live under ``p.`` and the QR code is ``{{ qr }}``; the renderer fills the
workshop fields once and the per-person fields for each certificate.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from builder.render.docx.util import drop_styles_with_effects, save_reproducibly, set_a4, set_base_font, shade_cell  # noqa: E402

OUT = Path(__file__).resolve().parent / "certificate.docx"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
SERIF = "Cambria"  # in every Word; LibreOffice shows the metric-compatible Caladea
DARK = RGBColor(0x1F, 0x1F, 0x1F)


def para(container, text: str = "", *, size: float = 12, bold: bool = False, italic: bool = False,
         font: str | None = None, align=CENTER, before: float = 0, after: float = 2, spacing: float | None = None,
         colour: RGBColor | None = None, caps: bool = False):
    """Add a centred paragraph with one formatted run."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.font.all_caps = caps
    if font:
        run.font.name = font
    if colour is not None:
        run.font.color.rgb = colour
    if spacing is not None:
        spacing_element = OxmlElement("w:spacing")
        spacing_element.set(qn("w:val"), str(int(spacing * 20)))
        run._r.get_or_add_rPr().append(spacing_element)
    return paragraph


def page_border(section, colour_tag: str = "{{ accent }}") -> None:
    """A double page border in the accent colour, measured from the page edge."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "thinThickSmallGap")
        element.set(qn("w:sz"), "24")
        element.set(qn("w:space"), "24")
        element.set(qn("w:color"), colour_tag)
        borders.append(element)
    margins = section._sectPr.find(qn("w:pgMar"))
    margins.addnext(borders)  # schema order: pgSz, pgMar, paperSrc, pgBorders, ...


def no_borders(table) -> None:
    """Remove every border of a layout table."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def build_front(document) -> None:
    """The certificate page."""
    para(document, "{{ logo }}", size=8, after=2)
    para(document, "{%p for line in kop %}", size=2)
    para(document, "{{ line }}", size=12, bold=True, caps=True, after=0, colour=DARK)
    para(document, "{%p endfor %}", size=2)
    title = para(document, "SERTIFIKAT", size=34, bold=True, font=SERIF, before=2, after=0, spacing=6, colour=DARK)
    title.runs[0]._r.rPr.find(qn("w:color")).set(qn("w:val"), "{{ accent }}")  # the border's colour
    para(document, "{{ labels.number }}: {{ p.number }}", size=11, after=6)
    para(document, "{{ labels.given_to }}", size=12, italic=True, after=2)
    para(document, "{{ p.name }}", size=28, bold=True, font=SERIF, after=0, colour=DARK)
    para(document, "{{ p.nip_line }}", size=11, after=0)
    para(document, "{{ p.position_line }}", size=11, after=6)
    para(document, "{{ labels.as_role }} {{ p.role }}", size=14, bold=True, after=4, spacing=1)
    body = para(document, "{{ statement }}", size=11.5, after=16)
    body.paragraph_format.left_indent = Cm(2.5)
    body.paragraph_format.right_indent = Cm(2.5)
    body.paragraph_format.line_spacing = 1.1
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    no_borders(table)
    widths = (Cm(7.0), Cm(6.7), Cm(12.0))  # QR, room for the stamp, signature
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    left, _middle, right = table.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    first.add_run("{{ qr }}")
    note = left.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = note.add_run("{{ labels.verify }}")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    lines = [
        ("{{ place_date }}", False, False, 0),
        ("{{ signer.title }},", False, False, 64),  # room for the signature and the cap dinas
        ("{{ signer.name }}", True, True, 0),
        ("{{ signer.rank }}", False, False, 0),
        ("{{ signer.nip_line }}", False, False, 0),
    ]
    right.paragraphs[0].text = ""
    for index, (text, bold, underline, after) in enumerate(lines):
        paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
        paragraph.alignment = CENTER
        paragraph.paragraph_format.space_after = Pt(after)
        run = paragraph.add_run(text)
        run.bold = bold
        run.underline = underline
        run.font.size = Pt(11)


def build_programme(document) -> None:
    """The optional second page: the programme with JP per module."""
    para(document, "{%p if programme %}", size=2)
    heading = para(document, "{{ labels.programme }}", size=18, bold=True, font=SERIF, after=2, spacing=2)
    heading.paragraph_format.page_break_before = True
    para(document, "{{ title }}", size=12, after=2)
    para(document, "{{ dates_place }}", size=11, italic=True, after=12)
    table = document.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(1.3), Cm(13.5), Cm(7.5), Cm(2.2))
    for column, width in zip(table.columns, widths):
        column.width = width
    header = ("{{ labels.no }}", "{{ labels.material }}", "{{ labels.facilitator }}", "{{ labels.jp }}")
    for cell, text, width in zip(table.rows[0].cells, header, widths):
        cell.width = width
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shade_cell(cell, "{{ accent }}")
    table.rows[1].cells[0].text = "{%tr for row in programme %}"
    for cell, text, width in zip(table.rows[2].cells, ("{{ row.no }}", "{{ row.title }}", "{{ row.facilitator }}",
                                                       "{{ row.jp }}"), widths):
        cell.width = width
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    total = table.rows[4].cells
    for cell, width in zip(total, widths):
        cell.width = width
    total[1].text = "{{ labels.total }}"
    total[1].paragraphs[0].runs[0].bold = True
    total[3].text = "{{ jp }}"
    total[3].paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell in (row.cells[0], row.cells[3]):
            cell.paragraphs[0].alignment = CENTER
    para(document, "{%p endif %}", size=2)


def main() -> None:
    """Write the template."""
    document = Document()
    set_a4(document, landscape=True, margins_cm=1.4)
    set_base_font(document, size_pt=12)
    page_border(document.sections[0])
    build_front(document)
    build_programme(document)
    document.core_properties.title = "Sertifikat"
    document.core_properties.author = "humas-workshop"
    drop_styles_with_effects(document)
    save_reproducibly(document, OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
