"""Run the preflights and renders of independent output kinds in forked worker processes.

A build loads and checks the workshop once, in the build process, and opens its staging folder.
Then it forks a small crew of workers (one per core): each starts with the loaded workshop already
in memory (nothing is read or pickled twice) and owns some kinds. A worker runs its kinds'
preflights, reports the findings and, when its own findings stop nothing, goes straight on to
render its kinds into the staging folder. The build process gathers every kind's findings; when
any kind's stop the build, it kills the crew and deletes the staging folder (nothing is written).
A worker sends back what the build process must know: the files written, the notes and problems
per kind, the cache units and the project files it read.

The kinds that hold the pending certificate register (its open transaction and the finisher that
commits it after the swap) run in the build process, meanwhile: see :data:`HOME_KINDS`. They wait
for every preflight. When they are done, the build process takes over the kinds no worker has
started yet (the last of the busiest worker first), so no core idles while a worker has a queue:
a worker claims each kind before rendering it. Kinds with a warm-up (the notebooks' early kernel)
stay with their worker. A third render at once costs memory, so the build process takes over only
small kinds (:data:`TAKE_OVER_LIMIT`): in a workshop of hundreds of people it leaves the
attendance sheets to their worker.

Without ``fork`` (Windows, macOS), with one core, or with ``WORKSHOP_JOBS=1``, every kind runs in
the build process, one after the other.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable

from builder.check.diagnostics import Diagnostic, UserError
from builder.write.output import OutputDir, Written, point_temporary_files_at

# The pending register's connection (and the finisher that commits it) lives in the build process:
# the kinds that issue numbers or print them run there.
HOME_KINDS = ("certificates", "site")
# Each kind's share of a cold build of the reference workshop (tenths of a second, measured in a
# worker, the notebooks' kernel started early): the kinds are dealt to the workers biggest first, each
# to the worker with the least work so far, so the workers end together.
EXPECTED_COST = {"slides": 18, "quizzes": 12, "handouts": 11, "notebooks": 11, "attendance": 6, "handbook": 5,
                 "guides": 5, "agenda": 3}
JOBS_VARIABLE = "WORKSHOP_JOBS"
# The reference workshop those costs were measured on; a kind's cost grows with what it renders per
# person or per module (the agenda with neither, much).
REFERENCE_SIZE = {"people": 86, "modules": 4}
SCALES_WITH = {"certificates": "people", "attendance": "people", "site": "people", "slides": "modules",
               "handouts": "modules", "guides": "modules", "handbook": "modules", "quizzes": "modules",
               "notebooks": "modules"}
# A third render at once (the build process's, beside both workers') costs memory: the build process
# takes over only kinds expected to cost no more than this, i.e. kinds of reference size.
TAKE_OVER_LIMIT = 8


def job_count() -> int:
    """How many worker processes a build may use: ``WORKSHOP_JOBS`` or the usable cores; 1 without fork."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted and (not wanted.isdigit() or int(wanted) < 1):
        raise UserError(f"{JOBS_VARIABLE}={wanted!r} is not a number of worker processes",
                        f"set {JOBS_VARIABLE} to a whole number such as 2, or unset it to use every core")
    if "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        return 1
    return int(wanted) if wanted else len(os.sched_getaffinity(0))


def expected_cost(name: str, size: dict[str, int] | None = None) -> float:
    """Kind ``name``'s expected share of a cold build of a workshop of ``size`` (default: the reference's)."""
    cost = EXPECTED_COST.get(name, 5)
    measure = SCALES_WITH.get(name)
    if size is None or measure is None or not size.get(measure):
        return cost
    return cost * size[measure] / REFERENCE_SIZE[measure]


def workshop_size(workshop: Any) -> dict[str, int]:
    """The numbers a kind's cost grows with: people on the roster, modules."""
    roster = getattr(workshop, "roster", None)
    return {"people": len(getattr(roster, "people", ()) or ()), "modules": len(getattr(workshop, "modules", {}) or {})}


