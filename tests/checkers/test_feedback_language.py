"""The build's language reaches the feedback: ``notebooks check --lang`` and notebooks filled without a kernel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import nbformat

from builder.checkers import pemeriksa
from builder.i18n import Locale
from builder.render.notebooks import build_notebook, fill_outputs
from builder.sources.project import load_workshop
from tests.helpers import make_project, run_cli

SEATS = '{"K1": "Dandim 1207", "K2": "Kepala Dinas Kominfo", "K3": "Bupati Kubu Raya"}'


def _workshop(root: Path):
    workshop, report = load_workshop(root / "curriculum" / "uji-notebook.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


def _returned(root: Path, target: Path) -> Path:
    """A participant notebook with a seating answer that leaves two officials without a seat."""
    workshop = _workshop(root)
    notebook = build_notebook(workshop, workshop.modules["latihan-notebook"])
    for cell in notebook.cells:
        if cell.id == "kursi-jawaban":
            cell.source = f"jawaban_kursi = {SEATS}"
    nbformat.write(notebook, str(target))
    return target


def _feedback(root: Path, notebook: Path, *options: str) -> dict[str, str]:
    out = notebook.with_suffix(".csv")
    result = run_cli(root, "notebooks", "check", str(notebook), "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8")[1:]))
    return {row["exercise"]: row["feedback"] for row in rows}


def test_notebooks_check_gives_feedback_in_the_language_asked(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = _returned(root, tmp_path / "siti.ipynb")
    indonesian = _feedback(root, notebook)
    english = _feedback(root, notebook, "--lang", "en")
    assert "Belum mendapat kursi: Ketua DPRD Kubu Raya; Kapolres Kubu Raya." in indonesian["kursi"]
    assert "Without a seat: Ketua DPRD Kubu Raya; Kapolres Kubu Raya." in english["kursi"]
    assert english["judul"].startswith("You have not done this exercise yet")
    assert indonesian["judul"].startswith("Anda belum mengerjakan latihan ini")


def test_solution_outputs_without_a_kernel_follow_the_build_language(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    workshop = _workshop(root)
    module = workshop.modules["latihan-notebook"]
    notebook = fill_outputs(build_notebook(workshop, module, trainer=True), module, Locale("en"))
    texts = [o.get("text") or o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert texts[0].startswith("✔ Checker ready: ") and "Start with Exercise 1." in texts[0]
    checks = texts[1:]
    assert checks and all("CORRECT — score 100%" in t and "Well done! Every rule is met." in t for t in checks)
    assert pemeriksa.feedback_language() == "id"  # the toolkit's own checks stay in the default language


def test_notebooks_check_words_its_own_findings_in_the_language_asked(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    workshop = _workshop(root)
    notebook = build_notebook(workshop, workshop.modules["latihan-notebook"])
    for cell in notebook.cells:
        if cell.id == "kursi-jawaban":
            cell.source = "jawaban_kursi = {'K1': (\n"  # a typing error: the cell cannot be read
    target = tmp_path / "budi.ipynb"
    nbformat.write(notebook, str(target))
    out = tmp_path / "budi.csv"
    result = run_cli(root, "notebooks", "check", str(target), "--out", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = {row["exercise"]: row for row in csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8")[1:]))}
    assert rows["kursi"]["feedback"].startswith("The answer cell cannot be read: there is a typing error on line")
    assert rows["kursi"]["passed"] == "no"
    assert "Exercise scores: 1 workbook(s)" in result.output and "Sel jawaban" not in out.read_text(encoding="utf-8-sig")
    result = run_cli(root, "notebooks", "check", str(target), "--out", str(out))
    rows = {row["exercise"]: row for row in csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8")[1:]))}
    assert rows["kursi"]["feedback"].startswith("Sel jawaban tidak dapat dibaca") and rows["kursi"]["passed"] == "tidak"
