"""Benchmark certificates: N people issued in the register, signed, with QR -> all.docx + N .docx
+ N Open Badges credentials (+ optional PDFs), then a rebuild and the verification site.

Usage: python3 bench/bench_certificates.py [--people 1000] [--pdf]
Prints wall time per stage and peak memory (RSS). Targets (issue 7): 1,000 people in under
10 s without PDF; 1,000 PDFs from one conversion + split in under 60 s; 10,000 people without
PDF under 300 MB peak memory. Issue 15: the first build (issuing and signing 1,000 numbers,
QR tokens and credentials) within 1.5x of the unsigned figure before it (about 5.6 s).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.i18n import Locale  # noqa: E402
from builder.render.certificates import build_certificates  # noqa: E402
from builder.sources.project import load_workshop  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "roots" / "people"
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


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--pdf", action="store_true", help="also convert all.docx once and split it into PDFs")
    args = parser.parse_args()
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
        cpu = time.process_time()
        build_certificates(workshop, people, Locale("id"), out, write, with_pdf=args.pdf)
        done = time.perf_counter()
        cpu = time.process_time() - cpu
        first_count = count
        build_certificates(workshop, people, Locale("id"), out, write, with_pdf=args.pdf)
        rebuilt = time.perf_counter()
        site_seconds = build_site(workshop, out)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"people: {args.people}  pdf: {args.pdf}  files written per build: {first_count}")
        print(f"load roster + workshop: {loaded - started:.2f} s")
        what = f"all.docx + {args.people} .docx + {args.people} credentials{' + PDFs' if args.pdf else ''}"
        print(f"first build, issuing and signing ({what}): {done - loaded:.2f} s (CPU {cpu:.2f} s)")
        print(f"rebuild, numbers from the register: {rebuilt - done:.2f} s")
        print(f"site (status list of {args.people}): {site_seconds:.2f} s")
        print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
