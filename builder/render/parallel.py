"""Run the preflights and renders of independent output kinds in forked worker processes.

A build loads and checks the workshop once, in the build process. Then it forks a small crew of
workers (one per core): each starts with the loaded workshop already in memory (nothing is read
or pickled twice) and owns some kinds. A worker runs its kinds' preflights and reports the
findings; the build process gathers every kind's findings and either stops the crew (nothing is
written) or opens the staging folder and tells the crew to render into it. A worker writes its
files straight into the staging folder and sends back what the build process must know: the files
written, the notes and problems per kind, the cache units and the project files it read.

The kinds that hold the pending certificate register (its open transaction and the finisher that
commits it after the swap) run in the build process, meanwhile: see :data:`HOME_KINDS`.

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


def job_count() -> int:
    """How many worker processes a build may use: ``WORKSHOP_JOBS`` or the usable cores; 1 without fork."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted and (not wanted.isdigit() or int(wanted) < 1):
        raise UserError(f"{JOBS_VARIABLE}={wanted!r} is not a number of worker processes",
                        f"set {JOBS_VARIABLE} to a whole number such as 2, or unset it to use every core")
    if "fork" not in multiprocessing.get_all_start_methods() or not sys.platform.startswith("linux"):
        return 1
    return int(wanted) if wanted else len(os.sched_getaffinity(0))


def deal_kinds(kinds: list[str], jobs: int) -> tuple[list[str], list[list[str]]]:
    """``(home, crews)``: the kinds for the build process and, per worker, the kinds it owns (build order)."""
    if jobs < 2 or len(kinds) < 2:
        return list(kinds), []
    home = [name for name in kinds if name in HOME_KINDS]
    away = sorted((name for name in kinds if name not in HOME_KINDS),
                  key=lambda name: (-EXPECTED_COST.get(name, 5), kinds.index(name)))
    loads = [[0, index, []] for index in range(min(jobs, len(away)))]
    for name in away:
        lightest = min(loads)
        lightest[0] += EXPECTED_COST.get(name, 5)
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


RenderOne = Callable[[Any, str, list], None]  # (ctx, kind, diagnostics found) -> None


class Crew:
    """Worker processes, each running the preflights and then the renders of the kinds it owns."""

    def __init__(self, ctx: Any, registry: dict, owned: list[list[str]], render_one: RenderOne,
                 recorder: Any) -> None:
        self.workers: list[_Worker] = []
        self.inbox: queue.Queue = queue.Queue()
        gc.freeze()  # the workers' collector skips what they inherit: less work, pages stay shared
        try:
            for kinds in owned:
                self.workers.append(_Worker.fork(ctx, registry, kinds, render_one, recorder))
        finally:
            gc.unfreeze()  # the build process collects as before
        for worker in self.workers:  # threads only after every fork: a fork copies no thread but its own
            worker.listen(self.inbox)

    def preflights(self) -> dict[str, list[Diagnostic]]:
        """Every worker's preflight findings, per kind (raises what a worker crashed with)."""
        found: dict[str, list[Diagnostic]] = {}
        for _worker in self.workers:
            found.update(self._next("preflight"))
        return found

    def render(self, out: OutputDir, scratch: Path) -> None:
        """Tell every worker to render its kinds into ``out`` (temporary files under ``scratch``)."""
        for worker in self.workers:
            worker.send(("render", str(out.root), str(scratch)))

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

    def stop(self, now: bool = False) -> None:
        """End every worker: told to stop, or (``now``) killed; waits for them."""
        for worker in self.workers:
            if now or not worker.send(("stop",)):
                worker.process.kill()
        for worker in self.workers:
            worker.process.join(timeout=None if not now else 10)

    def _next(self, *expected: str) -> Any:
        """The next message of one of the ``expected`` sorts from any worker; a crash is raised here."""
        sort, payload = self.inbox.get()
        if sort == "crash":
            raise payload
        if sort not in expected:
            raise RuntimeError(f"a build worker sent {sort!r} while the build expected {' or '.join(expected)}")
        if len(expected) == 1:
            return payload
        return sort, payload


class _Worker:
    """One forked worker process and the build process's end of its pipe."""

    def __init__(self, process: Any, connection: Any) -> None:
        self.process = process
        self.connection = connection

    @classmethod
    def fork(cls, ctx: Any, registry: dict, kinds: list[str], render_one: RenderOne, recorder: Any) -> "_Worker":
        """Fork a worker that owns ``kinds``."""
        here, there = multiprocessing.get_context("fork").Pipe()
        process = multiprocessing.get_context("fork").Process(
            target=_work, args=(there, ctx, registry, kinds, render_one, recorder), daemon=True,
            name=f"workshop-{'+'.join(kinds)}")
        process.start()
        there.close()
        return cls(process, here)

    def listen(self, inbox: queue.Queue) -> None:
        """Pass every message of this worker to ``inbox`` from a thread (a worker never waits to send)."""

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
                inbox.put(message)
                if message[0] in ("end", "crash", "stopped"):
                    return

        threading.Thread(target=relay, name=f"relay-{self.process.name}", daemon=True).start()

    def send(self, message: tuple) -> bool:
        """Send ``message``; False when the worker is gone."""
        try:
            self.connection.send(message)
            return True
        except (BrokenPipeError, OSError):
            return False


def _work(connection: Any, ctx: Any, registry: dict, kinds: list[str], render_one: RenderOne,
          recorder: Any) -> None:
    """A worker's life: preflights, then (when told) renders; every outcome goes back through ``connection``."""
    _die_with_parent()
    before = _RecorderMark(recorder)
    try:
        connection.send(("preflight", {name: _preflight(registry, name, ctx) for name in kinds}))
        order = connection.recv()
        if order[0] != "render":
            connection.send(("stopped", None))
            os._exit(0)
        out = OutputDir(Path(order[1]))
        out.units = ctx.units
        point_temporary_files_at(Path(order[2]))
        for name in kinds:  # e.g. the notebooks' kernel boots while this worker renders its other kinds
            registry[name].warm_up(replace(ctx, out=out))
        for name in kinds:
            connection.send(("done", _render(ctx, out, name, render_one)))
            _give_memory_back()
        connection.send(("end", before.reads(recorder)))
    except BaseException as error:  # noqa: BLE001 - handed to the build process, which raises it
        connection.send(("crash", _portable(error)))
        os._exit(1)
    os._exit(0)  # no interpreter clean-up: objects inherited from the build process are not ours to close


def _give_memory_back() -> None:
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

