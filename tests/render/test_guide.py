"""The trainer guide read back with python-docx."""

from __future__ import annotations

from builder.i18n import Locale
from builder.model.session_plan import session_plan
from builder.render.handouts import render_guide
from builder.sources.project import load_workshop
from tests.render.docx_text import ROOTS, body_text, headings, load_root, open_docx



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


def test_guide_describes_checkers_in_words():
    """The trainer guide says what each checker looks at, never its raw settings (seats=..., max_words=...)."""
    workshop = load_root("notebooks", "uji-notebook.yaml")
    module = next(iter(workshop.modules.values()))
    text = body_text(open_docx(render_guide(workshop, module, Locale("id"))))
    assert "memeriksa denah kursi" in text and "memeriksa urutan sapaan dari pejabat tertinggi" in text
    assert "memeriksa judul berita: 3 sampai 10 kata" in text
    assert "seats=" not in text and "max_words=" not in text and "(seats" not in text


def test_describe_check_knows_every_checker():
    """Every checker of the notebook module has its computed values and a catalogue text in both languages."""
    from builder.checkers.pemeriksa import CHECKERS
    from builder.render.guide import CHECK_VALUES, describe_check

    assert set(CHECKERS) <= set(CHECK_VALUES), set(CHECKERS) - set(CHECK_VALUES)
    for language in ("id", "en"):
        assert all(Locale(language).has(f"guide.check.{checker}") for checker in CHECK_VALUES)
    assert describe_check("eyd", {"must_contain": ["a", "b", "c"]}, "id").endswith("“a”, “b” dan “c” ada.")
    assert describe_check("press_release", {"city": "Mempawah"}, "id").count("(diawali “Mempawah”)") == 1
    assert describe_check("press_release", {"city": "Mempawah"}, "en").count("(starting “Mempawah”)") == 1
    assert describe_check("deadline", {}, "en").startswith("computes the reply deadline")
    assert describe_check("tidak-dikenal", {}, "id").startswith("memeriksa jawaban secara otomatis")
