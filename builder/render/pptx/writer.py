"""Write a laid-out deck (:class:`~builder.render.pptx.layout.DeckPlan`) into a .pptx with python-pptx.

Nothing here decides sizes or splits: every text arrives fitted. The writer copies the parsed
master (:mod:`builder.render.pptx.package`), adds the slides in order (each one's frame - the
layout's placeholders, footer, slide number and logo - cloned from a prototype made once, then its
title, notes and the planned shapes), removes placeholders left empty and fixes the document
properties, so the same plan always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree

from builder.render.pptx.layout import FOOTER_SIZE, DeckPlan, Slide
from builder.render.pptx.package import (DeckPackage, footer_elements, master, number_slide, placeholder_element,
                                          prune)
from builder.render.pptx.template import A, FOOTER, SLIDE_NUMBER, Template, _kind
from builder.render.pptx.text import Para, write, write_sp

EMU_PER_INCH = 914400


def write_deck(plan: DeckPlan, template: Template) -> bytes:
    """The .pptx bytes of ``plan`` drawn on ``template``, entries stored (``write_office`` deflates them)."""
    writer = _Writer(DeckPackage(master(template)), template, plan)
    for slide in plan.slides:
        writer.add(slide)
    return writer.finish()


class _Writer:
    """Draws planned slides into one deck package."""

    def __init__(self, package: DeckPackage, template: Template, plan: DeckPlan) -> None:
        self.package, self.template, self.plan = package, template, plan
        self.logo_size = logo_size(plan.logo) if plan.logo is not None else None

    def add(self, plan: Slide) -> None:
        """Add one slide and draw everything the plan holds."""
        shown = tuple(footer is not None for footer in plan.footers)
        frame = self.package.source.frame((plan.layout, shown, self.plan.lang, self.plan.logo, self.logo_size),
                                          lambda prs, slide: self._frame(prs, slide, plan))
        part = self.package.add_slide(frame, plan.layout)
        number_slide(part._element, len(self.package.prs.slides))
        self._footer_text(part._element, plan)
        slide = part.slide
        if plan.title is not None:
            write_sp(placeholder_element(slide, 0), plan.title, self.template.box(plan.layout, 0), self.plan.lang)
        if self.plan.logo is not None:
            self.package.relate_image(part, self.plan.logo)
        if plan.notes:
            self.package.add_notes(part, plan.notes)
        for shape in plan.shapes:
            shape.draw(slide, self.plan.lang)

    def _frame(self, prs, slide, plan: Slide) -> None:
        """Draw what every slide of ``plan.layout`` shares: footers, slide-number field and logo.

        The footer text is written again on each slide (:meth:`_footer_text`); a frame serves every
        slide of the layout whose footers are shown in the same places.
        """
        layout = slide.slide_layout
        footers = [ph for ph in layout.placeholders if _kind(ph) in (FOOTER, SLIDE_NUMBER)]
        boxes = self.template.footers.get(plan.layout, ())
        for source, (kind, box), fitted in zip(footers, boxes, plan.footers):
            if kind == FOOTER and fitted is not None:
                slide.shapes.clone_placeholder(source)
                write(slide.shapes[-1], [fitted], box, self.plan.lang)
            elif kind == SLIDE_NUMBER:
                slide.shapes.clone_placeholder(source)
                _number_field(slide.shapes[-1], box, self.plan.lang)
        if self.plan.logo is not None:
            self._add_logo(prs, slide)

    def _footer_text(self, element, plan: Slide) -> None:
        """Write this slide's fitted footers into the frame's footer placeholders (the frame may hold another's)."""
        placeholders = iter(footer_elements(element))
        for (kind, box), fitted in zip(self.template.footers.get(plan.layout, ()), plan.footers):
            if kind == FOOTER and fitted is not None:
                write_sp(next(placeholders), [fitted], box, self.plan.lang)

    def _add_logo(self, prs, slide) -> None:
        """Put the logo at the top right, at most 0.75 in high and 1.1 in wide."""
        width, height = self.logo_size
        scale = min(EMU_PER_INCH * 0.75 / height, EMU_PER_INCH * 1.1 / width)
        w, h = int(width * scale), int(height * scale)
        left = prs.slide_width - int(EMU_PER_INCH * 0.45) - w
        slide.shapes.add_picture(str(self.plan.logo), left, int(EMU_PER_INCH * 0.35), w, h)

    def finish(self) -> bytes:
        """Remove empty placeholders, set fixed core properties and return the file's bytes (entries stored)."""
        prs = self.package.prs
        for slide in prs.slides:
            prune(slide._element)
        plan = self.plan
        core = prs.core_properties
        stamp = dt.datetime(plan.when.year, plan.when.month, plan.when.day)
        core.title, core.author, core.last_modified_by, core.subject = plan.title, plan.author, plan.author, plan.subject
        core.created = core.modified = core.last_printed = stamp
        core.revision = 1
        core.keywords = core.comments = core.category = ""
        buffer = io.BytesIO()
        self.package.save(buffer)
        return buffer.getvalue()


def _number_field(shape, box, lang: str) -> None:
    """Make ``shape``'s text one slide-number field (its number is set per slide)."""
    write(shape, [Para("", FOOTER_SIZE)], box, lang)
    paragraph = shape.text_frame.paragraphs[0]._p
    for run in paragraph.findall(f"{{{A}}}r"):
        paragraph.remove(run)
    field = etree.SubElement(paragraph, f"{{{A}}}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    etree.SubElement(field, f"{{{A}}}rPr", lang="id-ID", sz=str(int(FOOTER_SIZE * 100)))
    etree.SubElement(field, f"{{{A}}}t").text = "0"


def logo_size(path) -> tuple[int, int]:
    """The logo's size in pixels."""
    from PIL import Image

    with Image.open(path) as image:
        return image.size
