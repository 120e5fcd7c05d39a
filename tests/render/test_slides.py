"""Slide decks read back with python-pptx (and LibreOffice for the page count)."""

from __future__ import annotations

import re

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from builder.render.pptx import fit as slidefit
from builder.build import build_workshop
from builder.check.diagnostics import UserError
from builder.i18n import Locale
from builder.render.pptx.layout import MAX_BULLETS
from builder.render.pptx.text import inline_plain
from builder.render.richtext import plain_text
from builder.sources.project import load_workshop
from tests.helpers import make_project

ROOTS = Path(__file__).resolve().parent.parent / "roots"


def build(workshop, tmp_path: Path, language: str = "id") -> Path:
    """Build the slides kind and return the slides folder."""
    out = build_workshop(workshop, tmp_path / "out", ["slides"], Locale(language))
    return out.root / "slides"


def titles(prs) -> list[str]:
    """The title text of every slide ('' when a slide has no title)."""
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def body(slide, idx: int = 1) -> list[str]:
    """The paragraphs of placeholder ``idx``."""
    shape = next(p for p in slide.placeholders if p.placeholder_format.idx == idx)
    return [p.text for p in shape.text_frame.paragraphs]


def notes(slide) -> str:
    """The speaker notes of a slide ('' without a notes page)."""
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def all_text(slide) -> str:
    """Every text on a slide, tables included."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def slides_workshop(tmp_path: Path):
    """The checked Workshop of tests/roots/slides (a very long section, picture, logo, accent)."""
    root = tmp_path / "slides-root"
    shutil.copytree(ROOTS / "slides", root)
    workshop, report = load_workshop(root / "curriculum" / "uji-slide.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


# ---------------------------------------------------------------- the module deck

def test_module_deck_follows_the_module(basic_workshop, tmp_path):
    """Titles, layouts, bullets and notes of the basic module's deck match its YAML."""
    prs = Presentation(str(build(basic_workshop, tmp_path) / "contoh.pptx"))
    module = basic_workshop.modules["contoh"]
    slides = list(prs.slides)
    assert [s.slide_layout.name for s in slides] == [
        "Judul", "Judul dan Isi", "Agenda", "Bagian", "Judul dan Isi", "Tabel", "Kutipan", "Dua Kolom", "Bagian",
        "Latihan", "Bagian", "Soal", "Judul dan Isi", "Soal", "Judul dan Isi", "Judul dan Isi", "Penutup"]
    assert titles(prs) == [
        "Judul Modul", "Tujuan Pembelajaran", "Agenda Sesi", "Materi", "Pengantar", "Contoh tabel", "Pengantar",
        "Contoh", "Latihan", "Latihan: Latihan pertama", "Cek Pemahaman", "Cek Pemahaman (1/2)", "Jawaban (1/2)",
        "Cek Pemahaman (2/2)", "Jawaban (2/2)", "Poin Penting", "Terima Kasih"]
    cover = all_text(slides[0])
    assert "Bimbingan Teknis Kehumasan Kabupaten Contoh" in cover
    assert "Selasa, 24 September 2019, pukul 08.45–10.15 dan 10.30–12.00 WIB" in cover
    assert "Aula Kantor Bupati Contoh, Sungai Contoh" in cover
    assert body(slides[1]) == [o.text for o in module.objectives]
    assert body(slides[2]) == ["30 menit\tPengantar", "15 menit\tLatihan: Latihan pertama"]
    assert body(slides[3]) == ["Bagian 1 · 1 pokok bahasan · 30 menit"]
    assert body(slides[8]) == ["Bagian 2 · 1 latihan · 15 menit"] and body(slides[10])[0].startswith("Bagian 3 · 2 ")
    section = module.sections[0]
    assert body(slides[4]) == section.points
    assert notes(slides[4]) == section.notes
    table = next(s for s in slides[5].shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells] == section.table.columns
    assert [[c.text for c in r.cells] for r in list(table.rows)[1:]] == section.table.rows
    assert body(slides[6]) == ["“Kutipan singkat yang relevan.”"]
    assert body(slides[6], 13) == ["— Sumber kutipan"]
    assert body(slides[7], 13) == ["Draf awal"] and body(slides[7], 14) == ["Hasil perbaikan"]
    assert body(slides[7], 1) == ["Draf awal yang masih lemah."]
    assert body(slides[7], 2) == ["Versi yang sudah diperbaiki."]
    assert notes(slides[7]).startswith("Penjelasan contoh.")
    assert body(slides[9], 13) == ["15 menit"]
    assert body(slides[9]) == ["Tuliskan jawaban Anda pada ruang yang tersedia."]
    assert "Nilai penuh bila jawaban memuat dua unsur utama." in notes(slides[9])
    assert body(slides[15]) == module.keypoints


