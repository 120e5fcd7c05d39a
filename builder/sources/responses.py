"""Tables and test responses: one reader for .xlsx and .csv, and filled-in response files.

The response template (written by :mod:`builder.render.response_template`) has one sheet per
test (named ``<scope>-<pool>``, e.g. ``keprotokolan-pre``) with the columns ``No, Nama, NIP,
Instansi, Varian`` and one column per item number (1..N) of the printed sheet. Filled-in ``.xlsx``
or ``.csv`` files (Excel ``;`` exports, UTF-8 with BOM, Google Forms exports with one column per
question) are read back as :class:`~builder.model.responses.ResponseRow` objects, grouped by sheet.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


from builder.check.diagnostics import Diagnostic, UserError, display_path
from builder.model.common import normalize
from builder.model.responses import ResponseRow, ResponseSheet

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


@dataclass
class Sheet:
    """The rows of one sheet or CSV file, with the 1-based row number of every row as the user sees it."""

    name: str
    source: str
    header: list[str]
    rows: list[list[str]]
    numbers: list[int] = field(default_factory=list)  # sheet row number of each entry of ``rows``
    rounded: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of numbers Excel rounded
    encoding: str = "utf-8"  # how a CSV was decoded
    separator: str = ""
    header_row: int = 1

    def __post_init__(self) -> None:
        if not self.numbers:
            self.numbers = list(range(2, len(self.rows) + 2))

    def encoding_note(self, path: Path, code: str) -> list[Diagnostic]:
        """A warning naming the encoding assumed for a CSV that was not UTF-8 (empty when it was)."""
        if self.encoding in ("utf-8", "utf-8-sig"):
            return []
        return [Diagnostic(display_path(path), 1, 1, "warning", "", f"the file is not UTF-8; it was read as "
                           f"{self.encoding.upper()}", code, "check accented names; save it from Excel as 'CSV UTF-8' "
                           "to be sure")]

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """``(row number, cells)`` for every data row."""
        return zip(self.numbers, self.rows)


class TableError(UserError):
    """A table file that cannot be read, located at a row and column of that file."""

    def __init__(self, path: Path, message: str, hint: str, row: int = 1, column: int = 1) -> None:
        where = f"{display_path(path)}:{row}:{column}" if row else display_path(path)
        super().__init__(f"{where}: {message}", hint)
        self.path, self.text, self.row, self.column = path, message, row, column

    def diagnostic(self, code: str) -> Diagnostic:
        """The error as a located diagnostic with ``code``."""
        return Diagnostic(display_path(self.path), self.row, self.column, "error", "", self.text, code, self.hint)


MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_TABLE_ROWS = 50_000
MAX_TABLE_CELLS = 2_000_000
MAX_CELL_CHARS = 5_000
SEPARATORS = (";", ",", "\t")
SEPARATOR_NAMES = {";": "';'", ",": "','", "\t": "tab"}
ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SAVE_HINT = "save the file from Excel as .xlsx or as CSV UTF-8"


def read_table(path: Path) -> list[Sheet]:
    """Read every sheet of an ``.xlsx`` or the single table of a ``.csv`` as text cells."""
    path = Path(path)
    if path.is_dir():
        raise TableError(path, "is a folder, not a spreadsheet", "name an .xlsx or .csv file", 0, 0)
    if not path.is_file():
        raise TableError(path, "file not found", "check the path (relative to the project folder)", 0, 0)
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise TableError(path, f"is larger than {MAX_TABLE_BYTES // 1024 // 1024} MB", "split the file or remove "
                         "unused sheets and columns")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheets = _read_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        sheets = [_read_csv(path)]
    elif suffix in (".xls", ".ods"):
        raise TableError(path, f"{suffix} files cannot be read", SAVE_HINT)
    else:
        raise TableError(path, "not a .xlsx or .csv file", SAVE_HINT)
    for sheet in sheets:
        _check_cells(path, sheet)
    return [sheet for sheet in sheets if sheet.header or sheet.rows]


def _read_xlsx(path: Path) -> list[Sheet]:
    """Every non-empty sheet of a workbook; numbers too long for Excel's 15 digits are remembered."""
    import zipfile

    from openpyxl import load_workbook  # imported here: commands that read no workbook stay fast

    if not zipfile.is_zipfile(path):
        raise TableError(path, "is not a real .xlsx workbook (the file is not a zip archive)", SAVE_HINT)
    sheets = []
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                sheets.append(_xlsx_sheet(path, sheet))
        finally:
            workbook.close()
    except TableError:
        raise
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl and zipfile
        raise TableError(path, f"is not a readable .xlsx workbook ({type(error).__name__})", SAVE_HINT) from None
    return [s for s in sheets if s is not None]


