"""Module content written into a handout-style page: facts, sections, tables, images, exercises.

The participant handout, the trainer guide and the handbook all write a module through these
blocks (a :class:`Page` carries the sub-document, workshop, locale, accent and the table and
figure counters). Low-level docx pieces (runs, tables, boxes, fields) are in
:mod:`builder.render.docx.blocks`; document-wide fixes in :mod:`builder.render.docx.util`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.shared import Cm, Pt

from builder.i18n import Locale
from builder.model.curriculum import AgendaItem, Day
from builder.model.module import Exercise, Module, Section
from builder.model.workshop import Workshop
from builder.render.docx.blocks import (
    TEXT_WIDTH_CM, add_hyperlink, add_literal, add_paragraph, add_rich, add_spans, add_text_run, box, data_table,
    first_paragraph, heading, no_header_look, page_break, restart_numbering, ruled_lines, set_num, set_widths, spacer,
)
from builder.render.docx.util import lighten
from builder.render.richtext import Paragraph as RichParagraph, parse

NOTES_LINES = 24
IMAGE_MAX_CM = 14.0


@dataclass
class Page:
    """What the content functions write into: the sub-document, the workshop, locale, accent and counters."""

    doc: Any
    workshop: Workshop
    locale: Locale
    accent: str
    tables: int = 0
    figures: int = 0

    def label(self, key: str, **values) -> str:
        """A label of this output kind in the document's language."""
        return self.locale.label(f"handout.{key}", **values)

    def small(self, text: str, *, italic: bool = True, colour: str = "595959", style: str | None = None,
              container=None):
        """A paragraph of small grey text."""
        paragraph = add_paragraph(container or self.doc, style)
        add_text_run(paragraph, text, italic=italic, size=9.5, colour=colour)
        return paragraph


# --- shared pieces ---------------------------------------------------------------------------

def slot_text(page: Page, day: Day, item: AgendaItem) -> str:
    """``Selasa, 24 September 2019, pukul 08.45–10.15 WIB``."""
    cur = page.workshop.curriculum
    date = page.locale.date(day.date)
    times = page.locale.time_range(item.start, item.end)
    return f"{date}, {page.locale.label('time.at', time=f'{times} {cur.zone_abbreviation}')}"


def module_facts(page: Page, module: Module) -> list[tuple[str, str]]:
    """Label/value rows about a module in this workshop: speakers, times, venue, duration."""
    cur = page.workshop.curriculum
    slots = page.workshop.sessions_of(module.id)
    rows = []
    speakers = list(dict.fromkeys(item.facilitator for _day, item in slots if item.facilitator))
    if speakers:
        rows.append((page.label("facilitator"), "; ".join(speakers)))
    moderators = list(dict.fromkeys(item.moderator for _day, item in slots if item.moderator))
    if moderators:
        rows.append((page.label("moderator"), "; ".join(moderators)))
    if slots:
        rows.append((page.label("schedule"), "\n".join(slot_text(page, d, i) for d, i in slots)))
    rows.append((page.label("venue"), f"{cur.venue}, {cur.city}"))
    rows.append((page.label("duration"), page.label("duration_value", jp=f"{module.jp:g}", minutes=module.duration)))
    return rows


def facts_table(page: Page, rows: list[tuple[str, str]]) -> None:
    """A borderless two-column table of facts (label in grey bold)."""
    table = page.doc.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        add_text_run(cells[0].paragraphs[0], label, bold=True, size=10, colour="595959")
        for number, text in enumerate(value.split("\n")):
            paragraph = cells[1].paragraphs[0] if number == 0 else cells[1].add_paragraph()
            add_text_run(paragraph, text, size=10)
            paragraph.paragraph_format.space_after = Pt(1)
    set_widths(table, [3.6, TEXT_WIDTH_CM - 3.6])


def bullet_list(page: Page, items: list[str], style: str = "List Bullet", rich: bool = False) -> None:
    """Bullets (or a restarted numbered list with ``style='List Number'``) of literal or rich items."""
    num_id = restart_numbering(page.doc, style) if style.startswith("List Number") else 0
    for item in items:
        paragraph = add_paragraph(page.doc, style)
        set_num(paragraph, num_id)
        if rich:
            blocks = parse(item)
            spans = tuple(s for b in blocks if isinstance(b, RichParagraph) for s in b.spans)
            add_spans(paragraph, spans or ())
        else:
            add_text_run(paragraph, item)


