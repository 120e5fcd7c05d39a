"""Where things are in the sources: a YAML file's plain data with the line and column of every node.

:mod:`builder.sources.yamlfile` reads files into :class:`Located` values; the checks and the
model keep them so every diagnostic points at ``file:line:col`` without reading YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import PrivateAttr

from builder.check.diagnostics import Diagnostic, display_path
from builder.model.common import Model


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

    def positions(self) -> "Located":
        """The same file and positions without the data (what a model keeps to locate its values)."""
        return Located(self.file, None, self.keys, self.values)

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


class SourceMap:
    """Where a model's values were written: the file and a ``position(path) -> (line, column)`` lookup.

    Not part of the model's value: two modules with the same content are equal wherever they
    were written.
    """

    def __init__(self, positions: Any) -> None:
        self.file = Path(positions.file)
        self._positions = positions

    def position(self, path: tuple) -> tuple[int, int]:
        """(line, column) of ``path``, or of its nearest parent that has one."""
        return self._positions.position(tuple(path))

    def __eq__(self, other: object) -> bool:
        return True  # positions are never part of a model's value (pydantic compares private attributes)

    __hash__ = None  # type: ignore[assignment]


class SourcedModel(Model):
    """A model that can remember where its values were written (module and curriculum files).

    The positions are a private attribute: never part of the model's value, its dump or its cache key.
    """

    _source: SourceMap | None = PrivateAttr(default=None)

    def with_source(self, positions: Any):
        """This model remembering where its values were written (``positions``: a Located's file and maps)."""
        located = self.model_copy()
        located._source = SourceMap(positions)
        return located

    def where(self, path: tuple) -> tuple[Path, int, int] | None:
        """(file, line, column) of the value at ``path`` (e.g. ``("days", 0)``), if known."""
        if self._source is None:
            return None
        line, column = self._source.position(path)
        return self._source.file, line, column
