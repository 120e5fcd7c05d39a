"""Jupyter notebooks: a participant worksheet per module, the checker beside it, executed solutions.

Writes ``notebooks/<module>.ipynb`` (instructions, answer cells, check cells; nbgrader metadata),
``notebooks/pemeriksa.py`` (the standard-library checker with the national holidays embedded)
and ``trainer/notebooks/<module>.ipynb``: the nbgrader *source* notebook. Its answer cells hold the
starter followed by the model answer between ``### BEGIN SOLUTION`` / ``### END SOLUTION``, so
``nbgrader generate_assignment`` (with the ``nbgrader_config.py`` written beside it) yields exactly
the participant notebook. It is executed with nbclient so trainers see the expected feedback.
Nothing shipped to participants holds a model answer: see :func:`builder.checkers.publish`.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import hashlib
import json
import os
import pprint
import py_compile
import re
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any


from builder.checkers import pemeriksa, publish, salt_of
from builder.check.diagnostics import UserError, display_path
from builder.i18n import Locale
from builder.model.module import Exercise, Module
from builder.render import BuildContext, output_kind, preflight, warm_up
from builder.render.inputs import module_inputs
from builder.model.workshop import Workshop


if TYPE_CHECKING:
    from nbformat import NotebookNode


# Optional libraries that only give jsonschema's format checks (IRIs, durations, colours ...):
# rfc3987_syntax alone builds 38 lark grammars on import (about 1.5 s of CPU), isoduration pulls in arrow.
FORMAT_CHECK_LIBRARIES = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
                          "webcolors", "jsonpointer", "uri_template", "fqdn")


def import_nbformat():
    """Import nbformat (and nbformat.v4) without jsonschema's format-check libraries; return the module.

    jsonschema registers a format check for each of :data:`FORMAT_CHECK_LIBRARIES` it can import.
    Notebook validation checks no formats, so it is the same without them; the block is lifted
    right after the import so nothing else is affected.
    """
    import sys

    blocked = [] if "jsonschema" in sys.modules else [n for n in FORMAT_CHECK_LIBRARIES if n not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # makes ``import <name>`` raise ImportError
    try:
        import nbformat
        import nbformat.v4
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return nbformat


def _nbformat():
    """nbformat, imported on first use (it costs about a second, which other kinds should not pay)."""
    return import_nbformat()


def _v4():
    """nbformat.v4 (cell and notebook constructors), imported on first use."""
    return import_nbformat().v4


HOLIDAY_YEARS = (2018, 2027)
KERNEL = "python3"
SETUP_ID = "persiapan"
NAME_ID = "nama-peserta"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NBGRADER_CONFIG = """\
# nbgrader settings for the workshop notebooks: copy this file into your nbgrader course folder
# and put each trainer notebook with pemeriksa.py in source/<module>/.
c = get_config()  # noqa: F821
# Keep the starter line of every answer cell; only the model answer between the markers goes.
c.ClearSolutions.code_stub = {"python": ""}
# A cell that runs too long (for example a loop that never ends) is stopped after 30 seconds and
# grading goes on; the check cell of that exercise then scores 0.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
"""


# --------------------------------------------------------------------------- data


def holiday_table(first: int = HOLIDAY_YEARS[0], last: int = HOLIDAY_YEARS[1]) -> dict[str, str]:
    """Indonesian national public holidays of ``first``..``last`` from the `holidays` package (no cuti bersama)."""
    return dict(_holidays(first, last))


@functools.lru_cache(maxsize=4)
def _holidays(first: int, last: int) -> tuple[tuple[str, str], ...]:
    """The holiday table as (date, name) pairs, computed once per process (it takes about 0.3 s)."""
    import holidays

    table = holidays.country_holidays("ID", years=range(first, last + 1), language="id")
    return tuple((day.isoformat(), name) for day, name in sorted(table.items()))


def install_holidays() -> None:
    """Give the in-process checker the national holiday table (the shipped copy has it embedded)."""
    if not pemeriksa.LIBUR_NASIONAL:
        pemeriksa.set_holidays(holiday_table())


def shipped_checker(table: dict[str, str] | None = None, language: str = "id") -> str:
    """The source of ``pemeriksa.py`` as shipped: generated from the checker parts, holidays and language embedded."""
    from builder.checkers.bundle import shipped_source

    return shipped_source(holiday_table() if table is None else table, language)


def notebook_exercises(module: Module) -> list[Exercise]:
    """The module's exercises done in a notebook (mode notebook or both, with a check)."""
    return [e for e in module.exercises if e.mode in ("notebook", "both") and e.check is not None]


