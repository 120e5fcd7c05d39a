"""Notebooks: participant worksheet + checker, nbgrader metadata, executed solution notebooks."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from builder.build import build_workshop
from builder.checkers import pemeriksa
from builder.check.diagnostics import UserError
from builder.i18n import Locale
from builder.render.notebooks import build_notebook, kernel_available, python_literal, verify_solutions
from builder.sources.project import load_workshop

ROOT = Path(__file__).resolve().parent.parent / "roots" / "notebooks"
CHECKERS = list(pemeriksa.CHECKERS)  # the fixture has one exercise per checker the toolkit knows
CHECKERS_BY_ID = ["teras", "judul", "siaran", "ejaan", "acara", "naskah", "sapaan", "kursi", "kategori", "tenggat"]


def needs_kernel(test):
    """Mark ``test`` as executing notebooks with a real kernel (skipped when none is installed)."""
    test = pytest.mark.skipif(not kernel_available(), reason="no Jupyter python3 kernel installed")(test)
    return pytest.mark.kernel(test)


def load(root: Path = ROOT):
    workshop, report = load_workshop(root / "curriculum" / "uji-notebook.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One build of the notebooks kind (solution notebooks executed with a real kernel)."""
    out = tmp_path_factory.mktemp("build")
    build_workshop(load(), out, ["notebooks"], Locale("id"))
    return out / "uji-notebook"


def execute(notebook, folder: Path):
    """Run ``notebook`` in ``folder`` (which holds pemeriksa.py) with a real kernel."""
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def feedback(notebook) -> dict[str, str]:
    """Exercise id -> the HTML feedback shown under its check cell."""
    return {c.id[:-4]: "".join(o.get("data", {}).get("text/html", "") for o in c.outputs)
            for c in notebook.cells if c.cell_type == "code" and c.id.endswith("-cek")}


def test_fixture_has_one_exercise_per_checker():
    module = load().modules["latihan-notebook"]
    assert sorted(e.check.checker for e in module.exercises if e.check) == sorted(CHECKERS)


def test_participant_notebook_structure_and_nbgrader_metadata():
    notebook = build_notebook(load(), load().modules["latihan-notebook"])
    nbformat.validate(notebook)
    cells = {c.id: c for c in notebook.cells}
    intro = cells["intro"].source
    assert intro.startswith("# Latihan Humas &amp; Protokol") and "Shift+Enter" in intro
    assert "Bimbingan Teknis Kehumasan &amp; Keprotokolan &lt;Contoh&gt;" in intro
    answer, checker = cells["teras-jawaban"], cells["teras-cek"]
    assert answer.source.startswith("# ✏️ Tulis jawaban Anda di sini\njawaban_teras = ")
    assert answer.metadata["nbgrader"] == {"grade": False, "grade_id": "teras-jawaban", "locked": False,
                                           "schema_version": 3, "solution": True}
    assert checker.source.endswith('periksa("teras")\n')
    assert checker.metadata["nbgrader"]["grade"] is True and checker.metadata["nbgrader"]["points"] == 1
    assert checker.metadata["nbgrader"]["locked"] is True
    assert "&lt;PKK&gt;" in cells["teras-soal"].source and "\\$ dharma" in cells["teras-soal"].source
    assert "kertas-jawaban" not in cells  # paper exercises stay on paper
    assert "Label kursi dari kiri ke kanan **dilihat dari arah hadirin**: K1, K2, K3, K4, K5" in cells["kursi-soal"].source
    assert "Kunci" not in intro and "2019-08-29" not in json.dumps(notebook)  # no answer key in plain sight
    assert "nbgrader" not in cells["nama-peserta"].metadata  # nbgrader would replace a marker-less solution cell
    assert "BEGIN SOLUTION" not in json.dumps(notebook)


