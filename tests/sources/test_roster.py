"""Rosters and attendance: reading xlsx/csv/Google Forms exports, row-by-row checks, NIP rules, eligibility."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from builder.sources.project import load_workshop
from builder.model.people import eligibility, nip_problem
from builder.sources.roster import load_roster

ROOT = Path(__file__).resolve().parents[1] / "roots" / "people"


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write CSV text to ``path``."""
    path.write_text(text, encoding=encoding)
    return path


def test_semicolon_csv_with_bom_keeps_names_exactly(tmp_path):
    """An Excel export (';', UTF-8 BOM) reads; titles, capitals and apostrophes are never changed."""
    path = write_csv(tmp_path / "r.csv", "Nama;Gelar Depan;Gelar Belakang;NIP;Instansi;Peran\n"
                     "Ma'ruf O'NEIL;Hj.;S.Sos., M.Si.;19690309 199403 1 001;PT A & B <Tbk>;Narasumber\n",
                     encoding="utf-8-sig")
    roster, problems = load_roster(path)
    assert problems == []
    person = roster.people[0]
    assert person.display_name == "Hj. Ma'ruf O'NEIL, S.Sos., M.Si."
    assert person.nip == "196903091994031001" and person.role == "narasumber"
    assert person.agency == "PT A & B <Tbk>"


def test_google_forms_export_with_english_headers(tmp_path):
    """Google Forms exports (Timestamp, Full name, Email address, Role) are recognised."""
    path = write_csv(tmp_path / "forms.csv", "Timestamp,Full name,Email address,Agency,Role\n"
                     "2019/09/20 10:00:00,Rina Wulandari,rina@example.go.id,Dinas Kominfo,participant\n")
    roster, problems = load_roster(path)
    assert problems == [] and roster.people[0].role == "peserta" and roster.people[0].email == "rina@example.go.id"


def test_xlsx_roster(tmp_path):
    """A roster in .xlsx is read from its first sheet; a numeric NIP cell is read back as digits."""
    book = Workbook()
    book.active.append(["No", "Nama", "NIP", "Peran"])
    book.active.append([1, "Yohana Ndoen", "199001012015032001", "pembawa acara"])
    book.save(tmp_path / "r.xlsx")
    roster, problems = load_roster(tmp_path / "r.xlsx")
    assert problems == [] and roster.people[0].role == "pembawa acara"


def test_bad_rows_are_reported_by_row_and_column(tmp_path):
    """Empty name, malformed NIP, unknown role and a duplicate are each reported with row and column."""
    path = write_csv(tmp_path / "r.csv", "No,Nama,NIP,Peran\n"
                     "1,Agus Saputra,196903091994031001,peserta\n"
                     "2,,196903091994031002,peserta\n"
                     "3,Budi Santoso,1969030919940310,peserta\n"
                     "4,Citra Lestari,199001012015032001,tamu\n"
                     "5,Agus Saputra,196903091994031001,peserta\n")
    roster, problems = load_roster(path)
    found = {(d.line, d.column, d.code) for d in problems}
    assert found == {(3, 2, "roster.name"), (4, 3, "roster.nip"), (5, 4, "roster.role"), (6, 3, "roster.duplicate")}
    assert [p.name for p in roster.people] == ["Agus Saputra"]
    message = next(d for d in problems if d.code == "roster.duplicate").format()
    assert "r.csv:6:3: error" in message and "row 2" in message


