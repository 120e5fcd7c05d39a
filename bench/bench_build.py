"""Benchmark whole-build figures side by side: cold build, no-op rebuild, validate, bare YAML load.

Each figure is the median of ``--runs`` runs of a fresh process (start-up included, as a user
sees it). ``--no-pdf`` (the default) hides LibreOffice through ``WORKSHOP_NO_PDF``.

    python3 bench/bench_build.py [--curriculum curriculum/x.yaml] [--runs 3] [--pdf] [--baseline DIR]

``--baseline DIR`` also measures another checkout of the project (for example
``git worktree add /tmp/base main``) and prints its figures beside this one's.
"""

from __future__ import annotations

import argparse
import os
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


def median_of(runs: int, command: list[str], env: dict[str, str], cwd: Path, before=None) -> float:
    """Median wall time over ``runs`` runs; ``before()`` is called before each run."""
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(timed(command, env, cwd))
    return statistics.median(times)


def figures(repo: Path, args: argparse.Namespace) -> dict[str, float]:
    """The figures of the project checkout at ``repo``: cold build, no-op rebuild, validate, bare load."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    if not args.pdf:
        env["WORKSHOP_NO_PDF"] = "1"
    out = Path(tempfile.mkdtemp(prefix="bench-build-"))
    build = [sys.executable, "-m", "builder", "build", *([args.curriculum] if args.curriculum else []), "--out", str(out)]
    try:
        cold = median_of(args.runs, build, env, repo, before=lambda: shutil.rmtree(out, ignore_errors=True))
        noop = median_of(args.runs, build, env, repo)
        validate = median_of(args.runs, [sys.executable, "-m", "builder", "validate"], env, repo)
        bare = median_of(args.runs, [sys.executable, "-c", BARE_LOAD, str(repo)], env, repo)
        files = sum(1 for p in out.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    label = "full cold build" + (" (with PDF)" if args.pdf else " (no LibreOffice)")
    return {label: cold, "no-op rebuild": noop, "workshop validate": validate,
            "bare YAML load of the same files": bare, "validate / bare YAML load (x)": validate / bare,
            "files in the build": files}


def main() -> None:
    """Print the figures of one run (beside the baseline's with ``--baseline``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curriculum", default=None, help="curriculum to build (default: the project's default)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="let the build make PDFs with LibreOffice")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout to measure beside this one")
    args = parser.parse_args()
    columns = {"this tree": figures(REPO, args)}
    if args.baseline is not None:
        columns = {"baseline": figures(args.baseline.resolve(), args), **columns}
    print(f"{'figure':38}" + "".join(f" {name:>10}" for name in columns))
    for label in next(iter(columns.values())):
        values = [column[label] for column in columns.values()]
        print(f"{label:38}" + "".join(f" {v:10.2f}" if isinstance(v, float) else f" {v:10d}" for v in values))
    print(f"runs per figure (median): {args.runs}; seconds of wall time, start-up included")

if __name__ == "__main__":
    main()