def test_trainer_notebook_is_the_participant_notebook_plus_solution_regions():
    workshop = load()
    module = workshop.modules["latihan-notebook"]
    participant, trainer = build_notebook(workshop, module), build_notebook(workshop, module, trainer=True)
    assert [c.id for c in trainer.cells] == [c.id for c in participant.cells]
    for mine, theirs in zip(participant.cells, trainer.cells):
        if mine.id.endswith("-jawaban"):
            assert theirs.source.startswith(mine.source + "### BEGIN SOLUTION\n")
            assert theirs.source.endswith("\n### END SOLUTION")
        else:
            assert theirs.source == mine.source, mine.id
    judul = next(c for c in trainer.cells if c.id == "judul-jawaban").source
    assert 'jawaban_judul = """\nAsisten Buka Rakor Kehumasan dan Keprotokolan Kubu Raya\n"""\n### END' in judul
    teras = next(c for c in trainer.cells if c.id == "teras-jawaban").source
    assert "# Catatan penilaian:\n# Nilai penuh bila keempat unsur ada" in teras


def test_answer_literals_are_plain_python_data():
    import ast

    for value in ["", "Satu baris", 'Ada "kutipan"', "akhir kutip\"", "garis \\ miring", ["a", "b"], {"K1": ""}, []]:
        assert ast.literal_eval(python_literal(value)) in (value, f"\n{value}\n", "\n\n")


def test_build_writes_valid_notebooks_and_the_checker(built: Path):
    for relative in ("notebooks/latihan-notebook.ipynb", "trainer/notebooks/latihan-notebook.ipynb"):
        nbformat.validate(nbformat.read(str(built / relative), as_version=4))
    shipped = (built / "notebooks" / "pemeriksa.py").read_text(encoding="utf-8")
    assert '"2019-08-17": "Hari Kemerdekaan Republik Indonesia",' in shipped
    assert "import holidays" not in shipped


@needs_kernel
def test_solution_notebook_was_executed_and_every_exercise_passes(built: Path):
    notebook = nbformat.read(str(built / "trainer/notebooks/latihan-notebook.ipynb"), as_version=4)
    shown = feedback(notebook)
    assert len(shown) == len(CHECKERS)
    for exercise, html in shown.items():
        assert "BENAR — skor 100%" in html, exercise
    assert all("execution" not in c.metadata for c in notebook.cells)
    scores = [o["data"]["text/plain"] for c in notebook.cells if c.id.endswith("-cek") for o in c.outputs]
    assert scores == ["1.0"] * len(CHECKERS)  # nbgrader reads text/plain as partial credit
    assert "jawaban_tenggat = {" in next(c.source for c in notebook.cells if c.id == "tenggat-jawaban")


@needs_kernel
def test_build_is_reproducible(built: Path, tmp_path: Path):
    build_workshop(load(), tmp_path, ["notebooks"], Locale("id"))
    for relative in ("notebooks/latihan-notebook.ipynb", "trainer/notebooks/latihan-notebook.ipynb",
                     "notebooks/pemeriksa.py"):
        assert (tmp_path / "uji-notebook" / relative).read_bytes() == (built / relative).read_bytes(), relative



def _probe():
    """A notebook that shows what an earlier notebook could have left in the kernel, then leaves some itself."""
    v4 = nbformat.v4
    cells = [v4.new_code_cell("print(sorted(k for k in globals() if not k.startswith('_') and k not in "
                              "('In', 'Out', 'exit', 'quit', 'get_ipython')))"),
             v4.new_code_cell("import sys\nprint('pemeriksa' in sys.modules)"),
             v4.new_code_cell("bocor = 1\nfrom pemeriksa import periksa\n1 + 1")]
    for number, cell in enumerate(cells):
        cell.id = f"sel-{number}"
    return v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})


