"""Participant handouts (and the three docx kinds' build) read back with python-docx and LibreOffice."""

from __future__ import annotations

import hashlib

import pytest
from docx.oxml.ns import qn

from builder.build import build_workshop
from builder.i18n import Locale
from builder.render.handouts import render_guide, render_handbook, render_handout
from tests.render.docx_text import body_text, headings, load_root, open_docx

SECRETS = ("SOLUSI-RAHASIA-KERTAS", "SOLUSI-RAHASIA-PETA", "PENILAIAN-RAHASIA", "PEMBAHASAN-RAHASIA", "KUNCI-RAHASIA")
LONG_WORD = "Keterbukaaninformasipublik" * 4 + "x" * 16



@pytest.fixture(scope="module")
def awkward():
    """The workshop of tests/roots/awkward (awkward text everywhere)."""
    return load_root("awkward", "uji-aneh.yaml")


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
