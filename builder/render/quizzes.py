"""Printed tests (pre/post, variants A, B, ...), answer keys, LMS exports and the response template."""

from __future__ import annotations

import io
from copy import deepcopy
from functools import lru_cache

from docx.shared import Cm, Pt

from builder.render.docx.blocks import add_paragraph, append_plain_run, append_run, set_cell_text, set_column_widths
from builder.render.docx.util import (
    fix_metadata, hold_together, keep_row_together, keep_table_whole, shade_cell, shrink_tail,
)
from builder.render.lms import gift_export, moodle_export
from builder.domain.questions import kind_of
from builder.i18n import Locale
from builder.render import BuildContext, output_kind
from builder.render.inputs import quiz_inputs, workshop_inputs
from builder.render.agenda import jinja_env
from builder.resources import template_path
from builder.domain.quizbank import Test, Variant, VariantItem, key_text, quiz_files

TEMPLATE = template_path("quiz.docx")


@lru_cache(maxsize=8)
def _quiz_labels(language: str) -> dict:
    """The ``quiz.`` labels of ``language`` (the catalogue is fixed for the process)."""
    return Locale(language).labels("quiz.")


def _labels(locale: Locale) -> dict:
    """A fresh copy of the quiz labels of ``locale``, gathered from the catalogue once per process and language."""
    return dict(_quiz_labels(locale.language))


def _item_hint(vitem: VariantItem, labels: dict) -> str:
    hint = kind_of(vitem.question).sheet_hint
    return labels[hint] if hint else ""


def _add_item(doc, vitem: VariantItem, labels: dict) -> None:
    """Write one numbered item with its options into the sub-document."""
    q = vitem.question
    para = add_paragraph(doc, space_before=Pt(6), keep_with_next=True)._p
    append_run(para, f"{vitem.number}. ", bold=True)
    append_plain_run(para, q.question)
    hint = _item_hint(vitem, labels)
    if hint:
        append_run(para, f" ({hint})", italic=True)
    lines = kind_of(q).sheet_lines(q, vitem.options)
    for number, (line, indent) in enumerate(lines):
        option = add_paragraph(doc, left_indent=Cm(indent), space_after=Pt(0), keep_with_next=number < len(lines) - 1)
        if line:
            append_plain_run(option._p, line)


def _answer_sheet(doc, variant: Variant, labels: dict) -> None:
    """A grid of numbered answer boxes kept in one piece (the response template follows it).

    The grid follows the last question when it fits on that page and starts a new page otherwise,
    so a sheet never ends with a page holding one spilled question.
    """
    heading = add_paragraph(doc, space_before=Pt(18), keep_with_next=True)
    append_run(heading._p, f"{labels['answer_sheet']} — {labels['variant']} {variant.letter}", bold=True)
    count = len(variant.items)
    per_column = (count + 2) // 3
    table = doc.add_table(rows=per_column + 1, cols=6)
    table.style = "Table Grid"
    rows = table._tbl.tr_lst
    for index, cell in enumerate(table.rows[0].cells):
        set_cell_text(cell._tc, labels["number"] if index % 2 == 0 else labels["answer"], bold=True)
        shade_cell(cell, "D9E2F3")
    for index in range(count):
        column, row = divmod(index, per_column)
        set_cell_text(rows[row + 1].tc_lst[column * 2], str(index + 1))
    # At most 85 % of a page with its heading: a long test's grid can still share a page with the one or
    # two questions that spill over, so that page is never nearly empty.
    height = min(0.85, 20.5 / len(rows))
    for row in table.rows:
        row.height = Cm(height)
        keep_row_together(row)
    keep_table_whole(table)
    set_column_widths(table, [Cm(1.2) if index % 2 == 0 else Cm(4.4) for index in range(6)])


