"""Slide tables: rows split over continuation slides, drawn as native tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation

from builder.check.diagnostics import UserError
from builder.render.pptx.layout import Deck
from builder.render.pptx.tables import Table, table_slides
from builder.render.pptx.template import prepare_template
from builder.render.pptx.writer import write_deck


def fail(row, message):
    """The error a caller makes for a row too tall (row None: the caption)."""
    return UserError(f"row {row}: {message}", "shorten it")


def test_long_table_continues_with_its_header_on_every_slide(basic_workshop):
    """Forty rows: several slides, each with the header row, every row once and in order."""
    template = prepare_template(basic_workshop)
    deck = Deck(template, "", None)
    rows = [[f"Baris {n}", "teks **tebal** " * 3, "isi"] for n in range(40)]
    table_slides(deck, "Tenggat", ["No", "Uraian", "Catatan"], rows, "catatan", "(lanjutan)", fail)
    plans = [shape for slide in deck.slides for shape in slide.shapes]
    assert len(deck.slides) > 1 and all(isinstance(s, Table) for s in plans)
    assert [slide.title[0].text for slide in deck.slides][1] == "Tenggat (lanjutan)"
    assert [list(r) for t in plans for r in t.rows] == rows
    prs = Presentation(io.BytesIO(write_deck(deck.finish("t", "a", "s", dt.date(2020, 1, 1)), template)))
    for slide, plan in zip(prs.slides, plans):
        table = next(s for s in slide.shapes if s.has_table).table
        assert [c.text for c in table.rows[0].cells] == ["No", "Uraian", "Catatan"]
        assert [[c.text for c in r.cells] for r in list(table.rows)[1:]] == [
            [a, b.replace("**", ""), c] for a, b, c in plan.rows]
        assert table.cell(1, 1).text_frame.paragraphs[0].runs[1].font.bold


def test_a_row_too_tall_for_a_slide_is_reported_by_index(basic_workshop):
    """The caller's error names the row that cannot fit even alone."""
    deck = Deck(prepare_template(basic_workshop), "", None)
    rows = [["a", "b"], ["a", "kata " * 900]]
    with pytest.raises(UserError, match="row 1: this table row is too tall"):
        table_slides(deck, "Tabel", ["A", "B"], rows, "", "(lanjutan)", fail)
