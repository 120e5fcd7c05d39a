"""The deck package: slides cloned from prototypes give the bytes python-pptx's slide-by-slide API gives."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from builder.i18n import Locale
from builder.render.pptx.layout import FOOTER_SIZE, Deck
from builder.render.pptx.package import DeckPackage, master, placeholder_element, prune
from builder.render.pptx.tables import Table
from builder.render.pptx.template import A, FOOTER, SLIDE_NUMBER, TEMPLATE, _kind, prepare_template
from builder.render.pptx.text import Para, clean, runs, write
from builder.render.pptx.writer import logo_size, write_deck
from builder.render.slides import lay_out_deck, logo_path
from builder.sources.project import load_workshop
from builder.write.output import normalize_zip

ROOTS = Path(__file__).resolve().parents[2] / "roots"
EMU_PER_INCH = 914400


def reference_deck(plan, template) -> bytes:
    """The deck written slide by slide with python-pptx's API, as the writer did before prototypes."""
    prs = Presentation(io.BytesIO(template.data))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for planned in plan.slides:
        slide = prs.slides.add_slide(layouts[planned.layout])
        if planned.title is not None:
            write(slide.placeholders[0], planned.title, template.box(planned.layout, 0), plan.lang)
        reference_footer(prs, slide, planned, template, plan.lang)
        if plan.logo is not None:
            width, height = logo_size(plan.logo)
            scale = min(EMU_PER_INCH * 0.75 / height, EMU_PER_INCH * 1.1 / width)
            w, h = int(width * scale), int(height * scale)
            slide.shapes.add_picture(str(plan.logo), prs.slide_width - int(EMU_PER_INCH * 0.45) - w,
                                     int(EMU_PER_INCH * 0.35), w, h)
        if planned.notes:
            slide.notes_slide.notes_text_frame.text = planned.notes
        for shape in planned.shapes:
            shape.draw(slide, plan.lang)
    for slide in prs.slides:
        for shape in list(slide.placeholders):
            empty = getattr(shape, "has_text_frame", False) and not shape.text_frame.text.strip()
            if empty or type(shape).__name__ in ("PicturePlaceholder", "TablePlaceholder", "ChartPlaceholder"):
                shape._element.getparent().remove(shape._element)
    core = prs.core_properties
    stamp = dt.datetime(plan.when.year, plan.when.month, plan.when.day)
    core.title, core.author, core.last_modified_by, core.subject = plan.title, plan.author, plan.author, plan.subject
    core.created = core.modified = core.last_printed = stamp
    core.revision = 1
    core.keywords = core.comments = core.category = ""
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def reference_footer(prs, slide, planned, template, lang: str) -> None:
    """Clone and fill the footer and slide-number placeholders with python-pptx's API."""
    sources = [ph for ph in slide.slide_layout.placeholders if _kind(ph) in (FOOTER, SLIDE_NUMBER)]
    for source, (kind, box), fitted in zip(sources, template.footers.get(planned.layout, ()), planned.footers):
        if kind == FOOTER and fitted is not None:
            slide.shapes.clone_placeholder(source)
            write(slide.shapes[-1], [fitted], box, lang)
        elif kind == SLIDE_NUMBER:
            slide.shapes.clone_placeholder(source)
            shape = slide.shapes[-1]
            write(shape, [Para("", FOOTER_SIZE)], box, lang)
            paragraph = shape.text_frame.paragraphs[0]._p
            for run in paragraph.findall(f"{{{A}}}r"):
                paragraph.remove(run)
            field = etree.SubElement(paragraph, f"{{{A}}}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                     type="slidenum")
            etree.SubElement(field, f"{{{A}}}rPr", lang="id-ID", sz=str(int(FOOTER_SIZE * 100)))
            etree.SubElement(field, f"{{{A}}}t").text = str(len(prs.slides))


def slides_root(tmp_path: Path, own_master: bool) -> Path:
    """A copy of tests/roots/slides (logo, pictures, tables), optionally on its own master (with a slide)."""
    root = tmp_path / "slides"
    shutil.copytree(ROOTS / "slides", root)
    if own_master:
        master_with_a_slide(root / "assets" / "lama.pptx")
        curriculum = root / "curriculum" / "uji-slide.yaml"
        text = curriculum.read_text(encoding="utf-8")
        curriculum.write_text(text.replace("branding:\n", "branding:\n  slides_template: assets/lama.pptx\n", 1),
                              encoding="utf-8")
    return root


def master_with_a_slide(path: Path) -> Path:
    """The default master with one slide and a notes page already in it."""
    prs = Presentation(str(TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.notes_slide.notes_text_frame.text = "catatan lama"
    prs.save(str(path))
    return path


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("own_master", [False, True])
def test_cloned_slides_are_what_python_pptx_writes(tmp_path, language, own_master):
    """Every deck (logo, pictures, tables, notes, footers) is byte-identical to the slide-by-slide reference."""
    root = slides_root(tmp_path, own_master)
    workshop, report = load_workshop(root / "curriculum" / "uji-slide.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    template = prepare_template(workshop)
    for name in [*workshop.modules, "workshop"]:
        plan = lay_out_deck(workshop, name, Locale(language), template)
        assert plan.slides and any(slide.notes for slide in plan.slides)
        written = write_deck(plan, template)
        assert normalize_zip(written) == normalize_zip(reference_deck(plan, template)), name
    if own_master:
        prs = Presentation(io.BytesIO(written))
        assert prs.slides[0].notes_slide.notes_text_frame.text == "catatan lama"
        assert prs.slides[1].notes_slide.part.partname == "/ppt/notesSlides/notesSlide2.xml"
    assert logo_path(workshop) is not None


def test_a_deck_is_saved_stored_with_the_entries_python_pptx_saves(basic_workshop):
    """DeckPackage.save (python-pptx's private PackageWriter steps, stored) = Presentation.save, uncompressed."""
    template = prepare_template(basic_workshop)
    deck = DeckPackage(master(template))
    part = deck.add_slide(master(template).frame(("Bagian",), lambda prs, slide: None), "Bagian")
    deck.add_notes(part, "Catatan pembicara")
    ours, theirs = io.BytesIO(), io.BytesIO()
    deck.save(ours)
    deck.prs.save(theirs)
    with zipfile.ZipFile(ours) as stored, zipfile.ZipFile(theirs) as deflated:
        assert {info.compress_type for info in stored.infolist()} == {zipfile.ZIP_STORED}
        assert [(i.filename, stored.read(i)) for i in stored.infolist()] == \
            [(i.filename, deflated.read(i)) for i in deflated.infolist()]
    assert Presentation(ours).slides[0].notes_slide.notes_text_frame.text == "Catatan pembicara"
    assert normalize_zip(ours.getvalue()) == normalize_zip(theirs.getvalue())


def test_master_is_parsed_once_and_again_when_its_file_changes(tmp_path, basic_workshop):
    """The same file gives the same parsed master; a rewritten file is parsed anew; decks are copies."""
    template = prepare_template(basic_workshop)
    assert master(template) is master(template)
    first = DeckPackage(master(template))
    first.add_slide(master(template).frame(("Bagian",), lambda prs, slide: None), "Bagian")
    assert len(DeckPackage(master(template)).prs.slides) == 0 and len(first.prs.slides) == 1
    own = tmp_path / "master.pptx"
    shutil.copyfile(TEMPLATE, own)
    mine = type(template)(own, None, template.boxes, template.footers)
    parsed = master(mine)
    assert master(mine) is parsed
    os.utime(own, ns=(1, 1))  # the file changed
    assert master(mine) is not parsed


def test_prune_keeps_filled_placeholders_and_drops_empty_ones(basic_workshop):
    """Blank text placeholders and unfilled picture placeholders go; text and the slide number stay."""
    template = prepare_template(basic_workshop)
    deck = Deck(template, "Kaki", None)
    slide = deck.add("Gambar dan Keterangan", "Judul")
    deck.fill(slide, "Gambar dan Keterangan", 2, [Para("   ", 18)])
    prs = Presentation(io.BytesIO(write_deck(deck.finish("t", "a", "s", dt.date(2020, 1, 1)), template)))
    kinds = sorted(ph.placeholder_format.type for ph in prs.slides[0].placeholders)
    assert [int(k) for k in kinds] == [1, 13, 15]  # title, slide number, footer
    element = prs.slides[0]._element
    prune(element)  # nothing left to remove
    assert len(list(prs.slides[0].placeholders)) == 3
    assert placeholder_element(prs.slides[0], 0).find(".//{*}t").text == "Judul"


@pytest.mark.parametrize("markup", [True, False])
def test_table_cells_are_what_python_pptx_text_api_writes(basic_workshop, markup):
    """The lxml cell writer gives python-pptx's XML: runs, sizes, bold header, line breaks, escaped CR, empties."""
    template = prepare_template(basic_workshop)
    rows = (("satu **tebal** dan *miring*", "dua\nbaris"), ("", "a\rb & <c>"), ("x",))
    table = Table(1, ("Kolom *A*", "Kolom B"), rows, (200.0, 300.0), 16, markup)
    package = DeckPackage(master(template))  # drawn in memory: a saved empty <a:t></a:t> reads back as <a:t/>
    part = package.add_slide(master(template).frame(("Tabel",), lambda prs, slide: None), "Tabel")
    table.draw(part.slide, "id-ID")
    written = next(s for s in part.slide.shapes if s.has_table).table
    reference = Presentation(io.BytesIO(template.data))
    frame = reference.slides.add_slide(reference.slide_layouts[5]).placeholders[1].insert_table(4, 2)
    for r, row in enumerate((table.columns, *rows)):
        for c, text in enumerate(row):
            reference_cell(frame.table.cell(r, c), text, 16, bold=r == 0, markup=markup)
    for r in range(4):
        for c in range(2):
            assert etree.tostring(written.cell(r, c)._tc) == etree.tostring(frame.table.cell(r, c)._tc), (r, c)
    if not markup:
        assert written.cell(2, 1)._tc.find(".//{*}t").text == "a_x000D_b & <c>"  # python-pptx's escape


def reference_cell(cell, text: str, size: float, bold: bool = False, markup: bool = True) -> None:
    """One cell written with python-pptx's text API (the writer's way before lxml)."""
    frame = cell.text_frame
    frame.clear()
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        pieces = runs(line) if markup else [(clean(line), False, False)]
        for part, b, i in pieces or [("", False, False)]:
            run = paragraph.add_run()
            run.text = clean(part)
            run.font.size = Pt(size)
            if bold or b:
                run.font.bold = True
            if i:
                run.font.italic = True


def test_notes_are_what_python_pptx_text_setter_writes(basic_workshop):
    """Notes with blank lines, a carriage return, tabs and markup characters: the reference's bytes."""
    template = prepare_template(basic_workshop)
    deck = Deck(template, "Kaki", None)
    deck.add("Bagian", "Satu", notes="baris satu\n\nbaris\tdua\r & <tiga>\n")
    deck.add("Bagian", "Dua")
    deck.add("Judul dan Isi", "Tiga", notes="x")
    plan = deck.finish("t", "a", "s", dt.date(2020, 1, 1))
    written = write_deck(plan, template)
    assert normalize_zip(written) == normalize_zip(reference_deck(plan, template))
    notes = Presentation(io.BytesIO(written)).slides[0].notes_slide.notes_text_frame
    assert [p.text for p in notes.paragraphs] == ["baris satu", "", "baris\tdua_x000D_ & <tiga>"]
