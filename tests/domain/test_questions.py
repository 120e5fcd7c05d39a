"""Every question type says the same answer everywhere: printed key, grader, slide note, guide key, Moodle, GIFT.

Each output is read back on its own terms (letters against the options that output shows, Moodle XML
parsed with lxml) and turned into a *solution* (right option texts, pairs, order, accepted answers,
number); all of them must equal the solution taken from the source item. Adding a question type adds
one row to each ``DECODE`` table below.
"""

from __future__ import annotations

import html
import random
import re
import typing
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from builder.domain.questions import KINDS, kind_of
from builder.domain.quizbank import BankItem, Test as QuizTest, key_text, make_variant, source_variant
from builder.domain.scoring import grade
from builder.i18n import Locale
from builder.model.module import Module, Question
from builder.render.guide import answer_text
from builder.render.lms import gift_export, moodle_export
from builder.render.slides import answer_parts, question_paras
from builder.sources.project import load_workshop

REPO = Path(__file__).resolve().parents[2]
CURRICULA = ("rakor-kubu-raya-2019.yaml", "raker-humas-ntt-2019.yaml")
LETTER = "ABCDEFGHIJ"


@lru_cache(maxsize=None)
def workshops() -> tuple:
    """Both reference workshops, loaded once."""
    loaded = []
    for name in CURRICULA:
        workshop, report = load_workshop(REPO / "curriculum" / name)
        assert workshop is not None, [d.format() for d in report.items]
        loaded.append(workshop)
    return tuple(loaded)


def items() -> list[tuple[object, Module, object]]:
    """(workshop, module, question) for every quiz item of both reference workshops."""
    return [(w, m, q) for w in workshops() for m in w.modules.values() for q in m.quiz]


def solution(q):
    """The right answer of a source item in a form every output can be compared with."""
    return {
        "single": lambda: frozenset({q.options[LETTER.index(q.answer)]}),
        "multiple": lambda: frozenset(q.options[LETTER.index(a)] for a in q.answer),
        "truefalse": lambda: q.answer,
        "matching": lambda: frozenset(zip(q.left, q.right)),
        "ordering": lambda: tuple(q.items),
        "short": lambda: frozenset(q.accept),
        "numeric": lambda: q.answer,
    }[q.type]()


def _number(text: str) -> float:
    """The first number in ``text`` (decimal point)."""
    return float(re.match(r"-?[\d.]+", text.strip()).group())


def from_key(q, shown, text: str):
    """Read a printed key entry against the options the sheet shows."""
    letters = lambda: frozenset(shown[LETTER.index(x)] for x in text.split(", "))  # noqa: E731
    return {
        "single": letters, "multiple": letters,
        "truefalse": lambda: {"Benar (B)": True, "Salah (S)": False}[text],
        "matching": lambda: frozenset(
            (q.left[int(n) - 1], shown[LETTER.index(x)]) for n, x in (p.split("-") for p in text.split(", "))),
        "ordering": lambda: tuple(shown[int(n) - 1] for n in text.split("–")),
        "short": lambda: frozenset(text.split(" / ")),
        "numeric": lambda: _number(text),
    }[q.type]()


def written(q, text: str) -> str:
    """What a participant who copies the printed key writes on the answer sheet."""
    return {"truefalse": lambda: text.split()[0], "short": lambda: text.split(" / ")[-1],
            "numeric": lambda: text.split()[0].replace(".", ",")}.get(q.type, lambda: text)()


def wrong(q, vitem) -> str:
    """An answer that must be graded wrong."""
    if q.type in ("single", "multiple"):
        right = set(vitem.key)
        return next(x for x in LETTER[: len(vitem.options)] if x not in right)
    if q.type == "matching":
        return "".join(reversed("".join(vitem.key.values()))) if len(set(vitem.key.values())) > 1 else "Z"
    if q.type == "ordering":
        return vitem.key[::-1]
    if q.type == "truefalse":
        return "salah" if q.answer else "benar"
    return {"short": "jawaban yang jelas keliru zzz", "numeric": "-98765"}[q.type]


