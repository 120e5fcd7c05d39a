"""The roster (daftar peserta) and attendance (kehadiran): read from .xlsx/.csv, checked row by row.

Rows are reported by row number and column (``rosters/x.xlsx:12:3: error: NIP: ... [roster.nip]``)
and never silently dropped: a bad row is an error that stops the build until it is fixed.
Names are kept exactly as written (capitals, apostrophes, "Hj.", "S.Sos., M.Si.").
"""

from __future__ import annotations

from pathlib import Path

from builder.check.diagnostics import Diagnostic, UserError, display_path
from builder.model.curriculum import AgendaItem, Curriculum, Day
from builder.model.common import normalize
from builder.model.people import (  # noqa: F401 (re-exported for older imports)
    ROLES, Attendance, Eligibility, Person, Roster, eligibility, format_nip, nip_problem,
)
from builder.sources.responses import Sheet, TableError, read_table

ROLE_ALIASES = {
    "peserta": "peserta", "participant": "peserta", "attendee": "peserta",
    "narasumber": "narasumber", "nara sumber": "narasumber", "pemateri": "narasumber",
    "fasilitator": "narasumber", "speaker": "narasumber", "resource person": "narasumber",
    "moderator": "moderator",
    "panitia": "panitia", "committee": "panitia", "organizer": "panitia", "organiser": "panitia",
    "pembawa acara": "pembawa acara", "pewara": "pembawa acara", "mc": "pembawa acara",
    "master of ceremonies": "pembawa acara", "master of ceremony": "pembawa acara",
}
ROSTER_COLUMNS = {
    "name": ("nama", "nama lengkap", "nama peserta", "name", "full name", "nama (tanpa gelar)"),
    "nip": ("nip", "nip/nik", "nip / nik", "employee id"),
    "position": ("jabatan", "position", "job title"),
    "rank": ("pangkat/golongan", "pangkat / golongan", "pangkat/gol", "pangkat", "golongan", "pangkat/gol.", "rank"),
    "agency": ("instansi", "unit kerja", "instansi/unit kerja", "asal instansi", "agency", "organisasi", "organization"),
    "email": ("email", "e-mail", "alamat email", "email address", "surel"),
    "role": ("peran", "role", "sebagai", "status"),
    "title_front": ("gelar depan", "title before", "front title"),
    "title_back": ("gelar belakang", "title after", "academic title", "gelar"),
    "phone": ("telepon", "no. hp", "no hp", "hp", "phone", "nomor telepon", "whatsapp"),
    "number": ("no", "no.", "nomor", "#"),
    "timestamp": ("timestamp", "stempel waktu", "cap waktu"),
}
PRESENT = {"1", "v", "x", "✓", "✔", "y", "ya", "yes", "hadir", "h", "true", "present"}
ABSENT = {"", "0", "-", "–", "tidak", "t", "no", "n", "absen", "alpa", "a", "izin", "i", "sakit", "s", "false", "absent"}


def clean_nip(raw: str) -> str:
    """Remove spaces, dots and a leading apostrophe that Excel users type around a NIP."""
    return "".join(c for c in raw.strip().lstrip("'") if c not in " .\u00a0-")


def _roster_diagnostic(path: Path, row: int, column: int, field_name: str, message: str, code: str,
                       hint: str, severity: str = "error") -> Diagnostic:
    """A diagnostic pointing at one cell of a roster or attendance file."""
    return Diagnostic(display_path(path), row, column, severity, field_name, message, code, hint)