def render_value(page: Page, value: Any, *, blanks: bool = False, container=None) -> None:
    """Show a starter or solution: text as is, lists as bullets, mappings as a two-column table."""
    target = container if container is not None else page.doc
    if value is None or value == "" or value == [] or value == {}:
        return
    if isinstance(value, dict):
        rows = [[str(k), value_text(v)] for k, v in value.items()]
        table = data_table(target, [" ", " "], rows, page.accent, widths=_split_widths(container), bold_first_column=True)
        table._tbl.remove(table.rows[0]._tr)  # no header row: keys label themselves
        no_header_look(table)
        if blanks:
            for row, (_key, text) in zip(table.rows, rows):
                if not text:
                    row.height = Cm(1.2)
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            paragraph = add_paragraph(target, "List Bullet")
            add_text_run(paragraph, value_text(item) or ("…" if blanks else ""))
        return
    add_literal(target, value_text(value))


def _split_widths(container) -> list[float]:
    """Key/value column widths for the full text width or inside a box."""
    total = TEXT_WIDTH_CM - (0.6 if container is not None else 0)
    return [total * 0.3, total * 0.7]


def value_text(value: Any) -> str:
    """A compact, readable text of a nested value (lists joined by '; ', mappings as 'key: value')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- participant handout ---------------------------------------------------------------------

def add_about(page: Page, module: Module, level: int) -> None:
    """Summary, audience, level and duration."""
    heading(page.doc, page.label("about"), level)
    add_rich(page.doc, module.summary)
    facts = []
    if module.audience:
        facts.append(f"{page.label('audience')}: {module.audience}")
    if module.level:
        facts.append(f"{page.label('level')}: {module.level}")
    facts.append(f"{page.label('duration')}: "
                 f"{page.label('duration_value', jp=f'{module.jp:g}', minutes=module.duration)}")
    page.small(" · ".join(facts), italic=False)


def add_objectives(page: Page, module: Module, level: int) -> None:
    """Learning objectives as a numbered list."""
    heading(page.doc, page.locale.label("objectives"), level)
    page.doc.add_paragraph(page.label("objectives_intro"))
    bullet_list(page, [o.text for o in module.objectives], style="List Number")


def add_section(page: Page, module: Module, section: Section, level: int) -> None:
    """One section: heading, body, then its table, image, quote and worked example."""
    heading(page.doc, section.title, level)
    add_rich(page.doc, section.body, heading_base=min(level + 1, 3))
    if section.table:
        add_table(page, section.table)
    if section.image:
        add_image(page, module, section)
    if section.quote:
        add_quote(page, section.quote.text, section.quote.source)
    if section.example:
        add_example(page, section.example, min(level + 1, 3))


def add_table(page: Page, table) -> None:
    """A module table with its numbered caption above it."""
    page.tables += 1
    caption = add_paragraph(page.doc, "Caption", keep_with_next=True, space_before=Pt(8), space_after=Pt(3))
    add_text_run(caption, page.label("table", n=page.tables), bold=True)
    if table.caption:
        add_text_run(caption, f" {table.caption}")
    data_table(page.doc, list(table.columns), [list(r) for r in table.rows], page.accent)
    spacer(page.doc)


def add_image(page: Page, module: Module, section: Section) -> None:
    """The section's image, at most 14 cm wide, with alt text and a numbered caption below."""
    image = section.image
    source = page.workshop.module_files.get(module.id)
    path = (source.parent if source else page.workshop.root / "modules") / image.path
    paragraph = page.doc.add_paragraph()
    paragraph.alignment = 1  # centre
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run()
    shape = run.add_picture(str(path))
    if shape.width > Cm(IMAGE_MAX_CM):
        ratio = Cm(IMAGE_MAX_CM) / shape.width
        shape.width, shape.height = Cm(IMAGE_MAX_CM), int(shape.height * ratio)
    if shape.height > Cm(11):
        ratio = Cm(11) / shape.height
        shape.width, shape.height = int(shape.width * ratio), Cm(11)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", image.alt or image.caption)
    page.figures += 1
    caption = page.doc.add_paragraph(style="Caption")
    caption.alignment = 1
    add_text_run(caption, page.label("figure", n=page.figures), bold=True)
    if image.caption:
        add_text_run(caption, f" {image.caption}")


def add_quote(page: Page, text: str, source: str) -> None:
    """A quotation (style Quote) and its source, right-aligned."""
    paragraph = page.doc.add_paragraph(style="Quote")
    add_text_run(paragraph, f"“{text.strip()}”")
    if source:
        paragraph.paragraph_format.keep_with_next = True
        line = page.doc.add_paragraph(style="Quote")
        line.alignment = 2  # right
        line.paragraph_format.space_before = Pt(0)
        line.paragraph_format.space_after = Pt(10)
        add_text_run(line, f"— {source}", size=9.5)
    else:
        paragraph.paragraph_format.space_after = Pt(10)


