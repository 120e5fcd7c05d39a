"""Read a notebook a participant returned: every way it can be broken becomes a located problem."""

from __future__ import annotations

import json
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
FIX_HINT = "ask the participant for the .ipynb file again (File > Download in Jupyter), or open and save it in Jupyter"


def read_notebook(path: Path, problem: type[Exception]):
    """Return the nbformat v4 notebook at ``path``; raise ``problem(message, line, column, hint)`` otherwise."""
    import nbformat

    raw = _raw(path, problem)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise problem(f"is not UTF-8 text (byte {error.start}); a notebook is a JSON text file", line, 1,
                      FIX_HINT) from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise problem("is nested too deeply to be a notebook", 1, 1, FIX_HINT) from None
    except json.JSONDecodeError as error:
        raise problem(f"is not valid notebook JSON: {error.msg}", error.lineno, error.colno, FIX_HINT) from None
    _check_shape(data, text, problem)
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for notebooks of the wrong shape
        message = getattr(error, "message", None) or str(error).splitlines()[0] if str(error) else type(error).__name__
        raise problem(f"is not a valid Jupyter notebook: {message[:200]}", 1, 1, FIX_HINT) from None
    return notebook


def _raw(path: Path, problem: type[Exception]) -> bytes:
    """The file's bytes, refusing folders, missing and huge files."""
    if path.is_dir():
        raise problem("is a folder, not a notebook file", 0, 0, "pass the .ipynb files, e.g. kumpulan/*.ipynb")
    if not path.is_file():
        raise problem("file not found", 0, 0, "check the path of the returned notebook")
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise problem(f"is larger than {MAX_NOTEBOOK_BYTES // 1024 // 1024} MB; clear the outputs in Jupyter "
                      "(Edit > Clear All Outputs) and save it again", 1, 1, FIX_HINT)
    return path.read_bytes()


def _check_shape(data, text: str, problem: type[Exception]) -> None:
    """The parts the grader reads must have the types nbformat v4 and the workshop metadata promise."""
    if not isinstance(data, dict):
        raise problem("is JSON but not a notebook (the top level is not an object)", 1, 1, FIX_HINT)
    if data.get("nbformat") != 4:
        raise problem(f"has nbformat {data.get('nbformat')!r}; only version 4 notebooks can be graded",
                      _line_of(text, '"nbformat"'), 1, FIX_HINT)
    metadata = data.get("metadata", {})
    if not isinstance(metadata, dict):
        raise problem("metadata is not an object", _line_of(text, '"metadata"'), 1, FIX_HINT)
    workshop = metadata.get("humas_workshop", {})
    if not isinstance(workshop, dict) or not isinstance(workshop.get("module", ""), str):
        raise problem("metadata.humas_workshop is damaged (module must be text)", _line_of(text, '"humas_workshop"'), 1,
                      FIX_HINT)
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise problem("has no list of cells", _line_of(text, '"cells"'), 1, FIX_HINT)
    for index, cell in enumerate(cells):
        _check_cell(index, cell, text, problem)


def _check_cell(index: int, cell, text: str, problem: type[Exception]) -> None:
    """One cell: an object with a text source and object metadata (nbgrader metadata an object too)."""
    line = _cell_line(text, index)
    if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
        raise problem(f"cell {index + 1} is damaged (not a cell object)", line, 1, FIX_HINT)
    source = cell.get("source", "")
    if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
        raise problem(f"cell {index + 1} is damaged (its source is not text)", line, 1, FIX_HINT)
    metadata = cell.get("metadata", {})
    if not isinstance(metadata, dict) or not isinstance(metadata.get("nbgrader", {}), dict):
        raise problem(f"cell {index + 1} is damaged (its metadata is not an object)", line, 1, FIX_HINT)
    grade_id = metadata.get("nbgrader", {}).get("grade_id", "")
    if not isinstance(grade_id, str):
        raise problem(f"cell {index + 1} is damaged (nbgrader.grade_id is not text)", line, 1, FIX_HINT)


def _line_of(text: str, key: str) -> int:
    """The 1-based line of key ``key`` at its depth (top level, or notebook metadata); 1 when absent."""
    offset = _key_offset(text, key, 2 if key == '"humas_workshop"' else 1)
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def _key_offset(text: str, key: str, depth_wanted: int) -> int:
    """The offset of the first string ``key`` at nesting depth ``depth_wanted``, or -1."""
    depth, index, in_string = 0, 0, False
    while index < len(text):
        char = text[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            if depth == depth_wanted and text.startswith(key, index):
                return index
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        index += 1
    return -1


def _cell_line(text: str, number: int) -> int:
    """The 1-based line where element ``number`` of the top-level ``cells`` list starts; 1 when not found."""
    start = _key_offset(text, '"cells"', 1)
    start = text.find("[", start) if start >= 0 else -1
    if start < 0:
        return 1
    depth, element, expecting, in_string = 0, 0, False, False
    index = start - 1
    while index + 1 < len(text):
        index += 1
        char = text[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
            continue
        if expecting and not char.isspace() and char != "]":
            if element == number:
                return text.count("\n", 0, index) + 1
            element, expecting = element + 1, False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            expecting = depth == 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                break
        elif char == "," and depth == 1:
            expecting = True
    return 1
