"""Benchmark peak memory of a big build: 20 modules, 500 fictional people (issue 18: under 400 MB).

Writes a synthetic project into a temporary folder (the bundled modules copied under new ids,
one curriculum with 20 sessions over 10 days, a roster and attendance of 500 fictional people),
runs ``workshop build`` on it as a child process and prints:
- the build process's own peak RSS (``ru_maxrss`` of the process);
- the largest child's peak RSS (Jupyter kernel, LibreOffice: ``RUSAGE_CHILDREN``);
- the peak of the sum over the whole process tree, sampled from /proc every 100 ms, twice: as RSS
  (which counts a page shared by the build and its forked workers once per process) and as PSS
  (``/proc/<pid>/smaps_rollup``: a shared page split between the processes sharing it, so the sum
  is the physical memory the tree holds).

    python3 bench/bench_memory.py [--modules 20] [--people 500] [--pdf] [--keep DIR] [--code DIR]

Without ``--pdf`` LibreOffice is hidden (``WORKSHOP_NO_PDF=1``), as in the other benchmarks.
``--code DIR`` builds with another checkout's code (e.g. ``git worktree add /tmp/base main``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE_CURRICULUM = REPO / "curriculum" / "bimtek-maluku-tengah-2025.yaml"
FIRST = ["Agus", "Siti", "Ma'ruf", "Yohana", "Made", "Dewi", "Theresia", "Rizky", "Nur'aini", "Stefanus",
         "Fransina", "Hasan", "Magdalena", "Ronald", "Salma", "Yakobus"]
LAST = ["Saputra", "Simanjuntak", "Ndoen", "Halim", "Rumbiak", "Pattinasarany", "Wibowo", "Nasution",
        "Latuconsina", "Tuhuteru", "Matulessy", "Leiwakabessy"]
AGENCIES = ["Dinas Komunikasi, Informatika, dan Persandian Kabupaten Contoh", "Dinas Kesehatan Kabupaten Contoh",
            "Bagian Protokol dan Komunikasi Pimpinan Setda Kabupaten Contoh", "Kecamatan Kota Contoh"]
# The wrapper the build runs in: it reports its own and its children's peak RSS (KB) on exit.
WRAPPER = """\
import json, resource, sys
from builder.cli import main
try:
    main(sys.argv[2:], prog_name="workshop")
except SystemExit as done:
    status = done.code or 0
else:
    status = 0
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as handle:
    json.dump({"self_kb": own.ru_maxrss, "children_kb": kids.ru_maxrss, "status": status}, handle)
sys.exit(status)
"""


def copy_modules(target: Path, count: int) -> list[str]:
    """Copy the bundled modules round-robin under new ids until there are ``count``; return the ids."""
    sources = sorted((REPO / "modules").glob("*.yaml"))
    (target / "modules").mkdir(parents=True)
    if (REPO / "modules" / "assets").is_dir():
        shutil.copytree(REPO / "modules" / "assets", target / "modules" / "assets")
    ids = []
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        old = re.search(r"^id: (\S+)$", text, re.M).group(1)
        new = f"{old}-{index // len(sources) + 1:02d}"
        text = re.sub(r"^id: \S+$", f"id: {new}", text, count=1, flags=re.M)
        (target / "modules" / f"{new}.yaml").write_text(text, encoding="utf-8")
        ids.append(new)
    return ids


def session_days(ids: list[str], start: dt.date) -> list[tuple[dt.date, list[tuple[str, str, str]]]]:
    """Two three-hour sessions per working day: [(date, [(start, end, module id)])]."""
    days, day = [], start
    for pair in range(0, len(ids), 2):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        slots = [("08.30", "11.30", ids[pair])] + ([("13.00", "16.00", ids[pair + 1])] if pair + 1 < len(ids) else [])
        days.append((day, slots))
        day += dt.timedelta(days=1)
    return days


OPENING = ["Pengantar pembawa acara; hadirin dipersilakan berdiri", "Menyanyikan lagu kebangsaan Indonesia Raya",
           "Pembukaan oleh pembawa acara", "Laporan Ketua Panitia",
           "Sambutan sekaligus pembukaan secara resmi oleh Sekretaris Daerah Kabupaten Maluku Tengah", "Doa",
           "Foto bersama"]
CLOSING = ["Pembacaan rumusan hasil bimbingan teknis", "Sambutan sekaligus penutupan secara resmi oleh Kepala "
           "Bagian Protokol dan Komunikasi Pimpinan", "Doa"]


def ceremony(title: str, programme: list[str]) -> list[str]:
    """The YAML lines of a ceremony item after its start and end."""
    return ["        kind: ceremony", f"        title: {title}", "        program:", *(f"          - {p}" for p in programme)]


def write_curriculum(target: Path, ids: list[str]) -> Path:
    """A curriculum like the Maluku Tengah sample, its days replaced by sessions of every module."""
    text = BASE_CURRICULUM.read_text(encoding="utf-8")
    head = text[:text.index("\ndays:\n")]
    head = re.sub(r"^id: \S+$", "id: bench-memory", head, count=1, flags=re.M)
    head = re.sub(r"^roster: .*$", "roster: rosters/peserta.csv", head, count=1, flags=re.M)
    head = re.sub(r"^attendance: .*$", "attendance: rosters/kehadiran.csv", head, count=1, flags=re.M)
    head = re.sub(r"^expected_participants: .*$", f"expected_participants: {500}", head, count=1, flags=re.M)
    lines = [head, "", "days:"]
    for number, (day, slots) in enumerate(session_days(ids, dt.date(2025, 10, 13)), 1):
        lines += [f"  - date: {day.isoformat()}", f"    title: Hari {number}", "    items:"]
        lines.append('      - {start: "07.30", end: "08.00", kind: registration, title: Registrasi peserta}')
        if number == 1:
            lines += ['      - start: "08.00"', '        end: "08.30"', *ceremony("Pembukaan", OPENING)]
        for begin, end, module in slots:
            lines.append(f'      - {{start: "{begin}", end: "{end}", kind: session, module: {module}, '
                         f'facilitator: "Sdri. Contoh Fasilitator", moderator: "Sdr. Contoh Moderator"}}')
            if begin == "08.30":
                lines.append('      - {start: "11.30", end: "13.00", kind: break, title: ISHOMA}')
    lines += ['      - start: "16.00"', '        end: "16.30"', *ceremony("Penutupan", CLOSING)]
    (target / "curriculum").mkdir(parents=True)
    if (REPO / "curriculum" / "assets").is_dir():
        shutil.copytree(REPO / "curriculum" / "assets", target / "curriculum" / "assets")
    path = target / "curriculum" / "bench-memory.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_rosters(target: Path, people: int, ids: list[str]) -> None:
    """A roster and an attendance sheet of ``people`` fictional civil servants (about 90 % attend each session)."""
    rng = random.Random(people)
    (target / "rosters").mkdir(parents=True)
    slots = [f"{day.isoformat()} {begin}" for day, daily in session_days(ids, dt.date(2025, 10, 13)) for begin, _, _ in daily]
    with (target / "rosters" / "peserta.csv").open("w", encoding="utf-8", newline="") as roster, \
            (target / "rosters" / "kehadiran.csv").open("w", encoding="utf-8", newline="") as attendance:
        names, marks = csv.writer(roster), csv.writer(attendance)
        names.writerow(["No", "Nama", "Gelar Belakang", "NIP", "Jabatan", "Instansi", "Peran"])
        marks.writerow(["No", "Nama", "NIP", *slots])
        for index in range(people):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index:04d}"
            born = dt.date(1965, 1, 1) + dt.timedelta(days=index % 9000)
            nip = f"{born:%Y%m%d}2015{rng.randint(1, 12):02d}{rng.randint(1, 2)}{index % 999 + 1:03d}"
            names.writerow([index + 1, name, "S.Sos.", nip, "Pranata Humas", rng.choice(AGENCIES), "peserta"])
            marks.writerow([index + 1, name, nip, *("1" if rng.random() < 0.9 else "0" for _ in slots)])


def synthetic_project(target: Path, modules: int, people: int) -> Path:
    """Write the whole synthetic project; return its curriculum."""
    shutil.copy(REPO / "pyproject.toml", target / "pyproject.toml")
    ids = copy_modules(target, modules)
    write_rosters(target, people, ids)
    return write_curriculum(target, ids)


def tree_memory_kb(root_pid: int) -> tuple[int, int]:
    """``(RSS, PSS)`` sums (KB) over ``root_pid`` and every process below it, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry)] = int(fields.get("PPid", "0").strip())
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree, grew = {root_pid}, True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grew = bool(below)
    return sum(rss.get(pid, 0) for pid in tree), sum(pss_kb(pid) for pid in tree)


