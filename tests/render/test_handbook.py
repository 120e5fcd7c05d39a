"""The participant handbook read back with python-docx."""

from __future__ import annotations

from builder.i18n import Locale
from builder.render.handouts import render_handbook
from tests.render.docx_text import body_text, headings, open_docx



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
