"""Font coverage of printed names: a warning names exactly the people whose letters no font prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from builder.check.fonts import FontFiles, Fontconfig, package_for, system_fonts, uncovered
from tests.helpers import make_project, run_cli

ARABIC = "عبد الله"
CHINESE = "李小龙"
EMOJI = "Rina 😀 Wulandari"


def make_font(path: Path, family: str, characters: str) -> Path:
    """Write a tiny TrueType font with a box glyph for each of ``characters``."""
    characters = "".join(dict.fromkeys(characters))
    names = [".notdef"] + [f"u{ord(c):04X}" for c in characters]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in characters})
    pen = TTGlyphPen(None)
    for x, y in ((0, 0), (500, 0), (500, 500), (0, 500)):
        (pen.moveTo if (x, y) == (0, 0) else pen.lineTo)((x, y))
    pen.closePath()
    box = pen.glyph()
    builder.setupGlyf({name: box for name in names})
    builder.setupHorizontalMetrics({name: (600, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def fixture_fonts(tmp_path: Path) -> Path:
    """A font folder with a Latin font (ASCII + Latin-1 + Vietnamese letters) and an Arabic font."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    latin = "".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA0, 0x250)) + "ặịÁệ"
    make_font(folder / "latin.ttf", "Fixture Latin", latin + "ĐẶăàảãạ" + "Nguyệt")
    make_font(folder / "arabic.ttf", "Fixture Arabic", "عبدالله")
    return folder


def test_uncovered_lists_each_missing_letter_once(fixture_fonts):
    """Only letters absent from every font are reported, in order, without repeats."""
    fonts = FontFiles(fixture_fonts.glob("*.ttf"))
    assert uncovered(ARABIC, fonts) == []
    assert uncovered(CHINESE + "李", fonts) == ["李", "小", "龙"]
    assert uncovered(EMOJI, fonts) == ["😀"]
    assert uncovered("Đặng Thị Ánh Nguyệt", fonts) == []


def test_package_suggestion_follows_the_script():
    """CJK letters point at fonts-noto-cjk, emoji at the emoji font, other scripts at fonts-noto-core."""
    assert package_for("李") == "fonts-noto-cjk"
    assert package_for("😀") == "fonts-noto-color-emoji"
    assert package_for("ሀ") == "fonts-noto-core"


def test_system_fonts_honours_the_font_folder_setting(fixture_fonts, monkeypatch):
    """WORKSHOP_FONT_DIRS replaces the machine's fonts with the files found there."""
    monkeypatch.setenv("WORKSHOP_FONT_DIRS", str(fixture_fonts))
    fonts = system_fonts()
    assert isinstance(fonts, FontFiles) and len(fonts.files) == 2
    monkeypatch.delenv("WORKSHOP_FONT_DIRS")
    assert isinstance(system_fonts(), (Fontconfig, FontFiles))


def roster_project(tmp_path: Path) -> Path:
    """The people fixture with three more participants: Chinese, Arabic and emoji names."""
    root = make_project(tmp_path, base="people")
    roster = root / "rosters" / "peserta.csv"
    extra = (f"5;{CHINESE};;;;;Anggota;Paguyuban Tionghoa;peserta\n"
             f"6;{ARABIC};;;;;Anggota;Majelis Taklim;peserta\n"
             f"7;{EMOJI};;;;;Anggota;Komunitas Warganet;peserta\n")
    roster.write_text(roster.read_text(encoding="utf-8-sig") + extra, encoding="utf-8")
    attendance = root / "rosters" / "kehadiran.csv"
    rows = "".join(f"{name},,1,1,1,1\n" for name in (CHINESE, ARABIC, EMOJI))
    attendance.write_text(attendance.read_text(encoding="utf-8") + rows, encoding="utf-8")
    return root


def test_certificate_build_warns_about_exactly_the_uncovered_people(tmp_path, fixture_fonts, monkeypatch):
    """Building certificates and cards warns for the Chinese and emoji names (with row and package), not the rest."""
    monkeypatch.setenv("WORKSHOP_FONT_DIRS", str(fixture_fonts))
    root = roster_project(tmp_path)
    result = run_cli(root, "build", "--only", "certificates,attendance")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "[font.coverage]" in line]
    assert len(warnings) == 2, warnings
    rows = (root / "rosters" / "peserta.csv").read_text(encoding="utf-8").splitlines()
    chinese_row = next(i for i, line in enumerate(rows, start=1) if CHINESE in line)
    emoji_row = next(i for i, line in enumerate(rows, start=1) if EMOJI in line)
    assert warnings[0].startswith(f"rosters/peserta.csv:{chinese_row}: warning: Nama: '李小龙'")
    assert "李 (U+674E)" in warnings[0]
    assert warnings[1].startswith(f"rosters/peserta.csv:{emoji_row}: warning: Nama: 'Rina 😀 Wulandari'")
    assert "fonts-noto-cjk" in result.output and "fonts-noto-color-emoji" in result.output
    assert ARABIC not in "\n".join(warnings) and "Nguyệt" not in "\n".join(warnings)


def test_coverage_is_checked_once_per_roster_and_font_list(tmp_path, fixture_fonts, monkeypatch):
    """Certificates and attendance both run the font preflight: the second run reuses the first's findings."""
    from builder.check import fonts

    fonts._coverage.cache_clear()
    monkeypatch.setenv("WORKSHOP_FONT_DIRS", str(fixture_fonts))
    checked: list[str] = []
    real = fonts.uncovered
    monkeypatch.setattr(fonts, "uncovered", lambda text, found: checked.append(text) or real(text, found))
    root = roster_project(tmp_path)
    result = run_cli(root, "build", "--only", "certificates,attendance")
    assert result.exit_code == 0, result.output
    assert checked.count(CHINESE) == 1 and checked.count(EMOJI) == 1  # one check for both kinds
    assert len([line for line in result.output.splitlines() if "[font.coverage]" in line]) == 2

    other = fixture_fonts.parent / "only-latin"
    other.mkdir()
    (fixture_fonts / "latin.ttf").rename(other / "latin.ttf")
    monkeypatch.setenv("WORKSHOP_FONT_DIRS", str(other))
    result = run_cli(root, "build", "--only", "attendance")
    assert checked.count(CHINESE) == 2  # another font list is checked again
    assert ARABIC in "\n".join(line for line in result.output.splitlines() if "[font.coverage]" in line)


def test_strict_build_refuses_names_that_would_print_as_boxes(tmp_path, fixture_fonts, monkeypatch):
    """With --strict the coverage warning is an error: nothing is written."""
    monkeypatch.setenv("WORKSHOP_FONT_DIRS", str(fixture_fonts))
    root = roster_project(tmp_path)
    result = run_cli(root, "build", "--only", "certificates", "--strict")
    assert result.exit_code == 2
    assert "error: Nama: '李小龙'" in result.output
    assert not (root / "build" / "sertifikat-contoh").exists()
