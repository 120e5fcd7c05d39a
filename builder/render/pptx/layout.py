"""A deck laid out in memory: slides with fitted titles, footers and text, but no pptx XML yet.

:class:`Deck` is what the deck content (:mod:`builder.render.decks`) talks to: it knows the box
sizes of the master (a :class:`~builder.render.pptx.template.Template`), fits titles and footers
with :mod:`builder.render.pptx.fit`, and records each slide as a :class:`Slide` holding the
shapes to draw. :func:`builder.render.pptx.writer.write_deck` turns the finished
:class:`DeckPlan` into a .pptx. ``workshop validate`` lays decks out and stops there; the build
writes the very same plans, so a deck that validates cannot fail to fit while writing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from builder.check.diagnostics import UserError
from builder.render.pptx.fit import Box, first_fitting, fits
from builder.render.pptx.package import placeholder_element
from builder.render.pptx.template import FOOTER, Template
from builder.render.pptx.text import Para, clean, write_sp

TITLE_SIZES = (32, 28, 24, 20, 18, 16)
COVER_SIZES = (40, 36, 32, 28, 24, 20)
BULLET_SIZES = (24, 22, 20)  # one slide at the largest size that fits; split at the smallest
MAX_BULLETS = 8  # per slide, for readability
CONTINUED_NOTE_CHARS = 400
FOOTER_SIZE = 11


@dataclass(frozen=True)
class Fill:
    """Fitted paragraphs for placeholder ``idx`` of a slide."""

    idx: int
    paras: tuple[Para, ...]
    box: Box

    def draw(self, slide, lang: str) -> None:
        """Write the paragraphs into the slide's placeholder."""
        write_sp(placeholder_element(slide, self.idx), self.paras, self.box, lang)


@dataclass
class Slide:
    """One slide of a laid-out deck: layout, fitted title, footers, notes and the shapes to draw."""

    layout: str
    title: tuple[Para, ...] | None
    footers: tuple[Para | None, ...]  # per footer placeholder of the layout: the fitted footer, or None
    notes: str = ""
    shapes: list = field(default_factory=list)  # Fill, Table, Picture, HeadTable ... in drawing order


@dataclass(frozen=True)
class DeckPlan:
    """A whole deck laid out: its slides and the document properties to write."""

    slides: tuple[Slide, ...]
    lang: str
    logo: Path | None
    title: str
    author: str
    subject: str
    when: dt.date


class Deck:
    """A deck being laid out on the prepared master, with fitting helpers."""

    def __init__(self, template: Template, footer: str, logo: Path | None, language: str = "id") -> None:
        self.template = template
        self.lang = "en-US" if language == "en" else "id-ID"
        self.footer = footer
        self.logo = logo
        self.slides: list[Slide] = []
        self._footers: dict[str, tuple[Para | None, ...]] = {}

    def box(self, layout: str, idx: int) -> Box:
        """The text area of placeholder ``idx`` of ``layout``."""
        return self.template.box(layout, idx)

    def footers(self, layout: str) -> tuple[Para | None, ...]:
        """The fitted footer for each footer placeholder of ``layout`` (None: left out or a slide number)."""
        if layout not in self._footers:
            found: list[Para | None] = []
            for kind, box in self.template.footers.get(layout, ()):
                fitted = None
                if kind == FOOTER and self.footer:
                    fitted = first_fitting([Para(self.footer, FOOTER_SIZE, markup=False)], box, (FOOTER_SIZE, 10, 9))
                found.append(fitted[0] if fitted else None)
            self._footers[layout] = tuple(found)
        return self._footers[layout]

    def add(self, layout: str, title: str | None, notes: str = "", title_sizes: Sequence[float] = TITLE_SIZES,
            title_size: float | None = None) -> Slide:
        """Add a slide with ``title`` (shrunk to fit), footer, slide number, logo and notes."""
        paras = None
        if title is not None:
            box = self.box(layout, 0)
            paras = [Para(title, title_size, spacing=0.9, markup=False)] if title_size else None
            paras = paras or first_fitting([Para(title, title_sizes[0], spacing=0.9, markup=False)], box, title_sizes)
            if paras is None:
                raise UserError(f"the slide title '{title[:60]}…' is too long for a slide", "shorten it")
        slide = Slide(layout, tuple(paras) if paras is not None else None, self.footers(layout),
                      clean(notes.strip()) if notes.strip() else "")
        self.slides.append(slide)
        return slide

    def title_size(self, layout: str, titles: Sequence[str], sizes: Sequence[float] = TITLE_SIZES) -> float | None:
        """The largest size at which every one of ``titles`` fits the layout's title box."""
        box = self.box(layout, 0)
        for size in sizes:
            if all(fits([Para(t, size, spacing=0.9, markup=False)], box) for t in titles):
                return size
        return None

    def fill(self, slide: Slide, layout: str, idx: int, paras: Sequence[Para]) -> None:
        """Put ``paras`` into placeholder ``idx`` (the caller has checked that they fit)."""
        slide.shapes.append(Fill(idx, tuple(paras), self.box(layout, idx)))

    def finish(self, title: str, author: str, subject: str, when: dt.date) -> DeckPlan:
        """The laid-out deck with its document properties."""
        return DeckPlan(tuple(self.slides), self.lang, self.logo, title, author, subject, when)
