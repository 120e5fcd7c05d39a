"""Native slide tables: rows spread over continuation slides so that none runs off the slide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from builder.check.diagnostics import UserError
from builder.render.pptx import fit
from builder.render.pptx.layout import CONTINUED_NOTE_CHARS, Deck
from builder.render.pptx.package import escape_controls, placeholder
from builder.render.pptx.text import A, a_child, clean, inline_plain, runs


@dataclass(frozen=True)
class Table:
    """A table to insert into placeholder ``idx``: header, the rows of this slide, column widths, size."""

    idx: int
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float
    markup: bool = True

    def draw(self, slide, lang: str) -> None:
        """Insert the table; rows get a one-line minimum height and grow with their text when shown."""
        from pptx.util import Emu, Pt

        frame = placeholder(slide, self.idx).insert_table(len(self.rows) + 1, len(self.columns))
        table = frame._element.graphic.graphicData.tbl
        for column, width in zip(table.iterfind(f"{{{A}}}tblGrid/{{{A}}}gridCol"), self.widths):
            column.set("w", str(Emu(int(width * fit.EMU_PER_PT))))
        margins = fit.DEFAULT_INSETS
        minimum = Emu(int((fit.line_height(self.size) + margins[1] + margins[3]) * fit.EMU_PER_PT))
        size = str(Pt(self.size).centipoints)
        for number, (row, texts) in enumerate(zip(table.iterfind(f"{{{A}}}tr"), (self.columns, *self.rows))):
            row.set("h", str(minimum))
            for cell, text in zip(row.iterfind(f"{{{A}}}tc"), texts):
                _cell(cell, text, size, bold=number == 0, markup=self.markup)
        frame.width = Emu(int(sum(self.widths) * fit.EMU_PER_PT))
        frame.height = Emu(minimum * (len(self.rows) + 1))


def table_slides(deck: Deck, title: str, columns: list[str], rows: list[list[str]], notes: str, continued: str,
                 fail: Callable[[int | None, str], UserError], layout: str = "Tabel", markup: bool = True) -> None:
    """Lay out a native table with a repeated header row, split over slides where it does not fit.

    The row-height estimate (conservative) only decides where the table is split; ``fail(row,
    message)`` makes the error for a row too tall on its own (row None: the caption).
    """
    box = deck.box(layout, 1)
    largest = 18 if len(columns) <= 3 else 16 if len(columns) <= 5 else 14
    widths = fit.column_widths(columns, rows, box.width)
    margins = fit.DEFAULT_INSETS
    shown = inline_plain if markup else clean
    cells = [[shown(c) for c in row] for row in rows]
    for size in (largest, largest - 2):  # one slide at a slightly smaller size beats a continuation slide
        header = fit.row_height([shown(c) for c in columns], widths, size, margins)
        heights = [fit.row_height(r, widths, size, margins) for r in cells]
        if sum(heights) <= box.height - header:
            break
    else:
        size = largest
        header = fit.row_height([shown(c) for c in columns], widths, size, margins)
        heights = [fit.row_height(r, widths, size, margins) for r in cells]
    groups = fit.partition(heights, box.height - header)
    if groups is None:
        worst = max(range(len(heights)), key=heights.__getitem__)
        raise fail(worst, "this table row is too tall for a slide even on its own")
    titles = [title if n == 0 else f"{title} {continued}" for n in range(len(groups))]
    title_size = deck.title_size(layout, titles)
    if title_size is None:
        raise fail(None, "the table caption is too long for a slide title")
    for number, group in enumerate(groups):
        slide = deck.add(layout, titles[number], notes=notes if number == 0 else notes[:CONTINUED_NOTE_CHARS],
                         title_size=title_size)
        slide.shapes.append(Table(1, tuple(columns), tuple(tuple(rows[i]) for i in group), tuple(widths), size,
                                  markup))


def _cell(cell, text: str, size: str, bold: bool = False, markup: bool = True) -> None:
    """Write one new table cell (lines of the text become paragraphs) as python-pptx's text API would.

    ``size`` is the font size in hundredths of a point; python-pptx's escape of control characters
    is kept (a carriage return becomes "_x000D_").
    """
    body = cell.find(f"{{{A}}}txBody")
    body.find(f"{{{A}}}bodyPr").set("wrap", "square")
    for index, line in enumerate(text.split("\n")):
        paragraph = body.find(f"{{{A}}}p") if index == 0 else a_child(body, "p")
        pieces = runs(line) if markup else [(clean(line), False, False)]
        for part, b, i in pieces or [("", False, False)]:
            run = a_child(paragraph, "r")
            properties = a_child(run, "rPr", sz=size)
            if bold or b:
                properties.set("b", "1")
            if i:
                properties.set("i", "1")
            a_child(run, "t").text = escape_controls(part)
