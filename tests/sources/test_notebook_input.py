"""Returned notebooks that are broken in every way the fuzzer found give a located error with a hint."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from builder.cli.notebooks import NotebookProblem
from builder.sources.notebooks import read_notebook
from tests.helpers import make_project, run_cli


def _good() -> dict:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["humas_workshop"] = {"module": "latihan-notebook"}
    notebook.cells = [nbformat.v4.new_markdown_cell("# Latihan"), nbformat.v4.new_code_cell("jawaban_judul = 'x'")]
    notebook.cells[1].metadata["nbgrader"] = {"grade_id": "judul-jawaban"}
    return json.loads(nbformat.writes(notebook))


def _damage(kind: str) -> bytes:
    data = _good()
    if kind == "truncated":
        return json.dumps(data, indent=1)[:120].encode()
    if kind == "utf16":
        return json.dumps(data).encode("utf-16")
    if kind == "binary":
        return b"\x89PNG\r\n\x1a\n\x00\x00"
    if kind == "metadata-list":
        data["metadata"] = ["humas_workshop"]
    elif kind == "module-list":
        data["metadata"]["humas_workshop"] = {"module": ["latihan-notebook"]}
    elif kind == "source-int":
        data["cells"][1]["source"] = 42
    elif kind == "nbgrader-str":
        data["cells"][1]["metadata"]["nbgrader"] = "judul"
    elif kind == "cell-str":
        data["cells"][0] = "bukan sel"
    elif kind == "top-list":
        data = [data]
    elif kind == "nbformat-3":
        data["nbformat"] = 3
    return json.dumps(data, indent=1).encode()


CASES = {
    "truncated": "n.ipynb:9:4: error: is not valid notebook JSON: Expecting ',' delimiter",
    "utf16": "n.ipynb:1:1: error: is not UTF-8 text (byte 0); a notebook is a JSON text file",
    "binary": "n.ipynb:1:1: error: is not UTF-8 text (byte 0); a notebook is a JSON text file",
    "metadata-list": "n.ipynb:26:1: error: metadata is not an object",
    "module-list": "n.ipynb:27:1: error: metadata.humas_workshop is damaged (module must be text)",
    "source-int": "n.ipynb:11:1: error: cell 2 is damaged (its source is not text)",
    "nbgrader-str": "n.ipynb:11:1: error: cell 2 is damaged (its metadata is not an object)",
    "cell-str": "n.ipynb:3:1: error: cell 1 is damaged (not a cell object)",
    "top-list": "n.ipynb:1:1: error: is JSON but not a notebook (the top level is not an object)",
    "nbformat-3": "n.ipynb:31:1: error: has nbformat 3; only version 4 notebooks can be graded",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_broken_notebook_is_a_located_problem(tmp_path, monkeypatch, kind):
    """Each damage gives exactly this file:line:col message (and a hint), never an AttributeError or TypeError."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "n.ipynb").write_bytes(_damage(kind))
    with pytest.raises(NotebookProblem) as caught:
        read_notebook(tmp_path / "n.ipynb", NotebookProblem)
    text = caught.value.format(Path("n.ipynb"))
    assert text.splitlines()[0] == CASES[kind]
    assert "hint: ask the participant for the .ipynb file again" in text


def test_good_notebook_reads(tmp_path):
    """The undamaged notebook reads (so the cases above fail only because of their damage)."""
    path = tmp_path / "baik.ipynb"
    path.write_text(json.dumps(_good()), encoding="utf-8")
    assert read_notebook(path, NotebookProblem).cells[1].source == "jawaban_judul = 'x'"


def test_check_command_reports_a_damaged_notebook_and_exits_2(tmp_path):
    """`workshop notebooks check` prints the located error and the hint, exit 2, no traceback."""
    root = make_project(tmp_path, base="notebooks")
    (root / "rusak.ipynb").write_bytes(_damage("module-list"))
    result = run_cli(root, "notebooks", "check", "rusak.ipynb", "--out", str(tmp_path / "s.csv"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "rusak.ipynb:27:1: error: metadata.humas_workshop is damaged (module must be text)" in result.output
