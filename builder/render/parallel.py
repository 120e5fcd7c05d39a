"""Render independent output kinds in forked worker processes, so a build uses every core.

The build loads and checks the workshop and runs every preflight once, in the main process.
Then the kinds that share nothing at render time go to a pool of worker processes *forked* from
it: each worker starts with the loaded workshop, the preflights' prepared work and the staging
folder already in memory (nothing is loaded or pickled twice) and writes its files straight into
the staging folder. What the main process must know afterwards comes back as a small
:class:`KindResult`: the files written, the notes, the cache units and the project files read.

The kinds that hold the pending certificate register (its open transaction and the finisher that
commits it after the swap) render in the main process, meanwhile: see :data:`HOME_KINDS`.

Without ``fork`` (Windows, macOS), with one core, or with ``WORKSHOP_JOBS=1``, every kind renders
in the main process, one after the other, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

from builder.check.diagnostics import UserError
from builder.write.output import OutputDir, Written

# The pending register's connection (and the finisher that commits it) lives in the main process:
# the kinds that issue numbers or print them render there.
HOME_KINDS = ("certificates", "site")
# Rough share of each kind in a cold build: the biggest start first so the workers end together.
EXPECTED_COST = {"notebooks": 9, "attendance": 8, "quizzes": 7, "slides": 7, "guides": 4, "handouts": 4,
                 "handbook": 3, "agenda": 1}
JOBS_VARIABLE = "WORKSHOP_JOBS"

RenderOne = Callable[[str, OutputDir, list], None]  # (kind, out, diagnostics found) -> None


@dataclass
class KindResult:
    """What one kind rendered in a worker left behind, for the main process to take over."""

    name: str
    diagnostics: list = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    units: dict[str, Any] = field(default_factory=dict)
    kept: list[tuple[str, str]] = field(default_factory=list)
    read: dict[str, str | None] = field(default_factory=dict)
    wrote: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)


def job_count() -> int:
    """How many worker processes a build may use: ``WORKSHOP_JOBS`` or the usable cores; 1 without fork."""
    if "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        return 1
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted:
        if not wanted.isdigit() or int(wanted) < 1:
            raise UserError(f"{JOBS_VARIABLE}={wanted!r} is not a number of worker processes",
                            f"set {JOBS_VARIABLE} to a whole number such as 2, or unset it to use every core")
        return int(wanted)
    return len(os.sched_getaffinity(0))


def split_kinds(kinds: list[str], jobs: int) -> tuple[list[str], list[str]]:
    """``(home, away)``: the kinds for the main process (build order) and for workers (biggest first)."""
    if jobs < 2 or len(kinds) < 2:
        return list(kinds), []
    home = [name for name in kinds if name in HOME_KINDS]
    away = sorted((name for name in kinds if name not in HOME_KINDS),
                  key=lambda name: (-EXPECTED_COST.get(name, 5), kinds.index(name)))
    return home, away


# Set in the main process just before the pool forks; the workers inherit it.
_SHARED: dict[str, Any] = {}


def start_workers(away: list[str], jobs: int, out: OutputDir, units: Any, render_one: RenderOne,
                  recorder: Any) -> tuple[ProcessPoolExecutor, dict[str, Future]]:
    """Fork ``jobs`` workers (at most one per kind) and hand each kind in ``away`` to the pool."""
    _SHARED.update(out=out, units=units, render_one=render_one, recorder=recorder)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(away)), mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent)
    try:
        futures = {name: pool.submit(_render_away, name) for name in away}
    finally:
        _SHARED.clear()  # the workers already have their copy
    return pool, futures


def stop_workers(pool: ProcessPoolExecutor, now: bool) -> None:
    """Wait for the workers to end; ``now`` (an interrupted build) kills them first."""
    if now:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent() -> None:
    """In a worker: be killed when the build process dies (a killed build must not leave writers behind)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole process group: just stop
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the line above took effect
        os._exit(1)


def _render_away(name: str) -> KindResult:
    """In a worker: render kind ``name`` into the shared staging folder and return what the parent needs."""
    out, units, recorder = _SHARED["out"], _SHARED["units"], _SHARED["recorder"]
    before = _Marks(out, units, recorder)
    result = KindResult(name)
    _SHARED["render_one"](name, out, result.diagnostics)
    before.collect(result, out, units, recorder)
    return result


class _Marks:
    """Where the shared records stood before a kind rendered, so its own additions can be told apart."""

    def __init__(self, out: OutputDir, units: Any, recorder: Any) -> None:
        self.written, self.notes = len(out.written), len(out.notes)
        self.units = set(units.units) if units is not None else set()
        self.kept = len(units.kept) if units is not None else 0
        self.read = set(recorder.read) if recorder is not None else set()
        self.wrote = set(recorder.written) if recorder is not None else set()
        self.listed = set(recorder.listed) if recorder is not None else set()

    def collect(self, result: KindResult, out: OutputDir, units: Any, recorder: Any) -> None:
        """Fill ``result`` with what was added since the marks were taken."""
        result.written = out.written[self.written:]
        result.notes = out.notes[self.notes:]
        if units is not None:
            for unit_name in set(units.units) - self.units:
                unit = units.units[unit_name]
                if unit.late is not None:  # keys computed late need callables, which do not travel
                    unit.key, unit.late = units.key(unit.late), None
                result.units[unit_name] = unit
            result.kept = units.kept[self.kept:]
        if recorder is not None:
            result.read = {path: recorder.read[path] for path in set(recorder.read) - self.read}
            result.wrote = set(recorder.written) - self.wrote
            result.listed = set(recorder.listed) - self.listed


def take_over(result: KindResult, units: Any, recorder: Any) -> None:
    """In the main process: adopt a worker's cache units and the project files it read."""
    if units is not None:
        units.units.update(result.units)
        units.kept.extend(result.kept)
    if recorder is not None:
        for path, digest in result.read.items():
            recorder.read.setdefault(path, digest)
        recorder.written |= result.wrote
        recorder.listed |= result.listed
