"""The table reader behind rosters, attendance and quiz responses: encodings, separators, limits."""

from __future__ import annotations

import pytest

from builder.responses import TableError, decode_text, excel_digits, read_table


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
    import builder.responses as responses

    monkeypatch.setattr(responses, "MAX_TABLE_ROWS", 5)
    path = tmp_path / "r.csv"
    path.write_text("Nama\n" + "Budi\n" * 10, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert (caught.value.row, caught.value.text) == (6, "has more than 5 rows")