def deal_kinds(kinds: list[str], jobs: int, size: dict[str, int] | None = None) -> tuple[list[str], list[list[str]]]:
    """``(home, crews)``: the kinds for the build process and, per worker, the kinds it owns (build order)."""
    if jobs < 2 or len(kinds) < 2:
        return list(kinds), []
    home = [name for name in kinds if name in HOME_KINDS]
    away = sorted((name for name in kinds if name not in HOME_KINDS),
                  key=lambda name: (-expected_cost(name, size), kinds.index(name)))
    loads = [[0, index, []] for index in range(min(jobs, len(away)))]
    for name in away:
        lightest = min(loads)
        lightest[0] += expected_cost(name, size)
        lightest[2].append(name)
    return home, [sorted(owned, key=kinds.index) for _load, _index, owned in loads if owned]


@dataclass
class KindResult:
    """What one kind rendered in a worker left behind, for the build process to take over."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    units: dict[str, Any] = field(default_factory=dict)
    kept: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Reads:
    """The project files and folders a worker read (for the build's no-op record)."""

    read: dict[str, str | None] = field(default_factory=dict)
    wrote: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)


KNOWN_MESSAGES = ("preflight", "done", "end")
RenderOne = Callable[[Any, str, list], None]  # (ctx, kind, diagnostics found) -> None


class Crew:
    """Worker processes, each running the preflights and then the renders of the kinds it owns."""

    def __init__(self, ctx: Any, registry: dict, owned: list[list[str]], render_one: RenderOne,
                 recorder: Any, out: OutputDir, scratch: Path, blocks: Callable[[list], bool]) -> None:
        self.workers: list[_Worker] = []
        self.inbox: queue.Queue = queue.Queue()
        self.owned = owned
        self.pinned: set[str] = set()  # kinds with a warm-up in their worker (told with the preflight findings)
        self.claimed: dict[str, int] = {}  # kind -> index of the worker rendering it, -1: the build process
        self._claims = threading.Lock()
        self._held: list[tuple[str, Any]] = []  # messages that came before the build asked for their sort
        self.size = workshop_size(ctx.workshop)
        start = _Start(str(out.root), str(scratch), blocks)
        gc.freeze()  # the workers' collector skips what they inherit: less work, pages stay shared
        try:
            for kinds in owned:
                self.workers.append(_Worker.fork(ctx, registry, kinds, render_one, recorder, start))
        finally:
            gc.unfreeze()  # the build process collects as before
        for index, worker in enumerate(self.workers):  # threads only after every fork: a fork copies no thread
            worker.listen(self.inbox, partial(self._claim, index))

    def _claim(self, index: int, name: str) -> bool:
        """Worker ``index`` (or -1: the build process) takes kind ``name`` unless another already has."""
        with self._claims:
            return self.claimed.setdefault(name, index) == index

    def hand_over(self) -> str | None:
        """A small kind no worker has started, for the build process to render: the busiest worker's last; or None."""
        left = [(sum(expected_cost(n, self.size) for n in kinds if n not in self.claimed), index)
                for index, kinds in enumerate(self.owned)]
        for _cost, index in sorted(left, reverse=True):
            for name in reversed(self.owned[index]):
                if name in self.pinned or name in self.claimed or expected_cost(name, self.size) > TAKE_OVER_LIMIT:
                    continue
                if self._claim(-1, name):
                    return name
        return None

    def preflights(self) -> dict[str, list[Diagnostic]]:
        """Every worker's preflight findings, per kind (raises what a worker crashed with)."""
        found: dict[str, list[Diagnostic]] = {}
        for _worker in self.workers:
            findings, pinned = self._next("preflight")
            found.update(findings)
            self.pinned.update(pinned)
        return found

    def results(self, progress: Callable[[str], None]) -> tuple[list[KindResult], Reads]:
        """Wait for every worker to finish; return the kinds' results and the files the workers read."""
        results: list[KindResult] = []
        reads = Reads()
        ended = 0
        while ended < len(self.workers):
            kind, payload = self._next("done", "end")
            if kind == "done":
                results.append(payload)
                progress(payload.name)
            else:
                ended += 1
                reads.read.update(payload.read)
                reads.wrote |= payload.wrote
                reads.listed |= payload.listed
        for worker in self.workers:
            worker.process.join()
        return results, reads

    def stop(self) -> None:
        """Kill every worker (one may be writing into the staging folder: no waiting for it) and reap them."""
        for worker in self.workers:
            worker.process.kill()
        for worker in self.workers:
            worker.process.join(timeout=10)

    def _next(self, *expected: str) -> Any:
        """The next message of one of the ``expected`` sorts from any worker; a crash is raised here.

        Workers do not wait for each other: a kind may be done before another worker's preflight
        findings arrive, so messages of other sorts are kept for a later call.
        """
        for position, (sort, payload) in enumerate(self._held):
            if sort in expected:
                del self._held[position]
                return payload if len(expected) == 1 else (sort, payload)
        while True:
            sort, payload = self.inbox.get()
            if sort == "crash":
                raise payload
            if sort in expected:
                return payload if len(expected) == 1 else (sort, payload)
            if sort not in KNOWN_MESSAGES:
                raise RuntimeError(f"a build worker sent {sort!r} while the build expected {' or '.join(expected)}")
            self._held.append((sort, payload))


