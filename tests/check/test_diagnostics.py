"""Diagnostics: the report prints every code, and summarises one code that repeats many times."""

from __future__ import annotations

from builder.check.diagnostics import SHOWN_PER_CODE, Diagnostic, Report


def nip_error(row: int) -> Diagnostic:
    """A bad-NIP error in row ``row`` of a roster."""
    return Diagnostic("rosters/peserta.csv", row, 5, "error", "", "NIP: must be 18 digits", "roster.nip")


def test_a_repeated_code_is_shown_a_few_times_then_counted_in_one_line():
    report = Report()
    report.extend(nip_error(row) for row in range(2, 82))  # a whole column of 80 bad NIPs
    report.add(Diagnostic("rosters/peserta.csv", 40, 9, "error", "", "unknown role 'tamu'", "roster.role"))
    lines = report.lines()
    assert sum("[roster.nip]" in line and "rosters/peserta.csv:" in line for line in lines) == SHOWN_PER_CODE
    assert lines[0].startswith("rosters/peserta.csv:2:5: error: NIP: must be 18 digits [roster.nip]")
    assert lines[-1] == f"... and {80 - SHOWN_PER_CODE} more [roster.nip]"
    assert any(line.startswith("rosters/peserta.csv:40:9: error: unknown role") for line in lines)
    assert len(lines) == SHOWN_PER_CODE + 2


def test_a_code_up_to_the_limit_is_printed_in_full_without_a_summary():
    report = Report()
    report.extend(nip_error(row) for row in range(2, 2 + SHOWN_PER_CODE))
    lines = report.lines()
    assert len(lines) == SHOWN_PER_CODE and not any(line.startswith("...") for line in lines)
    assert Report(items=report.items).lines(per_code=2)[-1] == f"... and {SHOWN_PER_CODE - 2} more [roster.nip]"
