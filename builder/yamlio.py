"""Read YAML 1.2 files into plain data while remembering the line and column of every node."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from builder.diagnostics import Diagnostic, display_path

CLOCK_KEYS = {"start", "end"}
_RAW_CLOCK = re.compile(r"\d{1,2}[.:]\d{1,2}")

Path_ = tuple  # a location path such as ("quiz", 3, "answer")


@dataclass
class Located:
    """Plain data from one YAML file plus the 1-based positions of its keys and values."""

    file: Path
    data: Any
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: tuple, prefer_key: bool = False) -> tuple[int, int]:
        """Return the best known (line, column) for ``path``, falling back to its parents."""
        path = tuple(path)
        while True:
            first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            if path in first:
                return first[path]
            if path in second:
                return second[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def diagnostic(self, path: tuple, message: str, code: str, severity: str = "error",
                   hint: str = "", prefer_key: bool = False) -> Diagnostic:
        """Build a diagnostic located at ``path`` in this file."""
        line, column = self.position(path, prefer_key=prefer_key)
        return Diagnostic(display_path(self.file), line, column, severity, format_path(path), message, code, hint)


def format_path(path: tuple) -> str:
    """Format ``("quiz", 3, "answer")`` as ``quiz[3].answer``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


class YamlLoadError(Exception):
    """The file could not be read as YAML; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _file_error(path: Path, message: str, code: str, line: int = 0, column: int = 0) -> YamlLoadError:
    return YamlLoadError(Diagnostic(display_path(path), line, column, "error", "", message, code))


def read_text(path: Path) -> str:
    """Read a YAML source as UTF-8 text, refusing missing, binary and non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _file_error(path, "file not found", "file.missing") from None
    except IsADirectoryError:
        raise _file_error(path, "is a folder, not a YAML file", "file.missing") from None
    if b"\x00" in raw[:8192]:
        raise _file_error(path, "is a binary file, not YAML text", "yaml.binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _file_error(path, f"is not valid UTF-8 text (byte {exc.start})", "yaml.encoding", line, 1) from None
    return text


def load(path: Path) -> Located:
    """Load ``path`` into a :class:`Located`; raise :class:`YamlLoadError` with a located diagnostic."""
    path = Path(path)
    text = read_text(path)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _file_error(path, "the file is empty", "yaml.empty", 1, 1)
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = re.search(r'found duplicate key "([^"]*)"', str(exc.problem))
        name = key.group(1) if key else "?"
        raise _file_error(path, f"duplicate key '{name}'", "yaml.duplicate-key", mark.line + 1, mark.column + 1) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _file_error(path, f"not valid YAML: {problem}", "yaml.syntax", line, column) from None
    except YAMLError as exc:  # pragma: no cover - other reader errors (e.g. control characters)
        raise _file_error(path, f"not valid YAML: {exc}", "yaml.syntax") from None
    if not isinstance(node, CommentedMap):
        raise _file_error(path, "the top level is not a mapping of keys", "yaml.not-mapping", 1, 1)
    located = Located(file=path, data=None)
    lines = text.splitlines()
    located.data = _plain(node, (), located, lines)
    return located


def _plain(node: Any, path: tuple, located: Located, lines: list[str]) -> Any:
    """Convert ruamel's round-trip node into plain Python data, recording positions."""
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            key_line, key_col = node.lc.key(key)
            val_line, val_col = node.lc.value(key)
            child = path + (str(key),)
            located.keys[child] = (key_line + 1, key_col + 1)
            located.values[child] = (val_line + 1, val_col + 1)
            if str(key) in CLOCK_KEYS and isinstance(value, float):
                value = _raw_scalar(lines, val_line, val_col, value)
            result[str(key)] = _plain(value, child, located, lines)
        return result
    if isinstance(node, CommentedSeq):
        result = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            child = path + (index,)
            located.values[child] = (line + 1, col + 1)
            located.keys.setdefault(child, (line + 1, col + 1))
            result.append(_plain(value, child, located, lines))
        return result
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    return node


def _raw_scalar(lines: list[str], line: int, column: int, fallback: Any) -> Any:
    """Return the source text of a clock time that YAML read as a number (``08.00`` -> '08.00')."""
    if 0 <= line < len(lines):
        match = _RAW_CLOCK.match(lines[line], column)
        if match:
            return match.group(0)
    return fallback