class _Worker:
    """One forked worker process and the build process's end of its pipe."""

    def __init__(self, process: Any, connection: Any) -> None:
        self.process = process
        self.connection = connection

    @classmethod
    def fork(cls, ctx: Any, registry: dict, kinds: list[str], render_one: RenderOne, recorder: Any,
             start: "_Start") -> "_Worker":
        """Fork a worker that owns ``kinds``."""
        here, there = multiprocessing.get_context("fork").Pipe()
        process = multiprocessing.get_context("fork").Process(
            target=_work, args=(there, ctx, registry, kinds, render_one, recorder, start), daemon=True,
            name=f"workshop-{'+'.join(kinds)}")
        process.start()
        there.close()
        return cls(process, here)

    def listen(self, inbox: queue.Queue, claim: Callable[[str], bool]) -> None:
        """Pass every message of this worker to ``inbox`` from a thread (a worker never waits to send).

        A claim for a kind is answered here at once (``claim(kind)``: may the worker render it?).
        """

        def relay() -> None:
            while True:
                try:
                    message = self.connection.recv()
                except (EOFError, OSError):
                    if self.process.is_alive():
                        self.process.join(timeout=5)
                    code = self.process.exitcode
                    if code not in (0, None):
                        inbox.put(("crash", RuntimeError(f"build worker {self.process.name} died (exit code {code})")))
                    return
                if message[0] == "claim":
                    self.send(("granted" if claim(message[1]) else "taken",))
                    continue
                inbox.put(message)
                if message[0] in ("end", "crash"):
                    return

        threading.Thread(target=relay, name=f"relay-{self.process.name}", daemon=True).start()

    def send(self, message: tuple) -> bool:
        """Send ``message``; False when the worker is gone."""
        try:
            self.connection.send(message)
            return True
        except (BrokenPipeError, OSError):
            return False


@dataclass(frozen=True)
class _Start:
    """Where the workers render (the staging folder, the scratch folder) and which findings stop a build."""

    staging: str
    scratch: str
    blocks: Callable[[list], bool]


