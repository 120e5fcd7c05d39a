"""Diagnostics: located, coded messages about user input, collected and reported together."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

HINTS: dict[str, str] = {
    "yaml.syntax": "fix the YAML syntax at this spot (indentation, a missing ':' or an unclosed quote)",
    "yaml.duplicate-key": "each key may appear once per mapping: remove or rename one of them",
    "yaml.empty": "the file is empty: start from `workshop new module ID` or `workshop new curriculum ID`",
    "yaml.binary": "this is not a text file: point at the .yaml source, not a document or spreadsheet",
    "yaml.encoding": "save the file as UTF-8 text",
    "yaml.not-mapping": "the file must be a mapping of keys (id:, title:, ...) at the top level",
    "yaml.too-large": "split the content or remove repeated aliases; sources are hand-written text",
    "yaml.too-deep": "un-nest the data: modules and curricula need only a few levels",
    "text.too-long": "shorten the text or split it into several sections",
    "text.control-char": "retype the text around this spot; an invisible character was copied in from another program",
    "file.missing": "check the path; paths in a curriculum are relative to the project folder",
    "path.outside": "put the file inside the project folder and write its path relative to it, e.g. rosters/peserta.xlsx",
    "asset.template": "point branding.slides_template at a PowerPoint .pptx made from templates/slides.pptx",
    "asset.image": "use a PNG or JPEG image (export it again from an image editor)",
    "certificate.number-pattern": "write e.g. '800/{seq:03d}/Humpro/{month_roman}/{year}'; fields: seq, year, month, month_roman",
    "roster.file": "save the roster from Excel as .xlsx or as CSV UTF-8",
    "attendance.file": "save the attendance from Excel as .xlsx or as CSV UTF-8",
    "missing": "add this field",
    "unknown-key": "remove it or check its spelling",
    "type.int": "write a whole number such as 30",
    "type.number": "write a number such as 2.5",
    "type.str": "write text (quote it if it looks like a number or a date)",
    "type.bool": "write true or false",
    "type.list": "write a list, one '- item' per line",
    "type.mapping": "write a mapping of 'key: value' lines",
    "type.date": "write the date as YYYY-MM-DD, e.g. 2019-09-24",
    "choice": "use one of the listed values",
    "too-short": "add the missing entries",
    "too-long": "remove some entries",
    "range": "use a value inside the allowed range",
    "duration": "write minutes (180) or lesson hours ('4 JP')",
    "time.format": "write clock times as 08.00 or 08:00",
    "timezone": "WIB: Sumatra, Java, West/Central Kalimantan; Wita: Bali, Nusa Tenggara, Sulawesi; WIT: Maluku, Papua",
    "id.format": "ids become file names: lower-case letters, digits and hyphens, e.g. 'menulis-berita'",
    "id.type": "write the id as text, e.g. 'menulis-berita'",
    "id.duplicate": "every id must be unique within its module or curriculum",
    "id.filename": "rename the file or the id so that they match",
    "quiz.type": "use one of: single, multiple, truefalse, matching, ordering, short, numeric",
    "quiz.answer": "the answer must name an existing option letter",
    "quiz.duplicate-option": "make every option different",
    "quiz.matching-sides": "give as many right-hand items as left-hand items (left[i] matches right[i])",
    "quiz.objective": "point the item at one of the module's objective ids",
    "quiz.empty-pool": "mark at least one item `pool: pre` or `pool: both` (and `post` or `both`)",
    "table.shape": "give every row as many cells as there are columns",
    "branding.colour": "write colours as #RRGGBB",
    "section.objective": "point the section at one of the module's objective ids",
    "exercise.objective": "point the exercise at one of the module's objective ids",
    "exercise.checker": "use a checker listed in docs/checkers.md",
    "exercise.check-missing": "add a `check:` block, or set `mode: paper`",
    "objective.uncovered": "add a quiz item or exercise with this objective",
    "asset.missing": "put the file there or correct the path (relative to the YAML file)",
    "agenda.time-order": "the end time must come after the start time",
    "agenda.overlap": "move one of the items so that they do not overlap",
    "agenda.module-missing": "a session needs `module: <id>`",
    "agenda.unknown-module": "use the id of a module in modules/ (see `workshop list`)",
    "agenda.module-invalid": "fix the errors reported for that module file first",
    "agenda.unknown-section": "list section ids of that module (see its YAML)",
    "days.order": "list the days in date order",
    "days.duplicate": "each date may appear once; merge the two days",
    "context.unknown": "use a placeholder listed in docs/context.md, e.g. {{ region.name }}",
    "context.missing": "add the field under `context:` in the curriculum (see docs/context.md)",
    "context.syntax": "write placeholders as {{ field.path }}; statements such as {% ... %} are not supported",
    "context.role": "use one of the listed official roles",
    "context.unit": "use one of the listed unit keys",
    "context.opening": "name the official who opens the workshop by a role key listed under context.officials",
    "curriculum.none": "pass a curriculum file, or add one under curriculum/",
    "render.failed": "fix the source named here; nothing was written and the previous output is unchanged",
    "font.coverage": "install a font that has these letters (see the message), then build again",
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in user input, with where it is and how to fix it."""

    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    path: str
    message: str
    code: str
    hint: str = ""

    def format(self) -> str:
        """Render as ``file:line:col: severity: path: message [code]`` plus an indented hint line."""
        where = f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        where = where if self.line else self.file
        subject = f"{self.path}: " if self.path else ""
        text = f"{where}: {self.severity}: {subject}{self.message} [{self.code}]"
        hint = self.hint or HINTS.get(self.code, "")
        return f"{text}\n    hint: {hint}" if hint else text


