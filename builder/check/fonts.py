"""Font coverage: will every letter of every printed name come out as a letter, not an empty box?

Certificates, name cards and attendance sheets print names and agencies exactly as the roster
writes them. LibreOffice (and Word) fall back to any installed font that has a missing letter,
so a letter is printable when *some* installed font covers it. Before those documents are
written the build asks, per distinct non-ASCII character, whether an installed font has it:
through fontconfig (``fc-list :charset=...``, what LibreOffice itself uses on Linux) or, without
fontconfig or for a given set of font files, by reading the fonts' character maps with fontTools.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

from builder.check.diagnostics import Diagnostic, display_path

# Debian packages that bring fonts for a script, checked in this order.
PACKAGE_FOR_SCRIPT = (
    (("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPH"), "fonts-noto-cjk"),
    (("EMOJI",), "fonts-noto-color-emoji"),
)
DEFAULT_PACKAGE = "fonts-noto-core"
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
                "C:/Windows/Fonts", "/Library/Fonts", "/System/Library/Fonts")


class FontSet(Protocol):
    """Something that can say whether a character is printable."""

    def covers(self, char: str) -> bool:
        """True when some font of the set has a glyph for ``char``."""


class FontFiles:
    """A fixed set of font files, read with fontTools (used for tests and where fontconfig is absent)."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.files = sorted(Path(f) for f in files)
        self._codepoints: set[int] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FontFiles) and other.files == self.files

    def __hash__(self) -> int:
        return hash(tuple(self.files))

    @classmethod
    def installed(cls) -> "FontFiles":
        """Every font file in the usual system and user font folders."""
        found = []
        for folder in FONT_FOLDERS:
            base = Path(folder).expanduser()
            if base.is_dir():
                found.extend(p for p in base.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
        return cls(found)

    def covers(self, char: str) -> bool:
        """True when one of the files maps ``char`` to a glyph."""
        if self._codepoints is None:
            self._codepoints = set()
            for path in self.files:
                self._codepoints |= _character_map(str(path))
        return ord(char) in self._codepoints


class Fontconfig:
    """The fonts fontconfig knows, asked one character at a time (cached)."""

    def __init__(self, fc_list: str) -> None:
        self.fc_list = fc_list

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fontconfig) and other.fc_list == self.fc_list

    def __hash__(self) -> int:
        return hash(self.fc_list)

    def covers(self, char: str) -> bool:
        """True when ``fc-list :charset=<hex>`` names at least one font."""
        return _fontconfig_has(self.fc_list, ord(char))


def system_fonts() -> FontSet:
    """The fonts of this machine: fontconfig when installed, else the font folders read directly.

    ``WORKSHOP_FONT_DIRS`` (folders separated by the path separator) replaces them with the font
    files found there, e.g. to check what an office PC with only those fonts would print.
    """
    folders = os.environ.get("WORKSHOP_FONT_DIRS")
    if folders:
        return FontFiles(p for folder in folders.split(os.pathsep) if folder
                         for p in Path(folder).rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    fc_list = shutil.which("fc-list")
    return Fontconfig(fc_list) if fc_list else FontFiles.installed()


@lru_cache(maxsize=4096)
def _fontconfig_has(fc_list: str, codepoint: int) -> bool:
    """Ask fontconfig whether any installed font has ``codepoint``."""
    try:
        result = subprocess.run([fc_list, f":charset={codepoint:x}", "family"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return True  # cannot tell: do not warn about what we could not check
    return bool(result.stdout.strip())


@lru_cache(maxsize=256)
def _character_map(path: str) -> frozenset[int]:
    """The code points a font file (every face of a collection) maps to glyphs; empty if unreadable."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.lower().endswith((".ttc", ".otc")):
            faces = TTCollection(path, lazy=True).fonts
        else:
            faces = [TTFont(path, lazy=True)]
        points: set[int] = set()
        for face in faces:
            points |= set(face.getBestCmap() or {})
        return frozenset(points)
    except (TTLibError, OSError, AssertionError, KeyError, ValueError):
        return frozenset()


def needs_checking(char: str) -> bool:
    """Printable ASCII and spacing/format characters are taken as covered by every text font."""
    return not (char.isascii() or unicodedata.category(char) in {"Zs", "Cf", "Cc", "Zl", "Zp"})


def uncovered(text: str, fonts: FontSet) -> list[str]:
    """The distinct characters of ``text`` (in order of appearance) that no font of ``fonts`` has."""
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if needs_checking(char) and not fonts.covers(char):
            missing.append(char)
    return missing


def package_for(chars: Iterable[str]) -> str:
    """The Debian font package to suggest for ``chars``."""
    names = " ".join(unicodedata.name(c, "") for c in chars)
    emoji = any(ord(c) >= 0x1F000 or 0x2600 <= ord(c) <= 0x27BF for c in chars)
    for markers, package in PACKAGE_FOR_SCRIPT:
        if any(marker in names for marker in markers) or (emoji and package.endswith("emoji")):
            return package
    return DEFAULT_PACKAGE


PRINTED_WITH_NAMES = "certificates, name cards and attendance sheets"


def coverage_diagnostics(people, roster_path: Path, document: str = PRINTED_WITH_NAMES,
                         fonts: FontSet | None = None) -> list[Diagnostic]:
    """A warning for every person whose name, title or agency has letters that no installed font prints.

    Certificates and attendance both ask this in one build: the same people against the same fonts
    are checked once per process.
    """
    fonts = fonts if fonts is not None else system_fonts()
    texts = tuple((person.row, person.display_name, person.agency, person.position) for person in people)
    return list(_coverage(texts, display_path(roster_path), document, fonts))


@lru_cache(maxsize=16)
def _coverage(texts: tuple[tuple[int, str, str, str], ...], where: str, document: str,
              fonts: FontSet) -> tuple[Diagnostic, ...]:
    """The coverage warnings of ``texts`` (row, name, agency, position per person) printed in ``fonts``."""
    found = []
    for row, *fields in texts:
        for label, text in zip(("Nama", "Instansi", "Jabatan"), fields):
            missing = uncovered(text or "", fonts)
            if not missing:
                continue
            letters = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing)
            package = package_for(missing)
            found.append(Diagnostic(
                where, row, 0, "warning", label,
                f"'{text}' has letters no installed font can print ({letters}): they would come out as empty "
                f"boxes on the {document}", "font.coverage",
                f"install a font that has them, e.g. `apt-get install {package}` on Debian/Ubuntu, then build again"))
    return tuple(found)
