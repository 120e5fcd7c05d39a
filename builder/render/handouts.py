"""Participant handouts, trainer guides and the participant handbook (.docx).

Three output kinds share one template (``templates/handout.docx``: styles, header, footer,
cover) and the same content functions:

* ``handouts``: ``handouts/<module>.docx``, what participants read and write in; never any
  solution, marking guidance or answer key;
* ``guides``: ``trainer/<module>-guide.docx``, the session plan timed against the agenda,
  speaker notes, exercise solutions and marking, the quiz answer key, a materials checklist;
* ``handbook``: ``handbook.docx`` (buku panduan peserta), cover, table of contents, welcome,
  agenda and every participant handout in agenda order.

The content is written into a docxtpl sub-document with python-docx, so every value is a
python-docx run (escaped by the library) and every heading, list and caption has a Word style.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from docx.shared import Cm, Pt, RGBColor
from docxtpl import DocxTemplate

from builder.render.docx.blocks import (
    TEXT_WIDTH_CM, add_hyperlink, add_literal, add_rich, add_spans, add_text_run, add_toc, box, data_table,
    first_paragraph, heading, lighten, no_header_look, page_break, restart_numbering, ruled_lines, set_num,
    set_paragraph_border, set_widths, spacer, tight,
)
from builder.render.docx.util import fix_metadata, hold_together, keep_headings, keep_table_whole, shrink_tail
from builder.i18n import Locale, add_labels
from builder.model.curriculum import AgendaItem, Day
from builder.model.module import Exercise, Module, Section
from builder.render import BuildContext, output_kind
from builder.write.cache import module_inputs, workshop_inputs
from builder.render.agenda import jinja_env
from builder.model.workshop import Workshop
from builder.resources import template_path
from builder.render.richtext import Paragraph as RichParagraph, inline_text, parse

TEMPLATE = template_path("handout.docx")
NOTES_LINES = 24
TEMPLATE_ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # the colour make_handout.py uses; replaced by the branding accent
IMAGE_MAX_CM = 14.0

add_labels({
    "id": {
        "handout.kicker": "MODUL PESERTA",
        "handout.guide_kicker": "PANDUAN FASILITATOR",
        "handout.handbook_kicker": "BUKU PANDUAN PESERTA",
        "handout.guide_note": "Untuk narasumber dan fasilitator. Berisi contoh jawaban, panduan penilaian dan "
                              "kunci jawaban: jangan dibagikan kepada peserta.",
        "handout.about": "Tentang Modul Ini",
        "handout.audience": "Sasaran",
        "handout.level": "Tingkat",
        "handout.duration": "Durasi",
        "handout.duration_value": "{jp} JP ({minutes} menit)",
        "handout.objectives_intro": "Setelah mengikuti sesi ini, peserta mampu:",
        "handout.facilitator": "Narasumber",
        "handout.moderator": "Moderator",
        "handout.schedule": "Waktu",
        "handout.venue": "Tempat",
        "handout.organizer": "Penyelenggara",
        "handout.event": "Kegiatan",
        "handout.participants": "Peserta",
        "handout.table": "Tabel {n}.",
        "handout.figure": "Gambar {n}.",
        "handout.example": "Contoh: {title}",
        "handout.exercise": "Latihan {n}: {title}",
        "handout.minutes": "{n} menit",
        "handout.mode.paper": "dikerjakan di kertas",
        "handout.mode.notebook": "dikerjakan di buku catatan Jupyter",
        "handout.mode.both": "dikerjakan di kertas atau di buku catatan Jupyter",
        "handout.notebook_hint": "Buka buku catatan notebooks/{module}.ipynb dan kerjakan latihan ini di sel jawaban; "
                                 "pemeriksa otomatis memberi umpan balik.",
        "handout.context": "Situasi",
        "handout.starter": "Bahan kerja",
        "handout.answer_space": "Jawaban:",
        "handout.notes_hint": "Gunakan halaman ini untuk mencatat hal penting selama sesi.",
        "handout.term": "Istilah",
        "handout.definition": "Definisi",
        "handout.session_slot": "{day}, {date}, pukul {time} {zone}",
        # trainer guide
        "handout.overview": "Ringkasan Modul",
        "handout.plan": "Rencana Sesi",
        "handout.plan_no": "No.",
        "handout.plan_time": "Waktu",
        "handout.plan_activity": "Kegiatan",
        "handout.plan_minutes": "Menit",
        "handout.plan_objectives": "Tujuan",
        "handout.plan_exercise": "Latihan: {title}",
        "handout.plan_ok": "Bagian dan latihan berjumlah {planned} menit, sama dengan slot agenda ({available} menit).",
        "handout.plan_mismatch": "Perhatian: bagian dan latihan berjumlah {planned} menit, sedangkan slot agenda "
                                 "{available} menit (selisih {diff} menit). Sesuaikan menit di modul atau jadwal.",
        "handout.plan_slot_total": "Jumlah slot ini: {planned} dari {available} menit.",
        "handout.plan_estimated": "Menit bertanda ≈ tidak ditulis di modul; dihitung dari sisa waktu slot.",
        "handout.speaker_notes": "Catatan Pembicara",
        "handout.slide_points": "Poin salindia:",
        "handout.solutions": "Latihan: Contoh Jawaban dan Penilaian",
        "handout.instructions": "Instruksi untuk peserta:",
        "handout.solution": "Contoh jawaban",
        "handout.marking": "Panduan penilaian",
        "handout.checker": "Pemeriksa otomatis di buku catatan Jupyter {checker}",
        "handout.quiz_key": "Kunci Jawaban Kuis",
        "handout.quiz_no": "No.",
        "handout.quiz_pool": "Tes",
        "handout.quiz_question": "Soal",
        "handout.quiz_answer": "Kunci",
        "handout.quiz_explanation": "Pembahasan",
        "handout.pool.pre": "pre",
        "handout.pool.post": "post",
        "handout.pool.both": "pre/post",
        "handout.quiz_note": "Urutan soal dan pilihan sesuai sumber modul; kunci tiap varian cetak ada di folder quizzes/.",
        "handout.checklist": "Daftar Periksa Bahan dan Alat",
        "handout.check_item": "Bahan/alat",
        "handout.check_amount": "Jumlah/keterangan",
        "handout.participants_n": "{n} eksemplar",
        "handout.per_participant": "sesuai jumlah peserta",
        # handbook
        "handout.toc": "Daftar Isi",
        "handout.welcome": "Kata Pengantar",
        "handout.house_rules": "Tata Tertib",
        "handout.agenda_day": "Hari ke-{n} — {date}",
        "handout.agenda_speaker": "Narasumber/Moderator",
    },
    "en": {
        "handout.kicker": "PARTICIPANT HANDOUT",
        "handout.guide_kicker": "TRAINER GUIDE",
        "handout.handbook_kicker": "PARTICIPANT HANDBOOK",
        "handout.guide_note": "For speakers and facilitators. Contains model answers, marking guidance and answer "
                              "keys: do not hand out to participants.",
        "handout.about": "About This Module",
        "handout.audience": "Audience",
        "handout.level": "Level",
        "handout.duration": "Duration",
        "handout.duration_value": "{jp} JP ({minutes} minutes)",
        "handout.objectives_intro": "After this session, participants are able to:",
        "handout.facilitator": "Speaker",
        "handout.moderator": "Moderator",
        "handout.schedule": "Time",
        "handout.venue": "Venue",
        "handout.organizer": "Organizer",
        "handout.event": "Event",
        "handout.participants": "Participants",
        "handout.table": "Table {n}.",
        "handout.figure": "Figure {n}.",
        "handout.example": "Example: {title}",
        "handout.exercise": "Exercise {n}: {title}",
        "handout.minutes": "{n} minutes",
        "handout.mode.paper": "on paper",
        "handout.mode.notebook": "in the Jupyter notebook",
        "handout.mode.both": "on paper or in the Jupyter notebook",
        "handout.notebook_hint": "Open notebooks/{module}.ipynb and answer in the answer cell; the checker gives "
                                 "feedback.",
        "handout.context": "Situation",
        "handout.starter": "Material",
        "handout.answer_space": "Answer:",
        "handout.notes_hint": "Use this page for your notes during the session.",
        "handout.term": "Term",
        "handout.definition": "Definition",
        "handout.session_slot": "{day}, {date}, {time} {zone}",
        "handout.overview": "Module Overview",
        "handout.plan": "Session Plan",
        "handout.plan_no": "No.",
        "handout.plan_time": "Time",
        "handout.plan_activity": "Activity",
        "handout.plan_minutes": "Min.",
        "handout.plan_objectives": "Objectives",
        "handout.plan_exercise": "Exercise: {title}",
        "handout.plan_ok": "Sections and exercises take {planned} minutes, the same as the agenda slot ({available} minutes).",
        "handout.plan_mismatch": "Warning: sections and exercises take {planned} minutes but the agenda slot has "
                                 "{available} minutes (difference {diff} minutes). Adjust the module or the agenda.",
        "handout.plan_slot_total": "This slot: {planned} of {available} minutes.",
        "handout.plan_estimated": "Minutes marked ≈ are not given in the module; they share the slot's remaining time.",
        "handout.speaker_notes": "Speaker Notes",
        "handout.slide_points": "Slide points:",
        "handout.solutions": "Exercises: Model Answers and Marking",
        "handout.instructions": "Instructions for participants:",
        "handout.solution": "Model answer",
        "handout.marking": "Marking guidance",
        "handout.checker": "The automatic checker in the Jupyter notebook {checker}",
        "handout.quiz_key": "Quiz Answer Key",
        "handout.quiz_no": "No.",
        "handout.quiz_pool": "Test",
        "handout.quiz_question": "Question",
        "handout.quiz_answer": "Key",
        "handout.quiz_explanation": "Explanation",
        "handout.pool.pre": "pre",
        "handout.pool.post": "post",
        "handout.pool.both": "pre/post",
        "handout.quiz_note": "Items and options in source order; the keys of each printed variant are in quizzes/.",
        "handout.checklist": "Materials Checklist",
        "handout.check_item": "Item",
        "handout.check_amount": "Amount/notes",
        "handout.participants_n": "{n} copies",
        "handout.per_participant": "one per participant",
        "handout.toc": "Contents",
        "handout.welcome": "Welcome",
        "handout.house_rules": "House Rules",
        "handout.agenda_day": "Day {n} — {date}",
        "handout.agenda_speaker": "Speaker/Moderator",
    },
})


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
        paragraph = (container or self.doc).add_paragraph(style=style)
        add_text_run(paragraph, text, italic=italic, size=9.5, colour=colour)
        return paragraph


# --- shared pieces ---------------------------------------------------------------------------

def slot_text(page: Page, day: Day, item: AgendaItem) -> str:
    """``Selasa, 24 September 2019, pukul 08.45–10.15 WIB``."""
    cur = page.workshop.curriculum
    date = page.locale.date(day.date)
    times = page.locale.time_range(item.start, item.end)
    prefix = "pukul " if page.locale.language == "id" else ""
    return f"{date}, {prefix}{times} {cur.zone_abbreviation}"


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
        paragraph = page.doc.add_paragraph(style=style)
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
            paragraph = target.add_paragraph(style="List Bullet")
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
    caption = page.doc.add_paragraph(style="Caption")
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.space_after = Pt(3)
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
        paragraph = page.doc.add_paragraph(style="List Number")
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


# --- session plan ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRow:
    """One timed activity of a session slot."""

    title: str
    minutes: int
    start: dt.time
    end: dt.time
    objectives: tuple[str, ...]
    estimated: bool = False
    exercise: bool = False


@dataclass(frozen=True)
class SlotPlan:
    """The activities planned in one agenda slot."""

    day_number: int
    day: Day
    item: AgendaItem
    rows: tuple[PlanRow, ...]

    @property
    def planned(self) -> int:
        """Minutes of the activities in this slot."""
        return sum(row.minutes for row in self.rows)


@dataclass(frozen=True)
class SessionPlan:
    """A module's activities spread over its agenda slots."""

    slots: tuple[SlotPlan, ...]
    available: int  # minutes of the agenda slots
    known: int  # minutes written in the module
    estimated: int  # number of sections without minutes

    @property
    def planned(self) -> int:
        """Minutes of every planned activity."""
        return sum(slot.planned for slot in self.slots)

    @property
    def matches(self) -> bool:
        """True when the activities fill every agenda slot exactly."""
        return self.planned == self.available