def _plain(value: Any) -> Any:
    """YAML values as JSON-safe data (dates become YYYY-MM-DD)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def exercise_data(module: Module) -> dict:
    """What the notebook's set-up cell loads: each exercise's checker and published parameters (no answers)."""
    return {
        "module": module.id,
        "title": module.title,
        "exercises": {
            e.id: {"title": e.title, "checker": e.check.checker,
                   "params": publish(e.check.checker, _plain(e.check.params), salt_of(module.id, e.id),
                                     starter_of(e))}
            for e in notebook_exercises(module)
        },
    }


def starter_of(exercise: Exercise) -> Any:
    """What the answer cell starts with: the module's ``starter``, or an empty answer of the right shape."""
    if exercise.starter is not None:
        return _plain(exercise.starter)
    params = exercise.check.params
    return {
        "susunan_acara": sorted(str(item.get("text", "")) for item in params.get("items", [])),
        "greetings_order": [],
        "seating": {str(seat): "" for seat in params.get("seats", [])},
        "classify_info": {str(item): "" for item in params.get("answers", {})},
        "deadline": {"jawaban": "", "perpanjangan": ""},
    }.get(exercise.check.checker, "")


def verify_solutions(module: Module, source: Path | None) -> None:
    """Fail the build when a model solution does not pass its own checker."""
    install_holidays()
    where = display_path(source) if source else f"module '{module.id}'"
    data = exercise_data(module)["exercises"]
    for exercise in notebook_exercises(module):
        if exercise.solution is None:
            raise UserError(f"{where}: exercise '{exercise.id}' is done in a notebook but has no solution",
                            "add `solution:` (a model answer that passes the checker) to the exercise")
        result = pemeriksa.check(exercise.check.checker, _plain(exercise.solution), data[exercise.id]["params"])
        if not result.passed:
            problems = "; ".join(m.text for m in result.messages if m.kind == "salah")
            raise UserError(
                f"{where}: exercise '{exercise.id}': the solution does not pass the '{exercise.check.checker}' "
                f"checker: {problems}",
                "fix the solution or the check params (see docs/checkers.md)",
            )


# --------------------------------------------------------------------------- cells


def markdown_escape(text: str) -> str:
    """Escape characters Jupyter's Markdown would swallow (HTML tags, entities, TeX dollars)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("$", "\\$")


def python_literal(value: Any) -> str:
    """Source for an answer value: a triple-quoted text, or a list/mapping one entry a line."""
    if isinstance(value, str):
        body = value.strip("\n")
        if '"""' not in body and "\\" not in body and not body.endswith('"'):
            return f'"""\n{body}\n"""' if body else '"""\n\n"""'
        return repr(value)
    if isinstance(value, (list, dict)) and value:
        return json.dumps(value, ensure_ascii=False, indent=4)
    return "[]" if isinstance(value, list) else "{}" if isinstance(value, dict) else repr(value)


def _cell_id(text: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9_-]", "-", text)
    return clean if len(clean) <= 64 else clean[:55] + "-" + hashlib.sha1(clean.encode()).hexdigest()[:8]


