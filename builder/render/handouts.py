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

from builder.i18n import Locale
from builder.model.module import Module
from builder.model.workshop import Workshop
from builder.render import BuildContext, output_kind
from builder.render.inputs import module_inputs, workshop_inputs
from builder.render.agenda import jinja_env
from builder.render.docx.blocks import set_paragraph_border
from builder.render.docx.package import reuse_styles
from builder.render.docx.content import Page, handout_content, module_facts
from builder.render.docx.util import fix_metadata, hold_together, keep_headings, shrink_tail
from builder.render.guide import guide_content
from builder.render.handbook import handbook_content
from builder.resources import template_path

TEMPLATE = template_path("handout.docx")
TEMPLATE_ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # the colour make_handout.py uses; replaced by the branding accent


# --- documents -------------------------------------------------------------------------------

def apply_accent(document, accent: str, template: Path | None = None) -> None:
    """Recolour headings, the title and the rules of the template's styles with the branding colour.

    With ``template`` (the file ``document`` was opened from by
    :func:`builder.render.docx.package.open_document`) the styles are recoloured once per process
    and accent, and later documents take the recoloured styles as they are.
    """
    colour = RGBColor.from_string(accent)
    if template is None:
        _accent_styles(document, accent)
    else:
        reuse_styles(document, template, f"accent:{accent}", lambda doc: _accent_styles(doc, accent))
    for paragraph in document.paragraphs:  # the cover's kicker line is coloured directly
        for run in paragraph.runs:
            if run.font.color.rgb == TEMPLATE_ACCENT:
                run.font.color.rgb = colour


def _accent_styles(document, accent: str) -> None:
    """The styles' part of :func:`apply_accent`: heading and title colours, title, heading and quote rules."""
    colour = RGBColor.from_string(accent)
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = colour
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
    from builder.render.docx.template import WorkshopTemplate

    document = WorkshopTemplate(str(template))
    document.init_docx()
    apply_accent(document.docx, accent, template)
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
