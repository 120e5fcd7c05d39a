"""Handouts, trainer guides and the handbook read back with python-docx (and LibreOffice once)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from builder.build import build_workshop
from builder.i18n import Locale
from builder.render.handouts import render_guide, render_handbook, render_handout, session_plan
from builder.sources.project import load_workshop

ROOTS = Path(__file__).resolve().parent.parent / "roots"
SECRETS = ("SOLUSI-RAHASIA-KERTAS", "SOLUSI-RAHASIA-PETA", "PENILAIAN-RAHASIA", "PEMBAHASAN-RAHASIA", "KUNCI-RAHASIA")
LONG_WORD = "Keterbukaaninformasipublik" * 4 + "x" * 16


@pytest.fixture(scope="module")
def awkward():
    """The workshop of tests/roots/awkward (awkward text everywhere)."""
    workshop, report = load_workshop(ROOTS / "awkward" / "curriculum" / "uji-aneh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


def open_docx(data: bytes):
    """A python-docx Document from bytes."""
    return Document(io.BytesIO(data))


def paragraphs(document) -> list:
    """Every paragraph of the body, including those inside (nested) tables, in document order."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def body_text(document) -> str:
    """All body text, one paragraph per line."""
    return "\n".join(p.text for p in paragraphs(document))


def headings(document, level: int) -> list[str]:
    """Texts of the paragraphs styled ``Heading <level>``."""
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_handout_structure(basic_workshop):
    """Cover, objectives, sections as Heading 1 with body, lists, tables, exercises and notes page."""
    module = basic_workshop.modules["contoh"]
    document = open_docx(render_handout(basic_workshop, module, Locale("id")))
    assert headings(document, 1) == ["Tentang Modul Ini", "Tujuan Pembelajaran", "Pengantar", "Poin Penting",
                                     "Glosarium", "Daftar Pustaka", "Latihan", "Catatan"]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Judul Modul"]
    text = body_text(document)
    assert "Bimbingan Teknis Kehumasan Kabupaten Contoh" in text
    assert "Dra. Sari Contoh, M.Si.; PT A & B <Tbk>" in text  # both facilitators, escaped literally
    assert "Selasa, 24 September 2019, pukul 08.45–10.15 WIB" in text
    assert "Paragraf pertama handout." in text
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "penekanan" in bold
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["butir satu", "butir dua"]
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[0] == "Menjelaskan pokok bahasan pertama dengan kata-kata sendiri."
    assert "Tabel 1. Contoh tabel" in text and "Kutipan singkat yang relevan." in text
    assert "Draf awal yang masih lemah." in text and "Versi yang sudah diperbaiki." in text
    section_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Kolom A")
    assert [[c.text for c in row.cells] for row in section_table.rows] == [
        ["Kolom A", "Kolom B"], ["Isi A1", "Isi B1"], ["Isi A2", "Isi B2"]]
    assert section_table.style.name == "Tabel Materi"
    assert section_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on every page
    glossary = next(t for t in document.tables if t.rows[0].cells[0].text == "Istilah")
    assert glossary.rows[1].cells[1].text == "Arti istilah dalam satu kalimat."
    assert "Latihan 1: Latihan pertama" in headings(document, 2)
    ruled = [t for t in document.tables if len(t.columns) == 1 and len(t.rows) == 6]
    assert ruled, "six writing lines for the exercise (lines: 6)"
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Bimtek Humas Contoh"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "PAGE" in section.footer._element.xml


def test_handout_never_contains_solutions_but_guide_does(awkward):
    """Model answers, marking guidance and the quiz key only appear in the trainer guide."""
    module = awkward.modules["aneh"]
    handout = body_text(open_docx(render_handout(awkward, module, Locale("id"))))
    handbook = body_text(open_docx(render_handbook(awkward, Locale("id"))))
    guide = body_text(open_docx(render_guide(awkward, module, Locale("id"))))
    for secret in SECRETS:
        assert secret not in handout and secret not in handbook
        assert secret in guide
    assert "Latihan <kertas> & pena" in handout  # the exercise itself is there


