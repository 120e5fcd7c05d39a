"""Laying a deck out in memory: fitted titles and footers, recorded fills, no pptx XML."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.check.diagnostics import UserError
from builder.render.pptx.layout import FOOTER_SIZE, Deck, Fill
from builder.render.pptx.template import prepare_template
from builder.render.pptx.text import Para


@pytest.fixture
def deck(basic_workshop) -> Deck:
    """An empty deck on the bundled master."""
    return Deck(prepare_template(basic_workshop), "Bimtek Humas Contoh · 24 September 2019", None)


def test_titles_shrink_to_fit_and_a_title_too_long_is_an_error(deck):
    """A short title keeps the largest size, a long one gets smaller, an impossible one raises."""
    short = deck.add("Judul dan Isi", "Pengantar", notes="  cata\x07tan \n")
    long = deck.add("Judul dan Isi", "Judul yang cukup panjang untuk dua baris " * 4)
    assert short.title[0].size == 32 and 16 <= long.title[0].size < 32
    assert short.notes == "catatan"
    assert deck.title_size("Judul dan Isi", ["Pengantar", "kata " * 200]) is None
    with pytest.raises(UserError, match="too long for a slide"):
        deck.add("Judul dan Isi", "kata " * 400)


def test_footer_is_fitted_once_per_layout_and_fills_are_recorded(deck):
    """Every slide carries the fitted footer (and a slot for the slide number); fills keep their box."""
    slide = deck.add("Judul dan Isi", "Pengantar")
    footers = [p for p in slide.footers if p is not None]
    assert [p.text for p in footers] == ["Bimtek Humas Contoh · 24 September 2019"]
    assert footers[0].size <= FOOTER_SIZE and len(slide.footers) == 2
    deck.fill(slide, "Judul dan Isi", 1, [Para("satu", 24)])
    assert slide.shapes == [Fill(1, (Para("satu", 24),), deck.box("Judul dan Isi", 1))]
    plan = deck.finish("Judul", "Penyelenggara", "Subjek", dt.date(2019, 9, 24))
    assert plan.slides == (slide,) and plan.lang == "id-ID" and plan.when == dt.date(2019, 9, 24)