def activity_order(module: Module) -> list[Section | Exercise]:
    """Sections in order, each exercise right after the last section teaching one of its objectives."""
    after: dict[int, list[Exercise]] = {}
    for exercise in module.exercises:
        anchor = len(module.sections) - 1
        for index, section in enumerate(module.sections):
            if set(section.objectives) & set(exercise.objectives):
                anchor = index
        after.setdefault(anchor, []).append(exercise)
    order: list[Section | Exercise] = []
    for index, section in enumerate(module.sections):
        order.append(section)
        order.extend(after.get(index, []))
    return order


def _add_minutes(time: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(minutes=minutes)
    return moment.time()


def session_plan(workshop: Workshop, module: Module) -> SessionPlan:
    """Spread the module's sections and exercises over its agenda slots with clock times.

    Slots that list ``sections`` get those sections (and the exercises that follow them);
    otherwise activities fill the slots in order. Sections without ``minutes`` share the time
    their slot has left (at least 5 minutes each) and are marked as estimated.
    """
    slots = workshop.sessions_of(module.id)
    order = activity_order(module)
    known = sum(a.minutes or 0 for a in order)
    estimated = sum(1 for a in order if a.minutes is None)
    assignment = _assign(slots, order, {id(a): a.minutes or 0 for a in order})
    day_numbers = {day.date: n for n, day in enumerate(workshop.curriculum.days, start=1)}
    plans = []
    for index, (day, item) in enumerate(slots):
        activities = assignment[index]
        share = _share(item.minutes - sum(a.minutes or 0 for a in activities),
                       [a for a in activities if a.minutes is None])
        clock, rows = item.start, []
        for activity in activities:
            minutes = activity.minutes if activity.minutes is not None else share[id(activity)]
            end = _add_minutes(clock, minutes)
            rows.append(PlanRow(activity.title, minutes, clock, end, tuple(activity.objectives),
                                estimated=activity.minutes is None, exercise=isinstance(activity, Exercise)))
            clock = end
        plans.append(SlotPlan(day_numbers.get(day.date, 1), day, item, tuple(rows)))
    return SessionPlan(tuple(plans), sum(item.minutes for _d, item in slots), known, estimated)


def _share(left: int, unknown: list) -> dict[int, int]:
    """Split ``left`` minutes between the activities without minutes (at least 5 each)."""
    if not unknown:
        return {}
    base, extra = divmod(max(left, 5 * len(unknown)), len(unknown))
    return {id(a): base + (1 if n < extra else 0) for n, a in enumerate(unknown)}


def _assign(slots, order, minutes_of) -> list[list]:
    """Which activities go into which slot."""
    buckets: list[list] = [[] for _ in slots]
    if not slots:
        return buckets
    listed = {sid: n for n, (_d, item) in enumerate(slots) for sid in (item.sections or [])}
    if listed:
        free = [n for n, (_d, item) in enumerate(slots) if not item.sections] or [len(slots) - 1]
        current = None
        for activity in order:
            if isinstance(activity, Section):
                current = listed.get(activity.id, free[0])
            buckets[current if current is not None else free[0]].append(activity)
        return buckets
    index, used = 0, 0
    for activity in order:
        minutes = minutes_of[id(activity)]
        if used and used + minutes > slots[index][1].minutes and index < len(slots) - 1:
            index, used = index + 1, 0
        buckets[index].append(activity)
        used += minutes
    return buckets


# --- trainer guide ---------------------------------------------------------------------------

def add_overview(page: Page, module: Module) -> None:
    """Summary and the objectives with their ids (quiz items and exercises refer to them)."""
    heading(page.doc, page.label("overview"), 1)
    add_rich(page.doc, module.summary)
    heading(page.doc, page.locale.label("objectives"), 2)
    for objective in module.objectives:
        paragraph = page.doc.add_paragraph(style="List Bullet")
        add_text_run(paragraph, f"{objective.id}: ", bold=True)
        add_text_run(paragraph, objective.text)


def add_plan(page: Page, module: Module, warn: Callable[[str], None]) -> None:
    """The session plan per agenda slot, with the minutes check."""
    plan = session_plan(page.workshop, module)
    heading(page.doc, page.label("plan"), 1)
    zone = page.workshop.curriculum.zone_abbreviation
    for slot in plan.slots:
        title = f"{page.locale.label('day', n=slot.day_number)} · {slot_text(page, slot.day, slot.item)}"
        heading(page.doc, title, 2)
        people = [f"{page.label('facilitator')}: {slot.item.facilitator}" if slot.item.facilitator else "",
                  f"{page.label('moderator')}: {slot.item.moderator}" if slot.item.moderator else "",
                  slot.item.title if slot.item.title else ""]
        if any(people):
            page.small(" · ".join(p for p in people if p))
        rows = []
        for number, row in enumerate(slot.rows, start=1):
            title_text = page.label("plan_exercise", title=row.title) if row.exercise else row.title
            minutes = f"≈{row.minutes}" if row.estimated else str(row.minutes)
            rows.append([str(number), f"{page.locale.time_range(row.start, row.end)}", title_text, minutes,
                         ", ".join(row.objectives)])
        if rows:
            columns = [page.label("plan_no"), f"{page.label('plan_time')} ({zone})", page.label("plan_activity"),
                       page.label("plan_minutes"), page.label("plan_objectives")]
            data_table(page.doc, columns, rows, page.accent, widths=[1.1, 2.9, 9.0, 1.6, 2.4])
            page.small(page.label("plan_slot_total", planned=slot.planned, available=slot.item.minutes), italic=False)
    if plan.estimated:
        page.small(page.label("plan_estimated"))
    if plan.matches:
        page.doc.add_paragraph(page.label("plan_ok", planned=plan.planned, available=plan.available))
    else:
        message = page.label("plan_mismatch", planned=plan.planned, available=plan.available,
                             diff=abs(plan.available - plan.planned))
        paragraph = page.doc.add_paragraph(style="Intense Quote")
        add_text_run(paragraph, message, bold=True, colour="C00000")
        warn(f"{module.id}: sections and exercises take {plan.planned} minutes "
             f"but the agenda gives {plan.available} minutes [plan.minutes]")


def add_speaker_notes(page: Page, module: Module) -> None:
    """Per section: minutes, the slide points and the speaker notes."""
    heading(page.doc, page.label("speaker_notes"), 1)
    for number, section in enumerate(module.sections, start=1):
        title = f"{number}. {section.title}"
        if section.minutes:
            title += f" ({page.label('minutes', n=section.minutes)})"
        heading(page.doc, title, 2)
        page.small(page.label("slide_points"), italic=False)
        for point in section.points:
            paragraph = page.doc.add_paragraph(style="List Bullet")
            add_text_run(paragraph, inline_text(point))
        if section.notes.strip():
            add_literal(page.doc, section.notes)


def add_solutions(page: Page, module: Module) -> None:
    """Per exercise: instructions (short), model answer, marking guidance, the checker used."""
    if not module.exercises:
        return
    heading(page.doc, page.label("solutions"), 1)
    for number, exercise in enumerate(module.exercises, start=1):
        heading(page.doc, page.label("exercise", n=number, title=exercise.title), 2)
        page.small(exercise_meta(page, exercise) + f" · {page.label('plan_objectives')}: {', '.join(exercise.objectives)}")
        page.small(page.label("instructions"), italic=False)
        add_rich(page.doc, exercise.instructions, size=10)
        if exercise.solution not in (None, "", [], {}):
            heading(page.doc, page.label("solution"), 3)
            cell = box(page.doc, "4F8A3C", fill=lighten("4F8A3C", 0.93))
            paragraph = first_paragraph(cell)
            paragraph.paragraph_format.space_after = Pt(0)
            render_value(page, exercise.solution, container=cell)
            if not paragraph.text and len(cell.paragraphs) > 1:
                paragraph._p.getparent().remove(paragraph._p)
            spacer(page.doc)
        if exercise.marking.strip():
            heading(page.doc, page.label("marking"), 3)
            add_rich(page.doc, exercise.marking)
        if exercise.check:
            page.small(page.label("checker", checker=describe_check(exercise.check.checker, exercise.check.params,
                                                                    page.locale.language)))


def _quoted(values, language: str) -> str:
    """“a”, “b” dan “c”: quoted values joined the way the language lists them."""
    items = [f"“{value_text(v)}”" for v in values]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'dan' if language == 'id' else 'and'} {items[-1]}"