def test_guide_sections(basic_workshop):
    """Overview, timed plan with the minutes check, speaker notes, solutions, quiz key, checklist."""
    module = basic_workshop.modules["contoh"]
    warnings: list[str] = []
    document = open_docx(render_guide(basic_workshop, module, Locale("id"), warnings.append))
    assert headings(document, 1) == ["Ringkasan Modul", "Rencana Sesi", "Catatan Pembicara",
                                     "Latihan: Contoh Jawaban dan Penilaian", "Kunci Jawaban Kuis",
                                     "Daftar Periksa Bahan dan Alat"]
    text = body_text(document)
    plan = next(t for t in document.tables if len(t.columns) == 5 and t.rows[0].cells[2].text == "Kegiatan")
    assert [[c.text for c in row.cells] for row in plan.rows[1:]] == [
        ["1", "08.45–09.15", "Pengantar", "30", ""],
        ["2", "09.15–09.30", "Latihan: Latihan pertama", "15", "o2"],
    ]
    assert "sedangkan slot agenda 180 menit (selisih 135 menit)" in text
    assert warnings == ["contoh: sections and exercises take 45 minutes but the agenda gives 180 minutes [plan.minutes]"]
    assert "Catatan pembicara: apa yang disampaikan dan pertanyaan pemantik." in text
    assert "Poin pertama untuk slide" in text
    assert "Contoh jawaban yang baik." in text and "Nilai penuh bila jawaban memuat dua unsur utama." in text
    key = next(t for t in document.tables if len(t.columns) == 5 and t.rows[0].cells[3].text == "Kunci")
    shown = module.quiz[0]  # options are shown in the seeded order the workshop fixed
    assert [row.cells[3].text for row in key.rows[1:]] == [f"{shown.answer}. Pilihan kedua", "Benar (B)"]
    assert "Proyektor, layar dan kabel HDMI" in text


def test_plan_fits_slot_exactly(basic_workshop, tmp_path):
    """When sections and exercises fill the slots, the guide says so and nothing is warned."""
    from tests.helpers import make_project

    source = (ROOTS / "basic" / "modules" / "contoh.yaml").read_text(encoding="utf-8")
    root = make_project(tmp_path, {"contoh.yaml": source.replace("minutes: 30 ", "minutes: 165 ")})
    workshop, report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    plan = session_plan(workshop, workshop.modules["contoh"])
    assert plan.matches and plan.planned == plan.available == 180
    first, second = plan.slots
    assert [r.title for r in first.rows] == ["Pengantar"]  # 165 minutes overflow the 90-minute slot ...
    assert [r.title for r in second.rows] == ["Latihan pertama"]  # ... so the exercise moves to the next one
    warnings: list[str] = []
    text = body_text(open_docx(render_guide(workshop, workshop.modules["contoh"], Locale("id"), warnings.append)))
    assert warnings == []
    assert "Bagian dan latihan berjumlah 180 menit, sama dengan slot agenda (180 menit)." in text


def test_plan_follows_sections_listed_in_the_agenda(awkward):
    """Slots with ``sections:`` get those sections; exercises follow their section; missing minutes are estimated."""
    plan = session_plan(awkward, awkward.modules["aneh"])
    first, second = plan.slots
    assert [(r.title, r.minutes, r.exercise) for r in first.rows] == [
        ("Bagian <satu> & dua 🎉", 25, False), ("Latihan <kertas> & pena", 15, True)]
    assert [(r.title, r.minutes, r.estimated) for r in second.rows] == [
        ("Bagian 2: Kosong", 20, False), ("Latihan notebook 🧪", 10, False), ("Bagian tiga tanpa menit", 15, True)]
    assert str(second.rows[-1].end) == "10:15:00"
    assert plan.planned == 85 and plan.available == 90 and not plan.matches


def test_awkward_text_comes_out_literally(awkward):
    """Ampersands, angle brackets, emoji, a 120-character word and links survive; lists restart."""
    module = awkward.modules["aneh"]
    document = open_docx(render_handout(awkward, module, Locale("id")))
    text = body_text(document)
    for literal in ("Humas & Protokol <Tbk> 🎤 — Uji Teks Aneh", "PT A & B <Tbk>", "<script>alert(1)</script>",
                    LONG_WORD, "Bagian <satu> & dua 🎉", "Istilah <uji> dengan emoji 🎤", "Kutipan <penting> & benar",
                    "Draf <awal> & lemah", "Pemerintah <Kabupaten> & Kota", "Bupati <fiktif> & warga."):
        assert literal in text, literal
    assert "Bagian <satu> & dua 🎉" in headings(document, 1)
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://example.org/?q=a&r=<b>" in links
    numbered = [p for p in document.paragraphs if p.style.name == "List Number" and p.text.startswith(("langkah", "ulang"))]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3] and num_ids[0] != num_ids[2]  # second list restarts
    images = [s for s in document.inline_shapes]
    assert len(images) == 1 and images[0]._inline.docPr.get("descr") == "Garis merah & kotak biru"
    assert "Uji <Aneh> & Co" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.title.startswith("Humas & Protokol <Tbk>")


