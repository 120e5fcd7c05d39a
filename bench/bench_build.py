"""Benchmark whole-build figures side by side: cold build, no-op rebuild, one-module and one-row edits, validate.

Each figure is the median of ``--runs`` runs of a fresh process (start-up included, as a user
sees it). ``--no-pdf`` (the default) hides LibreOffice through ``WORKSHOP_NO_PDF``. The builds
run in a copy of the project (so the edits never touch the sources); the no-op figure also
checks that no output file was rewritten (same mtime and inode for every file).

    python3 bench/bench_build.py [--curriculum curriculum/x.yaml] [--runs 3] [--pdf] [--baseline DIR] [--validate-only]

``--baseline DIR`` also measures another checkout of the project (for example
``git worktree add /tmp/base main``) and prints its figures beside this one's. ``--validate-only``
measures just ``workshop validate`` against the bare YAML load (wall and CPU seconds: CPU is the
steadier figure on a shared machine). Python's bytecode cache is kept in a temporary folder for
the run, as an installed toolkit has it (``PYTHONDONTWRITEBYTECODE`` would otherwise make every
run compile the toolkit again).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BARE_LOAD = ("import sys, pathlib\nfrom ruamel.yaml import YAML\ny = YAML(typ='rt')\n"
             "for p in sorted(pathlib.Path(sys.argv[1]).glob('*/*.yaml')): y.load(p.read_text(encoding='utf-8'))")


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Wall time of one run of ``command``; fails loudly when it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def cpu_timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``command`` (CPU: user + system of the finished child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, env, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians_of(runs: int, command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Median wall and median CPU seconds over ``runs`` runs (after one run not counted)."""
    cpu_timed(command, env, cwd)
    samples = [cpu_timed(command, env, cwd) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def median_of(runs: int, command: list[str], env: dict[str, str], cwd: Path, before=None) -> float:
    """Median wall time over ``runs`` runs; ``before()`` is called before each run."""
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(timed(command, env, cwd))
    return statistics.median(times)


def output_state(out: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (mtime_ns, inode) of every output file."""
    return {str(p.relative_to(out)): (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*") if p.is_file()}


def project_copy(repo: Path) -> Path:
    """A copy of the project's sources (curricula, modules, rosters, templates, pyproject) to edit and build."""
    target = Path(tempfile.mkdtemp(prefix="bench-project-"))
    for name in ("curriculum", "modules", "rosters", "templates"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, target / name, symlinks=True)
    shutil.copy(repo / "pyproject.toml", target / "pyproject.toml")
    return target


def roster_of(project: Path, curriculum: str | None) -> Path:
    """The roster file the curriculum names (read with a plain line scan, as the bench must not import the toolkit)."""
    path = project / (curriculum or "curriculum/rakor-kubu-raya-2019.yaml")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("roster:"):
            return project / line.split(":", 1)[1].strip()
    raise SystemExit(f"{path}: no roster")


def toggler(path: Path, change) -> callable:
    """A ``before`` hook that changes ``path`` on every call (alternating between two versions)."""
    state = {"on": False}

    def before() -> None:
        state["on"] = not state["on"]
        change(path, state["on"])

    return before


def edit_summary(path: Path, on: bool) -> None:
    """Append (or remove) a sentence to the module's summary."""
    text = path.read_text(encoding="utf-8")
    mark = " Revisi pelatih."
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("summary:")) + 1
    body = lines[index].rstrip("\n").removesuffix(mark)
    lines[index] = body + (mark if on else "") + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def edit_row(path: Path, on: bool) -> None:
    """Change (or restore) the position of the first person in an .xlsx or .csv roster."""
    if path.suffix == ".csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
        lines[1] = lines[1].replace(" (revisi)", "").replace(";", " (revisi);", 1) if on else \
            lines[1].replace(" (revisi)", "")
        path.write_text("".join(lines), encoding="utf-8")
        return
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    cell = sheet.cell(row=2, column=2)
    value = str(cell.value or "").removesuffix(" (revisi)")
    cell.value = value + (" (revisi)" if on else "")
    book.save(path)


def environment(repo: Path, args: argparse.Namespace, pycache: Path) -> dict[str, str]:
    """The environment of every measured run: this checkout first on the path, a bytecode cache, no PDF unless asked."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(repo), PYTHONPYCACHEPREFIX=str(pycache))
    if not args.pdf:
        env["WORKSHOP_NO_PDF"] = "1"
    return env


def validate_figures(repo: Path, args: argparse.Namespace) -> dict[str, float]:
    """``workshop validate`` against a bare ruamel.yaml load of the same files: wall and CPU medians, and ratios.

    The two commands run in turns (validate, bare load, validate, ...) and each ratio is the median
    of the pairs' ratios, so a slower or faster spell of the machine weighs on both sides alike.
    """
    pycache = Path(tempfile.mkdtemp(prefix="bench-pycache-"))
    env = environment(repo, args, pycache)
    project = project_copy(repo)
    validate_command = [sys.executable, "-m", "builder", "validate"]
    bare_command = [sys.executable, "-c", BARE_LOAD, str(project)]
    try:
        cpu_timed(validate_command, env, project)  # warm-up runs, not counted
        cpu_timed(bare_command, env, project)
        pairs = [(cpu_timed(validate_command, env, project), cpu_timed(bare_command, env, project))
                 for _ in range(args.runs)]
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(pycache, ignore_errors=True)
    median = statistics.median
    return {"workshop validate (wall)": median(v[0] for v, _ in pairs),
            "bare YAML load (wall)": median(b[0] for _, b in pairs),
            "validate / bare YAML load (wall, x)": median(v[0] / b[0] for v, b in pairs),
            "workshop validate (CPU)": median(v[1] for v, _ in pairs),
            "bare YAML load (CPU)": median(b[1] for _, b in pairs),
            "validate / bare YAML load (CPU, x)": median(v[1] / b[1] for v, b in pairs)}


def figures(repo: Path, args: argparse.Namespace) -> dict[str, float]:
    """The figures of the checkout at ``repo``: cold, no-op, one module edited, one row edited, validate, bare load."""
    if args.validate_only:
        return validate_figures(repo, args)
    pycache = Path(tempfile.mkdtemp(prefix="bench-pycache-"))
    env = environment(repo, args, pycache)
    project = project_copy(repo)
    out = Path(tempfile.mkdtemp(prefix="bench-build-"))
    build = [sys.executable, "-m", "builder", "build", *([args.curriculum] if args.curriculum else []), "--out", str(out)]
    module = project / "modules" / "menulis-berita.yaml"
    try:
        cold = median_of(args.runs, build, env, project, before=lambda: shutil.rmtree(out, ignore_errors=True))
        timed(build, env, project)
        before = {}
        for child in out.iterdir():
            if child.is_dir():
                before = output_state(child)
        noop = median_of(args.runs, build, env, project)
        after = {}
        for child in out.iterdir():
            if child.is_dir():
                after = output_state(child)
        rewritten = sum(1 for name in before.keys() | after.keys() if before.get(name) != after.get(name))
        module_edit = median_of(args.runs, build, env, project, before=toggler(module, edit_summary))
        row_edit = median_of(args.runs, build, env, project, before=toggler(roster_of(project, args.curriculum), edit_row))
        files = len(after)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(pycache, ignore_errors=True)
    label = "full cold build" + (" (with PDF)" if args.pdf else " (no LibreOffice)")
    return {label: cold, "no-op rebuild": noop, "no-op: files rewritten": rewritten,
            "one module edited (summary)": module_edit, "one roster row edited": row_edit,
            **validate_figures(repo, args), "files in the build": files}


def main() -> None:
    """Print the figures of one run (beside the baseline's with ``--baseline``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curriculum", default=None, help="curriculum to build (default: the project's default)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="let the build make PDFs with LibreOffice")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout to measure beside this one")
    parser.add_argument("--validate-only", action="store_true", help="measure only validate against the bare YAML load")
    args = parser.parse_args()
    columns = {"this tree": figures(REPO, args)}
    if args.baseline is not None:
        columns = {"baseline": figures(args.baseline.resolve(), args), **columns}
    print(f"{'figure':38}" + "".join(f" {name:>10}" for name in columns))
    for label in next(iter(columns.values())):
        values = [column[label] for column in columns.values()]
        print(f"{label:38}" + "".join(f" {v:10.2f}" if isinstance(v, float) else f" {v:10d}" for v in values))
    print(f"runs per figure (median): {args.runs}; seconds of wall time (CPU where marked), start-up included")

if __name__ == "__main__":
    main()