def _ranked(officials) -> list[str]:
    """Names of officials (dicts with name and rank) from the highest rank down."""
    people = [o for o in officials or () if isinstance(o, dict)]
    return [str(o.get("name", "")) for o in sorted(people, key=lambda o: o.get("rank", 99))]


CHECK_WORDS = {
    "id": {
        "seating": lambda p: (f"memeriksa denah kursi {', '.join(map(str, p.get('seats', [])))}: pejabat tertinggi "
                              "di tengah, sebelah kanannya lebih tinggi daripada kirinya, berselang-seling ke luar; "
                              "tuan rumah di samping pejabat tertinggi, pejabat yang mewakili duduk menurut "
                              f"kedudukannya sendiri ({len(p.get('officials', []))} pejabat)."),
        "susunan_acara": lambda p: (f"memeriksa urutan {len(p.get('items', []))} mata acara: Indonesia Raya sebelum "
                                    "pembukaan, laporan sebelum sambutan, sambutan dari pejabat terendah ke "
                                    "tertinggi, dan pejabat tertinggi terakhir sekaligus membuka acara."),
        "greetings_order": lambda p: ("memeriksa urutan sapaan dari pejabat tertinggi ke bawah: "
                                      f"{'; '.join(_ranked(p.get('officials')))}."),
        "classify_info": lambda p: (f"memeriksa penggolongan {len(p.get('answers') or {})} informasi: berkala "
                                    "(Pasal 9), serta-merta (Pasal 10), tersedia setiap saat (Pasal 11) atau "
                                    "dikecualikan (Pasal 17)."),
        "deadline": lambda p: (f"menghitung tenggat jawaban atas permohonan yang diterima {p.get('received', '')}: "
                               f"{p.get('days', 10)} hari kerja, dapat diperpanjang {p.get('extension', 7)} hari "
                               "kerja; hari libur nasional tidak dihitung."),
        "lead": lambda p: (f"memeriksa teras berita: paling banyak {p.get('max_words', 45)} kata dalam "
                           f"{p.get('max_sentences', 3)} kalimat, memuat unsur "
                           f"{', '.join(str(r).replace('_', ' ') for r in p.get('require') or [])}."),
        "headline": lambda p: (f"memeriksa judul berita: {p.get('min_words', 3)} sampai {p.get('max_words', 10)} kata, "
                               "bukan kalimat tanya, tanpa titik di akhir, ejaan sesuai EYD V."),
        "eyd": lambda p: ("memeriksa ejaan: kesalahan EYD V yang umum sudah diperbaiki dan bentuk baku "
                          f"{_quoted(p.get('must_contain') or [], 'id')} ada."),
        "script_fix": lambda p: ("memeriksa naskah: tanpa “waktu dan tempat kami persilakan”, ejaan sesuai EYD V, "
                                 f"dan memuat {_quoted(p.get('must_contain') or [], 'id')}."),
        "press_release": lambda p: ("memeriksa bagian siaran pers: keterangan rilis, judul, baris tempat dan tanggal"
                                    + (f" (diawali “{p['city']}”)" if p.get("city") else "")
                                    + ", teras berita, narahubung, dan ejaan EYD V."),
    },
    "en": {
        "seating": lambda p: (f"checks the seating plan {', '.join(map(str, p.get('seats', [])))}: the highest "
                              "official in the centre, the right side above the left, alternating outwards; the "
                              "host beside the highest official, a representative by their own rank "
                              f"({len(p.get('officials', []))} officials)."),
        "susunan_acara": lambda p: (f"checks the order of {len(p.get('items', []))} programme items: the anthem before "
                                    "the opening, the report before speeches, speeches in rising rank with the "
                                    "highest official last."),
        "greetings_order": lambda p: f"checks the order of greetings from the highest rank down: "
                                     f"{'; '.join(_ranked(p.get('officials')))}.",
        "classify_info": lambda p: (f"checks the classification of {len(p.get('answers') or {})} kinds of "
                                    "information: periodic, immediate, available at any time or exempt."),
        "deadline": lambda p: (f"computes the reply deadline for a request received on {p.get('received', '')}: "
                               f"{p.get('days', 10)} working days, extendable by {p.get('extension', 7)}."),
        "lead": lambda p: (f"checks the lead: at most {p.get('max_words', 45)} words in {p.get('max_sentences', 3)} "
                           f"sentences, with {', '.join(str(r).replace('_', ' ') for r in p.get('require') or [])}."),
        "headline": lambda p: f"checks the headline: {p.get('min_words', 3)} to {p.get('max_words', 10)} words, "
                              "no question, no full stop.",
        "eyd": lambda p: f"checks the spelling: common mistakes fixed and {_quoted(p.get('must_contain') or [], 'en')} "
                         "present.",
        "script_fix": lambda p: f"checks the script: standard wording with {_quoted(p.get('must_contain') or [], 'en')}.",
        "press_release": lambda p: "checks the parts of the press release: release line, headline, dateline, lead "
                                   "and contact.",
    },
}