def _nbgrader(grade_id: str, *, solution: bool = False, grade: bool = False, points: float = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


# Cells and notebooks are built as plain nodes (nbformat's constructors validate each one):
# the whole notebook is validated once, when it is written (see notebook_bytes).


def _markdown(cell_id: str, text: str, **metadata) -> Any:
    return _nbformat().from_dict({"id": _cell_id(cell_id), "cell_type": "markdown", "metadata": metadata,
                                  "source": text.strip() + "\n"})


def _code(cell_id: str, source: str, **metadata) -> Any:
    return _nbformat().from_dict({"id": _cell_id(cell_id), "cell_type": "code", "metadata": metadata,
                                  "execution_count": None, "outputs": [], "source": source.rstrip() + "\n"})


def _hint(exercise: Exercise, locale: Locale) -> str:
    checker = exercise.check.checker
    key = f"nb.hint.{checker}"
    hint = locale.label(key if locale.has(key) else "nb.hint.text")  # the free-text checkers share "text"
    if checker == "seating" and exercise.check.params.get("seats"):
        seats = ", ".join(str(s) for s in exercise.check.params["seats"])
        hint += " " + locale.label("nb.seats", seats=markdown_escape(seats))
    return hint


def _comment(text: str) -> str:
    """``text`` as Python comment lines."""
    return "".join(f"# {line}\n" for line in text.split("\n"))


def setup_source(module: Module, locale: Locale | None = None) -> str:
    """The set-up cell: import the checker (or explain in every check cell that it is missing) and load the rules."""
    locale = locale or Locale("id")
    data = pprint.pformat(exercise_data(module), width=110, sort_dicts=True)
    message = "\n              ".join(json.dumps(part, ensure_ascii=False)
                                    for part in locale.label("nb.no_checker").split("\n"))  # label breaks the line
    return (
        _comment(locale.label("nb.setup_comment")) +
        "try:\n"
        "    from pemeriksa import periksa, siapkan\n"
        "except ImportError:\n"
        f"    _PESAN = ({message})\n"
        "\n"
        "    class _TanpaPemeriksa:\n"
        f"        \"\"\"{locale.label('nb.no_checker_doc')}\"\"\"\n"
        "\n"
        "        def _repr_mimebundle_(self, include=None, exclude=None):\n"
        "            return {\"text/html\": \"<b style='color:#b71c1c'>✘ \" + _PESAN + \"</b>\", \"text/plain\": \"0\"}\n"
        "\n"
        "    def siapkan(data):\n"
        "        print(\"✘ \" + _PESAN)\n"
        "\n"
        "    def periksa(latihan, *args, **kwargs):\n"
        "        return _TanpaPemeriksa()\n"
        f"siapkan({data})\n"
    )


def _intro(workshop: Workshop, module: Module, locale: Locale) -> str:
    curriculum = workshop.curriculum
    used = {o for e in notebook_exercises(module) for o in e.objectives}
    objectives = "\n".join(f"- {markdown_escape(o.text)}" for o in module.objectives if o.id in used)
    lines = [
        f"# {markdown_escape(module.title)}",
        f"**{locale.label('nb.workbook')}** · {markdown_escape(curriculum.title)} · "
        f"{markdown_escape(curriculum.organizer)}",
        markdown_escape(module.summary),
    ]
    lines += [
        f"## {locale.label('nb.how_heading')}",
        locale.label("nb.how"),
        f"> {locale.label('nb.checker_note')}",
    ]
    if objectives:
        lines += [f"## {locale.label('nb.objectives')}", objectives]
    return "\n\n".join(lines)


def _exercise_markdown(number: int, exercise: Exercise, locale: Locale) -> str:
    lines = [f"## {locale.label('nb.exercise', n=number, title=markdown_escape(exercise.title))}",
             f"*{locale.label('nb.minutes', n=exercise.minutes)}*",
             markdown_escape(exercise.instructions)]
    if exercise.context:
        lines += [f"### {locale.label('nb.context')}", markdown_escape(exercise.context)]
    lines.append(f"**{locale.label('nb.how_to_answer')}** {_hint(exercise, locale)}")
    return "\n\n".join(lines)


def answer_source(exercise: Exercise, trainer: bool, locale: Locale | None = None) -> str:
    """An answer cell: the starter; in the trainer (nbgrader source) version the model answer follows
    between the solution markers, which nbgrader replaces by an empty line, giving the participant cell."""
    locale = locale or Locale("id")
    variable = pemeriksa.answer_variable(exercise.id)
    starter = f"# {locale.label('nb.answer_here')}\n{variable} = {python_literal(starter_of(exercise))}\n"
    if not trainer:
        return starter
    notes = [f"# {line}".rstrip() for line in str(exercise.marking).strip().splitlines()] if exercise.marking else []
    region = [BEGIN, f"# {locale.label('nb.model_answer')}"]
    if notes:
        region += [f"# {locale.label('nb.marking')}"] + notes
    region += [f"{variable} = {python_literal(_plain(exercise.solution))}", END]
    return starter + "\n".join(region)


def build_notebook(workshop: Workshop, module: Module, trainer: bool = False,
                   locale: Locale | None = None) -> NotebookNode:
    """The participant notebook of ``module``; with ``trainer``, the nbgrader source with the model answers.

    The toolkit's own words come from ``locale`` (default: the curriculum's language); the module's stay.
    """
    locale = locale or Locale(workshop.curriculum.language)
    cells = [
        _markdown("intro", _intro(workshop, module, locale)),
        _markdown("persiapan-judul", f"### {locale.label('nb.setup_heading')}\n\n{locale.label('nb.setup_text')}"),
        _code(SETUP_ID, setup_source(module, locale), editable=False, deletable=False,
              jupyter={"source_hidden": True}, nbgrader=_nbgrader(SETUP_ID)),
        _code(NAME_ID, f"# {locale.label('nb.name_here')}\nnama_peserta = \"\""),
    ]
    for number, exercise in enumerate(notebook_exercises(module), start=1):
        cells.append(_markdown(f"{exercise.id}-soal", _exercise_markdown(number, exercise, locale)))
        answer = _code(f"{exercise.id}-jawaban", "", nbgrader=_nbgrader(f"{exercise.id}-jawaban", solution=True))
        answer.source = answer_source(exercise, trainer, locale)
        cells.append(answer)
        cells.append(_code(f"{exercise.id}-cek", f"# {locale.label('nb.check_cell')}\nperiksa(\"{exercise.id}\")",
                           editable=False, deletable=False,
                           nbgrader=_nbgrader(f"{exercise.id}-cek", grade=True,
                                              points=float(exercise.check.params.get("points", 1)))))
    cells.append(_markdown("penutup", f"## {locale.label('nb.done_heading')}\n\n{locale.label('nb.done_text')}"))
    return _nbformat().from_dict({"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL},
        "language_info": {"name": "python"},
        "humas_workshop": {"module": module.id, "workshop": workshop.id},
    }})