def _work(connection: Any, ctx: Any, registry: dict, kinds: list[str], render_one: RenderOne,
          recorder: Any, start: _Start) -> None:
    """A worker's life: preflights, then renders; every outcome goes back through ``connection``.

    The worker does not wait for the other kinds' preflights: when one of them stops the build,
    the build process kills the crew and deletes the staging folder it was writing into.
    """
    _die_with_parent()
    before = _RecorderMark(recorder)
    try:
        from builder.render import load_kinds

        load_kinds(kinds)  # the kinds' modules and libraries: imported here, beside the other workers
        found = {name: _preflight(registry, name, ctx) for name in kinds}
        connection.send(("preflight", (found, [name for name in kinds if registry[name].has_warm_up()])))
        if start.blocks([diagnostic for name in kinds for diagnostic in found[name]]):
            os._exit(0)  # the build fails on these findings: nothing to render
        out = OutputDir(Path(start.staging))
        out.units = ctx.units
        point_temporary_files_at(Path(start.scratch))
        for name in kinds:  # e.g. the notebooks' kernel boots while this worker renders its other kinds
            registry[name].warm_up(replace(ctx, out=out))
        for name in kinds:
            if _claimed(connection, name):
                connection.send(("done", _render(ctx, out, name, render_one)))
                give_memory_back()
        connection.send(("end", before.reads(recorder)))
    except BaseException as error:  # noqa: BLE001 - handed to the build process, which raises it
        connection.send(("crash", _portable(error)))
        os._exit(1)
    os._exit(0)  # no interpreter clean-up: objects inherited from the build process are not ours to close


def _claimed(connection: Any, name: str) -> bool:
    """In a worker: claim kind ``name``; False when the build process has taken it over."""
    connection.send(("claim", name))
    return connection.recv()[0] == "granted"


def give_memory_back() -> None:
    """Free the last kind's documents before the next kind builds its own (keeps a worker's peak low)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)  # glibc: hand freed heap pages back to the system
    except (OSError, AttributeError):
        pass


def _preflight(registry: dict, name: str, ctx: Any) -> list[Diagnostic]:
    """One kind's preflight findings."""
    return list(registry[name].preflight(ctx))


def _render(ctx: Any, out: OutputDir, name: str, render_one: RenderOne) -> KindResult:
    """Render kind ``name`` into ``out``; return what it added to the shared records."""
    units = ctx.units
    written, notes = len(out.written), len(out.notes)
    names, kept = (set(units.units), len(units.kept)) if units is not None else (set(), 0)
    result = KindResult(name)
    finishers = len(ctx.finishers)
    render_one(replace(ctx, out=out), name, result.diagnostics)
    if len(ctx.finishers) != finishers:
        raise RuntimeError(f"kind {name!r} left work for after the swap; list it in HOME_KINDS")
    result.written, result.notes = out.written[written:], out.notes[notes:]
    if units is not None:
        for unit_name in set(units.units) - names:
            unit = units.units[unit_name]
            if unit.late is not None:  # a key computed late needs callables, which do not travel
                unit.key, unit.late = units.key(unit.late), None
            result.units[unit_name] = unit
        result.kept = units.kept[kept:]
    return result


class _RecorderMark:
    """What the build's input recorder held when the worker started."""

    def __init__(self, recorder: Any) -> None:
        self.read = set(recorder.read) if recorder is not None else set()
        self.wrote = set(recorder.written) if recorder is not None else set()
        self.listed = set(recorder.listed) if recorder is not None else set()

    def reads(self, recorder: Any) -> Reads:
        """What the recorder got since the mark."""
        if recorder is None:
            return Reads()
        return Reads({path: recorder.read[path] for path in set(recorder.read) - self.read},
                     set(recorder.written) - self.wrote, set(recorder.listed) - self.listed)


def _portable(error: BaseException) -> BaseException:
    """``error`` if it survives pickling, else a RuntimeError carrying its traceback text."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError("".join(traceback.format_exception(error)))


def _die_with_parent() -> None:
    """In a worker: be killed when the build process dies (a killed build must not leave writers behind)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole process group: just stop
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the build process died before the line above took effect
        os._exit(1)


def take_over(result: KindResult, units: Any) -> None:
    """In the build process: adopt a worker kind's cache units."""
    if units is not None:
        units.units.update(result.units)
        units.kept.extend(result.kept)


def record_reads(reads: Reads, recorder: Any) -> None:
    """In the build process: add the project files a worker read to the build's input record."""
    if recorder is not None:
        for path, digest in reads.read.items():
            recorder.read.setdefault(path, digest)
        recorder.written |= reads.wrote
        recorder.listed |= reads.listed