def describe_check(checker: str, params: dict, language: str) -> str:
    """What the automatic checker looks at, in words a trainer reads (not its raw settings)."""
    words = CHECK_WORDS.get(language, CHECK_WORDS["id"]).get(checker)
    if words is None:
        return ("memeriksa jawaban secara otomatis" if language == "id" else "checks the answer automatically") \
            + f" ({checker})."
    return words(params or {})


def answer_text(vitem, language: str) -> str:
    """The key of a quiz item in source order, with option texts so trainers can read it aloud."""
    from builder.domain.quizbank import guide_text

    return guide_text(vitem, language)


def add_quiz_key(page: Page, module: Module) -> None:
    """The answer key of every quiz item of the module, in source order."""
    if not module.quiz:
        return
    from builder.domain.quizbank import BankItem, Test, source_variant

    variant = source_variant(Test(module.id, module.title, "both", tuple(BankItem(module, q) for q in module.quiz)))
    heading(page.doc, page.label("quiz_key"), 1)
    page.small(page.label("quiz_note"))
    rows = [[str(v.number), page.label(f"pool.{v.question.pool}"), inline_text(v.question.question),
             answer_text(v, page.locale.language), inline_text(v.question.explanation)] for v in variant.items]
    columns = [page.label(k) for k in ("quiz_no", "quiz_pool", "quiz_question", "quiz_answer", "quiz_explanation")]
    data_table(page.doc, columns, rows, page.accent, widths=[1.0, 1.7, 5.2, 3.7, 5.4], size=9)


