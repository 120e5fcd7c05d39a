"""The agenda document read back with python-docx (and LibreOffice for the page layout)."""

from __future__ import annotations

import hashlib

from docx import Document

from builder.build import build_workshop
from builder.i18n import Locale
from builder.render.agenda import render_agenda


def all_text(document) -> str:
    """Body paragraphs, table cells and header text joined by newlines."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


def test_agenda_lists_every_item_with_time_and_jp(basic_workshop, tmp_path):
    """Every agenda item, its time range and the JP totals per day and overall appear."""
    out = build_workshop(basic_workshop, tmp_path, ["agenda"], Locale("id"))
    document = Document(str(out.root / "agenda.docx"))
    text = all_text(document)
    assert "JADWAL ACARA" in text
    assert "Hari ke-1 — Selasa, 24 September 2019" in text
    assert "Hari ke-2 — Rabu, 25 September 2019" in text
    assert "24–25 September 2019" in text
    day1, day2 = document.tables
    rows = [[c.text for c in row.cells] for row in day1.rows]
    assert rows[0][:2] == ["Waktu", "Kegiatan"]
    assert rows[1][0] == "07.30–08.00" and rows[1][1] == "Registrasi peserta"
    assert rows[2][0] == "08.00–08.45" and "1. Menyanyikan lagu kebangsaan Indonesia Raya" in rows[2][1]
    assert rows[3][0] == "08.45–10.15" and rows[3][1] == "Judul Modul" and rows[3][4] == "2"
    assert rows[5][2] == "PT A & B <Tbk>"  # escaped on the way in, literal on the way out
    assert rows[-1][-1] == "4"  # day 1: two 90-minute sessions = 4 JP
    assert [c.text for c in day2.rows[-1].cells][-1] == "2"
    assert "Jumlah seluruhnya: 6 JP (270 menit)" in text
    assert "BAGIAN HUMAS DAN PROTOKOL SETDA KABUPATEN CONTOH" in text
    assert basic_workshop.curriculum.jp == 6


def test_agenda_in_english(basic_workshop):
    """--lang en switches the labels and the date names."""
    from io import BytesIO

    document = Document(BytesIO(render_agenda(basic_workshop, Locale("en"))))
    text = all_text(document)
    assert "AGENDA" in text and "Day 1 — Tuesday, 24 September 2019" in text
    assert "Total: 6 JP (270 minutes)" in text


def test_agenda_is_reproducible(basic_workshop, tmp_path):
    """Two builds of the same sources give byte-identical files."""
    first = build_workshop(basic_workshop, tmp_path / "a", ["agenda"], Locale("id"))
    second = build_workshop(basic_workshop, tmp_path / "b", ["agenda"], Locale("id"))
    digest = [hashlib.sha256((o.root / "agenda.docx").read_bytes()).hexdigest() for o in (first, second)]
    assert digest[0] == digest[1]


def test_agenda_converts_to_a_one_page_pdf(basic_workshop, tmp_path, to_pdf):
    """LibreOffice renders the sample agenda on one A4 page."""
    from pypdf import PdfReader

    out = build_workshop(basic_workshop, tmp_path, ["agenda"], Locale("id"))
    (pdf,) = to_pdf(out.root / "agenda.docx")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert "Registrasi peserta" in reader.pages[0].extract_text()
