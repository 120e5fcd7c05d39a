"""Writing a laid-out deck: read back with python-pptx."""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation

from builder.render.pptx.layout import Deck
from builder.render.pptx.template import prepare_template
from builder.render.pptx.text import Para
from builder.render.pptx.writer import write_deck


def test_plan_is_written_slide_by_slide(basic_workshop):
    """Titles, fills, notes, footer, slide numbers and fixed properties; empty placeholders are removed."""
    template = prepare_template(basic_workshop)
    deck = Deck(template, "Kaki slide", None, "en")
    first = deck.add("Judul dan Isi", "Pertama", notes="Catatan & <pembicara>")
    deck.fill(first, "Judul dan Isi", 1, [Para("butir **satu**", 24, bullet=True)])
    deck.add("Bagian", "Kedua")
    plan = deck.finish("Dek", "Panitia", "Subjek", dt.date(2019, 9, 24))
    data = write_deck(plan, template)
    assert write_deck(plan, template) == data  # same plan, same bytes
    prs = Presentation(io.BytesIO(data))
    one, two = prs.slides
    assert one.shapes.title.text == "Pertama" and two.shapes.title.text == "Kedua"
    body = next(p for p in one.placeholders if p.placeholder_format.idx == 1)
    assert body.text_frame.text == "butir satu" and body.text_frame.paragraphs[0].runs[1].font.bold
    assert one.notes_slide.notes_text_frame.text == "Catatan & <pembicara>" and not two.has_notes_slide
    texts = [[s.text_frame.text for s in slide.placeholders if s.placeholder_format.type in (13, 15)]
             for slide in prs.slides]  # slide number, footer
    assert texts == [["Kaki slide", "1"], ["Kaki slide", "2"]]
    assert not any(p.has_text_frame and not p.text_frame.text.strip() for s in prs.slides for p in s.placeholders)
    assert prs.core_properties.author == "Panitia" and prs.core_properties.created == dt.datetime(2019, 9, 24)
    assert one.shapes.title.text_frame.paragraphs[0].runs[0]._r.rPr.get("lang") == "en-US"
