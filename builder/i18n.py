"""Labels the toolkit adds to documents, and dates and times written the Indonesian way.

The labels live in one catalogue per language, ``builder/locale/id.yaml`` and ``en.yaml``: flat
dotted keys, read on first use. Module content is never translated; only these words change.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from babel.dates import format_date

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """The labels of ``language`` from ``builder/locale/<language>.yaml``, read once and cached."""
    path = LOCALE_DIR / f"{language}.yaml"
    text = path.read_text(encoding="utf-8")
    entries = _flat_texts(text)
    if entries is None:
        from ruamel.yaml import YAML

        entries = YAML(typ="safe").load(text)
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        raise ValueError(f"{path}: every entry must be `key: text`")
    return entries


def _flat_texts(text: str) -> dict[str, str] | None:
    """A flat ``key: text`` YAML mapping read with libyaml (PyYAML's C parser), as ruamel.yaml reads it.

    None when libyaml is not installed or the file holds anything but text keys and text values
    (a plain value YAML 1.2 reads as a number or a boolean, an alias, a tag, a repeated key):
    ruamel.yaml then reads it, and the caller's check says what is wrong.
    """
    if any(mark in text for mark in ("\x85", "\u2028", "\u2029", "\ufeff")):
        return None  # line breaks for libyaml, not for YAML 1.2
    try:
        import yaml as pyyaml

        events = list(pyyaml.parse(text, Loader=pyyaml.CSafeLoader))
    except Exception:  # noqa: BLE001 - no libyaml, or a syntax error ruamel will locate
        return None
    names = [type(event).__name__ for event in events]
    if names[:3] != ["StreamStartEvent", "DocumentStartEvent", "MappingStartEvent"] or \
            names[-3:] != ["MappingEndEvent", "DocumentEndEvent", "StreamEndEvent"]:
        return None
    scalars = events[3:-3]
    if len(scalars) % 2 or any(not _is_text(event) for event in scalars):
        return None
    entries = {key.value: value.value for key, value in zip(scalars[::2], scalars[1::2])}
    return entries if len(entries) * 2 == len(scalars) else None


def _is_text(event) -> bool:
    """Whether a parse event is a scalar that YAML 1.2 reads as text (quoted, block, or plain text)."""
    if type(event).__name__ != "ScalarEvent" or event.anchor is not None or event.tag not in (None, "!"):
        return False
    if event.style or not event.implicit[0]:
        return True
    from ruamel.yaml.nodes import ScalarNode

    return _resolver().resolve(ScalarNode, event.value, (True, False)) == "tag:yaml.org,2002:str"


@functools.cache
def _resolver():
    """ruamel.yaml's YAML 1.2 resolver (``no`` is text, ``08.00`` a number)."""
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2))


ZONE_SPELLING = {"WIB": "WIB", "WITA": "Wita", "Wita": "Wita", "WIT": "WIT"}


def zone_name(zone: str) -> str:
    """Spell a time zone as EYD V does: WIB and WIT in capitals, Wita as an acronym read as a word."""
    return ZONE_SPELLING.get(zone, zone)


class Locale:
    """Labels and date/time formatting for one language (``id`` or ``en``)."""

    def __init__(self, language: str = "id") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.language = language

    def label(self, key: str, **values) -> str:
        """Return the label for ``key`` in this language, filled with ``values``; an unknown key is a KeyError."""
        try:
            text = catalogue(self.language)[key]
        except KeyError:
            raise KeyError(f"no label {key!r} in {LOCALE_DIR / self.language}.yaml") from None
        return text.format(**values)

    def has(self, key: str) -> bool:
        """Whether the catalogue has a label ``key``."""
        return key in catalogue(self.language)

    def labels(self, prefix: str = "") -> dict[str, str]:
        """The labels whose key starts with ``prefix``, keyed without it (for templates and page scripts)."""
        return {key[len(prefix):]: text for key, text in catalogue(self.language).items() if key.startswith(prefix)}

    def role(self, role: str) -> str:
        """A roster role (``peserta``, ``pembawa acara`` ...) as printed: ``PESERTA``, ``PARTICIPANT``."""
        return self.label("role." + role.replace(" ", "_"))

    def roles(self) -> dict[str, str]:
        """Every roster role with its printed word."""
        return {key.replace("_", " "): text for key, text in self.labels("role.").items()}

    def number(self, value: float, digits: int = 1) -> str:
        """A number with the language's decimal mark: ``12,5`` in Indonesian, ``12.5`` in English."""
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.language == "id" else text

    def date(self, day: dt.date, weekday: bool = True) -> str:
        """Format a date: ``Selasa, 24 September 2019`` (or without the weekday)."""
        pattern = "EEEE, d MMMM y" if weekday else "d MMMM y"
        return format_date(day, pattern, locale=self.language)

    def date_range(self, first: dt.date, last: dt.date) -> str:
        """Format a range with an en dash: ``24–25 September 2019``, ``30 September–2 Oktober 2019``."""
        if first == last:
            return self.date(first, weekday=False)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{self.date(last, weekday=False)}"
        if first.year == last.year:
            return f"{format_date(first, 'd MMMM', locale=self.language)}–{self.date(last, weekday=False)}"
        return f"{self.date(first, weekday=False)}–{self.date(last, weekday=False)}"

    @staticmethod
    def clock(time: dt.time) -> str:
        """Format a clock time with a period: ``08.00``."""
        return f"{time.hour:02d}.{time.minute:02d}"

    def time(self, time: dt.time, zone: str) -> str:
        """Format ``pukul 08.00 WIB`` or ``pukul 19.30 Wita`` (``08.00 WIB`` in English)."""
        return self.label("time.at", time=f"{self.clock(time)} {zone_name(zone)}")

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """Format ``08.00–09.30``."""
        return f"{self.clock(start)}–{self.clock(end)}"

    def number_words(self, number: int) -> str:
        """Spell a number out (terbilang): 16 -> ``enam belas``."""
        from num2words import num2words  # imported here: only certificates spell numbers out

        return num2words(number, lang=self.language)
