"""Placeholders in modules: rendering in a workshop's context, located errors, the sandbox, KIP dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.checkers import pemeriksa
from builder.model.context import build_context, national_holidays, pick_request, render_module
from builder.render.notebooks import holiday_table
from builder.sources.project import load_workshop
from builder.sources.yamlfile import load
from tests.helpers import make_project, run_cli

REPO = Path(__file__).resolve().parents[2]
CURRICULA = sorted((REPO / "curriculum").glob("*.yaml"))

MODULE = """\
id: contoh
title: Contoh
summary: Modul kecil.
duration: 60
objectives:
  - {id: o1, text: Menyebut daerah.}
sections:
  - id: s1
    title: Bagian
    objectives: [o1]
    points: [Satu, Dua, Tiga]
    body: |
      Kita berada di {{ region.name }} pada {{ opening.time }}.
exercises: []
quiz: []
"""


def located_module(tmp_path: Path, text: str):
    """Write ``text`` as modules/contoh.yaml and load it with positions."""
    path = tmp_path / "contoh.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_placeholders_are_filled_from_the_curriculum(tmp_path):
    """A body names the workshop's region and its opening time with the zone as EYD V writes it."""
    workshop, _ = load_workshop(REPO / "curriculum" / "raker-humas-ntt-2019.yaml")
    rendered, problems = render_module(located_module(tmp_path, MODULE), build_context(workshop.curriculum))
    assert not problems
    assert rendered.data["sections"][0]["body"] == "Kita berada di Kabupaten Rote Ndao pada pukul 19.00 Wita.\n"


def test_unknown_placeholder_is_located(tmp_path):
    """A misspelt field is reported at its line and column, with the known fields as hint."""
    text = MODULE.replace("{{ region.name }}", "{{ region.nama }}")
    _rendered, problems = render_module(located_module(tmp_path, text), None)
    assert [(p.line, p.column, p.code) for p in problems] == [(13, 22, "context.unknown")]
    assert "unknown placeholder 'region.nama'" in problems[0].message
    assert "name" in problems[0].hint and "seat" in problems[0].hint


def test_statements_and_dunder_access_are_refused(tmp_path):
    """No statements and no attribute tricks: the sandbox never runs them."""
    text = MODULE.replace("{{ region.name }}", "{% for x in region %}{{ x }}{% endfor %}")
    _r, problems = render_module(located_module(tmp_path, text), None)
    assert [p.code for p in problems] == ["context.syntax"]
    text = MODULE.replace("{{ region.name }}", "{{ region.__class__ }}")
    _r, problems = render_module(located_module(tmp_path, text), None)
    assert [p.code for p in problems] == ["context.unknown"]
    text = MODULE.replace("{{ region.name }}", "{{ region.name() }}")
    _r, problems = render_module(located_module(tmp_path, text), None)
    assert [p.code for p in problems] == ["context.syntax"]


def test_field_missing_from_the_curriculum_fails_the_build(tmp_path):
    """A curriculum without a context block cannot build a module that needs one: exit 2, located error."""
    root = make_project(tmp_path, modules={"contoh.yaml": MODULE})
    curriculum = root / "curriculum" / "bimtek-contoh.yaml"
    result = run_cli(root, "validate", str(curriculum.relative_to(root)))
    assert result.exit_code == 2, result.output
    assert "modules/contoh.yaml:13:22: error: sections[0].body: the module needs 'region.name'" in result.output
    assert "[context.missing]" in result.output and "context.region.name" in result.output


def test_list_placeholder_becomes_a_list(tmp_path):
    """A string that is exactly one list-valued placeholder is replaced by the list (table rows)."""
    text = MODULE + "keypoints: \"{{ opening.program }}\"\n"
    workshop, _ = load_workshop(REPO / "curriculum" / "rakor-kubu-raya-2019.yaml")
    rendered, problems = render_module(located_module(tmp_path, text), build_context(workshop.curriculum))
    assert not problems
    assert rendered.data["keypoints"][1] == "Menyanyikan lagu kebangsaan Indonesia Raya"