def add_checklist(page: Page, module: Module) -> None:
    """Materials and equipment to prepare for the session, with amounts."""
    heading(page.doc, page.label("checklist"), 1)
    count = page.workshop.curriculum.expected_participants
    copies = page.label("participants_n", n=count) if count else page.label("per_participant")
    id_ = page.locale.language == "id"
    items = [
        ("Proyektor, layar dan kabel HDMI" if id_ else "Projector, screen and HDMI cable", "1 set"),
        (f"Laptop narasumber dengan salindia slides/{module.id}.pptx" if id_
         else f"Presenter laptop with slides/{module.id}.pptx", "1"),
        ("Pengeras suara dan mikrofon" if id_ else "Sound system and microphones", "2 mikrofon" if id_ else "2 microphones"),
        (f"Modul peserta handouts/{module.id}.docx, dicetak" if id_ else f"Printed handouts/{module.id}.docx", copies),
        ("Kartu nama/papan nama peserta" if id_ else "Name cards", copies),
        ("Flipchart, kertas plano dan spidol" if id_ else "Flipchart, paper and markers", "1 set"),
        ("Jam atau pengatur waktu untuk menjaga durasi" if id_ else "Clock or timer", "1"),
    ]
    if module.quiz:
        items.append(("Lembar pre-test dan post-test (folder quizzes/), dicetak" if id_
                      else "Printed pre-/post-test sheets (quizzes/)", copies))
    if any(e.mode in ("notebook", "both") for e in module.exercises):
        items.append((f"Laptop peserta dengan Jupyter dan notebooks/{module.id}.ipynb" if id_
                      else f"Participant laptops with Jupyter and notebooks/{module.id}.ipynb",
                      "1 per peserta atau per kelompok" if id_ else "1 per participant or group"))
    if any(e.mode in ("paper", "both") for e in module.exercises):
        items.append(("Pulpen dan kertas cadangan untuk latihan" if id_ else "Pens and spare paper for exercises",
                      copies))
    rows = [["☐", item, amount] for item, amount in items]
    data_table(page.doc, [" ", page.label("check_item"), page.label("check_amount")], rows, page.accent,
               widths=[1.0, 10.5, 5.5])


