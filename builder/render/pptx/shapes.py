"""Shapes other than text and tables: pictures scaled into their placeholder, the head-table diagram."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from builder.render.pptx.fit import EMU_PER_PT, Box, first_fitting
from builder.render.pptx.package import placeholder
from builder.render.pptx.text import Para, clean, write


@dataclass(frozen=True)
class Picture:
    """An image for picture placeholder ``idx``, with its description for screen readers."""

    idx: int
    source: Path
    description: str = ""

    def draw(self, slide, lang: str) -> None:
        """Insert the image into the placeholder."""
        place_picture(placeholder(slide, self.idx), self.source, self.description)


def place_picture(placeholder, source: Path, description: str) -> None:
    """Insert an image into a picture placeholder, scaled to fit inside it without cropping, centred."""
    box = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    picture = placeholder.insert_picture(str(source))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    width, height = picture.image.size
    scale = min(box[2] / width, box[3] / height)
    w, h = int(width * scale), int(height * scale)
    picture.left, picture.top = box[0] + (box[2] - w) // 2, box[1] + (box[3] - h) // 2
    picture.width, picture.height = w, h
    if description:
        picture._element.nvPicPr.cNvPr.set("descr", clean(description))


LEFT, TOP, GAP, CARD_HEIGHT = 43.2, 122.4, 8.0, 170.0  # head-table geometry, in points


@dataclass(frozen=True)
class HeadTable:
    """A head table seen from the audience: one card per seat, the principal's in the accent colour.

    ``cards`` holds, per seat, the fitted lines (seat, official, rank, host or representative)
    and whether it is the principal's seat.
    """

    box: Box
    cards: tuple[tuple[tuple[Para, ...], bool], ...]
    sides: str
    audience: str
    accent: str

    @property
    def card_width(self) -> float:
        """Width of one card, in points."""
        return card_width(self.box, len(self.cards))

    def draw(self, slide, lang: str) -> None:
        """Draw the cards, the table and the audience marker."""
        draw_head_table(slide, self)


def card_width(box: Box, count: int) -> float:
    """Width of each of ``count`` cards side by side across ``box``."""
    return (box.width - GAP * (count - 1)) / count


def card_box(box: Box, count: int) -> Box:
    """The text area of one card."""
    return Box(card_width(box, count), CARD_HEIGHT, (5.0, 5.0, 5.0, 5.0))


def head_table(box: Box, seats: Sequence[str], officials: Sequence[dict], label, accent: str) -> HeadTable:
    """The head-table diagram of ``seats`` taken by ``officials`` (dicts with name, rank, host, represents)."""
    principal = min(range(len(officials)), key=lambda i: officials[i].get("rank", 99))
    inner = card_box(box, len(seats))
    cards = []
    for number, (seat, person) in enumerate(zip(seats, officials)):
        notes = [label("slides.rank", n=person.get("rank", "?"))]
        if person.get("host"):
            notes.append(label("slides.host"))
        if person.get("represents"):
            notes.append(label("slides.represents", name=person["represents"]))
        lines = [Para(seat, 22, bold=True, align="ctr", markup=False),
                 Para(str(person.get("name", "")), 16, bold=True, align="ctr", space_before=6, markup=False)]
        lines += [Para(n, 13, italic=True, align="ctr", space_before=4, markup=False) for n in notes]
        fitted = first_fitting(lines, inner, (22, 20, 18, 16, 14, 12)) or lines
        cards.append((tuple(fitted), number == principal))
    return HeadTable(box, tuple(cards), f"{label('slides.principal_right')}          {label('slides.principal_left')}",
                     f"▼ ▼ ▼   {label('slides.audience')}   ▼ ▼ ▼", accent)


def draw_head_table(slide, plan: HeadTable) -> None:
    """Draw a head table: cards side by side, the table below them and the audience at the bottom."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    emu = EMU_PER_PT
    left, top, width = LEFT, TOP, plan.box.width
    card_w, card_h = plan.card_width, CARD_HEIGHT
    inner = card_box(plan.box, len(plan.cards))
    sides = slide.shapes.add_textbox(Emu(int(left * emu)), Emu(int(top * emu)), Emu(int(width * emu)),
                                     Emu(int(24 * emu)))
    sides.text_frame.word_wrap = True
    write(sides, [Para(plan.sides, 14, italic=True, align="ctr", markup=False)], Box(width, 24), "id-ID")
    y = top + 30
    for number, (lines, principal) in enumerate(plan.cards):
        x = left + number * (card_w + GAP)
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(int(x * emu)), Emu(int(y * emu)),
                                      Emu(int(card_w * emu)), Emu(int(card_h * emu)))
        card.fill.solid()
        card.fill.fore_color.rgb = RGBColor.from_string(plan.accent if principal else "EEF2F6")
        card.line.color.rgb = RGBColor.from_string(plan.accent)
        colour = "FFFFFF" if principal else "1F1F1F"
        card.text_frame.word_wrap = True
        write(card, lines, inner, "id-ID")
        for paragraph in card.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = RGBColor.from_string(colour)
    table_y = y + card_h + 10
    table = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(int(left * emu)), Emu(int(table_y * emu)),
                                   Emu(int(width * emu)), Emu(int(26 * emu)))
    table.fill.solid()
    table.fill.fore_color.rgb = RGBColor.from_string("8B6B4A")
    table.line.fill.background()
    audience = slide.shapes.add_textbox(Emu(int(left * emu)), Emu(int((table_y + 40) * emu)), Emu(int(width * emu)),
                                        Emu(int(30 * emu)))
    audience.text_frame.word_wrap = True
    write(audience, [Para(plan.audience, 18, bold=True, align="ctr", markup=False)], Box(width, 30), "id-ID")