def test_answer_reveal_follows_each_check_question(basic_workshop, tmp_path):
    """After each check question a slide repeats the question and shows the answer and the explanation."""
    prs = Presentation(str(build(basic_workshop, tmp_path) / "contoh.pptx"))
    slides = list(prs.slides)
    reveal = slides[12]
    question, answer, explanation = body(reveal)
    assert question == "Pertanyaan pilihan ganda?" and explanation == "Mengapa pilihan B benar."
    letter = re.fullmatch(r"Jawaban: ([A-D])\. Pilihan kedua", answer).group(1)  # options are shuffled (seeded)
    shown = "\n".join(shape.text_frame.text for shape in slides[11].shapes if shape.has_text_frame)
    assert "Pertanyaan pilihan ganda?" in shown and "Pilihan kedua" in shown and letter in "ABCD"
    assert body(slides[14])[1].startswith("Jawaban: Benar")


def test_quiz_slides_hide_the_answer_and_put_it_in_the_notes(basic_workshop, tmp_path):
    """Options are shown without marking the answer; the notes carry answer and explanation."""
    prs = Presentation(str(build(basic_workshop, tmp_path) / "contoh.pptx"))
    first, second = [s for s in prs.slides if s.slide_layout.name == "Soal"]
    assert body(first, 13) == ["Pertanyaan pilihan ganda?"]
    shown = basic_workshop.modules["contoh"].quiz[0]  # options in the seeded order the workshop fixed
    assert body(first) == [f"{chr(65 + n)}.\t{option}" for n, option in enumerate(shown.options)]
    assert sorted(shown.options) == ["Pilihan kedua", "Pilihan keempat", "Pilihan ketiga", "Pilihan pertama"]
    assert "Jawaban" not in all_text(first) and "Mengapa" not in all_text(first)
    assert notes(first) == f"Jawaban: {shown.answer}. Pilihan kedua\nPenjelasan: Mengapa pilihan B benar."
    assert body(second) == ["Benar atau salah?"]
    assert notes(second).startswith("Jawaban: Benar")


def test_every_slide_is_clean(basic_workshop, tmp_path):
    """No empty placeholder anywhere; every slide but the cover and closing has plain-text notes."""
    folder = build(basic_workshop, tmp_path)
    for name in ("contoh.pptx", "workshop.pptx"):
        prs = Presentation(str(folder / name))
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.placeholders:
                assert not (shape.has_text_frame and not shape.text_frame.text.strip()), (name, number, shape.name)
                assert type(shape).__name__ not in ("PicturePlaceholder", "TablePlaceholder"), (name, number)
            if slide.slide_layout.name not in ("Judul", "Penutup"):
                text = notes(slide)
                assert text.strip(), (name, number)
                assert "**" not in text and "](" not in text, (name, number)
            if slide.slide_layout.name != "Judul":
                numbers = [s for s in slide.placeholders if s.placeholder_format.type == 13]  # SLIDE_NUMBER
                assert numbers and numbers[0].text_frame.text == str(number)


