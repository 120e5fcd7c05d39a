"""Benchmark slide decks: every deck of the default workshop (module decks + workshop deck).

Usage: python3 bench/bench_slides.py [CURRICULUM] [--repeat 3] [--synthetic]
Prints the time to load the workshop, the time to render and write all decks (best of
``--repeat`` runs), the number of slides and the peak memory (RSS). ``--synthetic`` builds a
workshop of four large copies of the long-section fixture instead (for when the reference
modules are incomplete). Target (issue 4): all decks of the reference workshop in under 2 s.
``bench/bench_deck.py`` times one deck against a bare python-pptx script writing the same slides.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.i18n import Locale  # noqa: E402
from builder.render import BuildContext  # noqa: E402
from builder.render.slides import build_slides  # noqa: E402
from builder.sources.project import default_curriculum, load_workshop  # noqa: E402
from builder.write.output import OutputDir  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "roots" / "slides"


def synthetic_curriculum(target: Path) -> Path:
    """Copy the long-section fixture with four modules (copies of it) taught on two days."""
    shutil.copytree(FIXTURE, target)
    source = (target / "modules" / "panjang.yaml").read_text(encoding="utf-8")
    items = []
    for number in range(1, 5):
        (target / "modules" / f"panjang-{number}.yaml").write_text(
            source.replace("id: panjang\n", f"id: panjang-{number}\n", 1), encoding="utf-8")
        start = 8 + (number - 1) % 2 * 4
        items.append(f"      - {{start: {start:02d}.00, end: {start + 3:02d}.00, kind: session, "
                     f"module: panjang-{number}, facilitator: Narasumber {number}}}")
    (target / "modules" / "panjang.yaml").unlink()
    curriculum = target / "curriculum" / "uji-slide.yaml"
    text = curriculum.read_text(encoding="utf-8")
    head = text[:text.index("days:")]
    days = (f"days:\n  - date: 2019-10-01\n    items:\n{items[0]}\n{items[1]}\n"
            f"  - date: 2019-10-02\n    items:\n{items[2]}\n{items[3]}\n")
    curriculum.write_text(head + days, encoding="utf-8")
    return curriculum


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("curriculum", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true", help="four large synthetic modules")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        curriculum = args.curriculum or default_curriculum(REPO)
        if args.synthetic:
            curriculum = synthetic_curriculum(Path(scratch) / "synthetic")
        started = time.perf_counter()
        workshop, report = load_workshop(curriculum)
        if workshop is None:
            sys.exit("\n".join(d.format() for d in report.errors))
        loaded = time.perf_counter() - started
        timings = []
        for run in range(args.repeat):
            out = OutputDir(Path(scratch) / f"out-{run}")
            started = time.perf_counter()
            build_slides(BuildContext(workshop, out, Locale(workshop.curriculum.language)))
            timings.append(time.perf_counter() - started)
        from pptx import Presentation

        slides = sum(len(Presentation(str(w.path)).slides) for w in out.written)
        print(f"workshop:     {workshop.id} ({len(workshop.modules)} modules)")
        print(f"load+check:   {loaded:.2f} s")
        print(f"render+write: {min(timings):.2f} s best of {args.repeat} "
              f"({', '.join(f'{t:.2f}' for t in timings)}) for {len(out.written)} decks, {slides} slides")
        print(f"peak RSS:     {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
