"""The trainer guide's content: overview, timed session plan, speaker notes, solutions, quiz key, checklist.

The document around it (template, cover, output kind ``guides``) is in :mod:`builder.render.handouts`;
the schedule itself is computed in :mod:`builder.model.session_plan`.
"""

from __future__ import annotations

from typing import Callable

from docx.shared import Pt

from builder.domain.quizbank import BankItem, Test, guide_text, source_variant
from builder.i18n import Locale
from builder.model.module import Module
from builder.model.session_plan import session_plan
from builder.render.docx.blocks import add_literal, add_paragraph, add_rich, add_text_run, box, data_table, first_paragraph, heading, spacer
from builder.render.docx.content import Page, exercise_meta, render_value, slot_text, value_text
from builder.render.docx.util import lighten
from builder.render.richtext import inline_text


def add_overview(page: Page, module: Module) -> None:
    """Summary and the objectives with their ids (quiz items and exercises refer to them)."""
    heading(page.doc, page.label("overview"), 1)
    add_rich(page.doc, module.summary)
    heading(page.doc, page.locale.label("objectives"), 2)
    for objective in module.objectives:
        paragraph = add_paragraph(page.doc, "List Bullet")
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
            paragraph = add_paragraph(page.doc, "List Bullet")
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


def _quoted(values, locale: Locale) -> str:
    """“a”, “b” dan “c”: quoted values joined the way the language lists them."""
    items = [f"“{value_text(v)}”" for v in values]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {locale.label('and')} {items[-1]}"


def _ranked(officials) -> list[str]:
    """Names of officials (dicts with name and rank) from the highest rank down."""
    people = [o for o in officials or () if isinstance(o, dict)]
    return [str(o.get("name", "")) for o in sorted(people, key=lambda o: o.get("rank", 99))]


# The values each checker's text (``guide.check.<checker>`` in the catalogue) is filled with.
CHECK_VALUES: dict[str, Callable[[dict, Locale], dict]] = {
    "seating": lambda p, loc: {"seats": ", ".join(map(str, p.get("seats", []))),
                               "officials": len(p.get("officials", []))},
    "susunan_acara": lambda p, loc: {"items": len(p.get("items", []))},
    "greetings_order": lambda p, loc: {"officials": "; ".join(_ranked(p.get("officials")))},
    "classify_info": lambda p, loc: {"count": len(p.get("answers") or {})},
    "deadline": lambda p, loc: {"received": p.get("received", ""), "days": p.get("days", 10),
                                "extension": p.get("extension", 7)},
    "lead": lambda p, loc: {"max_words": p.get("max_words", 45), "max_sentences": p.get("max_sentences", 3),
                            "require": ", ".join(str(r).replace("_", " ") for r in p.get("require") or [])},
    "headline": lambda p, loc: {"min_words": p.get("min_words", 3), "max_words": p.get("max_words", 10)},
    "eyd": lambda p, loc: {"words": _quoted(p.get("must_contain") or [], loc)},
    "script_fix": lambda p, loc: {"words": _quoted(p.get("must_contain") or [], loc)},
    "press_release": lambda p, loc: {"city": p["city"]} if p.get("city") else {},
}


def describe_check(checker: str, params: dict, language: str) -> str:
    """What the automatic checker looks at, in words a trainer reads (not its raw settings)."""
    locale = Locale(language)
    values = CHECK_VALUES.get(checker)
    if values is None:
        return locale.label("guide.check.other", checker=checker)
    filled = values(params or {}, locale)
    key = "guide.check.press_release_city" if checker == "press_release" and filled else f"guide.check.{checker}"
    return locale.label(key, **filled)


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
    one, one_set = page.label("kit.one"), page.label("kit.one_set")
    items = [(page.label("kit.projector"), one_set), (page.label("kit.laptop", module=module.id), one),
             (page.label("kit.sound"), page.label("kit.microphones")),
             (page.label("kit.handouts", module=module.id), copies), (page.label("kit.name_cards"), copies),
             (page.label("kit.flipchart"), one_set), (page.label("kit.timer"), one)]
    if module.quiz:
        items.append((page.label("kit.quiz_sheets"), copies))
    if any(e.mode in ("notebook", "both") for e in module.exercises):
        items.append((page.label("kit.notebooks", module=module.id), page.label("kit.per_group")))
    if any(e.mode in ("paper", "both") for e in module.exercises):
        items.append((page.label("kit.pens"), copies))
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
