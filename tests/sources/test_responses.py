"""The table reader behind rosters, attendance and quiz responses: encodings, separators, limits."""

from __future__ import annotations

import pytest

from builder.sources.responses import TableError, decode_text, excel_digits, read_table


@pytest.mark.parametrize("raw, text, encoding", [
    ("Nama\nAgnès\n".encode("utf-8"), "Nama\nAgnès\n", "utf-8"),
    ("Nama\nAgnès\n".encode("utf-8-sig"), "Nama\nAgnès\n", "utf-8-sig"),
    ("Nama\nAgnès\n".encode("utf-16"), "Nama\nAgnès\n", "utf-16"),
    ("Nama\nAgnès\n".encode("utf-16-le"), "Nama\nAgnès\n", "utf-16"),
    ("Nama\nAgnès\n".encode("utf-16-be"), "Nama\nAgnès\n", "utf-16"),
    ("Nama\n“Dede” Agnès\n".encode("cp1252"), "Nama\n“Dede” Agnès\n", "windows-1252"),
    (b"Nama\n\x81x\n", "Nama\n\x81x\n", "latin-1"),
])
def test_decode_text_detects_the_encoding(raw, text, encoding):
    """UTF-8 (BOM or not), UTF-16 (BOM or not, either byte order), Windows-1252, else Latin-1."""
    assert decode_text(raw) == (text, encoding)


def test_binary_bytes_are_not_text():
    """NUL bytes that are not UTF-16 mean a binary file."""
    with pytest.raises(UnicodeError):
        decode_text(b"PK\x03\x04\x00\x00\x00\x01binary")


@pytest.mark.parametrize("value, shown", [
    (1.98811112012122e17, "198811112012122000"), (198811112012122001.0, "198811112012122000"),
    (1e15, "1000000000000000"), (-3.2101e15, "-3210100000000000"),
])
def test_excel_digits_show_what_excel_kept(value, shown):
    """Large numbers are shown with Excel's 15 significant digits, not float noise."""
    assert excel_digits(value) == shown


def test_too_many_rows_is_a_located_error(tmp_path, monkeypatch):
    """More rows than the stated limit stop at the first row over it."""
    import builder.sources.responses as responses

    monkeypatch.setattr(responses, "MAX_TABLE_ROWS", 5)
    path = tmp_path / "r.csv"
    path.write_text("Nama\n" + "Budi\n" * 10, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert (caught.value.row, caught.value.text) == (6, "has more than 5 rows")


@pytest.mark.parametrize("name, data, expected", [
    ("kuis-pre.csv", "No;Nama;NIP;Instansi;Varian;1\n1;Si\x0bti;;Dinas;A;A\n".encode(),
     "error: kuis-pre.csv:2:2: the cell contains the control character U+000B, which cannot go into a document"),
    ("kuis-pre.xlsx", b"No;Nama\n1;Siti\n",
     "error: kuis-pre.xlsx:1:1: is not a real .xlsx workbook (the file is not a zip archive)"),
    ("kuis-pre.xlsx", "zip",
     "error: kuis-pre.xlsx:1:1: is not a readable .xlsx workbook (KeyError)"),
    ("kuis-pre.csv", b"No;Nama,NIP\n1;Budi,1\n",
     "error: kuis-pre.csv:1:1: cannot tell whether cells are separated by ';' or ','"),
])
def test_quiz_score_reports_unreadable_responses_with_location(tmp_path, name, data, expected):
    """`workshop quiz score` on a broken response file: file:row:col, a hint, exit 2, no traceback."""
    import shutil

    from tests.helpers import ROOTS, run_cli

    root = tmp_path / "quiz"
    shutil.copytree(ROOTS / "quiz", root)
    if data == "zip":  # a real zip archive that is not a workbook
        import zipfile

        with zipfile.ZipFile(root / name, "w") as archive:
            archive.writestr("catatan.txt", "bukan buku kerja")
    else:
        (root / name).write_bytes(data)
    result = run_cli(root, "quiz", "score", "--pre", name, "--out", str(tmp_path / "n.xlsx"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert expected in result.output.splitlines(), result.output
    assert "hint:" in result.output
