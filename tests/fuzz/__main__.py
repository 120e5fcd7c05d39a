"""Run the hostile-input fuzzer: ``python3 -m tests.fuzz --cases 2000 [--seed 19] [--family formulas]``.

Prints one line per failing case and a table of outcomes per family; exits 1 when any case
ended in a traceback, a hang, an unlocated error or a wrong result.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.engine import FAMILIES, run


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the cases, print the table."""
    parser = argparse.ArgumentParser(prog="python3 -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="number of cases (default 2000)")
    parser.add_argument("--seed", type=int, default=19, help="seed; the same seed gives the same cases")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these families")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case counts as a hang")
    parser.add_argument("--verbose", action="store_true", help="print the detail of every failure")
    options = parser.parse_args(argv)
    started = time.perf_counter()

    def progress(outcome) -> None:
        if outcome.kind not in ("located", "correct"):
            print(f"case {outcome.index} [{outcome.family}] {outcome.kind}: {outcome.note}", flush=True)
            if options.verbose:
                print("    " + outcome.detail.replace("\n", "\n    "), flush=True)
        elif (outcome.index + 1) % 100 == 0:
            print(f"... {outcome.index + 1} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="workshop-fuzz-") as folder:
        tally = run(options.cases, options.seed, Path(folder), options.family, options.timeout, progress)
    print(tally.table())
    print(f"{options.cases} cases, seed {options.seed}, {time.perf_counter() - started:.0f} s")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