def test_handbook_contents_in_agenda_order(basic_workshop):
    """Cover, table of contents, welcome, agenda tables and every handout with its sections."""
    document = open_docx(render_handbook(basic_workshop, Locale("id")))
    assert headings(document, 1) == ["Kata Pengantar", "Jadwal Acara", "Judul Modul", "Catatan"]
    assert "Pengantar" in headings(document, 2) and "Tujuan Pembelajaran" in headings(document, 2)
    text = body_text(document)
    assert "Bagian Humas dan Protokol Setda Kabupaten Contoh" in text
    assert "dengan tema “Humas yang terbuka & melayani”" in text
    assert "PAGEREF _Toc1002" in document.element.xml  # the TOC line of the module points at its heading
    day1 = next(t for t in document.tables if t.rows[0].cells[1].text == "Kegiatan")
    assert day1.rows[1].cells[0].text == "07.30–08.00" and day1.rows[1].cells[1].text == "Registrasi peserta"
    assert "1. Menyanyikan lagu kebangsaan Indonesia Raya" in day1.rows[2].cells[1].text
    assert "Paragraf pertama handout." in text and "Contoh jawaban yang baik." not in text


def test_english_labels(basic_workshop):
    """--lang en switches the labels."""
    module = basic_workshop.modules["contoh"]
    document = open_docx(render_handout(basic_workshop, module, Locale("en")))
    assert headings(document, 1)[:2] == ["About This Module", "Learning Objectives"]
    assert "Tuesday, 24 September 2019, 08.45–10.15 WIB" in body_text(document)


def test_build_writes_all_files_reproducibly(basic_workshop, tmp_path):
    """The three kinds write their files; two builds give identical bytes."""
    kinds = ["handouts", "guides", "handbook"]
    first = build_workshop(basic_workshop, tmp_path / "a", kinds, Locale("id"))
    second = build_workshop(basic_workshop, tmp_path / "b", kinds, Locale("id"))
    names = sorted(str(w.path.relative_to(first.root)) for w in first.written)
    assert names == ["handbook.docx", "handouts/contoh.docx", "trainer/contoh-guide.docx"]
    for name in names:
        digests = {hashlib.sha256((out.root / name).read_bytes()).hexdigest() for out in (first, second)}
        assert len(digests) == 1, name


def test_awkward_documents_convert_to_pdf(awkward, tmp_path, to_pdf):
    """LibreOffice converts all three documents; the text is literal and the TOC has real page numbers."""
    from pypdf import PdfReader

    out = build_workshop(awkward, tmp_path / "out", ["handouts", "guides", "handbook"], Locale("id"))
    handout, guide, handbook = to_pdf(out.root / "handouts" / "aneh.docx", out.root / "trainer" / "aneh-guide.docx",
                                      out.root / "handbook.docx")
    texts = {}
    for pdf in (handout, guide, handbook):
        reader = PdfReader(str(pdf))
        assert len(reader.pages) >= 3
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
        texts[pdf.stem] = "\n".join(page.extract_text() for page in reader.pages)
    assert "PT A & B <Tbk>" in texts["aneh"] and "Latihan <kertas> & pena" in texts["aneh"]
    assert "SOLUSI-RAHASIA-KERTAS" in texts["aneh-guide"] and "SOLUSI-RAHASIA-KERTAS" not in texts["aneh"]
    toc_page = PdfReader(str(handbook)).pages[1].extract_text()
    module_line = next(line for line in toc_page.splitlines() if "Uji Teks Aneh" in line)
    assert int(module_line.rstrip(". ").split(".")[-1].strip()) >= 4  # computed from the heading's page


def test_guide_describes_checkers_in_words():
    """The trainer guide says what each checker looks at, never its raw settings (seats=..., max_words=...)."""
    workshop, report = load_workshop(ROOTS / "notebooks" / "curriculum" / "uji-notebook.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    module = next(iter(workshop.modules.values()))
    text = body_text(open_docx(render_guide(workshop, module, Locale("id"))))
    assert "memeriksa denah kursi" in text and "memeriksa urutan sapaan dari pejabat tertinggi" in text
    assert "memeriksa judul berita: 3 sampai 10 kata" in text
    assert "seats=" not in text and "max_words=" not in text and "(seats" not in text


def test_describe_check_knows_every_checker():
    """Every checker of the notebook module has a description in both languages."""
    from builder.checkers.pemeriksa import CHECKERS
    from builder.render.handouts import CHECK_WORDS, describe_check

    for language in ("id", "en"):
        assert set(CHECKERS) <= set(CHECK_WORDS[language]), set(CHECKERS) - set(CHECK_WORDS[language])
    assert describe_check("tidak-dikenal", {}, "id").startswith("memeriksa jawaban secara otomatis")
