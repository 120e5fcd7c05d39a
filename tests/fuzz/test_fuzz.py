"""The fast slice of the hostile-input fuzzer: two cases of every family on every test run.

The long run is ``python3 -m tests.fuzz --cases 2000`` (see tests/fuzz/__main__.py).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from tests.fuzz.engine import FAMILIES, ROOTS, run


def test_fast_slice_gives_only_located_errors_and_correct_results(tmp_path):
    """36 seeded cases: no traceback, no hang, no unlocated error, no wrong output."""
    tally = run(cases=2 * len(FAMILIES), seed=19, workdir=tmp_path, timeout=60)
    assert not tally.failures, "\n".join(f"case {o.index} [{o.family}] {o.kind}: {o.note}\n{o.detail}"
                                         for o in tally.failures) + "\n" + tally.table()
    assert set(tally.counts) == set(FAMILIES)


def _content(path: Path):
    """A file's bytes; for a workbook its cell values (openpyxl stamps the save time into the file)."""
    if path.suffix == ".xlsx" and path.read_bytes().startswith(b"PK"):
        from openpyxl import load_workbook

        return [[c.value for c in row] for sheet in load_workbook(path).worksheets for row in sheet.iter_rows()]
    return path.read_bytes()


def _tree(root: Path) -> dict:
    return {str(p.relative_to(root)): _content(p) for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("family", [f for f in FAMILIES if f not in ("notebooks", "responses")])
def test_cases_are_reproducible(tmp_path, family):
    """The same seed and index write byte-identical inputs and the same command."""
    plans, trees = [], []
    for copy in ("a", "b"):
        root = tmp_path / copy
        shutil.copytree(ROOTS / "people", root)
        plan = FAMILIES[family](random.Random(f"19:7:{family}"), root)
        plans.append((plan.args, plan.expect, plan.note))
        trees.append(_tree(root))
    assert plans[0] == plans[1] and trees[0] == trees[1]