def pss_kb(pid: int) -> int:
    """The proportional set size (KB) of one process; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(curriculum: Path, out: Path, pdf: bool, code: Path = REPO) -> dict[str, float]:
    """Run the build with the toolkit at ``code``; return its wall time and peak memory figures in MB."""
    env = {**os.environ, "PYTHONPATH": str(code.resolve())}
    if pdf:
        env.pop("WORKSHOP_NO_PDF", None)
    else:
        env["WORKSHOP_NO_PDF"] = "1"
    report = out.parent / "rusage.json"
    command = [sys.executable, "-c", WRAPPER, str(report), "build", str(curriculum), "--out", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=curriculum.parent.parent, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    tree_peak = pss_peak = 0
    while process.poll() is None:
        if sys.platform.startswith("linux"):
            rss, pss = tree_memory_kb(process.pid)
            tree_peak, pss_peak = max(tree_peak, rss), max(pss_peak, pss)
        time.sleep(0.1)
    wall = time.perf_counter() - started
    errors = process.stderr.read()
    if process.returncode != 0:
        sys.exit(f"the build failed ({process.returncode}):\n{errors[-3000:]}")
    usage = json.loads(report.read_text())
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return {"wall": wall, "build_mb": usage["self_kb"] / 1024, "child_mb": usage["children_kb"] / 1024,
            "tree_mb": tree_peak / 1024, "tree_pss_mb": pss_peak / 1024, "files": files}


def main() -> None:
    """Generate the project, build it once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=20)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--pdf", action="store_true", help="let the build make PDFs with LibreOffice")
    parser.add_argument("--keep", type=Path, default=None, help="write the project here and keep it")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose toolkit builds (default: this one)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-memory-")) if args.keep is None else args.keep
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        curriculum = synthetic_project(scratch, args.modules, args.people)
        figures = measure(curriculum, scratch / "out", args.pdf, args.code)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"toolkit: {args.code.resolve()}")
    print(f"{args.modules} modules, {args.people} people, PDF: {args.pdf}: {figures['files']} files "
          f"in {figures['wall']:.1f} s")
    print(f"peak RSS of the build process:            {figures['build_mb']:.0f} MB")
    print(f"peak RSS of its largest child (kernel/LO): {figures['child_mb']:.0f} MB")
    print(f"peak RSS sum of the whole process tree:    {figures['tree_mb']:.0f} MB (shared pages counted per process)")
    print(f"peak PSS sum of the whole process tree:    {figures['tree_pss_mb']:.0f} MB (target: under 400 MB)")


if __name__ == "__main__":
    main()
