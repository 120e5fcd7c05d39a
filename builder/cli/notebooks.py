"""``workshop notebooks check``: grade returned notebooks without a kernel and write a CSV of scores."""

from __future__ import annotations

import ast
import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from builder.write.cells import safe_row
from builder.check.diagnostics import UserError, display_path

if TYPE_CHECKING:
    from builder.i18n import Locale

COLUMNS = ("participant", "file", "module", "exercise", "score", "passed", "feedback")
TIMEOUT = 10.0  # seconds one check may take before it is stopped


def _locale(language: str) -> Locale:
    """The labels of ``language`` (imported here: the CLI's start-up stays light)."""
    from builder.i18n import Locale

    return Locale(language)


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
    module: str
    exercise: str
    score: float
    passed: bool
    feedback: str

    def values(self, locale: Locale | None = None) -> list[str]:
        """The CSV cells of this row (yes/no in ``locale``'s language)."""
        locale = locale or _locale("id")
        return [self.participant, self.file, self.module, self.exercise, f"{self.score:.2f}",
                locale.label("csv.yes" if self.passed else "csv.no"), self.feedback]


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
    from builder.sources.notebooks import read_notebook

    return read_notebook(path, NotebookProblem)


def _grade_id(cell) -> str:
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id", "")


def _assigned(source: str, variable: str, locale: Locale | None = None):
    """The last literal assigned to ``variable`` in a cell's source: (found, value, problem)."""
    locale = locale or _locale("id")
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        if variable not in source:
            return False, None, ""
        return True, None, locale.label("nbcheck.syntax", line=error.lineno)
    found, value, problem = False, None, ""
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) and node.value is not None else []
        if any(isinstance(t, ast.Name) and t.id == variable for t in targets):
            found = True
            try:
                value, problem = ast.literal_eval(node.value), ""
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                value, problem = None, locale.label("nbcheck.code")
    return found, value, problem


def find_answer(notebook, exercise_id: str, locale: Locale | None = None):
    """The participant's answer to ``exercise_id``, found by nbgrader ids, not by position: (value, problem).

    As a kernel would: the last assignment made before the check cell (a duplicated answer cell
    therefore counts by its last copy); an answer cell moved below its check cell or retyped as
    Markdown is still read.
    """
    locale = locale or _locale("id")
    from builder.checkers import answer_variable

    variable = answer_variable(exercise_id)
    cells = list(notebook.cells)
    check_at = next((i for i, c in enumerate(cells) if _grade_id(c) == f"{exercise_id}-cek"), len(cells))
    candidates = [i for i, c in enumerate(cells)
                  if _grade_id(c) == f"{exercise_id}-jawaban" or (c.cell_type == "code" and variable in c.source)]
    ordered = [i for i in candidates if i < check_at][::-1] + [i for i in candidates if i > check_at][::-1]
    for index in ordered:
        found, value, problem = _assigned(cells[index].source, variable, locale)
        if found:
            return value, problem
    if candidates:
        return None, locale.label("nbcheck.no_variable", variable=variable)
    return None, locale.label("nbcheck.no_cell")


def participant_name(notebook, path: Path) -> str:
    """The name typed in the notebook's name cell, else the file name without extension."""
    for cell in notebook.cells:
        if "nama_peserta" in cell.source:
            found, value, _ = _assigned(cell.source, "nama_peserta")
            if found and isinstance(value, str) and value.strip():
                return " ".join(value.split())
    return path.stem


def embedded_data(notebook) -> dict | None:
    """The exercise rules written into the notebook's set-up cell (readable data, no answer keys)."""
    for cell in notebook.cells:
        if "siapkan(" not in cell.source:
            continue
        try:
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "siapkan" and node.args:
                    data = ast.literal_eval(node.args[0])
                    if isinstance(data, dict) and isinstance(data.get("exercises"), dict):
                        return data
        except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
            return None
    return None


def project_data(module_id: str, workshop_id: str | None = None) -> dict | None:
    """Exercise data from the project's ``modules/<id>.yaml`` (the authoritative answer keys).

    The module is set in the context of the workshop the notebook was built for
    (``curriculum/<workshop>.yaml``); without that curriculum, a module whose keys need the
    workshop's context gives None, so the keys stored in the notebook are used.
    """
    import json

    from builder.check.diagnostics import Report
    from builder.render.notebooks import exercise_data
    from builder.sources.project import find_root, load_module, load_workshop

    root = find_root()
    path = root / "modules" / f"{module_id}.yaml"
    if not path.is_file():
        return None
    curriculum = root / "curriculum" / f"{workshop_id}.yaml" if workshop_id else None
    if curriculum is not None and curriculum.is_file():
        workshop, report = load_workshop(curriculum)
        if workshop is not None and module_id in workshop.modules:
            return exercise_data(workshop.modules[module_id])
    report = Report()
    module = load_module(path, report)
    if module is None or report.errors:
        raise UserError(f"{display_path(path)} has errors; fix them first", "run `workshop validate`")
    data = exercise_data(module)
    return None if "{{" in json.dumps(data, ensure_ascii=False, default=str) else data


def _run_check(checker: str, answer, params: dict, holidays: dict, language: str = "id"):
    """Run one check (in the child process), with feedback in ``language``."""
    from builder.checkers import check, set_holidays, set_language

    set_holidays(holidays)
    set_language(language)
    result = check(checker, answer, params)
    return result.score, result.passed, [m.text for m in result.messages if m.kind == "salah"]


