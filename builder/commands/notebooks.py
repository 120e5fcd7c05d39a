"""``workshop notebooks check``: grade returned notebooks without a kernel and write a CSV of scores."""

from __future__ import annotations

import ast
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from builder.cells import safe_row
from builder.diagnostics import UserError, display_path

COLUMNS = ("participant", "file", "exercise", "score", "passed", "feedback")


def register(group: click.Group) -> None:
    """Add the ``notebooks`` command group."""
    group.add_command(notebooks)


@click.group()
def notebooks() -> None:
    """Grade notebook exercises returned by participants (see `workshop notebooks check --help`)."""


@dataclass(frozen=True)
class Row:
    """The grade of one exercise of one participant."""

    participant: str
    file: str
    exercise: str
    score: float
    passed: bool
    feedback: str

    def values(self) -> list[str]:
        return [self.participant, self.file, self.exercise, f"{self.score:.2f}", "ya" if self.passed else "tidak",
                self.feedback]


class NotebookProblem(Exception):
    """A returned notebook that cannot be graded at all (unreadable, not a workshop notebook)."""

    def __init__(self, message: str, line: int = 0, column: int = 0,
                 hint: str = "ask the participant for the .ipynb file again (File > Download in Jupyter)") -> None:
        super().__init__(message)
        self.line, self.column, self.hint = line, column, hint

    def format(self, path: Path) -> str:
        """``file:line:col: error: message`` plus a hint line."""
        where = f"{display_path(path)}:{self.line}:{self.column}" if self.line else display_path(path)
        return f"{where}: error: {self}\n    hint: {self.hint}"


def _read(path: Path):
    """Read a returned notebook; every way it can be broken is a located NotebookProblem."""
    from builder.notebook_input import read_notebook

    return read_notebook(path, NotebookProblem)


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _assigned(source: str, variable: str):
    """The literal assigned to ``variable`` in a cell's source: (found, value, problem)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return True, None, (f"Sel jawaban tidak dapat dibaca: ada kesalahan penulisan di baris {error.lineno} "
                            "(periksa tanda kutip dan koma).")
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
            try:
                return True, ast.literal_eval(node.value), ""
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return True, None, ("Sel jawaban berisi kode, bukan teks atau daftar biasa; tulis jawaban di antara "
                                    "tanda kutip.")
    return False, None, ""


def find_answer(notebook, exercise_id: str):
    """The participant's answer to ``exercise_id``: by nbgrader grade_id, else by variable name."""
    from builder.checkers import answer_variable

    variable = answer_variable(exercise_id)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    tagged = [c for c in cells if _grade_id(c) == f"{exercise_id}-jawaban"]
    for cell in tagged + [c for c in cells if c not in tagged]:
        found, value, problem = _assigned(cell.source, variable)
        if found:
            return value, problem
    return None, "Sel jawaban tidak ditemukan (mungkin terhapus)."


def participant_name(notebook, path: Path) -> str:
    """The name typed in the notebook's name cell, else the file name without extension."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and ("nama_peserta" in cell.source):
            found, value, _ = _assigned(cell.source, "nama_peserta")
            if found and isinstance(value, str) and value.strip():
                return " ".join(value.split())
    return path.stem


def embedded_data(notebook) -> dict | None:
    """The exercise data packed into the notebook's set-up cell."""
    from builder.checkers import decode_exercises

    for cell in notebook.cells:
        if cell.cell_type != "code" or "siapkan(" not in cell.source:
            continue
        try:
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "siapkan" and node.args:
                    return decode_exercises(ast.literal_eval(node.args[0]))
        except Exception:
            return None
    return None


def project_data(module_id: str) -> dict | None:
    """Exercise data from the project's ``modules/<id>.yaml`` (the authoritative answer keys)."""
    from builder.diagnostics import Report
    from builder.outputs.notebooks import exercise_data
    from builder.project import find_root, load_module

    path = find_root() / "modules" / f"{module_id}.yaml"
    if not path.is_file():
        return None
    report = Report()
    module = load_module(path, report)
    if module is None or report.errors:
        raise UserError(f"{display_path(path)} has errors; fix them first", "run `workshop validate`")
    return exercise_data(module)


def grade_notebook(path: Path, module_id: str | None, cache: dict, warn) -> list[Row]:
    """Grade every exercise of one returned notebook."""
    from builder.checkers import check

    notebook = _read(path)
    meta = notebook.metadata.get("humas_workshop", {})
    module = module_id or meta.get("module")
    data = None
    if module:
        if module not in cache:
            cache[module] = project_data(module)
        data = cache[module]
    if data is None:
        data = embedded_data(notebook)
        if data is None:
            raise NotebookProblem("not a workshop notebook (no set-up cell with the exercises); pass --module ID")
        warn(f"{display_path(path)}: module '{data.get('module')}' not found in this project; "
             "using the answer keys stored in the notebook")
    participant = participant_name(notebook, path)
    rows = []
    for exercise_id, exercise in data["exercises"].items():
        answer, problem = find_answer(notebook, exercise_id)
        if problem:
            rows.append(Row(participant, path.name, exercise_id, 0.0, False, problem))
            continue
        result = check(exercise["checker"], answer, exercise.get("params"))
        feedback = " | ".join(m.text for m in result.messages if m.kind == "salah") or "Benar."
        rows.append(Row(participant, path.name, exercise_id, result.score, result.passed, feedback))
    return rows


def write_csv(rows: list[Row], target: Path) -> None:
    """Write the scores as UTF-8 CSV with a BOM (Excel opens it with the right characters)."""
    from builder.writer import atomic_write

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(safe_row(row.values()))
    atomic_write(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


@notebooks.command("check")
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--module", "module_id", default=None, metavar="ID",
              help="Grade against this module's exercises (default: the module named in each notebook).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("skor-latihan.csv"), show_default=True,
              help="CSV file of scores.")
def check_command(submissions: tuple[Path, ...], module_id: str | None, out: Path) -> None:
    """Grade returned notebooks and write one CSV row per participant and exercise.

    \b
    Answers are read from the answer cells as plain text/lists (no kernel is
    started and no participant code runs). Answer keys come from the project's
    modules/<id>.yaml when present, else from the notebook itself.

    \b
    Examples:
      workshop notebooks check kumpulan/*.ipynb --out skor.csv
      workshop notebooks check budi.ipynb --module menulis-berita
    """
    from rich.table import Table

    from builder.cli import console, err_console
    from builder.outputs.notebooks import install_holidays

    install_holidays()
    rows: list[Row] = []
    cache: dict = {}
    problems = 0

    def warn(message: str) -> None:
        err_console.print(f"warning: {message}", markup=False, soft_wrap=True)

    for path in sorted(submissions):
        try:
            rows.extend(grade_notebook(path, module_id, cache, warn))
        except NotebookProblem as problem:
            problems += 1
            err_console.print(problem.format(path), markup=False, soft_wrap=True)
    if not rows:
        raise UserError("no notebook could be graded", "pass the .ipynb files returned by participants")
    write_csv(rows, out)
    table = Table(title=f"Skor latihan ({len({r.file for r in rows})} buku kerja)")
    for column in ("peserta", "latihan benar", "skor rata-rata"):
        table.add_column(column)
    for file in dict.fromkeys(r.file for r in rows):
        mine = [r for r in rows if r.file == file]
        table.add_row(mine[0].participant, f"{sum(r.passed for r in mine)}/{len(mine)}",
                      f"{sum(r.score for r in mine) / len(mine) * 100:.0f}%")
    console.print(table)
    console.print(f"wrote {display_path(out)}")
    sys.stdout.flush()
    if problems:
        sys.exit(2)
