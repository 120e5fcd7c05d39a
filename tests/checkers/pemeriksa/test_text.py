"""Text utilities: tokens and comparison keys, answer shapes, and the salted digests that ship instead of answers."""

from builder.checkers import speaking
from builder.checkers.pemeriksa.text import _as_list, _as_mapping, _as_text, _key, sidik, sidik_jawaban, tokens


def test_tokens_strip_edge_punctuation_but_keep_case_and_inner_punctuation():
    assert tokens("“Silakan,” kata beliau: pukul 09.00 WIB!") == ["Silakan", "kata", "beliau", "pukul", "09.00", "WIB"]


def test_key_ignores_case_numbering_and_punctuation():
    assert _key("1. Menyanyikan lagu  kebangsaan, Indonesia Raya!") == "menyanyikan lagu kebangsaan indonesia raya"
    assert _key("- Doa") == _key("doa")


def test_digest_of_an_answer_ignores_whitespace_and_empty_items_but_not_words():
    salt = "humas-workshop/m/e"
    assert sidik_jawaban(salt, "Bupati  buka\nrakor") == sidik_jawaban(salt, "Bupati buka rakor")
    assert sidik_jawaban(salt, ["a", " ", "b"]) == sidik_jawaban(salt, ["a", "b"])
    assert sidik_jawaban(salt, {"K1": "A", "K2": ""}) == sidik_jawaban(salt, {"K1": "A"})
    assert sidik_jawaban(salt, "Bupati buka rakor") != sidik_jawaban(salt, "bupati buka rakor")
    assert sidik(salt, "x") != sidik("humas-workshop/m/lain", "x") and len(sidik(salt, "x")) == 64


def test_answer_shapes_are_explained_in_the_feedback_language():
    assert _as_text("T", "  a  ")[0] == "a" and _as_list("T", "a\n\nb")[0] == ["a", "b"]
    assert _as_mapping("T", {"K1": None, "K2": " B "})[0] == {"K1": "", "K2": "B"}
    assert _as_mapping("T", ["x"])[1].messages[0].text.startswith("Jawaban latihan ini berupa pasangan")
    assert "kurung kurawal { }" in _as_mapping("T", ["x"])[1].messages[0].text
    with speaking("en"):
        assert _as_list("T", 5)[1].messages[0].text.startswith("The answer to this exercise is a list")
        assert _as_text("T", " ")[1].messages[0].text.startswith("You have not done this exercise yet")