@needs_kernel
def test_one_kernel_runs_each_notebook_as_a_fresh_kernel_would(tmp_path: Path):
    from builder.render.notebooks import KernelSession, execute_notebook, normalize_notebook, shipped_checker

    workshop = load()
    module = next(iter(workshop.modules.values()))
    source = shipped_checker()
    alone_solution = execute_notebook(build_notebook(workshop, module, trainer=True), source, "m")
    alone_probe = execute_notebook(_probe(), source, "p")
    with KernelSession(source) as session:
        shared = [session.execute(_probe(), "p"), session.execute(build_notebook(workshop, module, trainer=True), "m"),
                  session.execute(_probe(), "p")]
    assert nbformat.writes(shared[0]) == nbformat.writes(alone_probe) == nbformat.writes(shared[2])
    assert nbformat.writes(shared[1]) == nbformat.writes(alone_solution)
    # The session's kernel (its options, the frozen start-up objects, the precompiled checker) gives what
    # nbclient's own kernel, started the ordinary way, gives.
    (tmp_path / "pemeriksa.py").write_text(source, encoding="utf-8")
    plain_solution = normalize_notebook(execute(build_notebook(workshop, module, trainer=True), tmp_path))
    plain_probe = normalize_notebook(execute(_probe(), tmp_path))
    assert nbformat.writes(shared[1]) == nbformat.writes(plain_solution)
    assert nbformat.writes(shared[0]) == nbformat.writes(plain_probe)
    assert "bocor" not in shared[2].cells[0].outputs[0]["text"] and "periksa" not in shared[2].cells[0].outputs[0]["text"]
    assert shared[2].cells[1].outputs[0]["text"] == "False\n"
    assert shared[2].cells[2].execution_count == 3

@needs_kernel
def test_the_session_kernel_ends_with_the_session_even_when_a_notebook_fails():
    from builder.render.notebooks import KernelSession, shipped_checker

    failing = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise ValueError('rusak')")])
    with pytest.raises(UserError, match="failed to run"):
        with KernelSession(shipped_checker()) as session:
            process = session.manager.provisioner.process
            assert process.poll() is None  # started on entering, before any notebook ran
            session.execute(failing, "gagal.ipynb")
    assert process.poll() is not None
    assert not Path(session.folder.name).exists()


def test_kernel_lookup_finds_jupyters_kernel_without_importing_ipython():
    code = ("import sys\n"
            "from builder.render.notebooks import kernel_available, kernel_specs\n"
            "from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel\n"
            "found = kernel_available()\n"
            "print('IPython' in sys.modules)\n"
            "try:\n"
            "    ours = kernel_specs().get_kernel_spec('python3')\n"
            "    theirs = KernelSpecManager().get_kernel_spec('python3')\n"
            "    print(found, ours.resource_dir == theirs.resource_dir and ours.argv == theirs.argv)\n"
            "except NoSuchKernel:\n"
            "    print(found, False)\n")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    imported, same = result.stdout.split("\n", 1)
    assert imported == "False"
    assert same.split() == (["True", "True"] if kernel_available() else ["False", "False"])


@needs_kernel
def test_outputs_computed_without_a_kernel_are_the_kernels_to_the_byte():
    from builder.render.notebooks import KernelSession, fill_outputs, notebook_bytes, shipped_checker

    workshop = load()
    with KernelSession(shipped_checker()) as session:
        for module in workshop.modules.values():
            executed = session.execute(build_notebook(workshop, module, trainer=True), module.id)
            filled = fill_outputs(build_notebook(workshop, module, trainer=True), module)
            assert notebook_bytes(filled) == notebook_bytes(executed), module.id


def test_holiday_table_is_a_fresh_copy_each_time():
    from builder.render.notebooks import holiday_table

    table = holiday_table()
    assert table["2019-08-17"] == "Hari Kemerdekaan Republik Indonesia"
    table.clear()
    assert holiday_table()["2019-08-17"] == "Hari Kemerdekaan Republik Indonesia"


