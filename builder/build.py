"""The build pipeline: load and check everything, then run each selected output kind."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from builder.check.diagnostics import Report, UserError, diagnostic_from_error, display_path
from builder.i18n import Locale
from builder.render import BuildContext, load_kinds
from builder.model.workshop import Workshop
from builder.sources.project import load_workshop, validate_paths
from builder.write.output import OutputDir, StagedBuild, scratch_inside


def output_root(workshop: Workshop, out_dir: Path | None) -> Path:
    """``<out>/<workshop-id>``; ``out`` defaults to ``build/`` in the project folder."""
    base = out_dir if out_dir is not None else workshop.root / "build"
    return Path(base) / workshop.id


def preflight_kinds(workshop: Workshop, kinds: list[str], locale: Locale, strict: bool = False,
                    out_dir: Path | None = None) -> tuple[BuildContext, Report]:
    """Run the preflight of every selected kind; return the context (with prepared work) and the findings."""
    registry = load_kinds()
    report = Report(strict=strict)
    ctx = BuildContext(workshop, OutputDir(output_root(workshop, out_dir)), locale, strict)
    for name in kinds:
        report.extend(registry[name].preflight(ctx))
    return ctx, report


def validate_sources(paths: list[Path], strict: bool = False) -> Report:
    """``workshop validate``: check the sources, then run every kind's preflight on each loadable workshop."""
    workshops: list[Workshop] = []
    report = validate_paths(paths, strict=strict, workshops=workshops)
    for workshop in workshops:
        _ctx, found = preflight_kinds(workshop, list(load_kinds()), Locale(workshop.curriculum.language), strict)
        report.extend(found.items)
    return report


def build_workshop(workshop: Workshop, out_dir: Path | None, kinds: list[str], locale: Locale,
                   strict: bool = False, progress: Callable[[str], None] = lambda m: None,
                   warnings: Report | None = None) -> OutputDir:
    """Preflight, then render the selected kinds into a staging folder swapped in only on success.

    Raises :class:`BuildFailed` with every problem found when a preflight or a renderer reports
    one; the previous output folder is then left exactly as it was. Warnings go to ``warnings``.
    """
    ctx, report = preflight_kinds(workshop, kinds, locale, strict, out_dir)
    if warnings is not None:
        warnings.extend(report.warnings)
    if report.errors:
        raise BuildFailed(report)
    registry = load_kinds()
    staged = StagedBuild(ctx.out.root)
    out = staged.open(keep_previous=True)
    try:
        with scratch_inside(staged.scratch):
            _render_kinds(ctx, out, kinds, report, progress)
        if report.errors:
            raise BuildFailed(report)
        staged.commit(out, prune=set(kinds) == set(registry))
    except BaseException:
        staged.abandon()
        ctx.finish(committed=False)
        raise
    ctx.finish(committed=True)  # e.g. the certificate numbers the new output prints go into the register
    return out


# Kinds that mostly wait on a child process (notebooks: the Jupyter kernel runs the solutions) and
# share no state with the other kinds: rendered in a thread while the main thread renders the rest,
# so the two cores work at once without a second copy of the workshop in memory.
BESIDE_KINDS = ("notebooks",)


def _render_kinds(ctx: BuildContext, out: OutputDir, kinds: list[str], report: Report,
                  progress: Callable[[str], None]) -> None:
    """Render each kind into ``out``; a UserError of one kind is recorded and the others still run.

    Problems are added to ``report`` in the order of ``kinds`` whichever kind finished first.
    """
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
    table = Table(title=f"Wrote {len(out.written)} file(s) to {display_path(out.root)}")
    table.add_column("kind")
    table.add_column("file")
    table.add_column("size", justify="right")
    groups: dict[tuple[str, Path], list] = {}
    for item in out.written:
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
              console: Console, print_report: Callable[[Report], None]) -> None:
    """The ``workshop build`` command: check, report, render with progress, summarise.

    Raises :class:`UserError` (shown without a traceback, exit 2) when nothing could be built.
    """
    started = time.perf_counter()
    workshop, report = load_workshop(curriculum, strict=strict)
    print_report(report)
    if workshop is None or report.errors:
        raise UserError("nothing was built: fix the errors above", "run `workshop validate` to re-check without building")
    registry = load_kinds()
    for name in kinds:
        missing = registry[name].missing_requirements()
        if missing:
            raise UserError(f"output kind '{name}' needs {', '.join(missing)}",
                            registry[name].install_hint or f"pip install {' '.join(missing)}")
    locale = Locale(lang or workshop.curriculum.language)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("building", total=len(kinds))

        def step(message: str) -> None:
            progress.update(task, description=message)
            if ":" not in message:
                progress.advance(task)

        found = Report(strict=strict)
        try:
            out = build_workshop(workshop, out_dir, kinds, locale, strict, step, warnings=found)
        except BuildFailed as failed:
            progress.stop()
            print_report(failed.report)
            raise UserError("nothing was written: fix the errors above; the previous output is unchanged",
                            "`workshop validate` runs the same checks without building") from None
    print_report(found)
    console.print(summary_table(out))
    for kind, message in out.notes:
        console.print(f"[bold]{kind}[/bold]: {escape(message)}")
    console.print(f"done in {time.perf_counter() - started:.1f} s")
    sys.stdout.flush()
