"""The slide master check: the bundled master passes; a master without a layout the renderer fills is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from builder.check.diagnostics import UserError
from builder.check.slide_template import LAYOUT_NEEDS, check_template
from builder.resources import template_path


def test_bundled_master_has_every_layout_and_placeholder():
    """templates/slides.pptx is what the renderer is written for."""
    path = template_path("slides.pptx")
    check_template(Presentation(str(path)), path)


def test_missing_layout_is_named_with_a_hint():
    """A master that lost the 'Tabel' layout is refused, naming it and what the renderer needs."""
    path = template_path("slides.pptx")
    prs = Presentation(str(path))
    table = next(layout for layout in prs.slide_layouts if layout.name == "Tabel")
    prs.slide_layouts.remove(table)
    with pytest.raises(UserError) as raised:
        check_template(prs, Path("master.pptx"))
    assert "master.pptx cannot be used: missing layout(s) 'Tabel'" in raised.value.message
    assert "Tabel: idx 0, 1" in raised.value.hint
    assert set(LAYOUT_NEEDS) >= {"Judul", "Tabel", "Penutup"}