def guide_content(page: Page, module: Module, warn: Callable[[str], None]) -> None:
    """Everything the trainer gets for one module."""
    add_overview(page, module)
    add_plan(page, module, warn)
    add_speaker_notes(page, module)
    add_solutions(page, module)
    add_quiz_key(page, module)
    add_checklist(page, module)


# --- handbook --------------------------------------------------------------------------------

def welcome_text(workshop: Workshop, locale: Locale) -> list[str]:
    """The welcome (kata pengantar) paragraphs, written from the curriculum."""
    cur = workshop.curriculum
    titles = [m.title for m in workshop.modules.values()]
    dates = locale.date_range(cur.first_date, cur.last_date)
    days = len(cur.days)
    if locale.language == "id":
        joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " dan " + titles[-1]
        first = f"Selamat datang di {cur.title}. Kegiatan ini diselenggarakan oleh {cur.organizer} di {cur.venue}, " \
                f"{cur.city}, pada {dates}"
        first += f", dengan tema “{cur.theme}”." if cur.theme else "."
        second = (f"Selama {days} hari, Bapak/Ibu akan mengikuti {len(titles)} materi: {joined}, dengan jumlah "
                  f"{cur.jp} jam pelajaran. Buku panduan ini memuat jadwal acara serta bahan bacaan setiap materi: "
                  "tujuan pembelajaran, uraian, poin penting, glosarium, daftar pustaka dan lembar latihan.")
        third = ("Kami berharap buku ini membantu Bapak/Ibu mengikuti setiap sesi dengan baik dan menjadi rujukan "
                 "dalam tugas kehumasan dan keprotokolan sehari-hari. Selamat mengikuti kegiatan.")
    else:
        joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
        first = f"Welcome to {cur.title}, organized by {cur.organizer} at {cur.venue}, {cur.city}, on {dates}"
        first += f", under the theme “{cur.theme}”." if cur.theme else "."
        second = (f"Over {days} day(s) you will follow {len(titles)} sessions: {joined}, {cur.jp} lesson hours in all. "
                  "This handbook holds the agenda and the reading material of every session: objectives, text, key "
                  "points, glossary, references and exercise sheets.")
        third = "We hope it helps you follow every session and serves as a reference in your daily work."
    return [first, second, third]


