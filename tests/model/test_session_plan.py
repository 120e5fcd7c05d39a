"""The trainer guide's session plan: activities timed into agenda slots."""

from __future__ import annotations

import pytest

from builder.model.session_plan import _share, activity_order, session_plan
from tests.render.docx_text import load_root



@pytest.fixture(scope="module")
def awkward():
    """The workshop of tests/roots/awkward (awkward text everywhere)."""
    return load_root("awkward", "uji-aneh.yaml")


def test_plan_follows_sections_listed_in_the_agenda(awkward):
    """Slots with ``sections:`` get those sections; exercises follow their section; missing minutes are estimated."""
    plan = session_plan(awkward, awkward.modules["aneh"])
    first, second = plan.slots
    assert [(r.title, r.minutes, r.exercise) for r in first.rows] == [
        ("Bagian <satu> & dua 🎉", 25, False), ("Latihan <kertas> & pena", 15, True)]
    assert [(r.title, r.minutes, r.estimated) for r in second.rows] == [
        ("Bagian 2: Kosong", 20, False), ("Latihan notebook 🧪", 10, False), ("Bagian tiga tanpa menit", 15, True)]
    assert str(second.rows[-1].end) == "10:15:00"
    assert plan.planned == 85 and plan.available == 90 and not plan.matches


def test_exercises_follow_the_last_section_teaching_their_objective(awkward):
    """Each exercise comes right after the last section that shares one of its objectives."""
    module = awkward.modules["aneh"]
    order = [(type(a).__name__, a.title) for a in activity_order(module)]
    assert order == [("Section", "Bagian <satu> & dua 🎉"), ("Exercise", "Latihan <kertas> & pena"),
                     ("Section", "Bagian 2: Kosong"), ("Exercise", "Latihan notebook 🧪"),
                     ("Section", "Bagian tiga tanpa menit")]


def test_share_gives_every_unknown_activity_at_least_five_minutes():
    """Minutes left in a slot are split evenly (the first ones get the remainder); never below five each."""
    first, second, third = object(), object(), object()
    assert _share(11, [first, second]) == {id(first): 6, id(second): 5}
    assert _share(3, [first, second, third]) == {id(first): 5, id(second): 5, id(third): 5}
    assert _share(-20, [first]) == {id(first): 5}
    assert _share(30, []) == {}
