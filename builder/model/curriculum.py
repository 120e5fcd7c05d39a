"""The curriculum: one YAML file under ``curriculum/`` describes one workshop."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from builder.model.common import Clock, Date, Id, Line, Model
from builder.model.located import SourcedModel

ZONE_ABBREVIATIONS = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "Wita": "Asia/Makassar", "WIT": "Asia/Jayapura"}
IANA_TO_ABBREVIATION = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "Wita",
    "Asia/Jayapura": "WIT",
}
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
    verify_url: str = ""  # QR text, e.g. "https://humas.example.go.id/acara/verify.html?t={token}"
    site_url: str = ""  # where build/<id>/site/ is published; gives verify_url when that is empty
    min_attendance: float = Field(default=0.8, ge=0, le=1)
    programme_page: bool = True
    signing_key: str = ""  # private key path (default registers/keys/signing-key.pem; env WORKSHOP_SIGNING_KEY wins)
    draft: bool = False  # print drafts ("DRAF", no verifying QR) without touching the register

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


OFFICIAL_ROLES = (
    "head",          # kepala daerah: bupati / wali kota
    "deputy",        # wakil kepala daerah
    "sekda",         # sekretaris daerah
    "assistant",     # asisten sekretaris daerah who opens or stands in at events
    "dprd_chair",    # ketua DPRD
    "dprd_vice",     # wakil ketua DPRD
    "governor",      # gubernur of the province
    "police_chief",  # kapolres
    "military",      # komandan kodim
    "humas_head",    # kepala bagian humas dan protokol
    "kominfo_head",  # kepala dinas komunikasi dan informatika
    "religious_leader",  # e.g. ketua MUI or ketua FKUB of the kabupaten
    "camat",         # camat of the seat's kecamatan
)
UNIT_KEYS = ("humas", "kominfo", "health", "education", "ppid", "water")


class Official(Model):
    """One official of the workshop's region as the examples name them."""

    title: str  # full title, e.g. "Bupati Kubu Raya"
    short: str = ""  # short form for headlines and seating plans, e.g. "Asisten Administrasi dan Umum"
    name: str = ""  # a (fictional) name where an example needs one


class Region(Model):
    """Where the workshop is set: the kabupaten/kota, its seat and its kecamatan."""

    name: str  # "Kabupaten Kubu Raya"
    short: str  # "Kubu Raya"
    seat: str  # ibu kota, e.g. "Sungai Raya"
    province_capital: str  # e.g. "Pontianak"
    districts: list[str] = Field(min_length=2)  # kecamatan names used in examples, seat's kecamatan first
    hazard: str = ""  # a local hazard for serta-merta examples, e.g. "kabut asap"
    hall: str = ""  # a meeting hall for examples; default "Aula Kantor Bupati <short>"


class Opening(Model):
    """Who opens the workshop (keys of ``officials``)."""

    opened_by: str
    on_behalf_of: str = ""  # when the opener reads another official's speech


class Setting(Model):
    """The local context modules are set in: region, officials, units, media, the KIP example date."""

    region: Region
    officials: dict[str, Official] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict)
    media: str = ""  # a (fictional) local news outlet
    participants_from: str = ""  # who takes part, e.g. "perangkat daerah, kecamatan, dan organisasi wanita"
    opening: Opening
    kip_request: dt.date | None = None  # request date of the KIP deadline example; default: computed

    @field_validator("officials")
    @classmethod
    def _known_roles(cls, value: dict) -> dict:
        return _known_keys(value, OFFICIAL_ROLES, "context.role")

    @field_validator("units")
    @classmethod
    def _known_units(cls, value: dict) -> dict:
        return _known_keys(value, UNIT_KEYS, "context.unit")


def _known_keys(value: dict, known: tuple, code: str) -> dict:
    """Reject keys outside ``known`` so a typo is caught where it is written."""
    for key in value:
        if key not in known:
            raise PydanticCustomError(code, "'{key}' is not one of {known}", {"key": key, "known": ", ".join(known)})
    return value


class Curriculum(SourcedModel):
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
    context: Setting | None = None
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
            "'{value}' is not an Indonesian time zone: use WIB, Wita or WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura)",
            {"value": value},
        )

    @property
    def zone_abbreviation(self) -> str:
        """WIB, Wita or WIT, spelled as EYD V writes them (Wita is an acronym read as a word)."""
        return IANA_TO_ABBREVIATION[ZONE_ABBREVIATIONS.get(self.timezone, self.timezone)]

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