WRONG = {
    "teras": '"""Selasa (24/9/2019), Bupati membuka rakor di Aula Kantor Bupati Kubu Raya."""',
    "judul": '"Bupati buka Rakor Kehumasan."',
    "siaran": '"""Bupati Buka Rakor\n\nBupati membuka rakor di aula hari ini."""',
    "ejaan": '"Silahkan hadir hari Jumat pukul 09.00 di aula. Daftar hadir ditulis panitia."',
    "acara": '["Pembukaan oleh pembawa acara", "Menyanyikan lagu kebangsaan Indonesia Raya", "Laporan ketua panitia",'
             ' "Sambutan Ketua DPRD Kubu Raya", "Sambutan Bupati Kubu Raya sekaligus membuka acara secara resmi",'
             ' "Doa", "Penutup"]',
    "naskah": '"Waktu dan tempat kami persilakan kepada Bapak Bupati Kubu Raya."',
    "sapaan": '["Ketua DPRD Kubu Raya", "Bupati Kubu Raya", "Sekretaris Daerah Kubu Raya"]',
    "kursi": '{"K1": "Kapolres Kubu Raya", "K2": "Kepala Dinas Kominfo", "K3": "Bupati Kubu Raya",'
             ' "K4": "Ketua DPRD Kubu Raya", "K5": "Dandim 1207"}',
    "kategori": '{"Laporan keuangan tahunan Dinas Kominfo": "berkala",'
                ' "Peringatan dini banjir di Kecamatan Sungai Raya": "berkala",'
                ' "Perjanjian kerja sama dengan pihak ketiga": "setiap-saat", "Rekam medis pasien RSUD": "dikecualikan"}',
    "tenggat": '{"jawaban": "2019-08-28", "perpanjangan": "2019-09-09"}',
}
EXPECTED = {
    "teras": "Sebutkan tempat sebelum waktu",
    "judul": "“buka” → “Buka”",
    "siaran": "Bagian wajib belum ada: dateline",
    "ejaan": "“Silahkan” → “Silakan”",
    "acara": "harus sebelum “Pembukaan oleh pembawa acara”: UU 9/2010 Pasal 28",
    "naskah": "Yang dipersilakan adalah orangnya",
    "sapaan": "Sapaan pertama harus untuk pejabat tertinggi, Bupati Kubu Raya, bukan Ketua DPRD Kubu Raya",
    "kursi": "Kursi K1 adalah kursi kedua di sebelah kanan pimpinan (kiri bila dilihat dari hadirin); kursi ini untuk "
             "Dandim 1207",
    "kategori": "“Peringatan dini banjir di Kecamatan Sungai Raya” bukan informasi berkala",
    "tenggat": "Hari permohonan diterima tidak dihitung",
}


def _with_answers(built: Path, answers: dict[str, str], folder: Path):
    notebook = nbformat.read(str(built / "notebooks/latihan-notebook.ipynb"), as_version=4)
    for cell in notebook.cells:
        exercise = cell.id.removesuffix("-jawaban")
        if cell.id.endswith("-jawaban") and exercise in answers:
            cell.source = f"jawaban_{exercise} = {answers[exercise]}"
    shutil.copy(built / "notebooks" / "pemeriksa.py", folder / "pemeriksa.py")
    return execute(notebook, folder)


@needs_kernel
def test_participant_notebook_with_wrong_answers_names_each_problem(built: Path, tmp_path: Path):
    shown = feedback(_with_answers(built, WRONG, tmp_path))
    for exercise, phrase in EXPECTED.items():
        assert "PERLU DIPERBAIKI" in shown[exercise], exercise
        assert phrase in shown[exercise].replace("&quot;", '"').replace("&#x27;", "'"), (exercise, shown[exercise])


@needs_kernel
def test_participant_notebook_run_as_shipped_says_what_is_missing(built: Path, tmp_path: Path):
    notebook = _with_answers(built, {}, tmp_path)
    shown = feedback(notebook)
    for exercise in CHECKERS_BY_ID:
        assert "Anda belum mengerjakan latihan ini" in shown[exercise], exercise
        assert "skor 0%" in shown[exercise], exercise
    assert not any(o.output_type == "error" for c in notebook.cells for o in c.get("outputs", []))
    setup = next(c for c in notebook.cells if c.id == "persiapan")
    assert setup.outputs[0].text.startswith("✔ Pemeriksa siap: Latihan Humas & Protokol (10 latihan).")


