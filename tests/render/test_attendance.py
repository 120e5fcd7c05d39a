"""Attendance sheets and name cards read back with python-docx (and LibreOffice for page layout)."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document
from docx.shared import Cm

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
    tent = document.tables[-1]
    near = "\n".join(p.text for p in tent.rows[1].cells[0].paragraphs).replace("\u00a0", " ")
    assert "NARASUMBER" in near and "Dra. Sari Contoh, M.Si." in near
    assert tent.rows[0].cells[0]._tc.xpath(".//pic:pic")  # the far half: the same lines turned 180 degrees
    section = document.sections[-1]
    fold = section.top_margin + tent.rows[0].height
    assert abs(fold - section.page_height / 2) < Cm(0.01)  # folded at half height
    assert tent.rows[1].height == tent.rows[0].height
    from builder.write.pdf import page_count

    assert page_count(to_pdf(folder / "name-cards.docx")[0]) == 2  # one page of 8 tags, one tent card


def test_tent_card_names_are_large_and_name_tags_wrap_before_they_shrink(tmp_path):
    """An ordinary name is at least 60 pt on a tent card; a very long name on a tag wraps at 12 pt or more."""
    from builder.render.attendance import name_size, tent_name_size

    assert tent_name_size("Rina Oktaviani") >= 60
    assert tent_name_size("Drs. Bambang Sutejo Wiryawan") >= 48
    long_name = "Prof. Dr. Hj. Raden Roro Siti Nurhayati Kusumaningrum Wahyuningtyas Hadiningrat, S.Sos., M.Si., M.Kom."
    assert name_size(long_name, 225, (18, 17, 16, 15, 14, 13, 12)) == 12
    assert name_size("Yohana Ndoen, S.I.Kom.", 225, (18, 17, 16, 15, 14, 13, 12)) == 18
    folder = build(tmp_path)
    document = Document(str(folder / "name-cards.docx"))
    sizes = [run.font.size.pt for cell in document.tables[0]._cells for p in cell.paragraphs for run in p.runs
             if "Hadiningrat" in run.text]
    assert sizes and min(sizes) >= 12


def test_far_half_is_a_palette_picture_of_the_lines_turned_upside_down():
    """The far half's picture keeps each line's colour, is transparent around the letters and reads from the fold."""
    import io

    from PIL import Image

    from builder.render.attendance import TENT_DPI, upside_down_png

    lines = [("Rapat Kerja", 12, False, "555555"), ("NARASUMBER", 16, True, "C00000"),
             ("Dra. Sari Contoh, M.Si.", 72, True, "1F1F1F"), ("Dinas Kominfo", 16, False, "404040")]
    with Image.open(io.BytesIO(upside_down_png(lines, 27.3))) as picture:
        assert picture.mode == "P" and picture.width == round(27.3 / 2.54 * TENT_DPI)
        palette, alpha = picture.getpalette(), picture.info["transparency"]
        indices = Image.frombytes("L", picture.size, picture.tobytes())
    assert alpha[indices.getpixel((0, 0))] == 0  # transparent where there is no letter

    def rows_of(colour: str) -> tuple[int, int]:
        solid = {i for i in range(len(alpha)) if alpha[i] == 255 and bytes(palette[3 * i:3 * i + 3]).hex() == colour.lower()}
        box = indices.point([255 if i in solid else 0 for i in range(256)]).getbbox()
        return box[1], box[3]

    event, role, name, agency = (rows_of(c) for c in ("555555", "C00000", "1F1F1F", "404040"))
    # turned 180 degrees: the first line (nearest the fold) is at the bottom, the agency at the top
    assert agency[1] < name[0] and name[1] < role[0] and role[1] < event[0]
