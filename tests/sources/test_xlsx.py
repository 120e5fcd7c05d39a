"""The light .xlsx reader gives the values openpyxl gives, or leaves the workbook to openpyxl."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from builder.sources.responses import read_table
from builder.sources.xlsx import Unsupported, worksheets

REPO = Path(__file__).resolve().parents[2]


def openpyxl_values(path: Path) -> list[tuple[str, list[tuple]]]:
    """What the roster reader got from openpyxl: read-only, data only, dimensions reset."""
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        found = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            found.append((sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)]))
        return found
    finally:
        book.close()


def light_values(path: Path) -> list[tuple[str, list[tuple]]]:
    """What the light reader gives for the same workbook."""
    with zipfile.ZipFile(path) as archive:
        return [(title, [tuple(row) for row in rows]) for title, rows in worksheets(archive)]


def mixed_workbook(path: Path) -> Path:
    """A workbook with the cells rosters hold: text, numbers, booleans, gaps, rich text, several sheets."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["No", "Nama", "NIP", "Jabatan", "Hadir", None, "Catatan"])
    sheet.append([1, "Hj. Siti Nurhaliza, S.Sos., M.Si.", "198811112012122001", "Kepala Bagian", True, None, " spasi "])
    sheet.append([2, "PT A & B <Tbk>", 198811112012122001, "Analis", False])
    sheet.append([3.5, "Agnès “Dede”", -12, None, None, None, "x005F_ teks"])
    sheet.cell(row=7, column=3, value="baris setelah celah")
    sheet.cell(row=8, column=9, value=1e15)
    sheet.cell(row=9, column=2, value=CellRichText(["Budi ", TextBlock(InlineFont(b=True), "Santoso")]))
    sheet.cell(row=10, column=1, value="=1+1")
    other = book.create_sheet("Kehadiran")
    other.append(["Nama", "2019-09-24"])
    other.append(["Budi", "v"])
    book.create_sheet("Kosong")
    hidden = book.create_sheet("Tersembunyi")
    hidden.sheet_state = "hidden"
    hidden.append(["a", 0.1, 12345678901234567890])
    book.save(path)
    return path


def test_light_reader_matches_openpyxl_on_every_workbook_of_the_project(tmp_path):
    """The sample rosters, attendance files, test roots and a workbook of mixed cells read the same."""
    paths = sorted(p for p in REPO.glob("**/*.xlsx") if ".git" not in p.parts and "build" not in p.parts)
    paths.append(mixed_workbook(tmp_path / "mixed.xlsx"))
    assert len(paths) > 5
    for path in paths:
        assert light_values(path) == openpyxl_values(path), path


def test_dates_are_left_to_openpyxl(tmp_path):
    """A number in a date format raises Unsupported; read_table then reads it with openpyxl, as before."""
    book = Workbook()
    book.active.append(["Nama", "Tanggal"])
    book.active.append(["Budi", dt.datetime(2019, 9, 24, 8, 0)])
    path = tmp_path / "tanggal.xlsx"
    book.save(path)
    with pytest.raises(Unsupported):
        light_values(path)
    sheet = read_table(path)[0]
    assert sheet.rows == [["Budi", "2019-09-24 08:00:00"]]


def test_escaped_characters_are_left_to_openpyxl(tmp_path):
    """Text with Excel's _xHHHH_ escapes is not read by the light reader; openpyxl reads it as before."""
    book = Workbook()
    book.active.append(["Nama", "Catatan"])
    book.active.append(["Budi", "kode_x000D_akhir"])
    path = tmp_path / "escape.xlsx"
    book.save(path)
    with pytest.raises(Unsupported):
        light_values(path)
    assert read_table(path)[0].rows == [[str(v) for v in row] for row in openpyxl_values(path)[0][1][1:]]


def test_reading_a_roster_imports_no_openpyxl():
    """A roster of text and numbers is read without importing openpyxl (nor numpy through it)."""
    probe = ("import json, sys\nfrom builder.sources.responses import read_table\n"
             "rows = read_table(__import__('pathlib').Path(sys.argv[1]))[0].rows\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'numpy'))\n"
             "print(json.dumps([len(rows), heavy]))")
    roster = REPO / "rosters" / "rakor-kubu-raya-2019.xlsx"
    done = subprocess.run([sys.executable, "-c", probe, str(roster)], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120, check=True)
    count, imported = json.loads(done.stdout)
    assert count > 10 and imported == []
