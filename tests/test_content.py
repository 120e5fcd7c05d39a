"""The shipped reference content (modules/ and curriculum/) meets the content standard of the project."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from builder.check.diagnostics import Report
from builder.sources.project import load_module, validate_paths

REPO = Path(__file__).resolve().parent.parent
MODULE_FILES = sorted((REPO / "modules").glob("*.yaml"))
FORBIDDEN = ("silahkan", "jum'at", "jum’at", "waktu dan tempat kami persilakan", "waktu dan tempat dipersilakan")


@pytest.fixture(params=MODULE_FILES, ids=[p.stem for p in MODULE_FILES])
def module(request):
    report = Report(strict=True)
    loaded = load_module(request.param, report)
    assert not report.items, [d.format() for d in report.items]
    return loaded


def test_everything_shipped_validates_without_warnings():
    """`workshop validate --strict` passes on modules/ and curriculum/."""
    report = validate_paths([REPO / "modules", REPO / "curriculum"], strict=True)
    assert not report.items, "\n".join(d.format() for d in report.items)


def test_reference_modules_exist():
    """The four reference modules are shipped."""
    assert {p.stem for p in MODULE_FILES} >= {"menulis-berita", "pembawa-acara", "keterbukaan-informasi", "keprotokolan"}


def test_module_size_and_parts(module):
    """At least 4 JP, 4-6 objectives, 10 sections of 3-6 points with 150+ words and notes, tables, an example."""
    assert module.duration >= 4 * 45
    assert 4 <= len(module.objectives) <= 6
    assert len(module.sections) >= 10
    for section in module.sections:
        assert 3 <= len(section.points) <= 6, section.id
        assert len(section.body.split()) >= 150, section.id
        assert section.notes.strip(), section.id
    assert any(s.table for s in module.sections)
    assert any(s.example for s in module.sections)
    assert module.keypoints
    assert len(module.glossary) >= 8
    assert any(re.search(r"Nomor \d+ Tahun \d{4}", r.text) for r in module.references)


def test_planned_minutes_fill_the_module(module):
    """Every section has planned minutes; sections plus exercises add up to the module's duration."""
    assert all(section.minutes for section in module.sections)
    total = sum(s.minutes for s in module.sections) + sum(e.minutes for e in module.exercises)
    assert total == module.duration


def test_exercises_cover_notebook_and_paper(module):
    """At least three exercises, some in a notebook and some on paper, each with a solution."""
    assert len(module.exercises) >= 3
    modes = Counter(e.mode for e in module.exercises)
    assert modes["notebook"] + modes["both"] >= 1
    assert modes["paper"] + modes["both"] >= 1
    assert all(e.solution not in (None, "") for e in module.exercises)


def test_quiz_bank_mix_and_coverage(module):
    """24+ items of mixed types with explanations; every objective has 2+ items and a section teaching it."""
    assert len(module.quiz) >= 24
    types = Counter(q.type for q in module.quiz)
    assert types["single"] and types["multiple"] and types["truefalse"] and types["short"]
    assert types["matching"] + types["ordering"] >= 1
    assert all(q.explanation.strip() for q in module.quiz)
    assert len(module.questions("pre")) >= 8 and len(module.questions("post")) >= 8
    per_objective = Counter(q.objective for q in module.quiz)
    taught = {o for s in module.sections for o in s.objectives}
    for objective in module.objectives:
        assert per_objective[objective.id] >= 2, objective.id
        assert objective.id in taught, objective.id


QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|«[^»\n]*»')
EXHIBITS = ("before", "context", "starter", "options", "items", "left", "right", "accept")


def prose(node, key: str = ""):
    """Every string the module says in its own voice.

    Drafts that a participant is asked to correct (an example's ``before``, an exercise's
    ``context`` and ``starter``, quiz options) are exhibits and may hold mistakes; elsewhere a
    mistake may only be *mentioned* inside quotation marks (``"silahkan" keliru``).
    """
    if key in EXHIBITS:
        return
    if isinstance(node, str):
        yield QUOTED.sub("", node)
    elif isinstance(node, dict):
        for child_key, child in node.items():
            yield from prose(child, str(child_key))
    elif isinstance(node, list):
        for child in node:
            yield from prose(child, key)


@pytest.mark.parametrize("path", MODULE_FILES + sorted((REPO / "curriculum").glob("*.yaml")), ids=lambda p: p.name)
def test_language_follows_eyd_v(path):
    """No 'silahkan', "Jum'at" or 'waktu dan tempat kami persilakan' used; clock times use a period (EYD V)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    for text in prose(data):
        lowered = text.casefold()
        for wrong in FORBIDDEN:
            assert wrong not in lowered, (wrong, text[:120])
        assert not re.search(r"pukul\s+\d{1,2}:\d{2}", text), text[:120]


WORKSHOP_FILES = sorted((REPO / "curriculum").glob("*.yaml"))


@pytest.mark.parametrize("curriculum", WORKSHOP_FILES, ids=lambda p: p.stem)
def test_shown_answers_are_spread_over_option_letters(curriculum):
    """In every module as built, single-choice keys use at least three different letters."""
    from builder.sources.project import load_workshop

    workshop, report = load_workshop(curriculum)
    assert workshop is not None, [d.format() for d in report.items]
    for module in workshop.modules.values():
        letters = Counter(q.answer for q in module.quiz if q.type == "single")
        assert len(letters) >= 3, (module.id, letters)
        assert max(letters.values()) <= 0.6 * sum(letters.values()), (module.id, letters)


def test_central_zone_is_spelled_wita():
    """EYD V F.6: Wita, not WITA, in generated times and in the module's own rule."""
    import datetime as dt

    from builder.i18n import Locale

    assert Locale("id").time(dt.time(19, 30), "WITA") == "pukul 19.30 Wita"
    for path in MODULE_FILES:
        assert "WITA" not in path.read_text(encoding="utf-8"), path.name
    rule = (REPO / "modules" / "menulis-berita.yaml").read_text(encoding="utf-8")
    assert "*Wita* hanya berhuruf awal kapital" in rule


def test_nip_is_written_without_a_period():
    """Certificates, attendance sheets and module text write `NIP 19690309 ...`, never `NIP.`."""
    for path in MODULE_FILES:
        text = path.read_text(encoding="utf-8")
        assert "NIP. 1" not in text.replace("*NIP. 19690309 199403 1 001*", "").replace(
            '"NIP. 19690309 199403 1 001"', ""), path.name
    for source in ("builder/domain/certificates.py", "builder/render/certificates.py", "builder/render/attendance.py"):
        assert 'f"NIP. ' not in (REPO / source).read_text(encoding="utf-8"), source


def test_corrected_facts_stay_corrected():
    """Hak koreksi wording, Pasal 6 ayat (3), KI Pusat, no BCAE quiz item, EYD V decree title."""
    text = {p.stem: p.read_text(encoding="utf-8") for p in MODULE_FILES}
    assert "mengoreksi atau memberitahukan" in text["menulis-berita"]
    assert "mengoreksi atau membetulkan" not in text["menulis-berita"]
    assert "Pasal 6 ayat (3)" in text["keterbukaan-informasi"]
    assert "Komisi Informasi Pusat (Pasal 26 ayat (2) huruf b" in text["keterbukaan-informasi"]
    assert "lazimnya ditangani Komisi Informasi Provinsi" not in text["keterbukaan-informasi"]
    assert "Disempurnakan Edisi Kelima" not in text["menulis-berita"]
    quiz_part = text["pembawa-acara"].split("\nquiz:", 1)[1]
    assert "BCAE" not in quiz_part
