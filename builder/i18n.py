"""Labels the toolkit adds to documents, and dates and times written the Indonesian way."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from num2words import num2words

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "agenda": "Jadwal Acara",
        "agenda_title": "JADWAL ACARA",
        "day": "Hari ke-{n}",
        "time": "Waktu",
        "activity": "Kegiatan",
        "facilitator": "Narasumber/Fasilitator",
        "moderator": "Moderator",
        "jp": "JP",
        "jp_long": "jam pelajaran",
        "jp_day_total": "Jumlah JP hari ini",
        "jp_total": "Jumlah seluruhnya",
        "theme": "Tema",
        "organizer": "Penyelenggara",
        "venue": "Tempat",
        "date": "Tanggal",
        "program": "Susunan acara",
        "objectives": "Tujuan Pembelajaran",
        "keypoints": "Poin Penting",
        "glossary": "Glosarium",
        "references": "Daftar Pustaka",
        "exercises": "Latihan",
        "answer_key": "Kunci Jawaban",
        "certificate": "SERTIFIKAT",
        "notes": "Catatan",
        "continued": "(lanjutan)",
        "kind.session": "Sesi materi",
        "kind.ceremony": "Seremoni",
        "kind.break": "Istirahat",
        "kind.registration": "Registrasi",
        "kind.discussion": "Diskusi",
        "kind.other": "Lain-lain",
        "jp_note": "1 JP = 45 menit; pembukaan, penutupan, registrasi dan istirahat tidak dihitung.",
        "page": "Halaman",
        "until": "selesai",
    },
    "en": {
        "agenda": "Agenda",
        "agenda_title": "AGENDA",
        "day": "Day {n}",
        "time": "Time",
        "activity": "Activity",
        "facilitator": "Speaker/Facilitator",
        "moderator": "Moderator",
        "jp": "JP",
        "jp_long": "lesson hours",
        "jp_day_total": "Lesson hours today",
        "jp_total": "Total",
        "theme": "Theme",
        "organizer": "Organizer",
        "venue": "Venue",
        "date": "Date",
        "program": "Order of ceremony",
        "objectives": "Learning Objectives",
        "keypoints": "Key Points",
        "glossary": "Glossary",
        "references": "References",
        "exercises": "Exercises",
        "answer_key": "Answer Key",
        "certificate": "CERTIFICATE",
        "notes": "Notes",
        "continued": "(continued)",
        "kind.session": "Session",
        "kind.ceremony": "Ceremony",
        "kind.break": "Break",
        "kind.registration": "Registration",
        "kind.discussion": "Discussion",
        "kind.other": "Other",
        "jp_note": "1 JP (lesson hour) = 45 minutes; ceremonies, registration and breaks are not counted.",
        "page": "Page",
        "until": "end",
    },
}


def add_labels(labels: dict[str, dict[str, str]]) -> None:
    """Register an output kind's own labels (``{"id": {...}, "en": {...}}``) without overriding existing ones."""
    for language, entries in labels.items():
        catalog = LABELS.setdefault(language, {})
        for key, text in entries.items():
            catalog.setdefault(key, text)


ZONE_SPELLING = {"WIB": "WIB", "WITA": "Wita", "Wita": "Wita", "WIT": "WIT"}


def zone_name(zone: str) -> str:
    """Spell a time zone as EYD V does: WIB and WIT in capitals, Wita as an acronym read as a word."""
    return ZONE_SPELLING.get(zone, zone)


class Locale:
    """Labels and date/time formatting for one language (``id`` or ``en``)."""

    def __init__(self, language: str = "id") -> None:
        if language not in LABELS:
            raise ValueError(f"unknown language {language!r}")
        self.language = language

    def label(self, key: str, **values) -> str:
        """Return the label for ``key`` in this language, filled with ``values``."""
        return LABELS[self.language][key].format(**values)

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
        prefix = "pukul " if self.language == "id" else ""
        return f"{prefix}{self.clock(time)} {zone_name(zone)}"

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """Format ``08.00–09.30``."""
        return f"{self.clock(start)}–{self.clock(end)}"

    def number_words(self, number: int) -> str:
        """Spell a number out (terbilang): 16 -> ``enam belas``."""
        return num2words(number, lang=self.language)