def add_welcome(page: Page, bookmark: tuple[str, int] | None = None) -> None:
    """The welcome page, closed by the organizer."""
    heading(page.doc, page.label("welcome"), 1, bookmark=bookmark)
    for text in welcome_text(page.workshop, page.locale):
        add_literal(page.doc, text)
    closing = page.doc.add_paragraph()
    closing.alignment = 2
    closing.paragraph_format.space_before = Pt(18)
    add_text_run(closing, page.workshop.curriculum.organizer, bold=True)
    rules = page.workshop.curriculum.house_rules
    if rules:
        heading(page.doc, page.label("house_rules"), 2)
        bullet_list(page, list(rules), style="List Number")


def agenda_activity(workshop: Workshop, item: AgendaItem, locale: Locale) -> str:
    """The activity text of an agenda row (title, module title, ceremony programme)."""
    title = item.title
    if item.kind == "session" and item.module:
        module_title = workshop.modules[item.module].title
        title = f"{title}: {module_title}" if title and title != module_title else module_title
    lines = [title or locale.label(f"kind.{item.kind}")]
    lines += [f"{n}. {step}" for n, step in enumerate(item.program, start=1)]
    return "\n".join(lines)


def add_agenda(page: Page, bookmark: tuple[str, int] | None = None) -> None:
    """The agenda of every day as tables."""
    heading(page.doc, page.locale.label("agenda"), 1, bookmark=bookmark)
    zone = page.workshop.curriculum.zone_abbreviation
    for number, day in enumerate(page.workshop.curriculum.days, start=1):
        title = page.label("agenda_day", n=number, date=page.locale.date(day.date))
        heading(page.doc, f"{title}: {day.title}" if day.title else title, 2)
        rows = []
        for item in day.items:
            people = " / ".join(p for p in (item.facilitator, item.moderator) if p)
            rows.append([page.locale.time_range(item.start, item.end), agenda_activity(page.workshop, item, page.locale),
                         people])
        columns = [f"{page.locale.label('time')} ({zone})", page.locale.label("activity"), page.label("agenda_speaker")]
        table = data_table(page.doc, columns, rows, page.accent, widths=[2.6, 9.0, 5.4])
        _split_lines_in_cells(table)
        keep_table_whole(table)  # one day of the agenda on one page
        spacer(page.doc)


def _split_lines_in_cells(table) -> None:
    """Bold the first line of each activity cell (the rest is the ceremony programme)."""
    for row in table.rows[1:]:
        cell = row.cells[1]
        runs = cell.paragraphs[0].runs
        if runs and "\n" in runs[0].text:
            first, rest = runs[0].text.split("\n", 1)
            runs[0].text = first
            runs[0].bold = True
            for line in rest.split("\n"):
                paragraph = cell.add_paragraph()
                tight(paragraph, after=0)
                paragraph.paragraph_format.left_indent = Cm(0.3)
                add_text_run(paragraph, line, size=9)


def handbook_content(page: Page) -> None:
    """Table of contents, welcome, agenda and all participant handouts in agenda order."""
    toc_title = page.doc.add_paragraph(style="TOC Heading")
    add_text_run(toc_title, page.label("toc"))
    titles = [page.label("welcome"), page.locale.label("agenda")]
    titles += [module.title for module in page.workshop.modules.values()]
    marks = [(f"_Toc{1000 + n}", 1000 + n) for n in range(len(titles))]
    add_toc(page.doc, [(1, title, mark[0]) for title, mark in zip(titles, marks)], wrap=False)
    page_break(page.doc)
    add_welcome(page, marks[0])
    page_break(page.doc)
    add_agenda(page, marks[1])
    for module, mark in zip(page.workshop.modules.values(), marks[2:]):
        page_break(page.doc)
        heading(page.doc, module.title, 1, bookmark=mark)
        facts_table(page, module_facts(page, module)[:-2])
        handout_content(page, module, level=2, notes=False)
    add_notes_page(page, 1)


# --- documents -------------------------------------------------------------------------------

def apply_accent(document, accent: str) -> None:
    """Recolour headings, the title and the rules of the template's styles with the branding colour."""
    colour = RGBColor.from_string(accent)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = colour
    for paragraph in document.paragraphs:  # the cover's kicker line is coloured directly
        for run in paragraph.runs:
            if run.font.color.rgb == TEMPLATE_ACCENT:
                run.font.color.rgb = colour
    set_paragraph_border(document.styles["Title"].element.get_or_add_pPr(), {"bottom": (18, accent)})
    set_paragraph_border(document.styles["Heading 1"].element.get_or_add_pPr(), {"bottom": (6, accent)})
    set_paragraph_border(document.styles["Quote"].element.get_or_add_pPr(), {"left": (24, accent)})
    set_paragraph_border(document.styles["Intense Quote"].element.get_or_add_pPr(),
                         {"top": (6, accent), "bottom": (6, accent)})


