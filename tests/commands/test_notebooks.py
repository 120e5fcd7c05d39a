"""``workshop notebooks check``: grade returned notebooks without a kernel into a CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import nbformat

from builder.outputs.notebooks import build_notebook
from builder.project import load_workshop
from tests.helpers import make_project, run_cli


def participant_notebook(root: Path, answers: dict[str, str], name: str = "") -> nbformat.NotebookNode:
    workshop, report = load_workshop(root / "curriculum" / "uji-notebook.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    notebook = build_notebook(workshop, workshop.modules["latihan-notebook"])
    for cell in notebook.cells:
        if cell.id == "nama-peserta" and name:
            cell.source = f'nama_peserta = "{name}"'
        exercise = cell.id.removesuffix("-jawaban")
        if cell.id.endswith("-jawaban") and exercise in answers:
            cell.source = f"# ✏️ Tulis jawaban Anda di sini\njawaban_{exercise} = {answers[exercise]}"
    return notebook


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_check_writes_one_row_per_participant_and_exercise(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    answers = {"judul": '"Asisten Buka Rakor Kehumasan dan Keprotokolan Kubu Raya"',
               "tenggat": '{"jawaban": "2019-08-29", "perpanjangan": "2019-09-09"}',
               "kursi": '{"K1": "Dandim 1207", "K2": "Kepala Dinas Kominfo", "K3": "Bupati Kubu Raya"}',
               "teras": '"a" + "b"',
               "acara": '["Doa",'}
    nbformat.write(participant_notebook(root, answers, name="Siti Aminah, S.Sos."), str(tmp_path / "siti.ipynb"))
    nbformat.write(participant_notebook(root, {}), str(tmp_path / "budi.ipynb"))
    result = run_cli(root, "notebooks", "check", str(tmp_path / "siti.ipynb"), str(tmp_path / "budi.ipynb"),
                     "--out", str(tmp_path / "skor.csv"))
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "skor.csv")
    assert list(rows[0]) == ["participant", "file", "exercise", "score", "passed", "feedback"]
    assert len(rows) == 20
    by = {(r["participant"], r["exercise"]): r for r in rows}
    assert by[("Siti Aminah, S.Sos.", "judul")] == {
        "participant": "Siti Aminah, S.Sos.", "file": "siti.ipynb", "exercise": "judul", "score": "1.00",
        "passed": "ya", "feedback": "Benar."}
    assert by[("Siti Aminah, S.Sos.", "tenggat")]["passed"] == "ya"
    seats = by[("Siti Aminah, S.Sos.", "kursi")]
    assert seats["passed"] == "tidak"
    assert "Belum mendapat kursi: Ketua DPRD Kubu Raya; Kapolres Kubu Raya." in seats["feedback"]
    assert by[("Siti Aminah, S.Sos.", "teras")]["feedback"].startswith("Sel jawaban berisi kode")
    assert by[("Siti Aminah, S.Sos.", "acara")]["feedback"].startswith("Sel jawaban tidak dapat dibaca")
    assert by[("budi", "siaran")]["feedback"].startswith("Anda belum mengisi jawaban")
    assert by[("budi", "ejaan")]["score"] == "0.10"  # the starter text still holds every mistake
    assert "Siti Aminah, S.Sos." in result.output and "10/10" not in result.output


def test_check_uses_the_projects_answer_keys_not_the_notebooks(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"tenggat": '{"jawaban": "2019-08-29", "perpanjangan": "2019-09-09"}'})
    nbformat.write(notebook, str(tmp_path / "ani.ipynb"))
    module = root / "modules" / "latihan-notebook.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("received: 2019-08-15", "received: 2019-08-14"),
                      encoding="utf-8")
    result = run_cli(root, "notebooks", "check", str(tmp_path / "ani.ipynb"), "--out", str(tmp_path / "s.csv"))
    assert result.exit_code == 0, result.output
    row = next(r for r in read_csv(tmp_path / "s.csv") if r["exercise"] == "tenggat")
    assert row["passed"] == "tidak"


def test_check_reports_unreadable_files_and_exits_2(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    (tmp_path / "rusak.ipynb").write_text("{bukan json", encoding="utf-8")
    result = run_cli(root, "notebooks", "check", str(tmp_path / "rusak.ipynb"), "--out", str(tmp_path / "s.csv"))
    assert result.exit_code == 2
    assert "rusak.ipynb:1:2: error: is not valid notebook JSON: Expecting property name enclosed in double quotes" in result.output
    assert "error: no notebook could be graded" in result.output
