"""Benchmark certificates: N people issued in the register, signed, with QR -> all.docx + N .docx
+ N Open Badges credentials (+ optional PDFs), then a rebuild and the verification site.

Usage: python3 bench/bench_certificates.py [--people 1000] [--pdf] [--baseline DIR] [--skip-rebuild]
Prints wall time per stage and peak memory (RSS). With ``--baseline DIR`` (another checkout, e.g.
``git worktree add /tmp/base main``) the first build is also run with that checkout's code and
both figures are printed side by side; CPU includes LibreOffice's (children's) time, which is the
figure to compare on a busy machine. Issue 18: 1,000 certificate PDFs in 25 s or less. Targets (issue 7): 1,000 people in under
10 s without PDF; 1,000 PDFs from one conversion + split in under 60 s; 10,000 people without
PDF under 300 MB peak memory. Issue 15: the first build (issuing and signing 1,000 numbers,
QR tokens and credentials) within 1.5x of the unsigned figure before it (about 5.6 s).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))

from builder.i18n import Locale  # noqa: E402
from builder.render.certificates import build_certificates  # noqa: E402
from builder.sources.project import load_workshop  # noqa: E402

FIXTURE = ROOT / "tests" / "roots" / "people"
FIRST = ["Agus", "Siti", "Ma'ruf", "Yohana", "Made", "Dewi", "Theresia", "Rizky", "Nur'aini", "Stefanus"]
LAST = ["Saputra", "Simanjuntak", "Ndoen", "Halim", "Rumbiak", "Pattinasarany", "Wibowo", "Nasution"]


def synthetic_root(target: Path, people: int) -> Path:
    """Copy the people fixture and replace its roster with ``people`` fictional rows (no attendance file)."""
    shutil.copytree(FIXTURE, target)
    rng = random.Random(people)
    with (target / "rosters" / "peserta.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Nama", "Gelar Belakang", "NIP", "Jabatan", "Instansi", "Peran"])
        for index in range(people):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index:05d}"
            born = dt.date(1960, 1, 1) + dt.timedelta(days=index % 9000)
            nip = f"{born:%Y%m%d}2015{rng.randint(1, 12):02d}{rng.randint(1, 2)}{index // 9000 + 1:03d}"
            writer.writerow([name, "S.Sos.", nip, "Pranata Humas", "Dinas Komunikasi dan Informatika", "peserta"])
    curriculum = target / "curriculum" / "sertifikat-contoh.yaml"
    text = curriculum.read_text(encoding="utf-8").replace("attendance: rosters/kehadiran.csv\n", "")
    curriculum.write_text(text, encoding="utf-8")
    return target


def build_site(workshop, out: Path) -> float:
    """Write the verification site once; return the seconds it took."""
    from builder.render import BuildContext
    from builder.render.site import render
    from builder.write.output import OutputDir

    started = time.perf_counter()
    render(BuildContext(workshop, OutputDir(out), Locale("id")))
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children (LibreOffice)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def baseline_figures(baseline: Path, args: argparse.Namespace) -> dict[str, float]:
    """The first-build figures of the checkout at ``baseline`` (this script run with its code)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--people", str(args.people), "--skip-rebuild",
               "--json", *(["--pdf"] if args.pdf else [])]
    done = subprocess.run(command, env={**os.environ, "BENCH_ROOT": str(baseline.resolve())},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"baseline run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pdf", action="store_true", help="also make the PDFs (all.pdf and one per person)")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout to measure beside this one")
    parser.add_argument("--skip-rebuild", action="store_true", help="measure the first build only")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    before = baseline_figures(args.baseline, args) if args.baseline else None
    with tempfile.TemporaryDirectory() as scratch:
        root = synthetic_root(Path(scratch) / "people", args.people)
        started = time.perf_counter()
        workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
        assert workshop is not None, [d.format() for d in report.items]
        loaded = time.perf_counter()
        out = root / "build"
        count = 0

        def write(relative: str, data: bytes) -> None:
            nonlocal count
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            count += 1

        people = list(workshop.roster.people)
        cpu = cpu_seconds()
        build_certificates(workshop, people, Locale("id"), out, write, with_pdf=args.pdf)
        done = time.perf_counter()
        cpu = cpu_seconds() - cpu
        pdfs = len(list((out / "certificates" / "per-orang").glob("*.pdf")))
        first = {"wall": done - loaded, "cpu": cpu, "pdfs": pdfs}
        if args.json:
            print(json.dumps(first))
            return
        first_count = count
        if not args.skip_rebuild:
            build_certificates(workshop, people, Locale("id"), out, write, with_pdf=args.pdf)
        rebuilt = time.perf_counter()
        site_seconds = build_site(workshop, out)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        office_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"people: {args.people}  pdf: {args.pdf}  files written per build: {first_count}  PDFs per person: {pdfs}")
        print(f"load roster + workshop: {loaded - started:.2f} s")
        what = f"all.docx + {args.people} .docx + {args.people} credentials{' + PDFs' if args.pdf else ''}"
        print(f"first build, issuing and signing ({what}): {done - loaded:.2f} s (CPU incl. LibreOffice {cpu:.2f} s)")
        if not args.skip_rebuild:
            print(f"rebuild, numbers from the register: {rebuilt - done:.2f} s")
        print(f"site (status list of {args.people}): {site_seconds:.2f} s")
        print(f"peak RSS: {peak_mb:.0f} MB (LibreOffice: {office_mb:.0f} MB)")
        if before is not None:
            print(f"\n{'first build':<34}{'baseline':>12}{'this tree':>12}")
            print(f"{'wall (s)':<34}{before['wall']:>12.2f}{first['wall']:>12.2f}")
            print(f"{'CPU incl. LibreOffice (s)':<34}{before['cpu']:>12.2f}{first['cpu']:>12.2f}")
            print(f"{'PDFs per person':<34}{before['pdfs']:>12}{first['pdfs']:>12}")


if __name__ == "__main__":
    main()