def render_document(workshop: Workshop, locale: Locale, *, kicker: str, title: str, subtitle: str,
                    cover_rows: list[tuple[str, str]], footer: str, fill: Callable[[Page], None],
                    cover_note: str = "", template: Path = TEMPLATE) -> bytes:
    """Render the template with a cover and a body written by ``fill(page)``; return the .docx bytes."""
    cur = workshop.curriculum
    accent = cur.branding.accent.lstrip("#").upper()
    document = DocxTemplate(str(template))
    document.init_docx()
    apply_accent(document.docx, accent)
    body = document.new_subdoc()
    page = Page(body, workshop, locale, accent)
    fill(page)
    organizer_lines = list(cur.branding.organizer_lines) or [cur.organizer]
    context = {
        "organizer_lines": organizer_lines,
        "kicker": kicker,
        "title": title,
        "subtitle": subtitle,
        "cover_rows": [{"label": label, "value": value} for label, value in cover_rows],
        "cover_note": cover_note,
        "header_text": cur.short_title or cur.title,
        "footer_text": footer,
        "page_label": locale.label("page"),
        "body": body,
    }
    document.render(context, jinja_env=jinja_env(), autoescape=True)
    hold_together(document.docx)
    keep_headings(document.docx)
    shrink_tail(document.docx)
    fix_metadata(document.docx, f"{title} — {cur.short_title or cur.title}", cur.organizer, cur.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cover_rows(page_rows: list[tuple[str, str]], workshop: Workshop, locale: Locale) -> list[tuple[str, str]]:
    """Cover facts: the organizer first (when the letterhead lines do not name it), then the module facts."""
    cur = workshop.curriculum
    rows = [(locale.label("handout.organizer"), cur.organizer)]
    return rows + page_rows


def render_handout(workshop: Workshop, module: Module, locale: Locale) -> bytes:
    """The participant handout of one module."""
    facts = module_facts(Page(None, workshop, locale, ""), module)
    return render_document(
        workshop, locale, kicker=locale.label("handout.kicker"), title=module.title,
        subtitle=workshop.curriculum.title, cover_rows=_cover_rows(facts, workshop, locale),
        footer=module.title, fill=lambda page: handout_content(page, module),
    )


def render_guide(workshop: Workshop, module: Module, locale: Locale,
                 warn: Callable[[str], None] = lambda message: None) -> bytes:
    """The trainer guide of one module."""
    facts = module_facts(Page(None, workshop, locale, ""), module)
    kicker = locale.label("handout.guide_kicker")
    return render_document(
        workshop, locale, kicker=kicker, title=module.title, subtitle=workshop.curriculum.title,
        cover_rows=_cover_rows(facts, workshop, locale), footer=f"{kicker.title()} · {module.title}",
        fill=lambda page: guide_content(page, module, warn), cover_note=locale.label("handout.guide_note"),
    )


def render_handbook(workshop: Workshop, locale: Locale) -> bytes:
    """The participant handbook of the whole workshop."""
    cur = workshop.curriculum
    rows = [
        (locale.label("handout.organizer"), cur.organizer),
        (locale.label("handout.schedule"), locale.date_range(cur.first_date, cur.last_date)),
        (locale.label("handout.venue"), f"{cur.venue}, {cur.city}, {cur.province}"),
    ]
    if cur.expected_participants:
        rows.append((locale.label("handout.participants"), str(cur.expected_participants)))
    subtitle = f"{locale.label('theme')}: {cur.theme}" if cur.theme else ""
    kicker = locale.label("handout.handbook_kicker")
    return render_document(workshop, locale, kicker=kicker, title=cur.title, subtitle=subtitle, cover_rows=rows,
                           footer=kicker.title(), fill=handbook_content)


def _warn(ctx: BuildContext) -> Callable[[str], None]:
    """Record a warning that the build prints after its summary, without stopping the build."""
    def warn(message: str) -> None:
        ctx.progress(f"warning: {message}")
        ctx.out.note("warning", message)

    return warn


@output_kind("handouts", "handouts/<module>.docx")
def build_handouts(ctx: BuildContext) -> None:
    """Write one participant handout per module."""
    for module in ctx.workshop.modules.values():
        if ctx.reuse("handouts", module.id, module_inputs(ctx.workshop, module.id)):
            continue
        ctx.progress(module.id)
        ctx.out.write_office("handouts", f"handouts/{module.id}.docx", render_handout(ctx.workshop, module, ctx.locale))


@output_kind("guides", "trainer/<module>-guide.docx")
def build_guides(ctx: BuildContext) -> None:
    """Write one trainer guide per module."""
    warn = _warn(ctx)
    for module in ctx.workshop.modules.values():
        if ctx.reuse("guides", module.id, module_inputs(ctx.workshop, module.id)):
            continue
        ctx.progress(module.id)
        ctx.out.write_office("guides", f"trainer/{module.id}-guide.docx",
                             render_guide(ctx.workshop, module, ctx.locale, warn))


@output_kind("handbook", "handbook.docx")
def build_handbook(ctx: BuildContext) -> None:
    """Write the participant handbook of the whole workshop."""
    if ctx.reuse("handbook", "handbook", workshop_inputs(ctx.workshop)):
        return
    ctx.out.write_office("handbook", "handbook.docx", render_handbook(ctx.workshop, ctx.locale))
