"""The build pipeline: load and check everything, then run each selected output kind."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from builder.diagnostics import Report, display_path
from builder.i18n import Locale
from builder.outputs import BuildContext, load_kinds
from builder.project import Workshop, load_workshop
from builder.writer import OutputDir


def output_root(workshop: Workshop, out_dir: Path | None) -> Path:
    """``<out>/<workshop-id>``; ``out`` defaults to ``build/`` in the project folder."""
    base = out_dir if out_dir is not None else workshop.root / "build"
    return Path(base) / workshop.id


def build_workshop(workshop: Workshop, out_dir: Path | None, kinds: list[str], locale: Locale,
                   strict: bool = False, progress: Callable[[str], None] = lambda m: None) -> OutputDir:
    """Run the selected output kinds for a checked workshop and return what was written."""
    registry = load_kinds()
    out = OutputDir(output_root(workshop, out_dir))
    for name in kinds:
        kind = registry[name]
        progress(name)
        kind.render(BuildContext(workshop, out, locale, strict, progress=lambda m, n=name: progress(f"{n}: {m}")))
    return out


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
              console: Console, print_report: Callable[[Report], None], fail: Callable[..., None]) -> None:
    """The ``workshop build`` command: check, report, render with progress, summarise."""
    started = time.perf_counter()
    workshop, report = load_workshop(curriculum, strict=strict)
    print_report(report)
    if workshop is None or report.errors:
        fail("nothing was built: fix the errors above", "run `workshop validate` to re-check without building")
    registry = load_kinds()
    for name in kinds:
        missing = registry[name].missing_requirements()
        if missing:
            fail(f"output kind '{name}' needs {', '.join(missing)}", registry[name].install_hint or f"pip install {' '.join(missing)}")
    locale = Locale(lang or workshop.curriculum.language)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("building", total=len(kinds))

        def step(message: str) -> None:
            progress.update(task, description=message)
            if ":" not in message:
                progress.advance(task)

        out = build_workshop(workshop, out_dir, kinds, locale, strict, step)
    console.print(summary_table(out))
    for kind, message in out.notes:
        console.print(f"[bold]{kind}[/bold]: {escape(message)}")
    console.print(f"done in {time.perf_counter() - started:.1f} s")
    sys.stdout.flush()