def _columns(sheet: Sheet, aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map column roles to 0-based indexes using the alias table."""
    found: dict[str, int] = {}
    for index, raw in enumerate(sheet.header):
        label = normalize(raw).rstrip(":")
        role = next((r for r, names in aliases.items() if label in names), None)
        if role and role not in found:
            found[role] = index
    return found


def load_roster(path: Path) -> tuple[Roster | None, list[Diagnostic]]:
    """Read and check a roster file; return the roster (None when unreadable) and the diagnostics."""
    try:
        sheets = read_table(path)
    except TableError as error:
        return None, [error.diagnostic("roster.file")]
    except UserError as error:
        return None, [Diagnostic(display_path(path), 1, 1, "error", "", error.message, "roster.file", error.hint)]
    if not sheets:
        return None, [Diagnostic(display_path(path), 1, 1, "error", "", "the roster is empty", "roster.file",
                                 "put one person per row under a header row (Nama, NIP, Jabatan, Instansi, Peran)")]
    sheet = sheets[0]
    columns = _columns(sheet, ROSTER_COLUMNS)
    if "name" not in columns:
        return None, [_roster_diagnostic(path, sheet.header_row, 1, "header", f"no name column among {sheet.header}",
                                         "roster.header", "add a column headed 'Nama' (or 'Name')")]
    people: list[Person] = []
    diagnostics: list[Diagnostic] = _encoding_notes(path, sheet, "roster")
    seen: dict[str, int] = {}
    for row_number, cells in sheet.numbered():
        person, problems = _person(path, row_number, cells, columns, sheet.rounded)
        diagnostics.extend(problems)
        if person is None:
            continue
        if person.key in seen:
            what = f"NIP {person.nip}" if person.nip else f"'{person.name}' of '{person.agency}'"
            diagnostics.append(_roster_diagnostic(
                path, row_number, columns["nip" if person.nip else "name"] + 1, "duplicate",
                f"{what} is already listed in row {seen[person.key]}", "roster.duplicate",
                "remove the repeated row (one row per person; give one person one role)"))
            continue
        seen[person.key] = row_number
        people.append(person)
    return Roster(path, tuple(people)), diagnostics


def _encoding_notes(path: Path, sheet: Sheet, what: str) -> list[Diagnostic]:
    """A warning naming the encoding assumed for a CSV that was not UTF-8."""
    return sheet.encoding_note(path, f"{what}.encoding")


def rounded_nip(path: Path, row: int, column: int, value: str, code: str) -> Diagnostic:
    """The error for a NIP that Excel stored as a number and rounded to 15 significant digits."""
    return _roster_diagnostic(
        path, row, column, "NIP", f"the NIP is stored as a number, so Excel kept only 15 digits ({value}); "
        "the last digits are lost", code,
        "format the NIP column as Text in Excel and type the NIPs again (or start each with an apostrophe)")


def _person(path: Path, row: int, cells: list[str], columns: dict[str, int],
            rounded: set[tuple[int, int]] = frozenset()) -> tuple[Person | None, list[Diagnostic]]:
    """Build one Person from a row; report empty names, bad NIPs and unknown roles by cell."""
    cells = list(cells) + [""] * (max(columns.values()) + 1 - len(cells))

    def get(role: str) -> str:
        return str(cells[columns[role]]).strip() if role in columns else ""

    problems: list[Diagnostic] = []
    name = get("name")
    if not name:
        problems.append(_roster_diagnostic(path, row, columns["name"] + 1, "Nama", "the name is empty", "roster.name",
                                           "write the name as it should appear on the certificate, or delete the row"))
    nip = clean_nip(get("nip"))
    if "nip" in columns and (row, columns["nip"] + 1) in rounded:
        problems.append(rounded_nip(path, row, columns["nip"] + 1, nip, "roster.nip-rounded"))
    elif nip and nip not in ("-", "0") and (problem := nip_problem(nip)):
        problems.append(_roster_diagnostic(path, row, columns["nip"] + 1, "NIP", problem, "roster.nip",
                                           "copy the 18-digit NIP from the SK or leave the cell empty for non-ASN"))
    nip = "" if nip in ("-", "0") else nip
    raw_role = get("role") or "peserta"
    role = ROLE_ALIASES.get(normalize(raw_role))
    if role is None:
        problems.append(_roster_diagnostic(path, row, columns["role"] + 1, "Peran", f"unknown role '{raw_role}'",
                                           "roster.role", f"use one of: {', '.join(ROLES)}"))
    if problems:
        return None, problems
    return Person(row=row, name=name, nip=nip, position=get("position"), rank=get("rank"), agency=get("agency"),
                  email=get("email"), role=role, title_front=get("title_front"), title_back=get("title_back")), []


def session_labels(curriculum: Curriculum) -> list[tuple[Day, AgendaItem, str]]:
    """The learning slots (sessions, discussions) that count for attendance, labelled ``2019-09-24 09.45``."""
    return [(day, item, f"{day.date.isoformat()} {item.start.strftime('%H.%M')}")
            for day in curriculum.days for item in day.items if item.counts_for_jp]


def _match_session(header: str, labels: list[tuple[Day, AgendaItem, str]]) -> int | None:
    """The index of the session a header names: the canonical label, or a module id used once."""
    text = normalize(header)
    for index, (_day, _item, label) in enumerate(labels):
        if text.startswith(label.casefold()) or text.startswith(label.casefold().replace(".", ":")):
            return index
    by_module = [i for i, (_d, item, _l) in enumerate(labels) if item.module and item.module == text]
    return by_module[0] if len(by_module) == 1 else None


def load_attendance(path: Path, curriculum: Curriculum, roster: Roster) -> tuple[Attendance | None, list[Diagnostic]]:
    """Read attendance (one row per person, one column per session); match rows to the roster."""
    try:
        sheets = read_table(path)
    except TableError as error:
        return None, [error.diagnostic("attendance.file")]
    except UserError as error:
        return None, [Diagnostic(display_path(path), 1, 1, "error", "", error.message, "attendance.file", error.hint)]
    labels = session_labels(curriculum)
    if not sheets:
        return Attendance(path, tuple(label for *_x, label in labels)), []
    sheet = sheets[0]
    columns = _columns(sheet, ROSTER_COLUMNS)
    diagnostics: list[Diagnostic] = _encoding_notes(path, sheet, "attendance")
    session_columns: dict[int, int] = {}
    for index, header in enumerate(sheet.header):
        if index in columns.values() or not header.strip():
            continue
        match = _match_session(header, labels)
        if match is None:
            diagnostics.append(_roster_diagnostic(
                path, sheet.header_row, index + 1, "header", f"column '{header}' matches no session of the agenda",
                "attendance.column", f"head session columns with the date and start time, e.g. '{labels[0][2]}'"
                if labels else "the agenda has no sessions", "warning"))
        else:
            session_columns[index] = match
    by_nip = {p.nip: p for p in roster.people if p.nip}
    by_name = {normalize(p.name): p for p in roster.people}
    present: dict[str, frozenset[int]] = {}
    rows_of: dict[str, int] = {}
    for row_number, cells in sheet.numbered():
        cells = list(cells) + [""] * (len(sheet.header) - len(cells))
        nip = clean_nip(cells[columns["nip"]]) if "nip" in columns else ""
        if nip and (row_number, columns["nip"] + 1) in sheet.rounded:
            diagnostics.append(rounded_nip(path, row_number, columns["nip"] + 1, nip, "attendance.nip-rounded"))
            continue
        name = cells[columns["name"]].strip() if "name" in columns else ""
        person = by_nip.get(nip) if nip else None
        person = person or by_name.get(normalize(name))
        if person is None:
            diagnostics.append(_roster_diagnostic(
                path, row_number, columns.get("name", 0) + 1, "Nama", f"'{name or nip}' is not on the roster; the row is skipped",
                "attendance.unknown-person", "use the name or NIP exactly as in the roster", "warning"))
            continue
        if person.key in rows_of:
            diagnostics.append(_roster_diagnostic(
                path, row_number, columns.get("name", columns.get("nip", 0)) + 1, "duplicate",
                f"'{person.display_name}' already has a row ({rows_of[person.key]}); rows are never merged",
                "attendance.duplicate", "keep one row per person and mark every session they attended in it"))
            continue
        rows_of[person.key] = row_number
        attended = set()
        for column, session in session_columns.items():
            value = normalize(cells[column])
            if value in PRESENT:
                attended.add(session)
            elif value not in ABSENT:
                diagnostics.append(_roster_diagnostic(
                    path, row_number, column + 1, sheet.header[column], f"'{cells[column]}' is neither present nor absent",
                    "attendance.value", "write 1 (or v, hadir) for present and 0 or leave empty for absent"))
        present[person.key] = frozenset(attended)
    return Attendance(path, tuple(label for *_x, label in labels), present), diagnostics
