"""`workshop quiz score` on a filled-in response template."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from builder.sources.project import load_workshop
from builder.domain.quizbank import key_text, printed_tests, variants_of
from tests.helpers import ROOTS, run_cli


def test_score_filled_template_writes_report(tmp_path):
    """Answering every item with the variant's key gives 100 %; a wrong variant letter is reported by row."""
    root = tmp_path / "quiz"
    shutil.copytree(ROOTS / "quiz", root)
    assert run_cli(root, "build", "--only", "quizzes").exit_code == 0
    template = root / "build" / "uji-kuis" / "quizzes" / "responses-template.xlsx"
    workshop, _ = load_workshop(root / "curriculum" / "uji-kuis.yaml")
    test = next(t for t in printed_tests(workshop) if t.name == "kuis-pre")
    variant_b = variants_of(test, 2, 7)[1]
    answers = []
    for vitem in variant_b.items:
        key = vitem.key
        if isinstance(key, dict):
            key = "".join(key.values())
        elif isinstance(key, tuple):
            key = key[0]
        elif isinstance(key, float):
            key = f"{key:g}"
        answers.append(key if isinstance(key, str) else key_text(vitem))
    workbook = load_workbook(template)
    sheet = workbook["kuis-pre"]
    sheet.append([1, "Sdri. Maria O'Neil & Co", "", "Dinas Kominfo", "B", *answers])
    sheet.append([2, "Sdr. Budi", "", "Bappeda", "Z", *answers])
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    report = tmp_path / "nilai.xlsx"
    result = run_cli(root, "quiz", "score", str(filled), "--out", str(report))
    assert result.exit_code == 0, result.output
    assert "[score.variant]" in result.output and "filled.xlsx[kuis-pre]:3:5" in result.output
    people = load_workbook(report)["Peserta"]
    rows = [[c.value for c in row] for row in people.iter_rows(min_row=2)]
    assert rows == [[1, "Sdri. Maria O'Neil & Co", None, "Dinas Kominfo", 100, None, None, None]]
    assert (tmp_path / "nilai.docx").is_file()


def test_score_without_files_fails_cleanly(tmp_path):
    """No responses: exit 2 with a hint, no traceback."""
    root = tmp_path / "quiz"
    shutil.copytree(ROOTS / "quiz", root)
    result = run_cli(root, "quiz", "score")
    assert result.exit_code == 2 and "error: no responses given" in result.output
