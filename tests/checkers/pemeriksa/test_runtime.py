"""The notebook runtime: the registry, check() that never raises, siapkan() and periksa()."""

from builder.checkers import CHECKERS, check, pemeriksa
from builder.checkers.pemeriksa import runtime


def test_periksa_reads_the_answer_variable_and_explains_missing_steps():
    pemeriksa._EXERCISES.clear()
    assert "Sel persiapan" in pemeriksa.periksa("x").text
    pemeriksa.siapkan({"exercises": {"x-1": {"checker": "headline", "params": {}, "title": "Judul"}}})
    assert "Jalankan dulu sel jawaban" in pemeriksa.periksa("x-1").text
    jawaban_x_1 = "Bupati Buka Rakor Kehumasan"  # noqa: F841 - read from this frame by periksa()
    globals()["jawaban_x_1"] = jawaban_x_1
    result = pemeriksa.periksa("x-1")
    assert result.passed and result.title == "Judul"
    assert "tidak dikenal" in pemeriksa.periksa("lain").text


def test_a_checker_bug_is_reported_without_a_traceback():
    result = check("seating", {"K1": "A"}, {"seats": ["K1"], "officials": [{"name": "A", "rank": "satu"}]})
    assert "belum dapat diperiksa" in result.text


def test_the_registry_is_the_one_list_of_checkers():
    """Source checks, titles and docs/checkers.md all name exactly the checkers of pemeriksa's registry."""
    import re
    from pathlib import Path

    from builder.check.semantic import KNOWN_CHECKERS

    assert list(KNOWN_CHECKERS) == list(CHECKERS) == list(pemeriksa.TITLE_TEXTS["id"]) == list(pemeriksa.TITLE_TEXTS["en"])
    docs = (Path(__file__).resolve().parents[3] / "docs" / "checkers.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| `(\w+)` \|", docs, re.M) == list(CHECKERS)


def test_set_up_cell_text_is_the_one_the_toolkit_writes_without_a_kernel(capsys):
    runtime.siapkan({"title": "Menulis Berita", "exercises": {"a": {}, "b": {}}})
    assert capsys.readouterr().out == runtime.ready_text("Menulis Berita", 2) + "\n"
    assert runtime.ready_text("Menulis Berita", 2) == ("✔ Pemeriksa siap: Menulis Berita (2 latihan). "
                                                       "Silakan mulai dari Latihan 1.")
    runtime._EXERCISES.clear()


def test_unknown_checker_is_a_message_not_an_error():
    result = runtime.check("tebak", "x")
    assert (result.title, result.score) == ("Pemeriksa", 0.0)
    assert result.messages[0].text == "Pemeriksa “tebak” tidak dikenal; hubungi pengajar."