def test_attendance_and_eligibility_from_fixture():
    """At least 80 % of learning slots gives a participant certificate; speakers always qualify."""
    workshop, report = load_workshop(ROOT / "curriculum" / "sertifikat-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    decisions = {d.person.name: d for d in eligibility(workshop.roster, workshop.attendance, 0.8)}
    assert decisions["Budi Absen"].eligible is False
    assert decisions["Budi Absen"].reason == "hadir 2 dari 4 sesi (50%); syarat minimal 80%"
    assert decisions["Yohana Ndoen"].eligible is False  # 3 of 4 = 75 %
    assert decisions["PT A & B <Tbk>"].eligible is True
    assert decisions["Sari Contoh"].eligible is True and decisions["Sari Contoh"].attended is None


def test_attendance_problems_name_the_cell(tmp_path):
    """An unknown person, an unclear mark and a column matching no session are reported."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    write_csv(root / "rosters" / "kehadiran.csv",
              "Nama,2019-09-24 08.00,2019-09-24 10.00,Sesi tambahan\nOrang Asing,1,1,1\nBudi Absen,1,mungkin,1\n")
    workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    codes = {(d.line, d.column, d.code) for d in report.items}
    assert (1, 4, "attendance.column") in codes
    assert (2, 1, "attendance.unknown-person") in codes
    assert (3, 3, "attendance.value") in codes
    assert workshop is None  # errors stop the build


def test_missing_from_attendance_is_not_eligible(tmp_path):
    """A participant absent from the attendance file gets no certificate, with the reason."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    write_csv(root / "rosters" / "kehadiran.csv", "Nama,2019-09-24 08.00\nBudi Absen,1\n")
    workshop, _report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    decisions = {d.person.name: d for d in eligibility(workshop.roster, workshop.attendance, 0.8)}
    assert decisions["Ma'ruf O'Neil"].reason == "tidak tercatat dalam daftar kehadiran"


@pytest.mark.parametrize("stem", ["rakor-kubu-raya-2019", "raker-humas-ntt-2019"])
def test_sample_rosters_are_clean(stem):
    """The shipped sample rosters (xlsx and csv) read without a single problem and agree."""
    repo = Path(__file__).resolve().parents[2] / "rosters"
    xlsx, problems_x = load_roster(repo / f"{stem}.xlsx")
    csv_roster, problems_c = load_roster(repo / f"{stem}.csv")
    assert problems_x == [] and problems_c == []
    assert [p.display_name for p in xlsx.people] == [p.display_name for p in csv_roster.people]
    assert {p.role for p in xlsx.people} == {"peserta", "narasumber", "moderator", "panitia", "pembawa acara"}
    assert all(nip_problem(p.nip) is None for p in xlsx.people if p.nip)


def test_sample_generator_is_reproducible(tmp_path):
    """rosters/make_samples.py writes byte-identical workbooks on every run (fixed zip and core dates)."""
    import runpy

    repo = Path(__file__).resolve().parents[2] / "rosters"
    before = {p.name: p.read_bytes() for p in repo.glob("*.xlsx")}
    runpy.run_path(str(repo / "make_samples.py"), run_name="__main__")
    assert {p.name: p.read_bytes() for p in repo.glob("*.xlsx")} == before


# Hostile and sloppy tables (issue 19). Messages are pinned exactly as users see them.
NAMES = "Nama;Instansi\nAgnès Müller;Dinas Kominfo\nRenée “Dede” Sitompul;Bappeda\n"


@pytest.mark.parametrize("encoding, warning", [
    ("utf-8", None), ("utf-8-sig", None), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("cp1252", "WINDOWS-1252"),
])
def test_common_encodings_are_detected(tmp_path, monkeypatch, encoding, warning):
    """UTF-8 (with or without BOM), UTF-16 and Windows-1252 exports read into the same names; non-UTF-8 is said."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.csv"
    path.write_bytes(NAMES.encode(encoding))
    roster, problems = load_roster(path)
    assert [p.name for p in roster.people] == ["Agnès Müller", "Renée “Dede” Sitompul"]
    messages = [d.format() for d in problems]
    if warning is None:
        assert messages == []
    else:
        assert messages == [f"r.csv:1:1: warning: the file is not UTF-8; it was read as {warning} [roster.encoding]\n"
                            "    hint: check accented names; save it from Excel as 'CSV UTF-8' to be sure"]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_separators_semicolon_comma_and_tab(tmp_path, separator):
    """';', ',' and tab separated exports read the same; a quoted separator inside a cell stays in the cell."""
    path = write_csv(tmp_path / "r.csv", f'Nama{separator}Gelar Belakang\n"Budi Santoso"{separator}"S.Sos.{separator} M.Si."\n')
    roster, problems = load_roster(path)
    assert problems == [] and roster.people[0].title_back == f"S.Sos.{separator} M.Si."


@pytest.mark.parametrize("text, expected", [
    ("No;Nama,NIP\n1;Budi,1\n",
     "r.csv:1:1: error: cannot tell whether cells are separated by ';' or ',' [roster.file]"),
    ("Nama,Instansi\nBudi Santoso, S.Sos.,Dinas Kominfo\n",
     "r.csv:2:3: error: the row has 3 cells but the header has 2 (separator ',') [roster.file]"),
    ("Nama;NIP\nBudi\x0bSantoso;\n",
     "r.csv:2:1: error: the cell contains the control character U+000B, which cannot go into a document [roster.file]"),
    ("Nama\n" + "x" * 6000 + "\n",
     "r.csv:2:1: error: the cell has 6,000 characters; at most 5,000 are allowed [roster.file]"),
])
def test_unreadable_csv_is_a_located_error(tmp_path, monkeypatch, text, expected):
    """An undecidable separator, an unquoted separator, a control character or a huge cell: row and column."""
    monkeypatch.chdir(tmp_path)
    roster, problems = load_roster(write_csv(tmp_path / "r.csv", text))
    assert roster is None and problems[0].format().splitlines()[0] == expected


def test_binary_and_fake_workbooks_are_refused_with_location(tmp_path, monkeypatch):
    """A text file named .xlsx and random bytes named .csv are located errors, not crashes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.xlsx").write_text("Nama;NIP\nBudi;1\n", encoding="utf-8")
    (tmp_path / "b.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    first = load_roster(tmp_path / "r.xlsx")[1][0].format().splitlines()[0]
    second = load_roster(tmp_path / "b.csv")[1][0].format().splitlines()[0]
    assert first == "r.xlsx:1:1: error: is not a real .xlsx workbook (the file is not a zip archive) [roster.file]"
    assert second == "b.csv:1:1: error: is a binary file, not CSV text [roster.file]"


def test_nip_stored_as_number_exact_or_rounded(tmp_path, monkeypatch):
    """An exact integer NIP cell is read digit for digit; one Excel rounded to 15 digits is an error at its cell."""
    monkeypatch.chdir(tmp_path)
    from tests.fuzz.engine import exact_number_cell

    book = Workbook()
    book.active.append(["Nama", "NIP"])
    book.active.append(["Budi Santoso", "EXACT"])
    book.active.append(["Siti Aminah", 198811112012122001])  # openpyxl, like Excel, keeps 15 significant digits
    book.save(tmp_path / "r.xlsx")
    exact_number_cell(tmp_path / "r.xlsx", "EXACT", "197905052005012002")
    roster, problems = load_roster(tmp_path / "r.xlsx")
    assert roster.people[0].nip == "197905052005012002"
    assert [d.format().splitlines()[0] for d in problems] == [
        "r.xlsx:3:2: error: NIP: the NIP is stored as a number, so Excel kept only 15 digits (198811112012122000); "
        "the last digits are lost [roster.nip-rounded]"]


def test_row_numbers_count_blank_rows(tmp_path):
    """Blank rows are skipped but later rows keep the row number the spreadsheet shows."""
    roster, problems = load_roster(write_csv(tmp_path / "r.csv", "Nama,Peran\n\nBudi,peserta\n\nSiti,tamu\n"))
    assert [(d.line, d.column, d.code) for d in problems] == [(5, 2, "roster.role")]
    assert roster.people[0].row == 3


def test_duplicate_attendance_rows_are_reported_never_merged(tmp_path, monkeypatch):
    """A second row for the same person is an error at that row; the first row is not overridden."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    path = root / "rosters" / "kehadiran.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[3].replace(",1,1,1,1", ",0,0,0,0"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(root)
    workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    assert workshop is None
    assert [d.format().splitlines()[0] for d in report.errors] == [
        f"rosters/kehadiran.csv:{len(lines)}:1: error: duplicate: 'Ma'ruf O'Neil, S.H.' already has a row (4); "
        "rows are never merged [attendance.duplicate]"]


def test_odd_but_legal_characters_pass_unchanged(tmp_path):
    """Zero-width joiners and right-to-left marks are legal text and stay in names exactly."""
    name = "Budi\u200dSantoso \u200fعلي"
    roster, problems = load_roster(write_csv(tmp_path / "r.csv", f"Nama\n{name}\n"))
    assert problems == [] and roster.people[0].name == name


def test_ten_thousand_rows_validate_in_seconds(tmp_path):
    """A 10,000-row roster is read and checked in a few seconds (bench/bench_roster.py measures it)."""
    import time

    from tests.fuzz.engine import HEADER, _nip, write_roster

    rows = [[str(i + 1), f"Peserta {i:05d}", "", "", _nip(i), "", "Staf", f"Instansi {i % 40}", "peserta"]
            for i in range(10_000)]
    write_roster(tmp_path / "r.csv", rows, header=HEADER)
    started = time.perf_counter()
    roster, problems = load_roster(tmp_path / "r.csv")
    assert time.perf_counter() - started < 10
    assert problems == [] and len(roster.people) == 10_000


@pytest.mark.parametrize("data, expected", [
    (b"\x8f\x00\x13binary\x00", "kehadiran.csv:1:1: error: is a binary file, not CSV text [attendance.file]"),
    (b"Nama,2019-09-24 08.00\nBudi Absen,1,1,1\n",
     "kehadiran.csv:2:3: error: the row has 4 cells but the header has 2 (separator ',') [attendance.file]"),
])
def test_unreadable_attendance_is_located(tmp_path, monkeypatch, data, expected):
    """A binary attendance file or a row with more cells than the header: an error at file:row:col."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    (root / "rosters" / "kehadiran.csv").write_bytes(data)
    monkeypatch.chdir(root / "rosters")
    workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    assert workshop is None and report.errors[0].format().splitlines()[0] == expected


def test_workbook_without_rows_is_an_empty_roster(tmp_path, monkeypatch):
    """An .xlsx with only empty sheets is a located 'the roster is empty', not an unlocated message."""
    monkeypatch.chdir(tmp_path)
    Workbook().save(tmp_path / "r.xlsx")
    roster, problems = load_roster(tmp_path / "r.xlsx")
    assert roster is None and problems[0].format().splitlines()[0] == "r.xlsx:1:1: error: the roster is empty [roster.file]"