@pytest.mark.parametrize("curriculum", CURRICULA, ids=lambda p: p.stem)
def test_kip_cases_match_the_notebook_checker(curriculum):
    """Every computed KIP deadline is what the shipped checker computes from the same holiday table."""
    workshop, _ = load_workshop(curriculum)
    kip = build_context(workshop.curriculum)["kip"]
    table = holiday_table()
    for case in kip.values():
        received = dt.date.fromisoformat(case["request"]["iso"])
        assert received.year == workshop.curriculum.first_date.year
        assert pemeriksa.working_day_deadline(received, 10, table).isoformat() == case["deadline"]["iso"]
        assert pemeriksa.working_day_deadline(received, 17, table).isoformat() == case["extended"]["iso"]
    assert kip["example"]["holidays"] != "tidak ada" and kip["plain"]["holidays"] == "tidak ada"


def test_kip_cases_avoid_cuti_bersama_weeks():
    """Idul Fitri 2025 (31 March) lies outside every window picked for 2025."""
    off = national_holidays(2025)
    day = pick_request(2025, dt.date(2025, 3, 1))
    assert day is not None and day > dt.date(2025, 4, 8)
    assert any("Idul Fitri" in name for name in off.values())


def test_opener_must_be_named_in_the_opening_programme(tmp_path):
    """context.opening.opened_by and the agenda's opening programme must name the same official."""
    source = (REPO / "curriculum" / "bimtek-maluku-tengah-2025.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "curriculum" / "salah.yaml"
    broken.parent.mkdir()
    broken.write_text(source.replace("opening: {opened_by: sekda}", "opening: {opened_by: head}"), encoding="utf-8")
    from builder.model.context import check_setting
    from builder.model.curriculum import Curriculum
    from builder.check.schema import validate

    located = load(broken)
    cur, _ = validate(Curriculum, located)
    problems = check_setting(cur, located)
    assert [p.code for p in problems] == ["context.opening"]
    assert "does not name the opener ('Bupati')" in problems[0].message


def test_fill_renders_every_module_string_as_jinja2_does():
    """Every placeholder string of the sample modules, in every sample curriculum: fill() == jinja2's rendering."""
    from builder.check.diagnostics import Report
    from builder.model.context import PLACEHOLDER, _template, build_context, fill
    from builder.sources.project import load_curriculum, load_modules
    from builder.sources.yamlfile import load

    repo = Path(__file__).resolve().parents[2]
    modules, files = load_modules(repo / "modules", Report())
    strings = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and PLACEHOLDER.search(node):
            strings.add(node)

    for path in files.values():
        walk(load(path).data)
    strings |= {"{{ region.name | upper }} dan {{ region.short | title }}", "{{ event.dates|capitalize }}\n",
                "{{ opening.program }} – {{ region.districts[1] | lower }}", "{{ event.first.date }}{{ zone }}"}
    compared = 0
    for path in sorted((repo / "curriculum").glob("*.yaml")):
        curriculum = load_curriculum(path, modules, repo, Report())
        context = build_context(curriculum)
        for text in strings:
            try:
                expected = _template(text).render(context)
            except Exception:  # noqa: BLE001 - a field this curriculum does not give: the checks report it
                continue
            filled = fill(text, context)
            assert filled is None or filled == expected, text
            compared += filled is not None
    assert compared > 300


def test_fill_leaves_to_jinja2_what_only_it_reads():
    """A stray '{{', a carriage return or a key that is also an attribute: fill() declines (None)."""
    from builder.model.context import fill

    context = {"region": {"name": "Kubu Raya"}, "units": {"items": "x"}}
    assert fill("{{ region.name }} {{", context) is None
    assert fill("{{ region.name }}\r\n", context) is None
    assert fill("{{ units.items }}", context) is None
    assert fill("Kab. {{ region.name | upper }}", context) == "Kab. KUBU RAYA"
