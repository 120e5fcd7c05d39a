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


def _masters(tmp_path: Path) -> list[Path]:
    """The bundled master, python-pptx's own default (layouts that inherit sizes) and an edited copy."""
    import pptx

    edited = tmp_path / "edited.pptx"
    prs = Presentation(str(template_path("slides.pptx")))
    layout = prs.slide_layouts.get_by_name("Dua Kolom")
    shape = next(p for p in layout.placeholders if p.placeholder_format.idx == 14)
    shape._element.getparent().remove(shape._element)
    prs.slide_layouts.get_by_name("Soal")._element.cSld.set("name", "Pertanyaan")
    prs.save(str(edited))
    return [template_path("slides.pptx"), Path(pptx.__file__).parent / "templates" / "default.pptx", edited]


def test_layout_facts_read_without_python_pptx_match_python_pptx(tmp_path):
    """zipfile+lxml read the same names, idx, kinds, inherited sizes and insets as python-pptx does."""
    from builder.check.slide_template import layouts_of, read_layouts

    for path in _masters(tmp_path):
        facts = read_layouts(path)
        assert facts == layouts_of(Presentation(str(path))), path
        assert facts and all(layout.placeholders for layout in facts)
    inherited = read_layouts(_masters(tmp_path)[1])
    assert all(ph.width and ph.height for layout in inherited for ph in layout.placeholders)


def test_a_file_that_is_not_a_presentation_is_refused_by_the_reader(tmp_path):
    """The reader raises on a zip that holds no presentation (the callers then ask python-pptx why)."""
    import zipfile

    from builder.check.slide_template import read_layouts

    path = tmp_path / "not.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                         "content-types'/>")
        archive.writestr("_rels/.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
                         "relationships'/>")
    with pytest.raises(Exception):
        read_layouts(path)
