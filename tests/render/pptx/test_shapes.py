"""The head-table diagram (pictures are checked in tests/render/test_slides.py)."""

from __future__ import annotations

from builder.i18n import Locale
from builder.render.pptx.fit import Box, fits
from builder.render.pptx.shapes import card_box, head_table

import builder.render.slides  # noqa: F401  (registers the slides labels)


def test_head_table_cards_are_fitted_and_the_principal_is_marked():
    """One card per seat with seat, name and notes; the lowest rank is the principal; every card fits."""
    officials = [{"name": "Kepala Dinas Komunikasi dan Informatika Kabupaten", "rank": 3, "host": True},
                 {"name": "Bupati", "rank": 1}, {"name": "Sekda", "rank": 2, "represents": "Gubernur"}]
    plan = head_table(Box(800, 300), ["K1", "K2", "K3"], officials, Locale("id").label, "1F4E79")
    assert [card[1] for card in plan.cards] == [False, True, False]
    assert [p.text for p in plan.cards[0][0]] == ["K1", officials[0]["name"], "urutan 3", "tuan rumah"]
    assert [p.text for p in plan.cards[2][0]][-1] == "mewakili Gubernur"
    assert all(fits(lines, card_box(Box(800, 300), 3)) for lines, _principal in plan.cards)
    assert "HADIRIN" in plan.audience
