"""``workshop notebooks check``: grade returned notebooks without a kernel into a CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import nbformat

from builder.render.notebooks import build_notebook
from builder.sources.project import load_workshop
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
    assert list(rows[0]) == ["participant", "file", "module", "exercise", "score", "passed", "feedback"]
    assert len(rows) == 20
    by = {(r["participant"], r["exercise"]): r for r in rows}
    assert by[("Siti Aminah, S.Sos.", "judul")] == {
        "participant": "Siti Aminah, S.Sos.", "file": "siti.ipynb", "module": "latihan-notebook", "exercise": "judul",
        "score": "1.00", "passed": "ya", "feedback": "Benar."}
    assert by[("Siti Aminah, S.Sos.", "tenggat")]["passed"] == "ya"
    seats = by[("Siti Aminah, S.Sos.", "kursi")]
    assert seats["passed"] == "tidak"
    assert "Belum mendapat kursi: Ketua DPRD Kubu Raya; Kapolres Kubu Raya." in seats["feedback"]
    assert by[("Siti Aminah, S.Sos.", "teras")]["feedback"].startswith("Sel jawaban berisi kode")
    assert by[("Siti Aminah, S.Sos.", "acara")]["feedback"].startswith("Sel jawaban tidak dapat dibaca")
    for exercise in ("siaran", "ejaan", "acara", "kursi"):  # an untouched starter earns nothing
        assert by[("budi", exercise)]["score"] == "0.00"
        assert by[("budi", exercise)]["feedback"].startswith("Anda belum mengerjakan latihan ini")
    table = [line for line in result.output.splitlines() if "Siti Aminah" in line]
    assert len(table) == 10 and all("latihan-notebook" in line for line in table)  # module and exercise per row
    assert any("│ judul " in line and "100%" in line for line in table)


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


def _cells(notebook) -> dict:
    return {c.id: c for c in notebook.cells}


def grade_one(root: Path, tmp_path: Path, notebook, *args: str) -> dict[str, dict[str, str]]:
    """Run `workshop notebooks check` on one notebook: exercise -> CSV row."""
    nbformat.write(notebook, str(tmp_path / "peserta.ipynb"))
    result = run_cli(root, "notebooks", "check", str(tmp_path / "peserta.ipynb"), "--out", str(tmp_path / "s.csv"), *args)
    assert result.exit_code == 0, result.output
    return {r["exercise"]: r for r in read_csv(tmp_path / "s.csv")}


GOOD_TITLE = '"Asisten Buka Rakor Kehumasan dan Keprotokolan Kubu Raya"'


def test_cells_are_found_by_their_nbgrader_ids_not_their_position(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"judul": GOOD_TITLE,
                                           "tenggat": '{"jawaban": "2019-08-29", "perpanjangan": "2019-09-09"}'})
    cells = _cells(notebook)
    notebook.cells.remove(cells["judul-jawaban"])  # moved to the end, below its check cell
    notebook.cells.append(cells["judul-jawaban"])
    cells["tenggat-jawaban"].cell_type = "markdown"  # retyped: nbgrader turns it back into code
    cells["tenggat-jawaban"].pop("outputs"), cells["tenggat-jawaban"].pop("execution_count")
    notebook.cells.remove(cells["kursi-jawaban"])  # deleted
    notebook.cells.remove(cells["acara-cek"])  # a deleted check cell does not stop the grading
    rows = grade_one(root, tmp_path, notebook)
    assert rows["judul"]["passed"] == "ya" and rows["tenggat"]["passed"] == "ya"
    assert rows["kursi"]["feedback"] == "Sel jawaban tidak ditemukan (mungkin terhapus)." and rows["kursi"]["score"] == "0.00"
    assert rows["acara"]["feedback"].startswith("Anda belum mengerjakan latihan ini")


def test_a_duplicated_answer_cell_counts_by_its_last_copy_like_a_kernel(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"judul": '"bupati buka rakor."'})
    cells = notebook.cells
    at = next(i for i, c in enumerate(cells) if c.id == "judul-jawaban")
    copy = nbformat.from_dict(dict(cells[at]))
    copy.id = "salinan"
    copy.source = f"jawaban_judul = {GOOD_TITLE}"
    cells.insert(at + 1, copy)
    assert grade_one(root, tmp_path, notebook)["judul"]["passed"] == "ya"


def test_wrong_types_code_and_renamed_variables_are_explained(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"judul": '["Asisten", "Buka", "Rakor"]', "teras": "open('x').read()",
                                           "acara": '"Doa"', "kategori": "42"})
    _cells(notebook)["tenggat-jawaban"].source = 'jawaban_tenggatku = {"jawaban": "2019-08-29"}'
    rows = grade_one(root, tmp_path, notebook)
    assert rows["judul"]["feedback"].startswith("Jawaban latihan ini berupa teks")
    assert rows["teras"]["feedback"].startswith("Sel jawaban berisi kode")
    assert rows["acara"]["score"] == "0.00" and rows["kategori"]["feedback"].startswith("Jawaban latihan ini berupa "
                                                                                         "pasangan")
    assert rows["tenggat"]["feedback"].startswith("Variabel jawaban_tenggat tidak ditemukan")
    assert all(r["passed"] == "tidak" for r in rows.values())


def test_an_answer_cell_that_loops_forever_does_not_stop_the_grading(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"judul": GOOD_TITLE + "\nwhile True:\n    pass"})
    assert grade_one(root, tmp_path, notebook)["judul"]["passed"] == "ya"  # no participant code runs


def test_a_check_that_hangs_is_stopped_after_the_timeout(tmp_path: Path, monkeypatch):
    import time

    from builder.checkers import pemeriksa

    def hang(answer, **_):
        time.sleep(60)

    monkeypatch.setitem(pemeriksa.CHECKERS, "headline", hang)
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"judul": GOOD_TITLE,
                                           "tenggat": '{"jawaban": "2019-08-29", "perpanjangan": "2019-09-09"}'})
    started = time.monotonic()
    rows = grade_one(root, tmp_path, notebook, "--timeout", "1")
    assert time.monotonic() - started < 30
    assert rows["judul"]["score"] == "0.00" and "dihentikan karena melewati 1 detik" in rows["judul"]["feedback"]
    assert rows["tenggat"]["passed"] == "ya"  # the checks after it still run


def test_feedback_never_repeats_a_message(tmp_path: Path):
    root = make_project(tmp_path, base="notebooks")
    notebook = participant_notebook(root, {"ejaan": '"Silahkan hadir, silahkan duduk, silahkan makan."'})
    feedback = grade_one(root, tmp_path, notebook)["ejaan"]["feedback"].split(" | ")
    assert len(feedback) == len(set(feedback)) and sum("“silahkan” → “silakan”" in f for f in feedback) == 1
