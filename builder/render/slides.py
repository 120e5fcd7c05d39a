"""The slides output kind: one editable .pptx per module, plus the workshop's opening and day deck.

Where things live: the deck content is in :mod:`builder.render.decks` (module deck, workshop
deck, check questions); slide text is fitted by :mod:`builder.render.pptx.fit`, laid out into
slide plans by :mod:`builder.render.pptx.layout` and written as pptx by
:mod:`builder.render.pptx.writer` from the master checked in :mod:`builder.render.pptx.template`.

The preflight lays out every deck (pure fitting on the model's text and the master's box sizes,
read once); it is all ``workshop validate`` runs. The build writes the same plans, so a source
that validates cannot fail to fit while the decks are written.
"""

from __future__ import annotations

from pathlib import Path

from builder.check.diagnostics import UserError, diagnostic_from_error, display_path
from builder.i18n import Locale
from builder.model.workshop import Workshop
from builder.render import BuildContext, output_kind, preflight
from builder.render.decks.module import ModuleDeck
from builder.render.decks.quiz import answer_parts, question_paras  # tests/domain import them from here
from builder.render.decks.workshop import WorkshopDeck
from builder.render.pptx.layout import DeckPlan
from builder.render.pptx.template import Template, check_template, prepare_template  # check/semantic: check_template
from builder.render.pptx.writer import write_deck
from builder.render.inputs import unit_inputs

__all__ = ["answer_parts", "build_slides", "check_template", "lay_out_deck", "lay_out_decks", "logo_path",
           "question_paras", "render_module_deck", "render_workshop_deck"]

TEMPLATE_KEY = ("slides", "<template>")  # ctx.prepared key of the checked master (not a module id)


def logo_path(workshop: Workshop) -> Path | None:
    """The branding logo, when the curriculum names one that exists (the sources check says it is an image)."""
    logo = workshop.curriculum.branding.logo
    if not logo:
        return None
    path = workshop.resolve(logo)
    if not path.is_file():
        raise UserError(f"logo '{logo}' not found", "check branding.logo (relative to the project folder)")
    return path


def lay_out_deck(workshop: Workshop, name: str, locale: Locale, template: Template) -> DeckPlan:
    """Lay out one deck ("workshop" or a module id) without writing it; raise a UserError when a text does not fit."""
    if name == "workshop":
        return WorkshopDeck(workshop, locale, template, logo_path(workshop)).build()
    return ModuleDeck(workshop, workshop.modules[name], locale, template, logo_path(workshop)).build()


def render_module_deck(workshop: Workshop, module_id: str, locale: Locale, template: Template | None = None) -> bytes:
    """The .pptx bytes of one module's deck."""
    template = template or prepare_template(workshop)
    return write_deck(lay_out_deck(workshop, module_id, locale, template), template)


def render_workshop_deck(workshop: Workshop, locale: Locale, template: Template | None = None) -> bytes:
    """The .pptx bytes of the workshop deck."""
    template = template or prepare_template(workshop)
    return write_deck(lay_out_deck(workshop, "workshop", locale, template), template)


@preflight("slides")
def lay_out_decks(ctx: BuildContext) -> list:
    """Lay out every deck in memory: a text that does not fit or a bad master is found before writing.

    The master and the deck plans are kept in ``ctx.prepared`` for :func:`build_slides` to write.
    """
    found = []
    try:
        template = prepare_template(ctx.workshop)
    except UserError as error:
        return [diagnostic_from_error(error, "slides.template")]
    ctx.prepared[TEMPLATE_KEY] = template
    for name in [*ctx.workshop.modules, "workshop"]:
        if ctx.is_fresh("slides", name, unit_inputs(ctx.workshop, name)):
            continue  # the deck written last time is kept (it was laid out then)
        try:
            ctx.prepared[("slides", name)] = lay_out_deck(ctx.workshop, name, ctx.locale, template)
        except UserError as error:
            found.append(diagnostic_from_error(error, "slides.fit", display_path(ctx.workshop.module_files.get(name, name))))
    return found


@output_kind("slides", "slides/<module>.pptx and slides/workshop.pptx")
def build_slides(ctx: BuildContext) -> None:
    """Write one deck per module of the workshop and the workshop deck (laid out by the preflight)."""
    if TEMPLATE_KEY not in ctx.prepared:
        lay_out_decks(ctx)
    template = ctx.prepared.get(TEMPLATE_KEY) or prepare_template(ctx.workshop)
    for name in [*ctx.workshop.modules, "workshop"]:
        if ctx.reuse("slides", name, unit_inputs(ctx.workshop, name)):
            continue
        ctx.progress(name)
        plan = ctx.prepared.get(("slides", name))
        if plan is None:  # the preflight found a problem in this deck; lay it out again to raise it
            plan = lay_out_deck(ctx.workshop, name, ctx.locale, template)
        ctx.out.write_office("slides", f"slides/{name}.pptx", write_deck(plan, template))
