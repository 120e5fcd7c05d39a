"""Benchmark reading rosters: ``workshop validate`` on a project whose roster has N rows (csv and xlsx).

Usage: python3 bench/bench_roster.py [--rows 10000]
Prints wall time of `workshop validate` (roster + attendance-free curriculum) for a CSV and an XLSX
roster. Target (issue 19): a 10,000-row roster validates in seconds, not minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner  # noqa: E402

from builder.cli import main as cli  # noqa: E402
from tests.fuzz.engine import HEADER, _nip, set_curriculum_key, write_roster, write_xlsx  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "roots" / "people"


def synthetic_rows(count: int) -> list[list[str]]:
    """``count`` fictional people with valid, unique NIPs."""
    return [[str(i + 1), f"Peserta {i:05d} Santoso", "", "S.Sos.", _nip(i), "Penata (III/c)", "Pranata Humas",
             f"Dinas {i % 40}", "peserta"] for i in range(count)]


def timed_validate(root: Path) -> float:
    """Seconds taken by ``workshop validate`` in ``root`` (which must succeed)."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        started = time.perf_counter()
        result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False)
        elapsed = time.perf_counter() - started
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    return elapsed


def main() -> None:
    """Run the benchmark for CSV and XLSX and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    rows = synthetic_rows(args.rows)
    with tempfile.TemporaryDirectory() as scratch:
        for kind in ("csv", "xlsx"):
            root = Path(scratch) / kind
            shutil.copytree(FIXTURE, root)
            set_curriculum_key(root, "attendance", "")
            if kind == "csv":
                write_roster(root / "rosters" / "peserta.csv", rows)
            else:
                write_xlsx(root / "rosters" / "peserta.xlsx", rows, HEADER)
                set_curriculum_key(root, "roster", "rosters/peserta.xlsx")
            print(f"{args.rows:,} rows, {kind}: workshop validate {timed_validate(root):.2f} s")


if __name__ == "__main__":
    main()