def _xlsx_sheet(path: Path, sheet) -> Sheet | None:
    """One worksheet as text rows, keeping sheet row numbers."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    rounded: set[tuple[int, int]] = set()
    sheet.reset_dimensions()  # a wrong stored size (A1:XFD1048576) would pad every row to 16,384 cells
    total = 0
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        total += len(row)
        if number > MAX_TABLE_ROWS or total > MAX_TABLE_CELLS:
            raise TableError(path, f"sheet '{sheet.title}' has more than {MAX_TABLE_ROWS:,} rows or "
                             f"{MAX_TABLE_CELLS:,} cells", "split the file or delete unused rows and columns", number, 1)
        cells = []
        for column, value in enumerate(row, start=1):
            if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
                rounded.add((number, column))
                cells.append(excel_digits(value))
                continue
            cells.append("" if value is None else _cell_text(value))
        if any(cell.strip() for cell in cells):
            rows.append(cells)
            numbers.append(number)
    if not rows:
        return None
    return Sheet(sheet.title, f"{path.name}[{sheet.title}]", rows[0], rows[1:], numbers[1:], rounded,
                 header_row=numbers[0])


def excel_digits(value: float) -> str:
    """A large whole number as Excel shows it: 15 significant digits, then zeros (1.98811112012122E+17)."""
    mantissa, exponent = f"{abs(value):.14e}".split("e")
    digits = mantissa.replace(".", "")
    return ("-" if value < 0 else "") + (digits + "0" * (int(exponent) + 1 - len(digits)))[: int(exponent) + 1]


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 or Windows-1252; return (text, encoding)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        return raw.decode("utf-16-le" if odd > even else "utf-16-be"), "utf-16"
    if b"\x00" in raw:
        raise UnicodeError("binary")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            return raw.decode("latin-1"), "latin-1"


def _read_csv(path: Path) -> Sheet:
    """A CSV export in a common encoding with ``;``, ``,`` or tab between cells."""
    raw = path.read_bytes()
    try:
        text, encoding = decode_text(raw)
    except UnicodeDecodeError as error:  # a UTF-8 BOM or UTF-16 text with bytes that do not belong
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)  # the codec counts after the BOM
        line = raw[:start].count(b"\n") + 1
        raise TableError(path, f"is marked as {error.encoding.upper()} text but byte {start} is not",
                         SAVE_HINT, line, 1) from None
    except UnicodeError:
        raise TableError(path, "is a binary file, not CSV text", SAVE_HINT) from None
    if not text.strip():
        raise TableError(path, "the file is empty", "put a header row (Nama, NIP, ...) and one row per person")
    separator = _separator(path, text)
    rows, numbers = _csv_rows(path, text, separator)
    if not rows:
        raise TableError(path, "the file is empty", "put a header row (Nama, NIP, ...) and one row per person")
    width = len(rows[0])
    for row, number in zip(rows[1:], numbers[1:]):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise TableError(path, f"the row has {len(row)} cells but the header has {width} (separator "
                             f"{SEPARATOR_NAMES[separator]})", "quote cells that contain the separator, e.g. "
                             '"Santoso, S.Sos."', number, width + 1)
    return Sheet(path.stem, path.name, rows[0], rows[1:], numbers[1:], encoding=encoding, separator=separator,
                 header_row=numbers[0])


def _csv_rows(path: Path, text: str, separator: str, sample: int | None = None) -> tuple[list[list[str]], list[int]]:
    """Parse ``text`` (only the first ``sample`` records when given); return non-empty rows and their numbers."""
    limit = sample or MAX_TABLE_ROWS
    rows: list[list[str]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if number > limit:
                if sample:
                    break
                raise TableError(path, f"has more than {MAX_TABLE_ROWS:,} rows", "split the file", number, 1)
            if any(cell.strip() for cell in row):
                rows.append(row)
                numbers.append(number)
    except csv.Error as error:
        raise TableError(path, f"cannot be read as CSV: {error}", SAVE_HINT, number + 1, 1) from None
    return rows, numbers


def _separator(path: Path, text: str) -> str:
    """Decide between ';', ',' and tab from the header and the first 200 rows; fail when two fit equally."""
    scores = []
    for separator in SEPARATORS:
        rows, numbers = _csv_rows(path, text, separator, sample=200)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        bad = [n for row, n in zip(rows[1:], numbers[1:]) if len(row) > width and any(c.strip() for c in row[width:])]
        scores.append((len(bad), -width, separator, bad))
    if not scores:
        return ","  # one column: any separator reads it the same
    clean = [s[2] for s in scores if not s[0]]
    if len(clean) > 1:
        names = " or ".join(SEPARATOR_NAMES[s] for s in clean)
        raise TableError(path, f"cannot tell whether cells are separated by {names}", "use one separator in the whole "
                         "file, or save it from Excel as .xlsx", 1, 1)
    return clean[0] if clean else min(scores)[2]  # rows that do not fit are reported by row afterwards


def _check_cells(path: Path, sheet: Sheet) -> None:
    """Refuse characters that cannot go into an Office file and cells longer than a stated limit."""
    for number, cells in [(sheet.header_row, sheet.header), *sheet.numbered()]:
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                raise TableError(path, f"the cell has {len(cell):,} characters; at most {MAX_CELL_CHARS:,} are allowed",
                                 "shorten the cell", number, column)
            match = ILLEGAL_TEXT.search(cell)
            if match:
                raise TableError(path, f"the cell contains the control character U+{ord(match.group()):04X}, which "
                                 "cannot go into a document", "retype the cell; remove invisible characters copied "
                                 "from other programs", number, column)


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
    for offset, cells in sheet.numbered():
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


def read_response_files(files: list[tuple[Path, str]]) -> list[ResponseSheet]:
    """Read response files (each path paired with a pool: 'pre', 'post' or '') into their answer sheets."""
    result = []
    for path, pool in files:
        for sheet in read_table(path):
            notes = sheet.encoding_note(path, "score.encoding")
            if sheet.name.casefold() in ("petunjuk", "instructions"):
                result.append(ResponseSheet(sheet.name, path.stem, sheet.source, pool, [], notes))
                continue
            result.append(ResponseSheet(sheet.name, path.stem, sheet.source, pool, response_rows(sheet, pool=pool),
                                        notes))
    return result
