"""The slide master: layout checks, accent colour, box sizes read once, the reproducible template script."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from builder.build import build_workshop
from builder.check.diagnostics import UserError
from builder.i18n import Locale
from builder.render.pptx.fit import pt
from builder.render.pptx.template import FOOTER, LAYOUT_NEEDS, SLIDE_NUMBER, TEMPLATE, check_template, prepare_template
from builder.sources.project import load_workshop
from tests.helpers import make_project, run_cli

ROOTS = Path(__file__).resolve().parents[2] / "roots"


def build(workshop, tmp_path: Path) -> Path:
    """Build the slides kind and return the slides folder."""
    return build_workshop(workshop, tmp_path / "out", ["slides"], Locale("id")).root / "slides"


def test_prepared_template_knows_every_box_the_decks_use(basic_workshop):
    """Every placeholder the renderer fills has a box read from the master, in points, with its insets."""
    template = prepare_template(basic_workshop)
    prs = Presentation(str(TEMPLATE))
    for layout, needs in LAYOUT_NEEDS.items():
        for idx in needs:
            box = template.box(layout, idx)
            shape = next(p for p in prs.slide_layouts.get_by_name(layout).placeholders
                         if p.placeholder_format.idx == idx)
            assert (box.width, box.height) == (pt(shape.width), pt(shape.height)), (layout, idx)
            assert box.inner_width < box.width and box.inner_height < box.height
    assert [kind for kind, _box in template.footers["Judul dan Isi"]].count(SLIDE_NUMBER) == 1
    assert FOOTER in [kind for kind, _box in template.footers["Judul dan Isi"]]
    assert Presentation(__import__("io").BytesIO(template.data)).slide_layouts.get_by_name("Soal") is not None


def test_check_template_names_every_problem(tmp_path):
    """A master missing a layout and a placeholder is refused with both named."""
    path = broken_template(tmp_path / "master.pptx")
    with pytest.raises(UserError) as caught:
        check_template(Presentation(str(path)), path)
    assert "missing layout(s) 'Soal'" in caught.value.message
    assert "layout 'Dua Kolom' has no placeholder idx 14 (text)" in caught.value.message


def broken_template(path: Path) -> Path:
    """A copy of the bundled master with 'Soal' renamed and 'Dua Kolom' missing placeholder idx 14."""
    prs = Presentation(str(TEMPLATE))
    prs.slide_layouts.get_by_name("Soal")._element.cSld.set("name", "Pertanyaan")
    layout = prs.slide_layouts.get_by_name("Dua Kolom")
    shape = next(p for p in layout.placeholders if p.placeholder_format.idx == 14)
    shape._element.getparent().remove(shape._element)
    prs.save(str(path))
    return path


def test_custom_template_missing_layouts_is_a_clear_error(tmp_path):
    """The build stops before writing anything, naming the missing layout and placeholder."""
    source = (ROOTS / "basic" / "curriculum" / "bimtek-contoh.yaml").read_text(encoding="utf-8")
    curriculum = source.replace("timezone: WIB", "timezone: WIB\nbranding:\n  slides_template: master.pptx")
    root = make_project(tmp_path, curricula={"bimtek-contoh.yaml": curriculum})
    broken_template(root / "master.pptx")
    result = run_cli(root, "build", "--only", "slides", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "missing layout(s) 'Soal'" in result.output
    assert "layout 'Dua Kolom' has no placeholder idx 14" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "bimtek-contoh" / "slides").exists()


def test_custom_template_is_used_and_keeps_its_colours(tmp_path):
    """A complete custom master is used as is; its accent stays unless the curriculum sets one."""
    prs = Presentation(str(TEMPLATE))
    theme_part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    theme_part._blob = theme_part.blob.replace(b'<a:accent1><a:srgbClr val="1F4E79"/>',
                                               b'<a:accent1><a:srgbClr val="00A651"/>')
    source = (ROOTS / "basic" / "curriculum" / "bimtek-contoh.yaml").read_text(encoding="utf-8")
    curriculum = source.replace("timezone: WIB", "timezone: WIB\nbranding:\n  slides_template: master.pptx")
    root = make_project(tmp_path, curricula={"bimtek-contoh.yaml": curriculum})
    prs.save(str(root / "master.pptx"))
    workshop, _report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    deck = Presentation(str(build(workshop, tmp_path) / "contoh.pptx"))
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:accent1><a:srgbClr val="00A651"/>' in theme


def test_template_script_is_reproducible(tmp_path, monkeypatch):
    """Running templates/make_slides.py gives the committed file, byte for byte."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_slides", TEMPLATE.parent / "make_slides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "slides.pptx")
    module.build()
    assert (tmp_path / "slides.pptx").read_bytes() == TEMPLATE.read_bytes()
    prs = Presentation(str(TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == [
        "Judul", "Bagian", "Judul dan Isi", "Dua Kolom", "Gambar dan Keterangan", "Tabel", "Kutipan", "Latihan",
        "Soal", "Agenda", "Penutup"]