def from_slide(q, note: str, shown_left: list[str], shown_letters: list[str]):
    """Read a slide's answer note against the lettered (and numbered) lines the slide shows."""
    by_letter = lambda x: shown_letters[LETTER.index(x)]  # noqa: E731
    return {
        "single": lambda: frozenset({by_letter(note.split(".")[0])}),
        "multiple": lambda: frozenset(by_letter(p.split(".")[0]) for p in note.split("; ")),
        "truefalse": lambda: {"Benar": True, "Salah": False}[note],
        "matching": lambda: frozenset(
            (shown_left[int(n) - 1], by_letter(x)) for n, x in (p.split("-") for p in note.split(", "))),
        "ordering": lambda: tuple(by_letter(x) for x in note.split("–")),
        "short": lambda: frozenset(note.split(" / ")),
        "numeric": lambda: _number(note),
    }[q.type]()


def slide_lines(q) -> tuple[list[str], list[str]]:
    """The numbered and the lettered lines of the question slide, without their labels."""
    _stem, body = question_paras(q, Locale("id"))
    numbered = [p.text.split("\t", 1)[1] for p in body if re.match(r"\d+\.\t", p.text)]
    lettered = [p.text.split("\t", 1)[1] for p in body if re.match(r"[A-Z]\.\t", p.text)]
    assert [p.text[0] for p in body if re.match(r"[A-Z]\.\t", p.text)] == list(LETTER[: len(lettered)])
    return numbered, lettered


def from_guide(q, text: str):
    """Read the trainer guide's key (source order, option texts)."""
    choice = lambda: frozenset(q.options[LETTER.index(p[0])] for p in text.split("; "))  # noqa: E731
    return {
        "single": choice, "multiple": choice,
        "truefalse": lambda: {"Benar (B)": True, "Salah (S)": False}[text],
        "matching": lambda: frozenset(tuple(p.split(" → ")) for p in text.split("; ")),
        "ordering": lambda: tuple(text.split(" → ")),
        "short": lambda: frozenset(text.split(" / ")),
        "numeric": lambda: _number(text),
    }[q.type]()


def _moodle_text(element) -> str:
    """The plain text of a Moodle ``<text>`` (HTML fragment or plain)."""
    value = element.findtext("text")
    return html.unescape(re.sub(r"^<p>|</p>$", "", value))


def from_moodle(q, element):
    """Read one Moodle XML ``<question>`` back into a solution."""
    answers = element.findall("answer")
    right = [a for a in answers if float(a.get("fraction")) > 0]
    pairs = [(_moodle_text(s), s.find("answer").findtext("text")) for s in element.findall("subquestion")]
    return {
        "single": lambda: frozenset(_moodle_text(a) for a in right),
        "multiple": lambda: frozenset(_moodle_text(a) for a in right),
        "truefalse": lambda: {"true": True, "false": False}[_moodle_text(right[0])],
        "matching": lambda: frozenset(pairs),
        "ordering": lambda: tuple(left for left, _ in sorted(pairs, key=lambda p: int(p[1]))),
        "short": lambda: frozenset(_moodle_text(a) for a in right),
        "numeric": lambda: float(_moodle_text(right[0])),
    }[q.type]()


def from_gift(q, line: str):
    """Read one GIFT question line back into a solution (the reference items use no GIFT escapes)."""
    body = re.search(r"\{(.*) ####", line).group(1)
    unescape = lambda s: html.unescape(re.sub(r"\\(.)", r"\1", s))  # noqa: E731
    marked = lambda: frozenset(unescape(o[1:]) for o in re.split(r" (?=[=~])", body) if o.startswith("="))  # noqa: E731
    pairs = lambda: [tuple(unescape(s) for s in o[1:].split(" -> ")) for o in re.split(r" (?==)", body)]  # noqa: E731
    return {
        "single": marked,
        "multiple": lambda: frozenset(unescape(re.sub(r"^~%[\d.]+%", "", o)) for o in re.split(r" (?=~)", body)
                                      if re.match(r"~%[\d.]+%", o)),
        "truefalse": lambda: {"TRUE": True, "FALSE": False}[body],
        "matching": lambda: frozenset(pairs()),
        "ordering": lambda: tuple(left for left, _ in sorted(pairs(), key=lambda p: int(p[1]))),
        "short": marked,
        "numeric": lambda: float(body[1:].split(":")[0]),
    }[q.type]()