class Checks:
    """Runs checks in one child process, so a check that hangs is stopped after ``timeout`` seconds."""

    def __init__(self, timeout: float = TIMEOUT, language: str = "id") -> None:
        self.timeout = timeout
        self.language = language
        self.pool = None

    def __enter__(self) -> "Checks":
        return self

    def __exit__(self, *_) -> None:
        self.close(kill=False)

    def close(self, kill: bool) -> None:
        """Stop the child process (killing it when a check hangs)."""
        if self.pool is None:
            return
        if kill:
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None

    def run(self, checker: str, answer, params: dict) -> tuple[float, bool, list[str]]:
        """Score, passed and the messages to fix of one check."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures import TimeoutError as Timeout

        from builder.checkers import LIBUR_NASIONAL

        if self.pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"  # spawn on Windows
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
        future = self.pool.submit(_run_check, checker, answer, params, dict(LIBUR_NASIONAL), self.language)
        try:
            return future.result(timeout=self.timeout)
        except Timeout:
            self.close(kill=True)
            return 0.0, False, [_locale(self.language).label("nbcheck.timeout", seconds=f"{self.timeout:g}")]


def grade_notebook(path: Path, module_id: str | None, cache: dict, warn, checks: Checks) -> list[Row]:
    """Grade every exercise of one returned notebook (problems worded in the checks' language)."""
    locale = _locale(checks.language)
    notebook = _read(path)
    meta = notebook.metadata.get("humas_workshop", {})
    module = module_id or meta.get("module")
    data = None
    if module:
        key = (module, meta.get("workshop"))
        if key not in cache:
            cache[key] = project_data(module, meta.get("workshop"))
        data = cache[key]
    if data is None:
        data = embedded_data(notebook)
        if data is None:
            raise NotebookProblem("not a workshop notebook (no set-up cell with the exercises); pass --module ID")
        warn(f"{display_path(path)}: module '{data.get('module')}' not found in this project; "
             "using the exercise rules stored in the notebook")
    participant = participant_name(notebook, path)
    module_name = str(data.get("module") or module or "")
    rows = []
    for exercise_id, exercise in data["exercises"].items():
        answer, problem = find_answer(notebook, exercise_id, locale)
        if problem:
            rows.append(Row(participant, path.name, module_name, exercise_id, 0.0, False, problem))
            continue
        score, passed, wrong = checks.run(exercise["checker"], answer, exercise.get("params") or {})
        feedback = " | ".join(dict.fromkeys(wrong)) or locale.label("nbcheck.correct")
        rows.append(Row(participant, path.name, module_name, exercise_id, score, passed, feedback))
    return rows


def write_csv(rows: list[Row], target: Path, locale: Locale | None = None) -> None:
    """Write the scores as UTF-8 CSV with a BOM (Excel opens it with the right characters)."""
    locale = locale or _locale("id")
    from builder.write.output import atomic_write

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(safe_row(row.values(locale)))
    atomic_write(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def score_table(rows: list[Row], locale: Locale | None = None):
    """The on-screen table: one row per participant and exercise, naming the module and the exercise."""
    locale = locale or _locale("id")
    from rich.table import Table

    table = Table(title=locale.label("nbcheck.table_title", n=len({r.file for r in rows})))
    for column in locale.labels("nbcheck.col.").values():
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.participant, row.module, row.exercise, f"{row.score * 100:.0f}%",
                      locale.label("csv.yes" if row.passed else "csv.no"))
    return table


@notebooks.command("check")
@click.argument("submissions", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--module", "module_id", default=None, metavar="ID",
              help="Grade against this module's exercises (default: the module named in each notebook).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("skor-latihan.csv"), show_default=True,
              help="CSV file of scores.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=TIMEOUT, show_default=True,
              help="Seconds one check may take before it is stopped (the exercise then scores 0).")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Language of the feedback, yes/no and the table (the CSV's column names stay English).")
def check_command(submissions: tuple[Path, ...], module_id: str | None, out: Path, timeout: float, lang: str) -> None:
    """Grade returned notebooks and write one CSV row per participant and exercise.

    \b
    Answers are read from the answer cells as plain text/lists (no kernel is
    started and no participant code runs). Exercise rules come from the project's
    modules/<id>.yaml when present, else from the notebook itself.

    \b
    Examples:
      workshop notebooks check kumpulan/*.ipynb --out skor.csv
      workshop notebooks check budi.ipynb --module menulis-berita
    """
    from builder.cli.main import console, err_console
    from builder.render.notebooks import install_holidays

    install_holidays()
    rows: list[Row] = []
    cache: dict = {}
    problems = 0

    def warn(message: str) -> None:
        err_console.print(f"warning: {message}", markup=False, soft_wrap=True)

    with Checks(timeout, lang) as checks:
        for path in sorted(submissions):
            try:
                rows.extend(grade_notebook(path, module_id, cache, warn, checks))
            except NotebookProblem as problem:
                problems += 1
                err_console.print(problem.format(path), markup=False, soft_wrap=True)
    if not rows:
        raise UserError("no notebook could be graded", "pass the .ipynb files returned by participants")
    write_csv(rows, out, _locale(lang))
    console.print(score_table(rows, _locale(lang)))
    console.print(f"wrote {display_path(out)}")
    sys.stdout.flush()
    if problems:
        sys.exit(2)
