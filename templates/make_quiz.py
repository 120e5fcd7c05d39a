"""Build ``templates/quiz.docx``, the docxtpl template of test sheets and answer keys.

The frame (letterhead, identity fields, instructions, footer) lives here; the items are filled in
by ``builder/render/quizzes.py`` as a sub-document. Run ``python templates/make_quiz.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from builder.render.docx.util import add_field, drop_styles_with_effects, save_reproducibly, set_a4, set_base_font  # noqa: E402

OUT = Path(__file__).resolve().parent / "quiz.docx"


def build() -> Path:
    """Create the template and save it."""
    document = Document()
    set_a4(document, margins_cm=1.8)
    set_base_font(document, 10.5)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{{ organizer_upper }}"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    header.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("{{ footer }} · {{ labels.page }} ").font.size = Pt(8)
    add_field(footer, "PAGE")

    title = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    title.text = "{{ heading }}"
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    title.runs[0].font.size = Pt(15)
    sub = document.add_paragraph("{{ subheading }}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.runs[0].font.size = Pt(11)
    sub.paragraph_format.space_after = Pt(8)

    document.add_paragraph("{%p if identity %}")
    table = document.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, ("{{ labels.name }}", "{{ labels.nip }}", "{{ labels.agency }}", "{{ labels.date_signed }}")):
        row.cells[0].text = label
        row.cells[0].width = Cm(4.0)
        row.cells[1].width = Cm(13.0)
        row.height = Cm(0.8)
    for column, width in zip(table.columns, (Cm(4.0), Cm(13.0))):
        column.width = width
    document.add_paragraph("{%p endif %}")
    instructions = document.add_paragraph("{{ instructions }}")
    instructions.runs[0].italic = True
    instructions.paragraph_format.space_before = Pt(6)
    document.add_paragraph("{{p body }}")
    drop_styles_with_effects(document)
    save_reproducibly(document, OUT)
    return OUT


if __name__ == "__main__":
    print(build())
