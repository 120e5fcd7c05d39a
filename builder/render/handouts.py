"""Participant handouts, trainer guides and the participant handbook (.docx): the three output kinds.

Three output kinds share one template (``templates/handout.docx``: styles, header, footer,
cover) and :func:`render_document`, which fills a cover and a body:

* ``handouts``: ``handouts/<module>.docx``, what participants read and write in; never any
  solution, marking guidance or answer key (content: :mod:`builder.render.docx.content`);
* ``guides``: ``trainer/<module>-guide.docx``, the session plan timed against the agenda,
  speaker notes, exercise solutions and marking, the quiz answer key, a materials checklist
  (content: :mod:`builder.render.guide`; schedule: :mod:`builder.model.session_plan`);
* ``handbook``: ``handbook.docx`` (buku panduan peserta), cover, table of contents, welcome,
  agenda and every participant handout in agenda order (content: :mod:`builder.render.handbook`).

The content is written into a docxtpl sub-document with python-docx, so every value is a
python-docx run (escaped by the library) and every heading, list and caption has a Word style.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from docx.shared import RGBColor
from docxtpl import DocxTemplate

from builder.i18n import Locale, add_labels
from builder.model.module import Module
from builder.model.workshop import Workshop
from builder.render import BuildContext, output_kind
from builder.render.agenda import jinja_env
from builder.render.docx.blocks import set_paragraph_border
from builder.render.docx.content import Page, handout_content, module_facts
from builder.render.docx.util import fix_metadata, hold_together, keep_headings, shrink_tail
from builder.render.guide import guide_content
from builder.render.handbook import handbook_content
from builder.resources import template_path

TEMPLATE = template_path("handout.docx")
TEMPLATE_ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # the colour make_handout.py uses; replaced by the branding accent


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
        ctx.progress(module.id)
        ctx.out.write_office("handouts", f"handouts/{module.id}.docx", render_handout(ctx.workshop, module, ctx.locale))


@output_kind("guides", "trainer/<module>-guide.docx")
def build_guides(ctx: BuildContext) -> None:
    """Write one trainer guide per module."""
    warn = _warn(ctx)
    for module in ctx.workshop.modules.values():
        ctx.progress(module.id)
        ctx.out.write_office("guides", f"trainer/{module.id}-guide.docx",
                             render_guide(ctx.workshop, module, ctx.locale, warn))


@output_kind("handbook", "handbook.docx")
def build_handbook(ctx: BuildContext) -> None:
    """Write the participant handbook of the whole workshop."""
    ctx.out.write_office("handbook", "handbook.docx", render_handbook(ctx.workshop, ctx.locale))