def test_values_are_escaped(basic_workshop, tmp_path):
    """A facilitator called 'PT A & B <Tbk>' appears literally on the cover, closing and transition."""
    folder = build(basic_workshop, tmp_path)
    deck = Presentation(str(folder / "contoh.pptx"))
    slides = list(deck.slides)
    assert "Narasumber: Dra. Sari Contoh, M.Si.; PT A & B <Tbk>" in all_text(slides[0])
    assert "PT A & B <Tbk>" in body(slides[-1])
    opening = Presentation(str(folder / "workshop.pptx"))
    assert any(body(s) == ["pukul 10.30 WIB, narasumber PT A & B <Tbk>"] for s in opening.slides
               if s.slide_layout.name == "Bagian")
    assert "Bimtek Humas Contoh · 24 September 2019" in all_text(slides[3])


def test_workshop_deck(basic_workshop, tmp_path):
    """Welcome, theme, an agenda table per day and a transition slide before each learning slot."""
    prs = Presentation(str(build(basic_workshop, tmp_path) / "workshop.pptx"))
    assert titles(prs) == [
        "Selamat Datang", "“Humas yang terbuka & melayani”", "Hari ke-1", "Agenda Hari ke-1",
        "Sesi berikutnya: Judul Modul", "Sesi berikutnya: Praktik", "Hari ke-2", "Agenda Hari ke-2",
        "Sesi berikutnya: Diskusi pleno", "Terima Kasih"]
    slides = list(prs.slides)
    table = next(s for s in slides[3].shapes if s.has_table).table
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Waktu", "Kegiatan", "Narasumber / Moderator"]
    assert rows[3] == ["08.45–10.15", "Judul Modul", "Dra. Sari Contoh, M.Si.\nModerator: Budi Moderator"]
    assert body(slides[4]) == ["pukul 08.45 WIB, narasumber Dra. Sari Contoh, M.Si., moderator Budi Moderator"]
    assert "Kepada Dra. Sari Contoh, M.Si., dengan hormat kami persilakan." in notes(slides[4])


def test_house_rules_branding_and_picture(slides_workshop, tmp_path):
    """House rules, the accent colour in the theme, the logo on every slide, the picture uncropped."""
    folder = build(slides_workshop, tmp_path)
    opening = Presentation(str(folder / "workshop.pptx"))
    rules = next(s for s in opening.slides if s.shapes.title.text == "Tata Tertib")
    assert body(rules) == slides_workshop.curriculum.house_rules
    deck = Presentation(str(folder / "panjang.pptx"))
    theme = deck.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert '<a:accent1><a:srgbClr val="8B1F3F"/></a:accent1>' in theme
    for slide in deck.slides:
        assert [s for s in slide.shapes if s.shape_type == 13 and not s.is_placeholder], "logo missing"
    picture_slide = next(s for s in deck.slides if s.slide_layout.name == "Gambar dan Keterangan")
    picture = next(s for s in picture_slide.placeholders if s.placeholder_format.idx == 1)
    assert picture.crop_left == picture.crop_right == picture.crop_top == picture.crop_bottom == 0
    assert abs(picture.width / picture.height - 4 / 3) < 0.01
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Grafik batang empat triwulan yang terus naik"
    assert body(picture_slide, 2) == ["Jumlah permohonan informasi per triwulan (data rekaan)"]


# ---------------------------------------------------------------- fitting