def test_a_failing_solution_stops_the_build_naming_the_file_and_exercise(tmp_path: Path):
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root)
    module_file = root / "modules" / "latihan-notebook.yaml"
    module_file.write_text(module_file.read_text(encoding="utf-8").replace(
        "solution: Asisten Buka Rakor Kehumasan dan Keprotokolan Kubu Raya", "solution: Asisten buka rakor."),
        encoding="utf-8")
    workshop = load(root)
    with pytest.raises(UserError) as caught:
        verify_solutions(workshop.modules["latihan-notebook"], workshop.module_files["latihan-notebook"])
    assert "latihan-notebook.yaml: exercise 'judul': the solution does not pass the 'headline' checker" in caught.value.message
    assert "Hapus titik di akhir judul" in caught.value.message


def test_participant_notebook_renders_to_html_with_instructions_and_feedback(built: Path):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(built / "trainer/notebooks/latihan-notebook.ipynb"))
    assert "Cara memakai buku kerja ini" in body and "Latihan 10. Menghitung batas waktu jawaban" in body
    assert "Tata tempat" in body or "Mengatur tempat duduk meja utama" in body


# --------------------------------------------------------------------------- nothing shipped holds a model answer


def _decoded(text: str) -> str:
    """``text`` plus everything hidden in it as base64 (zlib-compressed or not), decoded."""
    import base64
    import zlib

    found = [text]
    for blob in re.findall(r"[A-Za-z0-9+/=\s\"]{80,}", text):
        packed = re.sub(r"[\s\"]", "", blob)
        try:
            raw = base64.b64decode(packed + "=" * (-len(packed) % 4))
        except ValueError:
            continue
        for data in (raw, *_inflated(raw, zlib)):
            found.append(data.decode("utf-8", errors="ignore"))
    return "\n".join(found)


def _inflated(raw: bytes, zlib) -> list[bytes]:
    try:
        return [zlib.decompress(raw)]
    except zlib.error:
        return []


def _answer_traces(solution) -> list[str]:
    """Literal traces of a model answer: its text, its ordered list, its filled pairs, its dates."""
    if isinstance(solution, str):
        return [" ".join(solution.split())]
    if isinstance(solution, list):
        return [" | ".join(" ".join(str(x).split()) for x in solution)]
    traces = []
    for key, value in solution.items():
        traces.append(f"{json.dumps(str(key), ensure_ascii=False)}: {json.dumps(str(value), ensure_ascii=False)}")
        traces.append(f"{key!r}: {value!r}")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            traces.append(str(value))
    return traces


def _shipped(notebook) -> tuple[str, str]:
    """Everything a participant notebook carries (whitespace collapsed, base64 decoded), and its set-up data as JSON."""
    from builder.cli.notebooks import embedded_data

    data = json.dumps(embedded_data(notebook), ensure_ascii=False)
    return " ".join(_decoded(json.dumps(notebook, ensure_ascii=False)).split()) + "\n" + data, data


