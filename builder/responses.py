"""Test responses: the response template organizers fill in, and reading filled-in files.

The template has one sheet per test (named ``<scope>-<pool>``, e.g. ``keprotokolan-pre``) with the
columns ``No, Nama, NIP, Instansi, Varian`` and one column per item number (1..N) of the printed
sheet. Filled-in ``.xlsx`` or ``.csv`` files (Excel ``;`` exports, UTF-8 with BOM, Google Forms
exports with one column per question) are read back as :class:`ResponseRow` objects.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from builder.diagnostics import UserError
from builder.writer import fix_core_dates

HEADER_ALIASES = {
    "name": ("nama", "name", "nama lengkap", "nama peserta", "full name"),
    "nip": ("nip", "nip/nik", "employee id"),
    "agency": ("instansi", "unit kerja", "instansi/unit kerja", "agency", "organisasi", "organization"),
    "variant": ("varian", "variant", "versi", "paket"),
    "test": ("tes", "test", "jenis tes"),
    "module": ("modul", "module"),
    "timestamp": ("timestamp", "stempel waktu", "cap waktu"),
    "email": ("email", "e-mail", "alamat email", "email address"),
    "row": ("no", "no.", "nomor"),
}
ITEM_HEADER = re.compile(r"^(?:soal|no\.?|nomor|item|q)?\s*(\d{1,3})\s*[.)]?$", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced text for comparing headers and answers."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(text.replace("\u00a0", " ").split())


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
class Sheet:
    """The rows of one sheet or CSV file."""

    name: str
    source: str
    header: list[str]
    rows: list[list[str]]


def read_table(path: Path) -> list[Sheet]:
    """Read every sheet of an ``.xlsx`` or the single table of a ``.csv`` as text cells."""
    if not path.is_file():
        raise UserError(f"{path}: file not found", "check the path of the responses file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for sheet in workbook.worksheets:
            values = [["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            values = [row for row in values if any(cell.strip() for cell in row)] if values else []
            if values:
                sheets.append(Sheet(sheet.title, f"{path.name}[{sheet.title}]", values[0], values[1:]))
        workbook.close()
        return sheets
    if suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
        if not rows:
            raise UserError(f"{path}: the file is empty", "export the responses with a header row")
        return [Sheet(path.stem, path.name, rows[0], rows[1:])]
    raise UserError(f"{path}: not a .xlsx or .csv file", "save the responses as Excel (.xlsx) or CSV")


def _cell_text(value) -> str:
    """Cell value as text; whole floats lose their '.0' (Excel stores 3 as 3.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def classify_header(header: list[str]) -> tuple[dict[str, int], dict[int, int], dict[int, str]]:
    """Split a header into identity columns, item-number columns and question-text columns (0-based)."""
    roles: dict[str, int] = {}
    numbers: dict[int, int] = {}
    texts: dict[int, str] = {}
    for index, raw in enumerate(header):
        label = normalize(raw)
        role = next((r for r, names in HEADER_ALIASES.items() if label in names), None)
        if role and role not in roles:
            roles[role] = index
            continue
        match = ITEM_HEADER.match(label)
        if match:
            numbers[index] = int(match.group(1))
        elif label:
            texts[index] = raw
    return roles, numbers, texts


def response_rows(sheet: Sheet, pool: str = "", test: str = "") -> list[ResponseRow]:
    """Turn a sheet into response rows (identity, variant, answers by item number or question text)."""
    roles, numbers, texts = classify_header(sheet.header)
    result = []
    for offset, cells in enumerate(sheet.rows, start=2):
        cells = list(cells) + [""] * (len(sheet.header) - len(cells))

        def get(role: str) -> str:
            return cells[roles[role]].strip() if role in roles else ""

        row_test = test or get("test")
        row_pool = pool or _pool_of(row_test)
        result.append(ResponseRow(
            source=sheet.source, row=offset, name=get("name"), nip=get("nip").replace(" ", ""),
            agency=get("agency"), variant=get("variant").upper(), test=row_test if "-" in row_test else "",
            pool=row_pool, module=get("module"),
            answers_by_number={n: cells[i].strip() for i, n in numbers.items()},
            answers_by_text={texts[i]: (i + 1, cells[i].strip()) for i in texts},
            columns={role: i + 1 for role, i in roles.items()} | {f"item:{n}": i + 1 for i, n in numbers.items()},
        ))
    return result


def _pool_of(test: str) -> str:
    """``pre``/``post`` from a test name or a label such as 'Pre-test'."""
    label = normalize(test)
    if label.endswith("pre") or label.startswith("pre"):
        return "pre"
    if label.endswith("post") or label.startswith("post"):
        return "post"
    return ""


def response_template(workshop, tests) -> bytes:
    """An .xlsx with a sheet per test whose columns match the printed answer sheets, plus instructions."""
    workbook = Workbook()
    guide = workbook.active
    guide.title = "Petunjuk"
    lines = [
        "Isian jawaban pre-test dan post-test",
        workshop.curriculum.title,
        "",
        "Satu lembar kerja untuk setiap tes. Satu baris untuk setiap peserta.",
        "Varian: huruf varian yang tertulis di lembar soal (A, B, ...).",
        "Pilihan ganda: huruf jawaban (B). Jawaban lebih dari satu: semua huruf (AC).",
        "Benar/salah: B atau S. Menjodohkan: huruf untuk setiap nomor berurutan (CAB atau 1C 2A 3B).",
        "Mengurutkan: nomor-nomor dalam urutan jawaban (3142). Isian: jawaban singkat. Angka: bilangan.",
        "Kosongkan sel bila peserta tidak menjawab.",
        "Nilai dihitung dengan: workshop quiz score berkas-ini.xlsx",
    ]
    for line in lines:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 100
    fill = PatternFill("solid", fgColor="D9E2F3")
    for test, variants in tests:
        sheet = workbook.create_sheet(test.name[:31])
        count = len(variants[0].items)
        header = ["No", "Nama", "NIP", "Instansi", "Varian"] + [str(n) for n in range(1, count + 1)]
        sheet.append(header)
        for column in range(1, len(header) + 1):
            cell = sheet.cell(row=1, column=column)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center")
        for letter, width in zip("ABCDE", (5, 34, 21, 30, 8)):
            sheet.column_dimensions[letter].width = width
        for column in range(6, len(header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 6
        sheet.freeze_panes = "F2"
    workbook.properties.creator = workshop.curriculum.organizer
    import datetime as dt

    stamp = dt.datetime.combine(workshop.curriculum.first_date, dt.time())
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fix_core_dates(buffer.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
