"""Answers to a pre- or post-test as read from a filled-in response file."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.check.diagnostics import Diagnostic


@dataclass
class ResponseRow:
    """One participant's answers to one test, as found in a file."""

    source: str  # file (and sheet) name for messages
    row: int  # 1-based row number in the sheet (header is row 1)
    name: str
    nip: str
    agency: str
    variant: str
    test: str  # "<scope>-<pool>" when known, else ""
    pool: str  # "pre"/"post" when known, else ""
    module: str
    answers_by_number: dict[int, str] = field(default_factory=dict)
    answers_by_text: dict[str, tuple[int, str]] = field(default_factory=dict)  # header text -> (column, answer)
    columns: dict[str, int] = field(default_factory=dict)  # role -> 1-based column


@dataclass
class ResponseSheet:
    """The response rows of one sheet (or CSV file), with where it came from and notes on reading it."""

    name: str  # sheet name (a CSV's file stem)
    file_stem: str
    source: str  # file (and sheet) name for messages
    pool: str  # the pool given with the file ('pre', 'post' or '')
    rows: list[ResponseRow]
    notes: list[Diagnostic] = field(default_factory=list)  # e.g. the encoding a CSV was read in
