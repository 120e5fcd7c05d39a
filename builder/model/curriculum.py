"""The curriculum: one YAML file under ``curriculum/`` describes one workshop."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from builder.model.common import Clock, Date, Id, Line, Model

ZONE_ABBREVIATIONS = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
IANA_TO_ABBREVIATION = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
ROLES = ("peserta", "narasumber", "moderator", "panitia", "pembawa acara")
AgendaKind = Literal["session", "ceremony", "break", "registration", "discussion", "other"]
LEARNING_KINDS = ("session", "discussion")


class AgendaItem(Model):
    """One slot of a day's agenda."""

    start: Clock
    end: Clock
    kind: AgendaKind
    title: str = ""
    module: Id | None = None
    sections: list[Id] | None = None
    facilitator: str = ""
    moderator: str = ""
    program: list[str] = Field(default_factory=list)  # susunan acara of a ceremony
    location: str = ""
    notes: str = ""

    @property
    def minutes(self) -> int:
        """Length of the slot in minutes."""
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def counts_for_jp(self) -> bool:
        """True for learning time (module sessions and discussions), which earns lesson hours."""
        return self.kind in LEARNING_KINDS


class Day(Model):
    """One workshop day and its agenda."""

    date: Date
    title: Line = ""
    items: list[AgendaItem] = Field(min_length=1)

    @property
    def learning_minutes(self) -> int:
        """Minutes of learning time on this day."""
        return sum(item.minutes for item in self.items if item.counts_for_jp)

    @property
    def jp(self) -> float:
        """Lesson hours (45 minutes each) of learning time on this day."""
        return self.learning_minutes / 45


class Signer(Model):
    """The official who signs certificates."""

    name: str
    title: str  # jabatan, e.g. "Sekretaris Daerah Kabupaten Kubu Raya"
    nip: str = ""
    rank: str = ""  # pangkat, e.g. "Pembina Utama Madya"


class CertificateSettings(Model):
    """How certificates are numbered, dated, signed and verified."""

    number_pattern: str = "{seq:03d}/SERT/{year}"
    place: str
    date: Date | None = None  # defaults to the last day of the workshop
    signer: Signer
    verify_url: str = ""  # e.g. "https://humas.example.go.id/verify/{number}?h={hash}"
    min_attendance: float = Field(default=0.8, ge=0, le=1)
    programme_page: bool = True
    secret: str = ""  # key for the verification hash; empty means a key derived from the workshop id

    @field_validator("number_pattern")
    @classmethod
    def _number_pattern(cls, value: str) -> str:
        return check_number_pattern(value)


NUMBER_FIELDS = {"seq": 1, "year": 2019, "month": 9, "month_roman": "IX"}


def check_number_pattern(value: str) -> str:
    """A certificate number pattern must contain ``{seq}`` and only the known fields."""
    import string

    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(value) if name is not None]
    except ValueError as error:
        raise PydanticCustomError("certificate.number-pattern", "'{value}' cannot be filled: {error}",
                                  {"value": value, "error": str(error)}) from None
    unknown = [name for name in fields if name not in NUMBER_FIELDS]
    if unknown:
        raise PydanticCustomError("certificate.number-pattern", "'{value}' uses the unknown field {field}; known "
                                  "fields: seq, year, month, month_roman", {"value": value, "field": f"{{{unknown[0]}}}"})
    if "seq" not in fields:
        raise PydanticCustomError("certificate.number-pattern",
                                  "'{value}' has no {seq}, so every certificate would get the same number",
                                  {"value": value})
    try:
        value.format(**NUMBER_FIELDS)
    except (ValueError, TypeError) as error:
        raise PydanticCustomError("certificate.number-pattern", "'{value}' cannot be filled: {error}",
                                  {"value": value, "error": str(error)}) from None
    return value


def check_project_path(value: str | None) -> str | None:
    """A file named in a curriculum must be a relative path that stays inside the project folder."""
    import posixpath

    if value is None:
        return value
    text = value.replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("~"):
        raise PydanticCustomError("path.outside", "'{value}' is an absolute path; write it relative to the project "
                                  "folder", {"value": value})
    if posixpath.normpath(text).split("/")[0] == "..":
        raise PydanticCustomError("path.outside", "'{value}' points outside the project folder", {"value": value})
    return value


class Branding(Model):
    """A workshop's visual identity."""

    logo: str | None = None
    accent: str = "#1F4E79"
    slides_template: str | None = None
    organizer_lines: list[str] = Field(default_factory=list)  # letterhead lines (kop surat)

    @field_validator("logo", "slides_template")
    @classmethod
    def _relative_path(cls, value: str | None) -> str | None:
        return check_project_path(value)

    @field_validator("accent")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise PydanticCustomError(
                "branding.colour", "'{value}' is not a colour: write it as #RRGGBB, e.g. #1F4E79", {"value": value}
            )
        return value.upper()


class QuizSettings(Model):
    """How printed tests are drawn from the modules' question banks."""

    scope: Literal["module", "workshop"] = "module"
    variants: int = Field(default=2, ge=1, le=6)
    seed: int = 2019
    items_per_test: int | None = Field(default=None, ge=1)


class Curriculum(Model):
    """A workshop as written in ``curriculum/<id>.yaml``."""

    id: Id
    title: Line
    short_title: Line = ""
    theme: Line = ""
    organizer: Line
    venue: str
    city: str
    province: str
    timezone: str = "WIB"
    language: Literal["id", "en"] = "id"
    expected_participants: int | None = Field(default=None, ge=1)
    roster: str | None = None
    attendance: str | None = None
    certificate: CertificateSettings | None = None
    branding: Branding = Field(default_factory=Branding)
    quiz: QuizSettings = Field(default_factory=QuizSettings)
    house_rules: list[str] = Field(default_factory=list)
    days: list[Day] = Field(min_length=1)

    @field_validator("roster", "attendance")
    @classmethod
    def _relative_path(cls, value: str | None) -> str | None:
        return check_project_path(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: Any) -> str:
        if value in ZONE_ABBREVIATIONS or value in IANA_TO_ABBREVIATION:
            return value
        raise PydanticCustomError(
            "timezone",
            "'{value}' is not an Indonesian time zone: use WIB, WITA or WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura)",
            {"value": value},
        )

    @property
    def zone_abbreviation(self) -> str:
        """WIB, WITA or WIT."""
        return self.timezone if self.timezone in ZONE_ABBREVIATIONS else IANA_TO_ABBREVIATION[self.timezone]

    @property
    def learning_minutes(self) -> int:
        """Minutes of learning time over all days."""
        return sum(day.learning_minutes for day in self.days)

    @property
    def jp(self) -> int:
        """Whole lesson hours (JP, 45 minutes) of learning time; a started JP is not counted."""
        return self.learning_minutes // 45

    @property
    def first_date(self) -> dt.date:
        """Date of the first day."""
        return self.days[0].date

    @property
    def last_date(self) -> dt.date:
        """Date of the last day."""
        return self.days[-1].date

    def sessions(self) -> list[tuple[Day, AgendaItem]]:
        """All module sessions in agenda order, with their day."""
        return [(day, item) for day in self.days for item in day.items if item.kind == "session"]
