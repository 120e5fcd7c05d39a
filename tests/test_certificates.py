"""Certificate numbers, the register and verification (builder/certificates.py)."""

from __future__ import annotations

import datetime as dt

from builder.certificates import (
    Register, assign_numbers, certificate_hash, fitted_size, format_number, parse_claim, slug, verify, verify_url,
)
from builder.roster import Person

DATE = dt.date(2019, 9, 25)
PATTERN = "800/{seq:03d}/Humpro/{month_roman}/{year}"


def people(*names: str) -> list[Person]:
    """People identified by name only (no NIP)."""
    return [Person(row=i + 2, name=name, agency="Dinas Kominfo") for i, name in enumerate(names)]


def number(name: str, register: Register) -> str:
    """The number a person got."""
    return next(e.number for e in register.entries if e.name == name)


def test_number_pattern_fields():
    """{seq:03d}, {month_roman} and {year} fill as in Indonesian letter numbers."""
    assert format_number(PATTERN, 7, DATE) == "800/007/Humpro/IX/2019"


def test_adding_and_removing_people_never_renumbers_anyone():
    """The register keeps issued numbers; a removed person's number is not reused."""
    first = assign_numbers(people("Ani", "Budi", "Citra"), None, "w", "Rakor", PATTERN, DATE, "k")
    assert [e.seq for e in first.entries] == [1, 2, 3]
    second = assign_numbers(people("Ani", "Citra", "Dedi"), first, "w", "Rakor", PATTERN, DATE, "k")
    assert number("Ani", second) == number("Ani", first)
    assert number("Citra", second) == number("Citra", first)
    assert number("Dedi", second) == "800/004/Humpro/IX/2019"
    budi = next(e for e in second.entries if e.name == "Budi")
    assert budi.active is False and budi.seq == 2
    third = assign_numbers(people("Ani", "Citra", "Dedi", "Eka", "Budi"), second, "w", "Rakor", PATTERN, DATE, "k")
    assert number("Eka", third) == "800/005/Humpro/IX/2019"
    assert number("Budi", third) == "800/002/Humpro/IX/2019"  # back on the list: the same number again
    assert Register.from_json(third.to_json()) == third


def test_verify_valid_tampered_and_unknown():
    """A genuine number/URL verifies; a changed name, a wrong hash or an unknown number does not."""
    register = assign_numbers(people("Ma'ruf O'Neil", "Budi"), None, "w", "Rakor", PATTERN, DATE, "rahasia")
    entry = register.entries[0]
    url = verify_url("https://x.example/v?no={number}&h={hash}", entry)
    assert parse_claim(url) == (entry.number, entry.hash)
    assert verify(register, url, "rahasia").valid
    assert verify(register, entry.number, "rahasia", name="Ma'ruf O'Neil").valid
    assert not verify(register, entry.number, "rahasia", name="Ma'ruf O'Neill").valid
    assert not verify(register, url.replace(entry.hash, "0" * 16), "rahasia").valid
    assert "tidak terdaftar" in verify(register, "800/999/Humpro/IX/2019", "rahasia").message
    entry.name = "Nama Palsu"  # someone edits the register itself
    assert "diubah" in verify(register, url, "rahasia").message
    assert not verify(register, url, "kunci-lain").valid


def test_hash_binds_number_name_role_and_workshop():
    """Changing any of the four inputs changes the hash."""
    base = certificate_hash("k", "1", "Ani", "peserta", "w")
    assert len({base, certificate_hash("k", "2", "Ani", "peserta", "w"), certificate_hash("k", "1", "Ana", "peserta", "w"),
                certificate_hash("k", "1", "Ani", "panitia", "w"), certificate_hash("k", "1", "Ani", "peserta", "x")}) == 5


def test_long_names_shrink_within_bounds_and_slugs_are_ascii():
    """Font size falls with length but never below the minimum; file names are plain ASCII."""
    assert fitted_size("Ani", 30, 16, 700) == 30
    assert 16 < fitted_size("A" * 50, 30, 16, 700) < 30
    assert fitted_size("A" * 200, 30, 16, 700) == 16
    assert slug("Đặng Thị Ánh Nguyệt") == "dang-thi-anh-nguyet"
    assert slug("PT A & B <Tbk>") == "pt-a-b-tbk"


def test_qr_png_carries_the_segno_matrix():
    """The fast PNG writer draws exactly segno's modules (read back with Pillow), and a QR reader decodes it."""
    import io

    import segno
    from PIL import Image

    from builder.certificates import qr_png

    text = "https://humas.example.go.id/verifikasi?no=800%2F003%2FHumpro%2FIX%2F2019&h=afd158039c54d162"
    image = Image.open(io.BytesIO(qr_png(text, scale=5, border=2))).convert("L")
    matrix = segno.make(text, error="m", micro=False, mask=4, boost_error=False).matrix
    assert image.size == ((len(matrix) + 4) * 5,) * 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (image.getpixel(((x + 2) * 5 + 2, (y + 2) * 5 + 2)) == 0) == bool(dark)
    try:
        import cv2
        import numpy as np
    except ImportError:
        return
    decoded = cv2.QRCodeDetector().detectAndDecode(np.array(image.convert("RGB")))[0]
    assert decoded == text
