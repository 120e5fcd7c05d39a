"""The result object: empty answers, answer shapes, HTML and the points nbgrader reads."""

import pytest

from builder.checkers import CHECKERS, check
from builder.checkers.pemeriksa.result import EMPTY, Message, Result

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


def test_summary_is_worded_in_the_feedback_language():
    from builder.checkers import speaking

    result = Result("Judul berita", True, 1.0, [Message("ok", "x")])
    assert result.summary == "Judul berita: BENAR — skor 100%"
    with speaking("en"):
        assert Result("News headline", False, 0.5).summary == "News headline: NEEDS WORK — score 50%"
