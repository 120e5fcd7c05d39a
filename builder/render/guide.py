"""The trainer guide's content: overview, timed session plan, speaker notes, solutions, quiz key, checklist.

The document around it (template, cover, output kind ``guides``) is in :mod:`builder.render.handouts`;
the schedule itself is computed in :mod:`builder.model.session_plan`.
"""

from __future__ import annotations

from typing import Callable

from docx.shared import Pt

from builder.domain.quizbank import BankItem, Test, guide_text, source_variant
from builder.model.module import Module
from builder.model.session_plan import session_plan
from builder.render.docx.blocks import add_literal, add_rich, add_text_run, box, data_table, first_paragraph, heading, spacer
from builder.render.docx.content import Page, exercise_meta, render_value, slot_text, value_text
from builder.render.docx.util import lighten
from builder.render.richtext import inline_text


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
    return guide_text(vitem, language)


def add_quiz_key(page: Page, module: Module) -> None:
    """The answer key of every quiz item of the module, in source order."""
    if not module.quiz:
        return
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
