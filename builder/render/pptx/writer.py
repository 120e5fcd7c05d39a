"""Write a laid-out deck (:class:`~builder.render.pptx.layout.DeckPlan`) into a .pptx with python-pptx.

Nothing here decides sizes or splits: every text arrives fitted. The writer opens the prepared
master, adds the slides in order (title, footer, slide number, logo, notes, then the planned
shapes), removes placeholders left empty and fixes the document properties, so the same plan
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree

from builder.render.pptx.layout import FOOTER_SIZE, DeckPlan, Slide
from builder.render.pptx.template import A, FOOTER, SLIDE_NUMBER, Template, _kind
from builder.render.pptx.text import Para, write

EMU_PER_INCH = 914400


def write_deck(plan: DeckPlan, template: Template) -> bytes:
    """The .pptx bytes of ``plan`` drawn on ``template``."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(template.data))
    writer = _Writer(prs, template, plan)
    for slide in plan.slides:
        writer.add(slide)
    return writer.finish()


class _Writer:
    """Draws planned slides into one open presentation."""

    def __init__(self, prs, template: Template, plan: DeckPlan) -> None:
        self.prs, self.template, self.plan = prs, template, plan
        self.layouts = {layout.name: layout for layout in prs.slide_layouts}
        self._footers: dict[str, list] = {}
        self._logo_size: tuple[int, int] | None = None

    def footer_placeholders(self, layout: str) -> list:
        """The layout's footer and slide-number placeholders, in the order the template lists them."""
        if layout not in self._footers:
            self._footers[layout] = [ph for ph in self.layouts[layout].placeholders
                                     if _kind(ph) in (FOOTER, SLIDE_NUMBER)]
        return self._footers[layout]

    def add(self, plan: Slide) -> None:
        """Add one slide and draw everything the plan holds."""
        slide = self.prs.slides.add_slide(self.layouts[plan.layout])
        if plan.title is not None:
            write(slide.placeholders[0], plan.title, self.template.box(plan.layout, 0), self.plan.lang)
        self._footer(slide, plan)
        if self.plan.logo is not None:
            self._add_logo(slide)
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = plan.notes
        for shape in plan.shapes:
            shape.draw(slide, self.plan.lang)

    def _footer(self, slide, plan: Slide) -> None:
        """Clone the layout's footer and slide-number placeholders and fill them."""
        boxes = self.template.footers.get(plan.layout, ())
        for placeholder, (kind, box), fitted in zip(self.footer_placeholders(plan.layout), boxes, plan.footers):
            if kind == FOOTER and fitted is not None:
                slide.shapes.clone_placeholder(placeholder)
                write(slide.shapes[-1], [fitted], box, self.plan.lang)
            elif kind == SLIDE_NUMBER:
                slide.shapes.clone_placeholder(placeholder)
                shape = slide.shapes[-1]
                write(shape, [Para("", FOOTER_SIZE)], box, self.plan.lang)
                paragraph = shape.text_frame.paragraphs[0]._p
                for run in paragraph.findall(f"{{{A}}}r"):
                    paragraph.remove(run)
                field = etree.SubElement(paragraph, f"{{{A}}}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                         type="slidenum")
                etree.SubElement(field, f"{{{A}}}rPr", lang="id-ID", sz=str(int(FOOTER_SIZE * 100)))
                etree.SubElement(field, f"{{{A}}}t").text = str(len(self.prs.slides))

    def _add_logo(self, slide) -> None:
        """Put the logo at the top right, at most 0.75 in high and 1.1 in wide."""
        if self._logo_size is None:
            from PIL import Image

            with Image.open(self.plan.logo) as image:
                self._logo_size = image.size
        width, height = self._logo_size
        scale = min(EMU_PER_INCH * 0.75 / height, EMU_PER_INCH * 1.1 / width)
        w, h = int(width * scale), int(height * scale)
        left = self.prs.slide_width - int(EMU_PER_INCH * 0.45) - w
        slide.shapes.add_picture(str(self.plan.logo), left, int(EMU_PER_INCH * 0.35), w, h)

    def finish(self) -> bytes:
        """Remove empty placeholders, set fixed core properties and return the file's bytes."""
        for slide in self.prs.slides:
            prune(slide)
        plan = self.plan
        core = self.prs.core_properties
        stamp = dt.datetime(plan.when.year, plan.when.month, plan.when.day)
        core.title, core.author, core.last_modified_by, core.subject = plan.title, plan.author, plan.author, plan.subject
        core.created = core.modified = core.last_printed = stamp
        core.revision = 1
        core.keywords = core.comments = core.category = ""
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def prune(slide) -> None:
    """Remove placeholders that were left empty (no "Click to add ..." prompts on a finished slide)."""
    for shape in list(slide.placeholders):
        empty = getattr(shape, "has_text_frame", False) and not shape.text_frame.text.strip()
        kind = type(shape).__name__
        if empty or kind in ("PicturePlaceholder", "TablePlaceholder", "ChartPlaceholder"):
            shape._element.getparent().remove(shape._element)
