"""The build pipeline: load and check everything, then run each selected output kind."""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from builder.check.diagnostics import Report, UserError, diagnostic_from_error, display_path
from builder.i18n import Locale
from builder.render import KINDS, BuildContext, load_kinds, parallel
from builder.model.workshop import Workshop
from builder.sources.project import load_workshop
from builder.write import cache
from builder.write.cache import UnitCache
from builder.write.output import OutputDir, StagedBuild, scratch_inside


def output_root(workshop: Workshop, out_dir: Path | None) -> Path:
    """``<out>/<workshop-id>``; ``out`` defaults to ``build/`` in the project folder."""
    base = out_dir if out_dir is not None else workshop.root / "build"
    return Path(base) / workshop.id


def preflight_kinds(workshop: Workshop, kinds: list[str], locale: Locale, strict: bool = False,
                    out_dir: Path | None = None, units: UnitCache | None = None) -> tuple[BuildContext, Report]:
    """Run the preflight of every selected kind; return the context (with prepared work) and the findings.

    With ``units``, a preflight may skip the work for units whose previous files will be kept.
    """
    registry = load_kinds()
    report = Report(strict=strict)
    ctx = BuildContext(workshop, OutputDir(output_root(workshop, out_dir)), locale, strict, units=units)
    for name in kinds:
        report.extend(registry[name].preflight(ctx))
    return ctx, report


def build_workshop(workshop: Workshop, out_dir: Path | None, kinds: list[str], locale: Locale,
                   strict: bool = False, progress: Callable[[str], None] = lambda m: None,
                   warnings: Report | None = None, force: bool = False,
                   record: "Callable[[], dict] | None" = None) -> OutputDir:
    """Preflight, then render the selected kinds into a staging folder swapped in only on success.

    Independent kinds run (preflight and render) in worker processes, see :mod:`builder.render.parallel`.
    Units of output whose inputs did not change since the last build keep their files (unless
    ``force``); the manifest beside the output records what every file was made from, with
    ``record()`` (the files the build read, see :func:`run_build`) for the no-op check.
    Raises :class:`BuildFailed` with every problem found when a preflight or a renderer reports
    one; the previous output folder is then left exactly as it was. Warnings go to ``warnings``.
    """
    final = output_root(workshop, out_dir)
    previous = cache.load_manifest(final)
    units = cache.UnitCache(None if force else previous, cache.code_hash(), cache.options_of(locale.language, strict))
    ctx = BuildContext(workshop, OutputDir(final), locale, strict, units=units)
    home, owned = parallel.deal_kinds(kinds, parallel.job_count(), parallel.workshop_size(workshop))
    registry = load_kinds(home)  # a worker imports the modules of the kinds it owns
    full = set(kinds) == set(KINDS)
    staged = StagedBuild(ctx.out.root)
    out = staged.open(keep_previous=True)  # before the crew forks: workers render as soon as their checks pass
    out.units = units
    crew = None
    try:
        with scratch_inside(staged.scratch):
            if owned:
                crew = parallel.Crew(ctx, registry, owned, partial(_render_in_worker, registry),
                                     cache.InputRecorder._installed, out, staged.scratch,
                                     partial(_stops_the_build, strict))
            report = _preflight_all(ctx, registry, kinds, home, crew, strict)
            if warnings is not None:
                warnings.extend(report.warnings)
            if report.errors:
                raise BuildFailed(report)
            if crew is not None:
                _render_beside_crew(ctx, out, kinds, home, crew, report, progress)
            else:
                _render_in_process(ctx, out, kinds, report, progress)
        if report.errors:
            raise BuildFailed(report)
        cache.remove_manifest(final)  # from here on the output changes: no record until the new one is written
        staged.commit(out, prune=full, kept={Path(relative) for _kind, relative in units.kept})
    except BaseException:
        if crew is not None:
            crew.stop()  # nothing may still write into the staging folder
        staged.abandon()
        ctx.finish(committed=False)
        raise
    ctx.finish(committed=True)  # e.g. the certificate numbers the new output prints go into the register
    out.units = None
    out.kept = units.kept
    _save_manifest(final, previous, units, kinds, full, record, out.notes)  # after finish: it hashes the register
    return out


def _preflight_all(ctx: BuildContext, registry: dict, kinds: list[str], home: list[str],
                   crew: "parallel.Crew | None", strict: bool) -> Report:
    """Every selected kind's preflight findings, in the order of ``kinds`` (the crew runs its own kinds')."""
    found = {name: list(registry[name].preflight(ctx)) for name in (home if crew is not None else kinds)}
    if crew is not None:
        found.update(crew.preflights())
    report = Report(strict=strict)
    for name in kinds:
        report.extend(found[name])
    return report


def _stops_the_build(strict: bool, found: list) -> bool:
    """True when the diagnostics ``found`` hold an error (with ``strict``: or a warning)."""
    report = Report(strict=strict)
    report.extend(found)
    return bool(report.errors)


