"""The module deck's content: located errors from the model's positions, the head-table diagram."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from builder.check.diagnostics import UserError
from builder.i18n import Locale
from builder.render.pptx.template import prepare_template
from builder.render.slides import lay_out_deck
from builder.sources.project import load_workshop
from tests.helpers import forbid_yaml_reads, make_project

ROOTS = Path(__file__).resolve().parents[2] / "roots"


def test_a_point_too_long_is_located_from_the_model_without_reading_yaml(tmp_path, monkeypatch):
    """The fit error names file:line:col of the point; the YAML is not read again to find them."""
    source = (ROOTS / "basic" / "modules" / "contoh.yaml").read_text(encoding="utf-8")
    huge = "Poin yang sangat panjang " * 80
    root = make_project(tmp_path, modules={"contoh.yaml": source.replace("- Poin kedua untuk slide", f"- {huge}")})
    workshop, report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    forbid_yaml_reads(monkeypatch)
    with pytest.raises(UserError) as caught:
        lay_out_deck(workshop, "contoh", Locale("id"), prepare_template(workshop))
    line = source.splitlines().index("      - Poin kedua untuk slide") + 1
    assert f"modules/contoh.yaml:{line}:9: sections[0].points[1]: " in caught.value.message
    assert f"too long for one slide ({len(huge.strip())} characters at 20 pt)" in caught.value.message


def test_exercise_instructions_keep_their_lists_and_emphasis(basic_workshop):
    """Rich exercise text (read with the shared Markdown parser) becomes paragraphs, bullets and numbered lines."""
    from dataclasses import replace

    module = basic_workshop.modules["contoh"]
    exercise = module.exercises[0].model_copy(update={
        "instructions": "Kerjakan **berdua**:\n\n1. Baca kasus.\n2. Tulis rilis.\n\n- waktu 15 menit", "context": ""})
    changed = replace(basic_workshop, modules={"contoh": module.model_copy(update={"exercises": [exercise]})})
    plan = lay_out_deck(changed, "contoh", Locale("id"), prepare_template(basic_workshop))
    slide = next(s for s in plan.slides if s.layout == "Latihan")
    body = next(f for f in slide.shapes if f.idx == 1).paras
    assert [p.pieces for p in body] == [
        [("Kerjakan ", False, False), ("berdua", True, False), (":", False, False)],
        [("1.\tBaca kasus.", False, False)], [("2.\tTulis rilis.", False, False)], [("waktu 15 menit", False, False)]]
    assert [p.bullet for p in body] == [False, False, False, True]


def test_seating_exercise_gets_a_head_table_diagram():
    """The seating exercise is followed by a drawn head table: one card per seat, from the checker's data."""
    from builder.render.slides import render_module_deck

    workshop, report = load_workshop(ROOTS / "notebooks" / "curriculum" / "uji-notebook.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    module_id = next(iter(workshop.modules))
    prs = Presentation(io.BytesIO(render_module_deck(workshop, module_id, Locale("id"))))
    slide = next(s for s in prs.slides if s.shapes.title is not None
                 and s.shapes.title.text_frame.text == "Pembahasan: Mengatur tempat duduk meja utama")
    cards = [shape.text_frame.text for shape in slide.shapes if shape.shape_type == 1 and shape.has_text_frame
             and shape.text_frame.text.startswith("K")]  # auto shapes holding a seat label
    assert [card.split("\n")[0] for card in cards] == ["K1", "K2", "K3", "K4", "K5"]
    assert [card.split("\n")[1] for card in cards] == ["Dandim 1207", "Kepala Dinas Kominfo", "Bupati Kubu Raya",
                                                       "Ketua DPRD Kubu Raya", "Kapolres Kubu Raya"]
    assert "tuan rumah" in cards[1] and "urutan 1" in cards[2]
    assert any("HADIRIN" in s.text_frame.text for s in slide.shapes if s.has_text_frame)