def add_example(page: Page, example, level: int) -> None:
    """A worked example: heading, explanation, then the before and after boxes."""
    heading(page.doc, page.label("example", title=example.title), level)
    add_rich(page.doc, example.body)
    for label, text, colour in ((example.before_label, example.before, "C0504D"),
                                (example.after_label, example.after, "4F8A3C")):
        if not text:
            continue
        cell = box(page.doc, colour, fill=lighten(colour, 0.92))
        title = first_paragraph(cell)
        title.paragraph_format.space_after = Pt(3)
        add_text_run(title, label, bold=True, size=10, colour=colour)
        add_literal(cell, text, size=10.5)
        spacer(page.doc)


def add_keypoints(page: Page, module: Module, level: int) -> None:
    """Key points as bullets (rich text allowed)."""
    if module.keypoints:
        heading(page.doc, page.locale.label("keypoints"), level)
        bullet_list(page, list(module.keypoints), rich=True)


def add_glossary(page: Page, module: Module, level: int) -> None:
    """The glossary as a two-column table, sorted as written."""
    if module.glossary:
        heading(page.doc, page.locale.label("glossary"), level)
        rows = [[entry.term, entry.definition] for entry in module.glossary]
        data_table(page.doc, [page.label("term"), page.label("definition")], rows, page.accent,
                   widths=[4.6, TEXT_WIDTH_CM - 4.6], bold_first_column=True)
        spacer(page.doc)


def add_references(page: Page, module: Module, level: int) -> None:
    """References as a numbered list; web addresses become links."""
    if not module.references:
        return
    heading(page.doc, page.locale.label("references"), level)
    num_id = restart_numbering(page.doc, "List Number")
    for reference in module.references:
        paragraph = add_paragraph(page.doc, "List Number")
        set_num(paragraph, num_id)
        add_text_run(paragraph, reference.text)
        if reference.url:
            add_text_run(paragraph, " ")
            add_hyperlink(paragraph, reference.url, reference.url)


def exercise_meta(page: Page, exercise: Exercise) -> str:
    """``15 menit · dikerjakan di kertas``."""
    return f"{page.label('minutes', n=exercise.minutes)} · {page.label(f'mode.{exercise.mode}')}"


def add_exercises(page: Page, module: Module, level: int) -> None:
    """Every exercise with instructions, its situation and space to write; never a solution."""
    if not module.exercises:
        return
    heading(page.doc, page.locale.label("exercises"), level)
    for number, exercise in enumerate(module.exercises, start=1):
        heading(page.doc, page.label("exercise", n=number, title=exercise.title), min(level + 1, 3))
        page.small(exercise_meta(page, exercise))
        add_rich(page.doc, exercise.instructions)
        if exercise.context.strip():
            cell = box(page.doc, page.accent, fill=lighten(page.accent, 0.93))
            add_text_run(first_paragraph(cell), page.label("context"), bold=True, size=10)
            add_rich(page.doc, exercise.context, container=cell, size=10.5)
            spacer(page.doc)
        if exercise.starter not in (None, "", [], {}) and exercise.mode != "notebook":
            label = page.doc.add_paragraph()
            label.paragraph_format.keep_with_next = True
            add_text_run(label, page.label("starter"), bold=True)
            render_value(page, exercise.starter, blanks=True)
        if exercise.mode in ("notebook", "both"):
            page.small(page.label("notebook_hint", module=module.id))
        if exercise.mode in ("paper", "both") and exercise.lines:
            label = page.doc.add_paragraph()
            label.paragraph_format.keep_with_next = True
            label.paragraph_format.space_after = Pt(0)
            add_text_run(label, page.label("answer_space"), bold=True)
            ruled_lines(page.doc, exercise.lines)
            spacer(page.doc)


def add_notes_page(page: Page, level: int) -> None:
    """A 'Catatan' page of ruled lines."""
    page_break(page.doc)
    heading(page.doc, page.locale.label("notes"), level)
    page.small(page.label("notes_hint"))
    ruled_lines(page.doc, NOTES_LINES)


def handout_content(page: Page, module: Module, level: int = 1, notes: bool = True) -> None:
    """Everything a participant gets for one module, headings starting at ``level``."""
    add_about(page, module, level)
    add_objectives(page, module, level)
    for section in module.sections:
        add_section(page, module, section, level)
    add_keypoints(page, module, level)
    add_glossary(page, module, level)
    add_references(page, module, level)
    add_exercises(page, module, level)
    if notes:
        add_notes_page(page, level)
