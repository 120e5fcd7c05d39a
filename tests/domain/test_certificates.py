"""Certificate numbers, the register and verification (builder/domain/certificates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.domain.certificates import check_claim, fitted_size, format_number, mask_nip, slug, token_from_claim, verify_url
from builder.domain.register import Event, Issue, Register
from builder.domain.signing import create_key

DATE = dt.date(2019, 9, 25)
PATTERN = "800/{seq:03d}/Humpro/{month_roman}/{year}"
EVENT = Event("rakor-2019", "2019-09-24", "2019-09-25", "8")


def test_number_pattern_fields():
    """{seq:03d}, {month_roman} and {year} fill as in Indonesian letter numbers."""
    assert format_number(PATTERN, 7, DATE) == "800/007/Humpro/IX/2019"


def test_qr_text_carries_the_token_and_the_verifier_finds_it():
    """verify_url fills {token}/{number}; token_from_claim reads it back from URL, fragment or bare text."""
    token = "MXw4MDAvMDAzfEFuaXxwZXNlcnRh." + "A" * 86
    url = verify_url("https://x.example/acara/verify.html?t={token}", "800/003", token)
    assert url == f"https://x.example/acara/verify.html?t={token}"
    assert token_from_claim(url) == token
    assert token_from_claim(f"https://x.example/verify.html#t={token}") == token
    assert token_from_claim(verify_url("", "800/003", token)) == token  # "SERTIFIKAT <token>"
    assert token_from_claim(token) == token
    assert token_from_claim("800/003/Humpro/IX/2019") is None
    legacy = verify_url("https://x.example/verifikasi?no={number}&h={hash}", "800/003/Humpro", token)
    assert "no=800%2F003%2FHumpro" in legacy and token_from_claim(legacy) == token


def test_nip_is_masked_as_on_the_verification_page():
    """Birth date, gender digit and sequence stay; the TMT is hidden."""
    assert mask_nip("198711042010012009") == "19871104 ****** 2 009"


def test_check_claim_valid_replaced_revoked_forged_unknown(tmp_path):
    """Each kind of claim gets its status and exit code."""
    key = create_key(tmp_path / "k.pem")
    register = Register.open(tmp_path / "w.sqlite3", create=True)
    register.issue([Issue("name:ani", "Ani"), Issue("name:budi", "Budi")], EVENT, key, lambda s: f"N/{s}")
    ani, budi = register.records()
    first_token = ani.current.token
    assert check_claim(register, first_token).status == "valid"
    assert check_claim(register, "N/1", name="Ani").exit_code == 0
    assert check_claim(register, "N/1", name="Ana").status == "mismatch"
    register.correct("N/1", {"name": "Ani Lestari"}, key)
    replaced = check_claim(register, f"https://x/verify.html?t={first_token}")
    assert (replaced.status, replaced.exit_code, replaced.record.version) == ("replaced", 3, 2)
    register.revoke("N/2", "salah")
    assert check_claim(register, budi.current.token).exit_code == 4
    assert check_claim(register, "N/9").status == "unknown"
    other = create_key(tmp_path / "other.pem")
    from builder.domain.signing import Claims, make_token

    forged = make_token(other, Claims("N/1", "Ani", "peserta", "rakor-2019", "2019-09-24", "2019-09-25", "8", 1))
    assert check_claim(register, forged).status == "forged"
    register.close()


def test_long_names_shrink_within_bounds_and_slugs_are_ascii():
    """Font size falls with length but never below the minimum; file names are plain ASCII."""
    assert fitted_size("Ani", 30, 16, 700) == 30
    assert 16 < fitted_size("A" * 50, 30, 16, 700) < 30
    assert fitted_size("A" * 200, 30, 16, 700) == 16
    assert slug("Đặng Thị Ánh Nguyệt") == "dang-thi-anh-nguyet"
    assert slug("PT A & B <Tbk>") == "pt-a-b-tbk"


def test_qr_png_carries_the_segno_matrix():
    """The fast PNG writer draws exactly segno's modules (read back with Pillow)."""
    import io

    import segno
    from PIL import Image

    from builder.domain.certificates import qr_png

    text = ("https://humas.example.go.id/sertifikat-contoh/verify.html?t=MXw4MDAvMDAzL0h1bXByby9JWC8yMDE5fE1hJ3J1ZiBP"
            "J05laWwsIFMuSC58cGVzZXJ0YXxzZXJ0aWZpa2F0LWNvbnRvaHwyMDE5LTA5LTI0fDIwMTktMDktMjV8OHwx.7Qx2bKp9yq7ZJm3Bz"
            "Jq1e5lXo6k1qJYkqv6yWm1Zb8Rk3T0Jc9m0oQ2zQm2x3d6k1a7f8G9h0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7A8B9")
    image = Image.open(io.BytesIO(qr_png(text, scale=5, border=2))).convert("L")
    matrix = segno.make(text, error="l", micro=False, mask=4, boost_error=True).matrix
    assert image.size == ((len(matrix) + 4) * 5,) * 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (image.getpixel(((x + 2) * 5 + 2, (y + 2) * 5 + 2)) == 0) == bool(dark)


def _qr_reader():
    """A function decoding a Pillow image with an installed QR reader (zxing-cpp, pyzbar or OpenCV), or None."""
    import importlib.util

    if importlib.util.find_spec("zxingcpp"):
        import zxingcpp

        return lambda image: next((r.text for r in zxingcpp.read_barcodes(image)), None)
    if importlib.util.find_spec("pyzbar"):
        from pyzbar import pyzbar

        return lambda image: next((r.data.decode("utf-8") for r in pyzbar.decode(image)), None)
    if importlib.util.find_spec("cv2"):
        import cv2
        import numpy as np

        return lambda image: cv2.QRCodeDetector().detectAndDecode(np.array(image.convert("RGB")))[0] or None
    return None


def test_qr_png_decodes_with_a_real_reader():
    """A real QR reader (not segno, which drew it) reads the certificate's URL back from the PNG."""
    import io

    from PIL import Image

    from builder.domain.certificates import qr_png

    read = _qr_reader()
    if read is None:
        pytest.skip("no QR reader installed (zxing-cpp, pyzbar or opencv-python): the PNG is checked only "
                    "module by module against segno's matrix")
    text = "https://humas.example.go.id/sertifikat-contoh/verify.html?t=MXw4MDAvMDAzL0h1bXByby9JWC8yMDE5"
    image = Image.open(io.BytesIO(qr_png(text))).convert("L")  # as printed on the certificates
    assert read(image) == text


def test_fast_qr_matrix_is_module_for_module_segnos():
    """The numpy QR encoder gives segno's matrix for URLs of every length, upper case, digits and non-ASCII."""
    import random

    import numpy as np
    import segno

    from builder.domain.certificates import qr_matrix

    rng = random.Random(15)
    texts = [f"https://humas.example.go.id/acara/verify.html?t={'x' * n}" for n in (0, 100, 215, 300, 360)]
    texts += ["SERTIFIKAT 800/003", "0123456789" * 5, "Đặng Thị Ánh Nguyệt", "".join(rng.choice("aZ9_-.") for _ in range(250))]
    for text in texts:
        expected = np.array(segno.make(text, error="l", micro=False, mask=4, boost_error=True).matrix, dtype=np.uint8)
        assert np.array_equal(qr_matrix(text), expected), text