# --------------------------------------------------------------------------- execution


def kernel_specs():
    """Jupyter's kernel-spec finder over its usual folders, without importing IPython.

    Its default folder list asks IPython where ``~/.ipython/kernels`` is, which imports all of
    IPython (about 0.4 s); that folder is named here the way IPython names it (``IPYTHONDIR``).
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.paths import jupyter_path

    ipython = os.environ.get("IPYTHONDIR") or os.path.join(os.path.expanduser("~"), ".ipython")
    return KernelSpecManager(kernel_dirs=[*jupyter_path("kernels"), os.path.join(ipython, "kernels")])


@functools.lru_cache(maxsize=4)
def kernel_available(name: str = KERNEL) -> bool:
    """Whether a Jupyter kernel called ``name`` is installed (looked up once per process)."""
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        kernel_specs().get_kernel_spec(name)
    except NoSuchKernel:
        return False
    return True


# Run silently between two notebooks in one kernel: a fresh namespace, history and counter (so the
# next notebook's execution counts start at 1 as in a new kernel) and the checker imported afresh.
RESET_KERNEL = ("import sys as _sys, warnings as _warnings\n"
                "_sys.modules.pop('pemeriksa', None)\n"
                "_warnings.onceregistry.clear()\n"
                "_warnings._filters_mutated()\n"
                "get_ipython().reset(new_session=True)\n")
# Run once the kernel is ready: IPython's reset collects garbage over every object (about 0.1 s with
# IPython loaded); the objects of the kernel's start-up are frozen out of those collections.
FREEZE_KERNEL = "__import__('gc').freeze()\n"
# What nbclient gives a kernel it starts: the history in memory, never in the user's ~/.ipython.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]
TIMEOUT = 120  # seconds for the kernel to start, and for one cell


class KernelSession:
    """One Jupyter kernel, in a folder holding the checker, that executes the solution notebooks in turn.

    The kernel process starts on entering and boots (about a second) while the caller goes on;
    the first :meth:`execute` waits for it. The checker may be given after the start (with
    :meth:`add_checker`): a notebook imports it only when it runs. One client talks to the kernel
    for the whole session, so each further notebook costs only its reset and its cells.
    """

    def __init__(self, checker_source: str | None = None):
        self.checker_source = checker_source
        self.folder: tempfile.TemporaryDirectory | None = None
        self.manager = None
        self.client = None
        self.used = False

    def __enter__(self) -> "KernelSession":
        self.folder = tempfile.TemporaryDirectory(prefix="workshop-nb-")
        try:
            self._start()
            if self.checker_source is not None:
                self.add_checker(self.checker_source)
        except BaseException:
            self.__exit__()
            raise
        return self

    def add_checker(self, source: str) -> None:
        """Put ``pemeriksa.py`` in the kernel's folder (before the first notebook runs)."""
        checker = Path(self.folder.name) / "pemeriksa.py"
        checker.write_text(source, encoding="utf-8")
        # Compiled once here: each notebook imports the checker afresh, and compiling its 100 kB
        # costs the kernel about 0.1 s a time (Python writes no .pyc under PYTHONDONTWRITEBYTECODE).
        py_compile.compile(str(checker), doraise=True)
        self.checker_source = source

    def __exit__(self, *exc) -> None:
        from jupyter_core.utils import run_sync

        try:
            if self.client is not None:
                self.client.stop_channels()
            if self.manager is not None and self.manager.has_kernel:
                run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            self.folder.cleanup()

    def _start(self) -> None:
        """Launch the kernel in the session's folder without waiting for it to be ready."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.manager = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=kernel_specs())
        # The kernel's own start-up chatter (e.g. ipykernel's TCP notice) is not for the trainer:
        # failures reach us through the cells' error outputs.
        run_sync(self.manager.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=self.folder.name,
                                            stderr=subprocess.DEVNULL)

    def _connect(self):
        """The session's client, connected and the kernel ready (waited for on first use)."""
        from jupyter_core.utils import run_sync

        if self.client is None:
            client = self.manager.client()
            client.start_channels()
            self.client = client  # from here on __exit__ stops its channels
            run_sync(client.wait_for_ready)(timeout=TIMEOUT)
            client.allow_stdin = False
            self._run_silently(FREEZE_KERNEL)
        return self.client

    def _run_silently(self, code: str) -> None:
        """Run ``code`` in the kernel without output, history or a step of the execution counter."""
        from jupyter_core.utils import run_sync

        reply = run_sync(self.client.execute_interactive)(code, silent=True, store_history=False, timeout=TIMEOUT)
        if reply["content"]["status"] != "ok":  # pragma: no cover - IPython API change
            raise RuntimeError(f"could not prepare the Jupyter kernel: {reply['content']}")

    def execute(self, notebook: NotebookNode, where: str) -> NotebookNode:
        """Run ``notebook`` on the shared kernel, reset first when it ran another; strip timing metadata."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        if self.checker_source is None:
            raise RuntimeError("KernelSession.execute: add_checker() first")
        self._connect()
        if self.used:
            self._run_silently(RESET_KERNEL)  # the state of a freshly started kernel
        self.used = True
        runner = NotebookClient(notebook, km=self.manager, timeout=TIMEOUT, kernel_name=KERNEL, record_timing=False)
        runner.kc = self.client  # the session's client: no new one to wait for, none stopped afterwards
        try:
            runner.execute()
        except CellExecutionError as error:
            raise UserError(f"{where}: the solution notebook failed to run: {str(error).splitlines()[0]}",
                            "check the exercise's solution and check params") from None
        return normalize_notebook(notebook)


def execute_notebook(notebook: NotebookNode, checker_source: str, where: str) -> NotebookNode:
    """Run ``notebook`` with nbclient in its own kernel beside a copy of the checker; strip timing metadata."""
    with KernelSession(checker_source) as session:
        return session.execute(notebook, where)


def normalize_notebook(notebook: NotebookNode) -> NotebookNode:
    """Drop execution timestamps and kernel-version details so equal sources give equal bytes.

    Consecutive pieces of one stream are joined, as Jupyter shows them: how the kernel happened to
    flush a ``print`` (its text and its line end in one message or in two) must not change the file.
    """
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.get("outputs"):
            cell.outputs = join_streams(cell.outputs)
    notebook.metadata["language_info"] = {"name": "python", "file_extension": ".py",
                                          "mimetype": "text/x-python", "nbconvert_exporter": "python",
                                          "pygments_lexer": "ipython3"}
    return notebook


def join_streams(outputs: list) -> list:
    """``outputs`` with each run of consecutive outputs of the same stream (stdout, stderr) joined into one."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            joined[-1] = copy.copy(previous)  # the given outputs stay as they were
            joined[-1]["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            joined.append(output)
    return joined


def _text(text: str | list[str]) -> str:
    """A stream's text as one string (nbformat allows a list of lines)."""
    return text if isinstance(text, str) else "".join(text)


def fill_outputs(notebook: NotebookNode, module: Module, locale: Locale | None = None) -> NotebookNode:
    """Without a Jupyter kernel: compute the outputs in-process (same checker, same feedback, same bytes)."""
    locale = locale or Locale("id")
    install_holidays()
    with pemeriksa.speaking(locale.language):
        return normalize_notebook(_fill_outputs(notebook, module))


def _fill_outputs(notebook: NotebookNode, module: Module) -> NotebookNode:
    """Compute every code cell's output with the in-process checker."""
    data = exercise_data(module)
    count = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = []
        if cell.id == SETUP_ID:
            text = pemeriksa.ready_text(module.title, len(data["exercises"])) + "\n"
            cell.outputs = [_v4().new_output("stream", name="stdout", text=text)]
        elif cell.id.endswith("-cek"):
            exercise = next(e for e in notebook_exercises(module) if _cell_id(f"{e.id}-cek") == cell.id)
            params = data["exercises"][exercise.id]["params"]
            result = pemeriksa.check(exercise.check.checker, _plain(exercise.solution), params)
            result.title = exercise.title
            cell.outputs = [_v4().new_output("execute_result", data=result._repr_mimebundle_(), execution_count=count)]
    return notebook


def notebook_bytes(notebook: NotebookNode) -> bytes:
    """Serialise a notebook after validating it (sorted keys, trailing newline)."""
    _nbformat().validate(notebook)
    text = _v4().writes(notebook)  # nbformat.writes would validate it a second time
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


@preflight("notebooks")
def check_solutions(ctx: BuildContext) -> list:
    """Every notebook exercise has a model solution that passes its own checker."""
    from builder.check.diagnostics import diagnostic_from_error

    found = []
    for module in ctx.workshop.modules.values():
        # ``ctx.units`` is None in ``workshop validate``: nothing is kept, so the kernel (a slow
        # jupyter_client import) is never asked about there.
        if not notebook_exercises(module) or ctx.units is not None and ctx.is_fresh(
                "notebooks", module.id, module_inputs(ctx.workshop, module.id), kernel_available()):
            continue  # no exercise, or the notebooks made from this very module last time are kept
        try:
            verify_solutions(module, ctx.workshop.module_files.get(module.id))
        except UserError as error:
            found.append(diagnostic_from_error(error, "notebooks.solution"))
    return found


EARLY_SESSION = "notebooks.kernel"


def _stale_modules(ctx: BuildContext, modules: list[Module]) -> bool:
    """True when some module's notebooks are not kept from the last build (so a kernel is needed)."""
    return any(not ctx.is_fresh("notebooks", m.id, module_inputs(ctx.workshop, m.id), kernel_available())
               for m in modules)


@warm_up("notebooks")
def start_kernel_early(ctx: BuildContext) -> None:
    """In a crew worker: start the kernel as rendering begins, so it boots while the worker renders other kinds.

    :func:`build_notebooks` takes the session over and ends it. Should the worker die first, the
    kernel ends too: it watches its parent process.
    """
    modules = [m for m in ctx.workshop.modules.values() if notebook_exercises(m)]
    if modules and kernel_available() and _stale_modules(ctx, modules):
        ctx.prepared[EARLY_SESSION] = KernelSession().__enter__()


@output_kind("notebooks", "notebooks/<module>.ipynb, notebooks/pemeriksa.py, trainer/notebooks/<module>.ipynb, "
             "trainer/notebooks/nbgrader_config.py",
             requires=("nbformat", "nbclient", "holidays"))
def build_notebooks(ctx: BuildContext) -> None:
    """Write the participant notebooks, the checker beside them and the executed solution notebooks."""
    workshop = ctx.workshop
    modules = [m for m in workshop.modules.values() if notebook_exercises(m)]
    if not modules:
        return
    use_kernel = kernel_available()
    with contextlib.ExitStack() as stack:
        # The kernel boots (about a second) while the checker and the participant notebooks are made
        # (in a crew worker: since it began rendering, see start_kernel_early); it starts only when
        # some module's notebooks are not kept from the last build.
        session = ctx.prepared.pop(EARLY_SESSION, None)
        if session is not None:
            stack.push(session)  # started already: only its end is left
        elif use_kernel and _stale_modules(ctx, modules):
            session = stack.enter_context(KernelSession())
        source = shipped_checker(language=ctx.locale.language)
        if session is not None:
            session.add_checker(source)
        ctx.out.write_text("notebooks", "notebooks/pemeriksa.py", source)
        ctx.out.write_text("notebooks", "trainer/notebooks/pemeriksa.py", source)
        ctx.out.write_text("notebooks", "trainer/notebooks/nbgrader_config.py", NBGRADER_CONFIG)
        if not use_kernel:
            ctx.progress("no Jupyter kernel 'python3': solution outputs computed without a kernel")
        for module in modules:
            if ctx.reuse("notebooks", module.id, module_inputs(workshop, module.id), use_kernel):
                continue
            if use_kernel and session is None:  # pragma: no cover - is_fresh above agrees with reuse
                session = stack.enter_context(KernelSession(source))
            ctx.progress(module.id)
            ctx.out.write("notebooks", f"notebooks/{module.id}.ipynb",
                          notebook_bytes(build_notebook(workshop, module, locale=ctx.locale)))
            solution = build_notebook(workshop, module, trainer=True, locale=ctx.locale)
            where = display_path(workshop.module_files.get(module.id, Path(module.id)))
            solution = session.execute(solution, where) if session else fill_outputs(solution, module, ctx.locale)
            ctx.out.write("notebooks", f"trainer/notebooks/{module.id}.ipynb", notebook_bytes(solution))