def test_every_question_model_has_one_kind():
    """The question union and the behaviour table list the same types, and both references use them all."""
    models = typing.get_args(typing.get_args(Question)[0])
    assert set(models) == set(KINDS)
    assert {q.type for _w, _m, q in items()} == {m.model_fields["type"].annotation.__args__[0] for m in models}


def test_printed_key_and_grader_agree_with_the_source():
    """For every item and two variants, the key read against the shuffled sheet is the source's answer,
    copying it onto the answer sheet scores, and a different answer does not."""
    count = 0
    for _w, module, q in items():
        test = QuizTest(module.id, module.title, "both", (BankItem(module, q),))
        for vitem in (make_variant(test, "A", 7).items[0], make_variant(test, "B", 7).items[0],
                      source_variant(test).items[0]):
            text = key_text(vitem)
            assert from_key(q, vitem.options, text) == solution(q), (module.id, q.id, text)
            assert grade(vitem, written(q, text))[0], (module.id, q.id, text)
            assert not grade(vitem, wrong(q, vitem))[0], (module.id, q.id, wrong(q, vitem))
            count += 1
    assert count == 3 * len(items()) > 0


def test_slide_note_and_guide_agree_with_the_source():
    """The slide's note, read against the lines the slide shows, and the guide's key give the source's answer."""
    locale = Locale("id")
    for _w, module, q in items():
        numbered, lettered = slide_lines(q)
        note, _explanation = answer_parts(q, locale)
        assert from_slide(q, note, numbered, lettered) == solution(q), (module.id, q.id, note)
        vitem = source_variant(QuizTest(module.id, module.title, "both", (BankItem(module, q),))).items[0]
        guide = answer_text(vitem, "id")
        assert from_guide(q, guide) == solution(q), (module.id, q.id, guide)


def test_lms_exports_agree_with_the_source():
    """Moodle XML (parsed) and GIFT carry the source's answer for every item of both references."""
    for workshop in workshops():
        root = etree.fromstring(moodle_export(workshop).encode("utf-8"))
        by_id = {e.findtext("idnumber"): e for e in root.iter("question") if e.get("type") != "category"}
        gift = gift_export(workshop).splitlines()
        gift_by_id = {re.match(r"::(.*?)::", line).group(1): line for line in gift if line.startswith("::")}
        seen = 0
        for module in workshop.modules.values():
            for q in module.quiz:
                element = by_id[f"{module.id}/{q.id}"]
                assert element.get("type") == kind_of(q).moodle_type
                assert from_moodle(q, element) == solution(q), (module.id, q.id)
                assert from_gift(q, gift_by_id[f"{module.id}/{q.id}"]) == solution(q), (module.id, q.id)
                seen += 1
        assert seen == len(by_id) > 0


@pytest.mark.parametrize("seed", range(5))
def test_variant_key_follows_its_shuffle(seed):
    """Whatever the shuffle, a kind's variant key names the right options in the shown order."""
    for _w, _module, q in items():
        shown, key = kind_of(q).variant(q, random.Random(seed))
        assert from_key(q, shown, kind_of(q).key_text(q, key, "id")) == solution(q)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_kind_names_labels_that_exist(language):
    """A kind's sheet hint, slide hint and slide placeholder are labels of both languages; it has a Moodle type."""
    locale = Locale(language)
    for kind in KINDS.values():
        assert kind.moodle_type in ("multichoice", "truefalse", "matching", "shortanswer", "numerical")
        assert not kind.sheet_hint or locale.label(f"quiz.{kind.sheet_hint}")
        for key in filter(None, (kind.slide_hint, kind.slide_placeholder)):
            assert locale.label(key) and locale.label(key) != key
        assert bool(kind.slide_placeholder) != bool(kind.slide_order(_example(kind.model)))


def _example(model):
    """One item of ``model`` from the reference workshops."""
    return next(q for _w, _m, q in items() if type(q) is model)


def test_true_false_key_words_come_from_the_catalogue():
    """The key of a true/false item reads ``Benar (B)`` / ``Salah (S)`` or ``True (T)`` / ``False (F)``."""
    kind = next(k for k in KINDS.values() if k.model.__name__ == "TrueFalse")
    words = {language: (kind.key_text(None, True, language), kind.key_text(None, False, language))
             for language in ("id", "en")}
    assert words == {"id": ("Benar (B)", "Salah (S)"), "en": ("True (T)", "False (F)")}
