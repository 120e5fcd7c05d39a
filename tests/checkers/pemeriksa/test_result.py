"""The result object, empty answers, answer shapes, periksa()/siapkan() and the shipped file."""

import ast
import sys

import pytest

from builder.checkers import CHECKERS, EMPTY, check, pemeriksa
from builder.render.notebooks import shipped_checker

EMPTY_ANSWERS = {"lead": "", "headline": "  ", "press_release": "\n", "eyd": "", "script_fix": "",
                 "susunan_acara": [], "greetings_order": ["", " "], "seating": {"K1": ""},
                 "classify_info": {"A": ""}, "deadline": {"jawaban": "", "perpanjangan": ""}}


@pytest.mark.parametrize("checker", sorted(CHECKERS))
def test_empty_answer_gets_the_friendly_message(checker):
    result = check(checker, EMPTY_ANSWERS[checker], {})
    assert not result.passed and result.score == 0
    assert result.messages[0].text.startswith(EMPTY) and EMPTY == "Anda belum mengerjakan latihan ini"
    assert len(result.messages) == 1


@pytest.mark.parametrize("checker,answer", [("lead", ["a"]), ("seating", "K1 Bupati"), ("classify_info", ["x"]),
                                            ("susunan_acara", 5), ("deadline", "2019-08-29")])
def test_wrong_shape_is_explained_not_a_traceback(checker, answer):
    result = check(checker, answer, {})
    assert not result.passed and result.messages[0].kind == "salah"


def test_result_html_escapes_the_answer_and_plain_text_carries_the_points():
    result = check("susunan_acara", ["PT A & B <Tbk>"], {"items": [{"text": "Doa", "role": "doa"}], "points": 2})
    bundle = result._repr_mimebundle_()
    assert "&lt;Tbk&gt;" in bundle["text/html"] and "<Tbk>" not in bundle["text/html"]
    assert float(bundle["text/plain"]) == pytest.approx(result.score * 2)


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


def test_shipped_checker_uses_only_the_standard_library_and_embeds_holidays(tmp_path):
    source = shipped_checker({"2019-08-17": "Hari Kemerdekaan"})
    imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
    assert '"2019-08-17": "Hari Kemerdekaan",' in source and "@@LIBUR_NASIONAL@@" not in source


def test_the_registry_is_the_one_list_of_checkers():
    """Source checks, titles and docs/checkers.md all name exactly the checkers of pemeriksa's registry."""
    import re
    from pathlib import Path

    from builder.check.semantic import KNOWN_CHECKERS

    assert list(KNOWN_CHECKERS) == list(CHECKERS) == list(pemeriksa.TITLE_TEXTS["id"]) == list(pemeriksa.TITLE_TEXTS["en"])
    docs = (Path(__file__).resolve().parents[3] / "docs" / "checkers.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| `(\w+)` \|", docs, re.M) == list(CHECKERS)
