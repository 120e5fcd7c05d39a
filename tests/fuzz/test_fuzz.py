"""The fast slice of the hostile-input fuzzer: two cases of every family on every test run.

The long run is ``python3 -m tests.fuzz --cases 2000`` (see tests/fuzz/__main__.py).
"""

from __future__ import annotations

from tests.fuzz.engine import FAMILIES, run


def test_fast_slice_gives_only_located_errors_and_correct_results(tmp_path):
    """36 seeded cases: no traceback, no hang, no unlocated error, no wrong output."""
    tally = run(cases=2 * len(FAMILIES), seed=19, workdir=tmp_path, timeout=60)
    assert not tally.failures, "\n".join(f"case {o.index} [{o.family}] {o.kind}: {o.note}\n{o.detail}"
                                         for o in tally.failures) + "\n" + tally.table()
    assert set(tally.counts) == set(FAMILIES)


def test_cases_are_reproducible(tmp_path):
    """The same seed gives the same cases: same families, inputs (notes) and outcomes."""
    def cases(folder):
        seen = []
        run(cases=6, seed=5, workdir=tmp_path / folder, families=["path-tricks", "number-pattern", "impossible-dates"],
            progress=lambda o: seen.append((o.index, o.family, o.kind, o.note)))
        return seen

    first = cases("a")
    assert first == cases("b") and len({note for *_x, note in first}) > 1
