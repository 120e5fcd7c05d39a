"""The layout check: each defect it looks for is found in a document made to have it, and the
reference workshops and test fixtures pass it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from pptx import Presentation
from pptx.util import Emu, Pt as PptPt

from builder.render.docx.util import hold_together
from builder.write.layoutcheck import (
    Finding, Span, check_continuations, check_files, check_spans, condense, docx_table_findings, printable,
)
from builder.write.pdf import find_soffice
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parents[2]
ROOTS = Path(__file__).resolve().parents[1] / "roots"
needs_libreoffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def codes(findings: list[Finding]) -> set[str]:
    """The codes of the findings."""
    return {f.code for f in findings}


def table_document(path: Path) -> Path:
    """A .docx with a five-row table whose first row is a bold header; nothing holds it together."""
    document = Document()
    table = document.add_table(rows=5, cols=2)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].add_run("Kolom").bold = True
    for row in table.rows[1:]:
        row.cells[0].text = "isi"
    document.save(path)
    return path


def test_rows_that_may_split_and_headers_that_do_not_repeat_are_found(tmp_path):
    """A plain table is reported; after hold_together it is not."""
    path = table_document(tmp_path / "tabel.docx")
    assert codes(docx_table_findings(path, "tabel.docx")) == {"row-can-split", "header-not-repeated"}
    document = Document(str(path))
    hold_together(document)
    document.save(path)
    assert docx_table_findings(path, "tabel.docx") == []


def test_thin_continuation_slides_are_found():
    """A continuation less than half used after a slide with room is reported; a balanced split is not."""
    titles = ["Daftar", "Daftar (lanjutan)", "Lain", "Lain (lanjutan)"]
    found = check_continuations("dek.pptx", titles, [0.55, 0.2, 0.8, 0.6])
    assert [(f.page, f.code) for f in found] == [(2, "thin-continuation")]
    assert check_continuations("dek.pptx", titles, [0.9, 0.45, 0.7, 0.7]) == []


def test_small_and_off_page_text_are_found():
    """Text under the minimum on a card and text outside the page are reported; normal text is not."""
    page = (595.0, 842.0, [Span("Nama", 100, 700, 28), Span("catatan", 100, 100, 6.5), Span("hilang", 700, 300, 11)])
    found = check_spans("kartu.docx", [page], 8.0)
    assert {f.code for f in found} == {"small-text", "outside-page"}
    assert check_spans("kartu.docx", [(595.0, 842.0, [Span("Nama", 100, 700, 28)])], 8.0) == []


def test_findings_are_condensed_per_code():
    """Many pages with the same defect give three findings and one summary."""
    many = [Finding("a.docx", n, "small-text", "x") for n in range(1, 11)]
    condensed = condense(many)
    assert len(condensed) == 4 and "7 more page(s)" in condensed[-1].message


@pytest.mark.libreoffice
@needs_libreoffice
def test_sparse_pages_headings_at_the_foot_thin_slides_and_small_text_are_found_in_renders(tmp_path):
    """Documents made with each defect, rendered by LibreOffice, give the matching finding."""
    document = Document()
    for number in range(24):  # the heading lands low on page 1
        document.add_paragraph(f"Paragraf isi nomor {number} yang cukup panjang untuk satu baris.")
    document.add_heading("Judul yang tertinggal di kaki halaman", level=2)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Satu baris saja di halaman kedua.")
    document.save(tmp_path / "buku.docx")

    card = Document()
    card.add_paragraph().add_run("Nama Peserta").font.size = Pt(28)
    card.add_paragraph().add_run("keterangan kecil").font.size = Pt(6)
    card.save(tmp_path / "name-cards.docx")

    prs = Presentation()
    for title in ("Daftar panjang", "Daftar panjang (lanjutan)"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "Butir pertama"
    # a text box that starts on the slide and runs off its bottom edge (its text lies below the page)
    stray = prs.slides[0].shapes.add_textbox(Emu(914400), prs.slide_height - Emu(12700), Emu(3 * 914400), Emu(914400))
    stray.text_frame.text = "di luar slide"
    stray.text_frame.paragraphs[0].runs[0].font.size = PptPt(18)
    prs.save(tmp_path / "dek.pptx")

    found = check_files([tmp_path / "buku.docx", tmp_path / "name-cards.docx", tmp_path / "dek.pptx"], tmp_path)
    by_file = {}
    for finding in found:
        by_file.setdefault(finding.file.split("/", 1)[1], set()).add(finding.code)
    assert {"sparse-page", "heading-at-foot"} <= by_file["buku.docx"], found
    assert "small-text" in by_file["name-cards.docx"], found
    assert {"thin-continuation", "outside-page"} <= by_file["dek.pptx"], found


PRINTED = "agenda,slides,handouts,guides,handbook,quizzes,attendance,certificates"


def build_all(root: Path, curriculum: str) -> Path:
    """Build every printed output kind of ``curriculum`` under ``root`` and return the workshop folder."""
    result = run_cli(root, "build", curriculum, "--out", str(root / "build"), "--only", PRINTED)
    assert result.exit_code == 0, result.output
    return next(p for p in (root / "build").iterdir() if p.is_dir())


def assert_clean(folder: Path) -> None:
    """Every printable document of a build passes the layout check."""
    findings = check_files(printable(folder), folder)
    assert findings == [], "\n".join(str(f) for f in findings)


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("curriculum", ["rakor-kubu-raya-2019.yaml", "raker-humas-ntt-2019.yaml"])
def test_reference_workshops_pass_the_layout_check(tmp_path, curriculum):
    """Agenda, decks, handouts, guides, handbook, quizzes, attendance, name cards and certificates."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("curriculum", "modules", "rosters"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    assert_clean(build_all(root, f"curriculum/{curriculum}"))


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("fixture, curriculum", [("basic", "bimtek-contoh.yaml"), ("people", "sertifikat-contoh.yaml"),
                                                 ("awkward", "uji-aneh.yaml")])
def test_fixtures_pass_the_layout_check(tmp_path, fixture, curriculum):
    """The small test workshops (long names, awkward text) pass the layout check too."""
    root = tmp_path / fixture
    shutil.copytree(ROOTS / fixture, root)
    assert_clean(build_all(root, f"curriculum/{curriculum}"))