def test_nothing_shipped_to_participants_holds_a_model_answer():
    from builder.render.notebooks import notebook_exercises, shipped_checker

    workshop, report = load_workshop(Path(__file__).resolve().parents[2] / "curriculum" / "rakor-kubu-raya-2019.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    checker = " ".join(_decoded(shipped_checker({"2019-08-17": "Hari Kemerdekaan"})).split())
    checked = 0
    pairs = [(workshop, m) for m in workshop.modules.values()] + [(load(), load().modules["latihan-notebook"])]
    for owner, module in pairs:
        shipped, data = _shipped(build_notebook(owner, module))
        for exercise in notebook_exercises(module):
            for trace in _answer_traces(exercise.solution):
                assert trace not in shipped and trace not in checker, (module.id, exercise.id, trace)
                checked += 1
            if isinstance(exercise.solution, list):  # the rules must not list the items in the answer's order
                places = [data.find(json.dumps(str(item), ensure_ascii=False)) for item in exercise.solution]
                assert -1 in places or places != sorted(places), (module.id, exercise.id, "order")
            for form in exercise.check.params.get("must_contain", ()):
                form = form["form"] if isinstance(form, dict) else form
                assert json.dumps(form, ensure_ascii=False) not in data, (module.id, exercise.id, form)
                checked += 1
    assert checked > 40
    assert "kunci" in data and "berkala" in checker  # the rules are there, the keys are digests


# --------------------------------------------------------------------------- nbgrader round trip


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real nbgrader command line in ``course``."""
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          timeout=600)


def _cell_view(notebook) -> list[tuple[str, str, str]]:
    return [(c.id, c.cell_type, c.source) for c in notebook.cells]


SUBMISSION = {
    "teras": '"""Asisten Administrasi dan Umum Setda Kubu Raya membuka Rapat Koordinasi Kehumasan dan Keprotokolan '
             'di Aula Kantor Bupati Kubu Raya, Selasa (24/9/2019)."""\nwhile True:\n    pass',
    "judul": '"Asisten buka Rakor Kehumasan."',
    "ejaan": '"Silakan hadir pada hari Jumat pukul 09.00 wib di aula kantor. Daftar hadir ditulis oleh panitia."',
    "kursi": '{"K1": "Dandim 1207", "K2": "Kepala Dinas Kominfo", "K3": "Bupati Kubu Raya", '
             '"K4": "Ketua DPRD Kubu Raya", "K5": "Kapolres Kubu Raya"}',
    "tenggat": '{"jawaban": "2019-08-28", "perpanjangan": "2019-09-09"}',
}


@needs_kernel
def test_nbgrader_round_trip_release_validate_and_autograde(built: Path, tmp_path: Path):
    pytest.importorskip("nbgrader", reason="nbgrader comes with the test extra: pip install -e .[test]")
    course = tmp_path / "kursus"
    source = course / "source" / "latihan-notebook"
    source.mkdir(parents=True)
    for name in ("latihan-notebook.ipynb", "pemeriksa.py"):
        shutil.copy(built / "trainer" / "notebooks" / name, source / name)
    config = (built / "trainer" / "notebooks" / "nbgrader_config.py").read_text(encoding="utf-8")
    (course / "nbgrader_config.py").write_text(config + f"c.CourseDirectory.root = {str(course)!r}\n"
                                               "c.Execute.timeout = 5\n", encoding="utf-8")

    released = nbgrader(course, "generate_assignment", "latihan-notebook", "--create")
    assert released.returncode == 0, released.stderr
    release = nbformat.read(str(course / "release" / "latihan-notebook" / "latihan-notebook.ipynb"), as_version=4)
    participant = nbformat.read(str(built / "notebooks" / "latihan-notebook.ipynb"), as_version=4)
    assert _cell_view(release) == _cell_view(participant)  # starters kept, same cells, same ids
    assert (course / "release" / "latihan-notebook" / "pemeriksa.py").is_file()

    solution = nbgrader(course, "validate", str(source / "latihan-notebook.ipynb"))
    assert solution.returncode == 0 and "Success! Your notebook passes all the tests." in solution.stdout, solution
    untouched = nbgrader(course, "validate", str(course / "release" / "latihan-notebook" / "latihan-notebook.ipynb"))
    assert "VALIDATION FAILED ON 10 CELL(S)!" in untouched.stdout, untouched
    assert "Traceback" not in untouched.stdout + untouched.stderr and "Error" not in untouched.stdout

    submitted = course / "submitted" / "siti" / "latihan-notebook"
    submitted.mkdir(parents=True)  # the participant returns the notebook only, without pemeriksa.py
    for cell in release.cells:
        exercise = cell.id.removesuffix("-jawaban")
        if cell.id.endswith("-jawaban") and exercise in SUBMISSION:
            cell.source = f"jawaban_{exercise.replace('-', '_')} = {SUBMISSION[exercise]}"
    nbformat.write(release, str(submitted / "latihan-notebook.ipynb"))
    graded = nbgrader(course, "autograde", "latihan-notebook", "--create")
    assert graded.returncode == 0, graded.stderr

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook("latihan-notebook", "latihan-notebook", "siti")
        by_nbgrader = {g.name.removesuffix("-cek"): round(g.score, 2) for g in notebook.grades}
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root)
    from tests.helpers import run_cli

    checked = run_cli(root, "notebooks", "check", str(submitted / "latihan-notebook.ipynb"), "--out",
                      str(tmp_path / "skor.csv"))
    assert checked.exit_code == 0, checked.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "skor.csv").read_text(encoding="utf-8-sig"))))
    assert by_nbgrader == {r["exercise"]: float(r["score"]) for r in rows}
    assert by_nbgrader["kursi"] == 1.0 and by_nbgrader["teras"] == 1.0  # the loop was stopped, the answer kept
    assert 0 < by_nbgrader["judul"] < 1 and by_nbgrader["tenggat"] == 0.5 and by_nbgrader["siaran"] == 0


