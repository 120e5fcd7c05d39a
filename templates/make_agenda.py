"""Build ``templates/agenda.docx``, the docxtpl template of the workshop agenda (jadwal acara).

Run ``python templates/make_agenda.py`` after changing this script; the result is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from builder.render.docx.util import (  # noqa: E402
    add_field, drop_styles_with_effects, keep_row_together, repeat_as_header, save_reproducibly, set_a4, set_base_font, shade_cell,
)

OUT = Path(__file__).resolve().parent / "agenda.docx"
WIDTHS = (Cm(2.5), Cm(7.6), Cm(3.8), Cm(2.9), Cm(1.2))


def paragraph(document_or_cell, text: str, *, bold: bool = False, size: float | None = None,
              align=None, space_after: float = 0, style: str | None = None):
    """Add a paragraph with one run of ``text``."""
    para = document_or_cell.add_paragraph(style=style)
    run = para.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    return para


def build_header(document) -> None:
    """Letterhead lines in the header, page numbers in the footer."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{{ organizer_upper }}"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    header.runs[0].font.size = Pt(10)
    line = section.header.add_paragraph("{{ header_line }}")
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("{{ footer_text }} · {{ labels.page }} ").font.size = Pt(8)
    add_field(footer, "PAGE")


def build_day_table(document) -> None:
    """The per-day table: header row, one looping row per agenda item, the day's JP total."""
    table = document.add_table(rows=5, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS):
        column.width = width
    head = ("{{ labels.time }}", "{{ labels.activity }}", "{{ labels.facilitator }}", "{{ labels.moderator }}",
            "{{ labels.jp }}")
    for cell, text, width in zip(table.rows[0].cells, head, WIDTHS):
        cell.width = width
        cell.text = text
        run = cell.paragraphs[0].runs[0]
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run.font.size = Pt(10)
        shade_cell(cell, "{{ accent }}")
    repeat_as_header(table.rows[0])
    table.rows[1].cells[0].text = "{%tr for row in day.rows %}"
    body = ("{{ row.time }}", "{{r row.activity }}", "{{ row.facilitator }}", "{{ row.moderator }}", "{{ row.jp }}")
    for cell, text, width in zip(table.rows[2].cells, body, WIDTHS):
        cell.width = width
        cell.text = text
        cell.paragraphs[0].runs[0].font.size = Pt(10)
    table.rows[3].cells[0].text = "{%tr endfor %}"
    total = table.rows[4].cells
    merged = total[0].merge(total[3])
    merged.text = "{{ labels.jp_day_total }}"
    merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    merged.paragraphs[0].runs[0].bold = True
    total[4].text = "{{ day.jp }}"
    total[4].paragraphs[0].runs[0].bold = True
    for cell in (merged, total[4]):
        shade_cell(cell, "{{ accent_light }}")
    for row in table.rows:
        keep_row_together(row)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True


def build() -> Path:
    """Create the template document and save it."""
    document = Document()
    set_a4(document, margins_cm=2.0)
    set_base_font(document, 10.5)
    build_header(document)
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    first.text = "{{ labels.agenda_title }}"
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.runs[0].bold = True
    first.runs[0].font.size = Pt(16)
    paragraph(document, "{{ title }}", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    paragraph(document, "{%p if theme %}")
    paragraph(document, "{{ labels.theme }}: “{{ theme }}”", size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, "{%p endif %}")
    paragraph(document, "{{ venue_line }}", size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, "{{ dates_line }}", size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    # The JP total sits under the title, so a full last table never pushes it alone onto a new page.
    paragraph(document, "{{ total_line }}", bold=True, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    paragraph(document, "{{ labels.jp_note }}", size=9, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=8)
    paragraph(document, "{%p for day in days %}")
    heading = document.add_heading("{{ day.heading }}", level=2)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_before = Pt(10)
    build_day_table(document)
    paragraph(document, "{%p endfor %}")
    # Word needs a paragraph after the last table; keep it one point high so it never opens a page.
    tail = paragraph(document, "", size=1)
    tail.paragraph_format.line_spacing = Pt(1)
    tail.paragraph_format.space_before = Pt(0)
    drop_styles_with_effects(document)
    save_reproducibly(document, OUT)
    return OUT


if __name__ == "__main__":
    print(build())
