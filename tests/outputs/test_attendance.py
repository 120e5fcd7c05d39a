"""Attendance sheets and name cards read back with python-docx (and LibreOffice for page layout)."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"


def build(tmp_path) -> Path:
    """Build the attendance kind of the people fixture and return its folder."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "attendance")
    assert result.exit_code == 0, result.output
    return root / "build" / "sertifikat-contoh" / "attendance"


def test_attendance_sheet_per_day_with_alternating_signature_cells(tmp_path):
    """One sheet per day; participants numbered; odd numbers sign left, even right; header row repeats."""
    folder = build(tmp_path)
    assert sorted(p.name for p in folder.glob("daftar-hadir-*.docx")) == [
        "daftar-hadir-2019-09-24.docx", "daftar-hadir-2019-09-25.docx"]
    document = Document(str(folder / "daftar-hadir-2019-09-24.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DAFTAR HADIR" in text
    table = document.tables[1]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert table.rows[1].cells[1].paragraphs[0].text == "PT A & B <Tbk>"
    assert table.rows[1].cells[3].text == "1." and table.rows[1].cells[4].text == ""
    assert table.rows[2].cells[3].text == "" and table.rows[2].cells[4].text == "2."
    assert "NIP 19851012 201001 2 002" in table.rows[2].cells[1].text
    names = [row.cells[1].paragraphs[0].text for row in table.rows[1:]]
    assert "Dra. Sari Contoh, M.Si." not in names  # speakers sign a separate list
    others = document.tables[4]  # kop table, people, signature block; then the second list
    assert [row.cells[1].paragraphs[0].text for row in others.rows[1:]] == ["Dra. Sari Contoh, M.Si.", "Rina Panitia"]


def test_name_cards_have_tags_for_all_and_tent_cards_for_speakers(tmp_path, to_pdf):
    """Name tags carry role and name; speakers also get a folded tent card on its own landscape page."""
    folder = build(tmp_path)
    document = Document(str(folder / "name-cards.docx"))
    tags = document.tables[0]
    cells = [cell for row in tags.rows for cell in row.cells]
    first = "\n".join(p.text for p in cells[0].paragraphs)
    assert "PT A & B <Tbk>" in first and "PESERTA" in cells[0].tables[0].rows[0].cells[0].text
    assert len(cells) == 8
    assert document.sections[-1].page_width > document.sections[-1].page_height
    body = "\n".join(p.text for p in document.paragraphs)
    assert "NARASUMBER" in body and "Dra. Sari Contoh, M.Si." in body
    from builder.write.pdf import page_count

    assert page_count(to_pdf(folder / "name-cards.docx")[0]) == 2  # one page of 8 tags, one tent card