@needs_kernel
def test_without_pemeriksa_py_every_check_cell_explains_it_in_indonesian(built: Path, tmp_path: Path):
    notebook = nbformat.read(str(built / "notebooks" / "latihan-notebook.ipynb"), as_version=4)
    execute(notebook, tmp_path)  # tmp_path holds no pemeriksa.py
    assert not any(o.output_type == "error" for c in notebook.cells for o in c.get("outputs", []))
    setup = next(c for c in notebook.cells if c.id == "persiapan")
    assert setup.outputs[0].text.startswith("✘ Berkas pemeriksa.py tidak ditemukan.")
    checks = [c for c in notebook.cells if c.id.endswith("-cek")]
    assert len(checks) == 10
    for cell in checks:
        (output,) = cell.outputs
        assert "Berkas pemeriksa.py tidak ditemukan" in output.data["text/html"]
        assert output.data["text/plain"] == "0"  # nbgrader reads this as 0 points


def test_without_a_kernel_the_solution_outputs_are_computed_with_the_same_checker():
    from builder.render.notebooks import fill_outputs

    workshop = load()
    module = workshop.modules["latihan-notebook"]
    notebook = fill_outputs(build_notebook(workshop, module, trainer=True), module)
    shown = feedback(notebook)
    assert sorted(shown) == sorted(CHECKERS_BY_ID)
    assert all("BENAR — skor 100%" in html for html in shown.values())
    setup = next(c for c in notebook.cells if c.id == "persiapan")
    assert setup.outputs[0].text.startswith("✔ Pemeriksa siap: Latihan Humas & Protokol (10 latihan).")


def test_a_print_split_over_two_kernel_messages_is_written_as_one_output():
    """The kernel may send a print's text and its line end as two stream messages; the file must not show it."""
    from builder.render.notebooks import join_streams, normalize_notebook

    nbf = nbformat.v4
    split = [nbf.new_output("stream", name="stdout", text="Pemeriksa siap."),
             nbf.new_output("stream", name="stdout", text="\n"),
             nbf.new_output("stream", name="stderr", text="peringatan\n"), nbf.new_output("stream", name="stdout", text="lagi\n")]
    whole = [nbf.new_output("stream", name="stdout", text="Pemeriksa siap.\n"),
             nbf.new_output("stream", name="stderr", text="peringatan\n"), nbf.new_output("stream", name="stdout", text="lagi\n")]
    assert join_streams(split) == whole
    one = nbf.new_notebook(cells=[nbf.new_code_cell("print('x')", id="sel-1", outputs=[*split])])
    two = nbf.new_notebook(cells=[nbf.new_code_cell("print('x')", id="sel-1", outputs=[*whole])])
    assert nbformat.writes(normalize_notebook(one)) == nbformat.writes(normalize_notebook(two))
