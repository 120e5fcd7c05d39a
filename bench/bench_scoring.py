"""Benchmark: score 2,000 participants x 40 items, pre and post, and write the .xlsx report.

Run: python bench/bench_scoring.py [participants] [items]
Prints the time of each step and the peak resident memory. Target: scoring under 3 s.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.model.curriculum import Curriculum  # noqa: E402
from builder.model.module import Module  # noqa: E402
from builder.model.workshop import Workshop  # noqa: E402
from builder.domain.quizbank import LETTERS, printed_tests, source_variant  # noqa: E402
from builder.render.score_report import report_workbook  # noqa: E402
from builder.domain.scoring import person_results, score_responses  # noqa: E402
from builder.sources.responses import read_response_files  # noqa: E402


def synthetic_workshop(items: int) -> Workshop:
    """A one-module workshop whose bank has ``items`` single-choice items in both pools."""
    module = Module.model_validate({
        "id": "bench", "title": "Modul Bench", "summary": "s", "duration": 180,
        "objectives": [{"id": f"o{n}", "text": "t"} for n in range(1, 5)],
        "sections": [{"id": "s", "title": "t", "points": ["a"], "body": "b"}],
        "quiz": [{"id": f"q{n:02d}", "type": "single", "objective": f"o{n % 4 + 1}", "question": f"Soal nomor {n}?",
                  "options": [f"Pilihan {c}{n}" for c in "ABCD"], "answer": LETTERS[n % 4], "explanation": "e"}
                 for n in range(items)],
    })
    curriculum = Curriculum.model_validate({
        "id": "bench-ws", "title": "Bench", "organizer": "Humas", "venue": "Aula", "city": "Kota", "province": "Prov",
        "quiz": {"variants": 2, "seed": 1},
        "days": [{"date": dt.date(2019, 9, 24), "items": [{"start": "08.00", "end": "11.00", "kind": "session", "module": "bench"}]}],
    })
    return Workshop(curriculum, {"bench": module}, Path("."))


def write_responses(workshop: Workshop, folder: Path, people: int) -> list[tuple[Path, str]]:
    """Seeded random answers (skill-dependent) in template layout, one CSV per pool."""
    rng = random.Random(42)
    skill = [rng.random() for _ in range(people)]
    files = []
    for test in printed_tests(workshop):
        variant = source_variant(test)
        path = folder / f"{test.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["No", "Nama", "NIP", "Instansi", "Varian"] + [str(v.number) for v in variant.items])
            for n in range(people):
                boost = 0.25 if test.pool == "post" else 0
                answers = [v.key if rng.random() < skill[n] * 0.7 + boost else rng.choice("ABCD") for v in variant.items]
                writer.writerow([n + 1, f"Peserta {n:04d}", "", "Dinas", "-"] + answers)
        files.append((path, test.pool))
    return files


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    workshop = synthetic_workshop(items)
    with tempfile.TemporaryDirectory() as folder:
        files = write_responses(workshop, Path(folder), people)
        started = time.perf_counter()
        scores = score_responses(workshop, read_response_files(files))
        results = person_results(scores)
        scored = time.perf_counter()
        report = report_workbook(scores)
        written = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"participants={people} items={items} submissions={len(scores.submissions)} people={len(results)}")
    print(f"scoring (read + grade + gain + rank): {scored - started:.2f} s")
    print(f"xlsx report ({len(report) / 1024:.0f} KB): {written - scored:.2f} s")
    print(f"total: {written - started:.2f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