def _save_manifest(final: Path, previous: dict | None, units: UnitCache, kinds: list[str], full: bool,
                   record: "Callable[[], dict] | None", notes: list[tuple[str, str]]) -> None:
    """Record what the output was made from: units, output files and (from ``record``) the inputs key."""
    outputs = cache.output_state(final)
    units.carry_over(kinds)
    data = {"units": units.records(outputs), "outputs": outputs, "kinds": sorted(kinds), "complete": full,
            "key": None, "notes": [list(note) for note in notes]}
    if record is not None:
        data.update(record())
        still = previous is not None and previous.get("key") is not None and \
            previous.get("key") == cache.current_key(previous, data["code"], data["options"])
        if still and not full:  # the kinds the last build covered are still current
            data["kinds"] = sorted(set(kinds) | set(previous.get("kinds", [])))
            data["complete"] = bool(previous.get("complete"))
        if still:
            data["inputs"] = {**{p: cache.file_hash(Path(p)) for p in previous.get("inputs", {})}, **data["inputs"]}
            data["listings"] = {**{p: sorted(os.listdir(p)) if os.path.isdir(p) else []
                                   for p in previous.get("listings", {})}, **data["listings"]}
        data["key"] = cache.inputs_key(data["inputs"], data["listings"], data["code"], data["options"])
    cache.save_manifest(final, data)


# Without worker processes (see builder/render/parallel.py): kinds that mostly wait on a child process
# (notebooks: the Jupyter kernel runs the solutions) and share no state with the other kinds render
# in a thread while the main thread renders the rest.
BESIDE_KINDS = ("notebooks",)


def _render_beside_crew(ctx: BuildContext, out: OutputDir, kinds: list[str], home: list[str],
                        crew: "parallel.Crew", report: Report, progress: Callable[[str], None]) -> None:
    """Render the ``home`` kinds here while the crew renders the others; gather everything in ``kinds`` order.

    When the home kinds are done, this process takes over kinds no worker has started yet.

    A kind's UserError is recorded as a problem and the other kinds still run.
    """
    registry = load_kinds(home)
    found: dict[str, list] = {name: [] for name in kinds}
    done: dict[str, tuple[list, list]] = {}
    for name in home:
        done[name] = _render_at_home(registry, ctx, out, name, found[name], progress)
    while (name := crew.hand_over()) is not None:  # kinds no worker has started yet
        registry = load_kinds([name])
        parallel.give_memory_back()  # the home kinds' documents go before the next kind's come
        done[name] = _render_at_home(registry, ctx, out, name, found[name], progress)
    results, reads = crew.results(progress)
    for result in results:
        parallel.take_over(result, ctx.units)
        found[result.name], done[result.name] = result.diagnostics, (result.written, result.notes)
    parallel.record_reads(reads, cache.InputRecorder._installed)
    out.written[:] = [item for name in kinds for item in done[name][0]]
    out.notes[:] = [note for name in kinds for note in done[name][1]]
    for name in kinds:
        for diagnostic in found[name]:
            report.add(diagnostic)


def _render_at_home(registry: dict, ctx: BuildContext, out: OutputDir, name: str, found: list,
                    progress: Callable[[str], None]) -> tuple[list, list]:
    """Render kind ``name`` in the build process; return the files it wrote and the notes it made."""
    written, notes = len(out.written), len(out.notes)
    _render_one(registry, ctx, out, name, found, progress)
    return out.written[written:], out.notes[notes:]


def _render_in_worker(registry: dict, ctx: BuildContext, name: str, found: list) -> None:
    """In a crew worker: render kind ``name`` into ``ctx.out`` (no progress display there)."""
    _render_one(registry, ctx, ctx.out, name, found, lambda message: None)


def _render_in_process(ctx: BuildContext, out: OutputDir, kinds: list[str], report: Report,
                       progress: Callable[[str], None]) -> None:
    """Render every kind in this process (the notebooks kind in a thread beside the others)."""
    registry = load_kinds()
    beside = [name for name in kinds if name in BESIDE_KINDS] if len(kinds) > 1 else []
    found: dict[str, list] = {name: [] for name in kinds}
    worker = _Beside(lambda: [_render_one(registry, ctx, out, n, found[n], progress) for n in beside])
    if beside:
        worker.start()
    try:
        for name in kinds:
            if name not in beside:
                _render_one(registry, ctx, out, name, found[name], progress)
    except (KeyboardInterrupt, SystemExit):
        raise  # the daemon thread ends with the process; its kernel stops when its parent goes
    except BaseException:
        if beside:
            worker.join()  # nothing may still write into the staging folder the caller abandons
        raise
    if beside:
        worker.join()
    if worker.crash is not None:
        raise worker.crash
    for name in kinds:
        for diagnostic in found[name]:
            report.add(diagnostic)


def _render_one(registry: dict, ctx: BuildContext, out: OutputDir, name: str, found: list,
                progress: Callable[[str], None]) -> None:
    """Render kind ``name`` into ``out``; its UserError goes to ``found`` as a diagnostic."""
    progress(name)
    step = replace(ctx, out=out, progress=lambda m, n=name: progress(f"{n}: {m}"))
    try:
        registry[name].render(step)
    except UserError as error:
        found.append(diagnostic_from_error(error, "render.failed", name))
    finally:
        if ctx.units is not None:
            ctx.units.end()