def test_long_section_is_split_over_continuation_slides(slides_workshop, tmp_path):
    """30 points and a 300+ character title: balanced continuation slides, every point once, in order."""
    prs = Presentation(str(build(slides_workshop, tmp_path) / "panjang.pptx"))
    section = slides_workshop.modules["panjang"].sections[0]
    assert len(section.title) > 300 and len(section.points) == 30
    parts = [s for s in prs.slides if s.shapes.title.text.startswith(section.title)
             and s.slide_layout.name == "Judul dan Isi"]
    assert len(parts) >= 3
    assert parts[0].shapes.title.text == section.title
    assert all(p.shapes.title.text == f"{section.title} (lanjutan)" for p in parts[1:])
    shown = [text for part in parts for text in body(part)]
    assert shown == [inline_plain(p) for p in section.points]
    counts = [len(body(part)) for part in parts]
    assert max(counts) <= MAX_BULLETS and max(counts) - min(counts) <= 2
    sizes = {run.font.size for part in parts for run in part.shapes.title.text_frame.paragraphs[0].runs}
    assert len(sizes) == 1 and Pt(16) <= sizes.pop() < Pt(32)  # one smaller title size for all parts
    assert notes(parts[0]) == plain_text(section.notes)
    assert all(notes(p).startswith("Lanjutan dari slide sebelumnya") for p in parts[1:])
    tables = [s for s in prs.slides if s.slide_layout.name == "Tabel"]
    assert [s.shapes.title.text for s in tables] == ["Tenggat layanan informasi dan keberatan",
                                                     "Tenggat layanan informasi dan keberatan (lanjutan)"]
    frames = [next(x for x in s.shapes if x.has_table) for s in tables]
    rows = [[c.text for c in r.cells] for frame in frames for r in list(frame.table.rows)[1:]]
    assert rows == section.table.rows


def test_a_point_too_long_for_any_slide_is_reported_at_its_line(tmp_path):
    """A single bullet that cannot fit alone is a UserError naming the module file, line and path."""
    source = (ROOTS / "basic" / "modules" / "contoh.yaml").read_text(encoding="utf-8")
    huge = "Poin yang sangat panjang " * 80
    root = make_project(tmp_path, modules={"contoh.yaml": source.replace("- Poin kedua untuk slide", f"- {huge}")})
    workshop, report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    with pytest.raises(UserError) as caught:
        build_workshop(workshop, tmp_path / "out", ["slides"], Locale("id"))
    line = source.splitlines().index("      - Poin kedua untuk slide") + 1
    assert f"contoh.yaml:{line}:" in caught.value.message
    assert "sections[0].points[1]" in caught.value.message and "too long for one slide" in caught.value.message


# ---------------------------------------------------------------- files

def test_decks_are_reproducible(basic_workshop, tmp_path):
    """Two builds of the same sources give byte-identical decks."""
    first = build(basic_workshop, tmp_path / "a")
    second = build(basic_workshop, tmp_path / "b")
    for name in ("contoh.pptx", "workshop.pptx"):
        digests = {hashlib.sha256((folder / name).read_bytes()).hexdigest() for folder in (first, second)}
        assert len(digests) == 1, name
    prs = Presentation(io.BytesIO((first / "contoh.pptx").read_bytes()))
    assert prs.core_properties.modified.isoformat().startswith("2019-09-24")
    assert prs.core_properties.author == basic_workshop.curriculum.organizer


def test_english_labels(basic_workshop, tmp_path):
    """--lang en switches the labels the renderer adds."""
    prs = Presentation(str(build(basic_workshop, tmp_path, "en") / "contoh.pptx"))
    assert "Learning Objectives" in titles(prs) and "Check Your Understanding (1/2)" in titles(prs)


BULLET = re.compile(r"^(?:[•◦▪‣–·]|\d+[.)])")  # a list's bullet or number, drawn by LibreOffice


def squeezed(text: str) -> str:
    """``text`` without any white space, to compare a rendered line with its source text."""
    return re.sub(r"\s+", "", text)