def _key_table(doc, variant: Variant, labels: dict, language: str) -> None:
    """The answer key of one variant: number, answer, objective, explanation."""
    heading = add_paragraph(doc, space_before=Pt(8))
    append_run(heading._p, f"{labels['variant']} {variant.letter} · {labels['max_score']}: {variant.max_score}",
               bold=True)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    widths = (Cm(1.1), Cm(3.4), Cm(3.3), Cm(9.2))  # "keprotokolan/o4" fits the objective column unbroken
    headers = (labels["number"], labels["answer"], labels["objective"], labels["explanation"])
    for cell, text, width in zip(table.rows[0].cells, headers, widths):
        set_cell_text(cell._tc, text, bold=True)
        cell.width = width
        shade_cell(cell, "D9E2F3")
    prototype = table.add_row()._tr  # an empty key row with the column widths; every item's row is a copy
    for tc, width in zip(prototype.tc_lst, widths):
        tc.width = width
    table._tbl.remove(prototype)
    for vitem in variant.items:
        values = (str(vitem.number), key_text(vitem, language), f"{vitem.item.module.id}/\u200b{vitem.question.objective}",  # may break after the slash only
                  vitem.question.explanation)
        tr = deepcopy(prototype)
        table._tbl.append(tr)
        for tc, text in zip(tr.tc_lst, values):
            set_cell_text(tc, text)
    for column, width in zip(table.columns, widths):
        column.width = width


def _render(ctx: BuildContext, test: Test, heading: str, subheading: str, identity: bool, instructions: str,
            fill) -> bytes:
    """Render the quiz template with a body built by ``fill(subdoc)``."""
    workshop = ctx.workshop
    labels = _labels(ctx.locale)
    from builder.render.docx.template import WorkshopTemplate

    template = WorkshopTemplate(str(TEMPLATE))
    body = template.new_subdoc()
    fill(body)
    context = {
        "organizer_upper": workshop.curriculum.organizer.upper(),
        "footer": f"{workshop.curriculum.short_title or workshop.curriculum.title} · {heading}",
        "heading": heading,
        "subheading": subheading,
        "identity": identity,
        "instructions": instructions,
        "labels": labels,
        "body": body,
    }
    template.render(context, jinja_env=jinja_env(), autoescape=True)
    hold_together(template.docx)  # rows never split, header rows repeat
    shrink_tail(template.docx)
    fix_metadata(template.docx, f"{heading} — {test.title}", workshop.curriculum.organizer, workshop.curriculum.first_date)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def render_sheet(ctx: BuildContext, variant: Variant) -> bytes:
    """The participant's question sheet for one variant, ending with the answer sheet."""
    labels = _labels(ctx.locale)
    test = variant.test
    heading = f"{labels[test.pool]} — {labels['variant']} {variant.letter}"

    def fill(doc) -> None:
        for vitem in variant.items:
            _add_item(doc, vitem, labels)
        _answer_sheet(doc, variant, labels)

    return _render(ctx, test, heading, test.title, True, labels["instr"], fill)


def render_key(ctx: BuildContext, variants: list[Variant]) -> bytes:
    """The answer keys of every variant of one test."""
    labels = _labels(ctx.locale)
    test = variants[0].test
    heading = f"{labels['key']} {labels[test.pool]}"

    def fill(doc) -> None:
        for variant in variants:
            _key_table(doc, variant, labels, ctx.locale.language)

    return _render(ctx, test, heading, test.title, False, labels["key_instr"], fill)


@output_kind("quizzes", "quizzes/<scope>-<pool>-<variant>.docx, keys, Moodle XML, GIFT, responses template")
def build_quizzes(ctx: BuildContext) -> None:
    """Write the question sheets, answer keys, LMS exports and response template."""
    tests = quiz_files(ctx.workshop)
    for test, variants in tests:
        if ctx.reuse("quizzes", test.name, quiz_inputs(ctx.workshop, test)):
            continue
        for variant in variants:
            ctx.progress(f"{test.name} {variant.letter}")
            ctx.out.write_office("quizzes", f"quizzes/{test.name}-{variant.letter}.docx", render_sheet(ctx, variant))
        ctx.out.write_office("quizzes", f"quizzes/{test.name}-kunci.docx", render_key(ctx, variants))
    if ctx.reuse("quizzes", "exports", workshop_inputs(ctx.workshop)):
        return
    ctx.out.write_text("quizzes", "quizzes/moodle.xml", moodle_export(ctx.workshop))
    ctx.out.write_text("quizzes", "quizzes/gift.txt", gift_export(ctx.workshop))
    from builder.render.response_template import response_template  # openpyxl: imported by the process that writes it

    ctx.out.write_office("quizzes", "quizzes/responses-template.xlsx", response_template(ctx.workshop, tests, ctx.locale))