class _Beside(threading.Thread):
    """A daemon thread running ``work``; an unexpected exception is kept for the main thread to raise."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(name="workshop-beside", daemon=True)
        self.work = work
        self.crash: BaseException | None = None

    def run(self) -> None:
        """Run the work, keeping what it raised."""
        try:
            self.work()
        except BaseException as error:  # noqa: BLE001 - re-raised in the main thread
            self.crash = error


class BuildFailed(UserError):
    """A build stopped before its output was swapped in; ``report`` says why."""

    def __init__(self, report: Report) -> None:
        super().__init__("\n".join(d.format() for d in report.sorted() if d.severity == "error"),
                         "nothing was written; fix the errors above and build again")
        self.report = report


GROUP_ABOVE = 12  # folders with more files than this are summarised in one row


def summary_table(out: OutputDir) -> Table:
    """A table of the files written: kind, file, size."""
    changed = [item for item in out.written if item.changed]
    same = len(out.written) - len(changed) + len(out.kept)
    title = f"Wrote {len(changed)} file(s) to {display_path(out.root)}" + (f" ({same} unchanged)" if same else "")
    table = Table(title=title)
    table.add_column("kind")
    table.add_column("file")
    table.add_column("size", justify="right")
    groups: dict[tuple[str, Path], list] = {}
    for item in changed:
        groups.setdefault((item.kind, item.path.parent), []).append(item)
    rows = []
    for (kind, folder), items in groups.items():
        if len(items) > GROUP_ABOVE:
            label = f"{display_path(folder.relative_to(out.root))}/ ({len(items)} files)"
            rows.append((kind, label, sum(i.size for i in items)))
        else:
            rows.extend((i.kind, display_path(i.path.relative_to(out.root)), i.size) for i in items)
    for kind, label, size in sorted(rows):
        table.add_row(kind, label, _size(size))
    return table


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def run_build(curriculum: Path | None, out_dir: Path | None, kinds: list[str], strict: bool, lang: str | None,
              console: Console, print_report: Callable[[Report], None], force: bool = False) -> None:
    """The ``workshop build`` command: check, report, render with progress, summarise.

    Raises :class:`UserError` (shown without a traceback, exit 2) when nothing could be built.
    """
    started = time.perf_counter()
    root, curriculum_path = project_of(curriculum)
    base = Path(out_dir) if out_dir is not None else root / "build"
    with cache.InputRecorder(root, ignore=[base]) as recorder:
        workshop, report = load_workshop(curriculum, strict=strict)
        print_report(report)
        if workshop is None or report.errors:
            raise UserError("nothing was built: fix the errors above", "run `workshop validate` to re-check without building")
        locale = Locale(lang or workshop.curriculum.language)
        found = Report(strict=strict)

        def record() -> dict:
            """The fast path's record: the files read and folders listed, code, options, messages."""
            recorder.active = False
            listed = recorder.listings()
            for named in (workshop.curriculum.roster, workshop.curriculum.attendance):
                if named:  # a roster named but missing (or moved) is noticed when it appears
                    folder = str((root / named).parent.absolute())
                    listed.setdefault(folder, cache._listing(folder))
            return {"inputs": recorder.inputs(), "listings": listed, "code": cache.code_hash(),
                    "options": cache.options_of(lang, strict), "curriculum": str(curriculum_path),
                    "messages": [*report.lines(), *found.lines()]}

        out = _build_with_progress(workshop, out_dir, kinds, locale, strict, console, print_report, found, force,
                                   record)
    print_report(found)
    console.print(summary_table(out))
    for kind, message in out.notes:
        console.print(f"[bold]{kind}[/bold]: {escape(message)}")
    console.print(f"done in {time.perf_counter() - started:.1f} s")
    sys.stdout.flush()


def _build_with_progress(workshop: Workshop, out_dir: Path | None, kinds: list[str], locale: Locale, strict: bool,
                         console: Console, print_report: Callable[[Report], None], found: Report, force: bool,
                         record: Callable[[], dict]) -> OutputDir:
    """Run :func:`build_workshop` under a progress bar; a failed build prints its report."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("building", total=len(kinds))

        def step(message: str) -> None:
            progress.update(task, description=message)
            if ":" not in message:
                progress.advance(task)

        try:
            return build_workshop(workshop, out_dir, kinds, locale, strict, step, warnings=found, force=force,
                                  record=record)
        except BuildFailed as failed:
            progress.stop()
            print_report(failed.report)
            raise UserError("nothing was written: fix the errors above; the previous output is unchanged",
                            "`workshop validate` runs the same checks without building") from None


def project_of(curriculum: Path | None) -> tuple[Path, Path]:
    """The project folder and the curriculum file ``load_workshop`` will use (as it finds them)."""
    from builder.sources.project import default_curriculum, find_root, is_project

    if curriculum is None:
        root = find_root()
        return root, default_curriculum(root).resolve()
    here = Path(curriculum).resolve().parent
    root = find_root(here)
    if not is_project(root) and here.name == "curriculum":
        root = here.parent
    return root, Path(curriculum).resolve()