def display_path(path: Path | str) -> str:
    """Show ``path`` relative to the working directory when it lies below it."""
    path = Path(path)
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


SHOWN_PER_CODE = 5  # diagnostics of one code printed in full; the rest are counted in one summary line


@dataclass
class Report:
    """All diagnostics of one run, in a stable order."""

    items: list[Diagnostic] = field(default_factory=list)
    strict: bool = False

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a diagnostic; with ``strict`` warnings count as errors."""
        if self.strict and diagnostic.severity == "warning":
            diagnostic = Diagnostic(**{**diagnostic.__dict__, "severity": "error"})
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def extend(self, diagnostics) -> None:
        """Record several diagnostics."""
        for diagnostic in diagnostics:
            self.add(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stop a build."""
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that do not stop a build."""
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics ordered by file, line and column."""
        return sorted(self.items, key=lambda d: (d.file, d.line, d.column, d.code, d.message))

    def lines(self, per_code: int = SHOWN_PER_CODE) -> list[str]:
        """The formatted diagnostics in order, at most ``per_code`` of one code, then ``... and N more [code]``."""
        counts: dict[str, int] = {}
        lines: list[str] = []
        for diagnostic in self.sorted():
            counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
            if counts[diagnostic.code] <= per_code:
                lines.append(diagnostic.format())
        lines += [f"... and {count - per_code} more [{code}]" for code, count in counts.items() if count > per_code]
        return lines


class UserError(Exception):
    """An expected problem with the user's input or environment: shown without a traceback, exit 2."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


LOCATION = re.compile(r"^(?P<file>[^:\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*)$", re.S)


def diagnostic_from_error(error: UserError, code: str, fallback_file: str = "") -> Diagnostic:
    """The diagnostic for a UserError raised by a renderer; a leading ``file:line:col:`` becomes its location."""
    match = LOCATION.match(error.message)
    if match:
        return Diagnostic(match["file"], int(match["line"]), int(match["column"]), "error", "", match["rest"], code,
                          error.hint)
    return Diagnostic(fallback_file, 0, 0, "error", "", error.message, code, error.hint)