def text_boxes(slide, scale: float) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) in PDF points of every shape that holds text on ``slide``, its layout and master."""
    shapes = list(slide.shapes)
    shapes += [s for s in (*slide.slide_layout.shapes, *slide.slide_layout.slide_master.shapes) if not s.is_placeholder]
    boxes = []
    for shape in shapes:
        text = all_text_of(shape)
        if text.strip() and shape.width is not None:
            left, top = slidefit.pt(shape.left) * scale, slidefit.pt(shape.top) * scale
            boxes.append((left, top, left + slidefit.pt(shape.width) * scale, top + slidefit.pt(shape.height) * scale,
                          squeezed(text)))
    return boxes


def all_text_of(shape) -> str:
    """The text of a text shape, or of every cell of a table."""
    if getattr(shape, "has_table", False) and shape.has_table:
        return "\n".join(cell.text for row in shape.table.rows for cell in row.cells)
    return shape.text_frame.text if shape.has_text_frame else ""


def test_libreoffice_draws_every_line_inside_its_box(slides_workshop, tmp_path, to_pdf):
    """In LibreOffice's PDF of both decks, every line of text (body, titles, table cells) is drawn inside the box
    of the shape that holds that text: text that overflows runs below its box. The fit estimate is not used here."""
    from builder.write.layoutcheck import pdf_lines

    folder = build(slides_workshop, tmp_path)
    decks = [folder / "panjang.pptx", folder / "workshop.pptx"]
    checked, outside = 0, []
    for deck, pdf in zip(decks, to_pdf(*decks)):
        prs = Presentation(str(deck))
        pages = pdf_lines(pdf)
        assert len(pages) == len(prs.slides) > 5
        for number, (slide, (width, _height, lines)) in enumerate(zip(prs.slides, pages), start=1):
            boxes = text_boxes(slide, width / slidefit.pt(prs.slide_width))
            for line in lines:
                middle = (line.top + line.bottom) / 2  # a line's box includes the font's ascent and descent
                words = BULLET.sub("", squeezed(line.text))
                if not any(left - 2 <= line.left and line.right <= right + 2 and top <= middle <= bottom
                           and words in text for left, top, right, bottom, text in boxes):
                    outside.append((deck.name, number, line))
                checked += 1
    assert outside == []
    assert checked > 200


def test_reference_decks_follow_their_modules(reference_workshop, tmp_path):
    """Every section of every reference module: its points on its slides, its notes as plain text."""
    folder = build(reference_workshop, tmp_path)
    for module_id, module in reference_workshop.modules.items():
        prs = Presentation(str(folder / f"{module_id}.pptx"))
        slides = list(prs.slides)
        assert slides[0].slide_layout.name == "Judul" and slides[0].shapes.title.text == module.title
        assert slides[-1].slide_layout.name == "Penutup"
        for section in module.sections:
            parts = [s for s in slides if s.slide_layout.name == "Judul dan Isi"
                     and s.shapes.title.text in (section.title, f"{section.title} (lanjutan)")]
            assert [t for p in parts for t in body(p)] == [inline_plain(p) for p in section.points], section.id
            assert notes(parts[0]) == (plain_text(section.notes) or plain_text(section.body))
        checks = [s for s in slides if s.slide_layout.name == "Soal"]
        assert min(3, len(module.quiz)) <= len(checks) <= 4
        for slide in slides[1:-1]:
            assert notes(slide).strip(), (module_id, slide.shapes.title.text)


# ---------------------------------------------------------------- preflight and build

def test_preflight_only_lays_out_and_the_build_writes_the_same_plans(basic_workshop, tmp_path, monkeypatch):
    """validate's preflight makes deck plans without any pptx being written; the build writes exactly those."""
    import builder.render.slides as slides
    from builder.build import preflight_kinds
    from builder.render.pptx.layout import DeckPlan

    real_write = slides.write_deck

    def refuse(*_args):
        raise AssertionError("the preflight wrote a deck")

    monkeypatch.setattr(slides, "write_deck", refuse)
    ctx, report = preflight_kinds(basic_workshop, ["slides"], Locale("id"))
    assert report.errors == []
    plans = {key[1]: value for key, value in ctx.prepared.items() if isinstance(value, DeckPlan)}
    assert sorted(plans) == sorted([*basic_workshop.modules, "workshop"])
    monkeypatch.setattr(slides, "write_deck", real_write)
    template = ctx.prepared[slides.TEMPLATE_KEY]
    folder = build(basic_workshop, tmp_path)
    for name, plan in plans.items():
        assert parts(folder / f"{name}.pptx") == parts(io.BytesIO(real_write(plan, template))), name


def parts(file) -> dict[str, bytes]:
    """Name -> content of every part of a .pptx (the zip's own time stamps left out)."""
    import zipfile

    with zipfile.ZipFile(file) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
