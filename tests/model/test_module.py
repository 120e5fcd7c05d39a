"""Per-question-type behaviour of the module model: seeded option order."""

from __future__ import annotations

from builder.model.module import MultipleChoice, SingleChoice, TrueFalse, shuffle_question


def single() -> SingleChoice:
    return SingleChoice(type="single", id="q1", objective="o1", question="Ibu kota?", explanation="-",
                        options=["Benar", "Salah satu", "Salah dua", "Salah tiga"], answer="A")


def test_shuffled_single_choice_keeps_its_right_option():
    """The answer letter follows the right option to its new place; the same seed gives the same order."""
    shuffled = shuffle_question(single(), "modul:q1")
    assert sorted(shuffled.options) == sorted(single().options)
    assert shuffled.options[ord(shuffled.answer) - 65] == "Benar"
    assert shuffle_question(single(), "modul:q1") == shuffled


def test_seeds_spread_the_right_option_over_positions():
    """Over many items the right option does not stay in one position."""
    letters = {shuffle_question(single(), f"modul:q{n}").answer for n in range(20)}
    assert len(letters) >= 3


def test_multiple_choice_answers_move_together():
    """Every right option of a multiple-choice item keeps its mark."""
    item = MultipleChoice(type="multiple", id="q2", objective="o1", question="?", explanation="-",
                          options=["R1", "W1", "R2", "W2", "W3"], answer=["A", "C"])
    shuffled = shuffle_question(item, "modul:q2")
    assert {shuffled.options[ord(a) - 65] for a in shuffled.answer} == {"R1", "R2"}
    assert shuffled.answer == sorted(shuffled.answer)


def test_other_types_are_unchanged():
    """True/false items have no options to shuffle."""
    item = TrueFalse(type="truefalse", id="q3", objective="o1", question="?", explanation="-", answer=True)
    assert shuffle_question(item, "x") is item


def test_a_loaded_module_keeps_the_positions_of_its_values(tmp_path):
    """Module.where gives the file, line and column of a value (parents for paths without one), after the
    workshop's copy (context set, options shuffled) too; positions do not change what equals what."""
    from pathlib import Path

    from builder.check.diagnostics import Report
    from builder.sources.project import load_module, load_workshop
    from tests.helpers import make_project

    root = make_project(tmp_path)
    path = root / "modules" / "contoh.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    point = lines.index("      - Poin kedua untuk slide") + 1
    module = load_module(path, Report())
    assert module.where(("sections", 0, "points", 1)) == (path, point, 9)
    assert module.where(("sections", 0, "points", 99))[1] < point  # falls back to the list itself
    workshop, _report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop.modules["contoh"].where(("sections", 0, "points", 1)) == (path, point, 9)
    plain = module.model_validate(module.model_dump())
    assert plain.where(("title",)) is None and plain == module
    assert isinstance(Path(module.where(("title",))[0]), Path)
