"""The people of a workshop: the roster, attendance and who receives a certificate.

Values only: :mod:`builder.sources.roster` reads them from .xlsx/.csv files and reports bad
rows; renderers and the certificate domain read them from the :class:`~builder.model.workshop.Workshop`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from builder.model.common import normalize

ROLES = ("peserta", "narasumber", "moderator", "panitia", "pembawa acara")

@dataclass(frozen=True)
class Person:
    """One row of the roster: a participant, speaker, moderator, committee member or MC."""

    row: int
    name: str
    nip: str = ""
    position: str = ""
    rank: str = ""
    agency: str = ""
    email: str = ""
    role: str = "peserta"
    title_front: str = ""
    title_back: str = ""

    @property
    def display_name(self) -> str:
        """The name with academic titles as written: ``Dr. Rina Wulandari, S.Sos., M.Si.``."""
        name = f"{self.title_front} {self.name}".strip() if self.title_front else self.name
        if self.title_back:
            name = f"{name}, {self.title_back.lstrip(', ')}"
        return name

    @property
    def key(self) -> str:
        """A stable identity: the NIP, else the normalised name and agency."""
        return f"nip:{self.nip}" if self.nip else f"name:{normalize(self.name)}|{normalize(self.agency)}"

    @property
    def nip_display(self) -> str:
        """The NIP grouped as printed on documents: ``19690309 199403 1 001``."""
        return format_nip(self.nip)


@dataclass(frozen=True)
class Roster:
    """The people of one workshop, in file order."""

    path: Path
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Attendance:
    """Who attended which session: person key -> set of session indexes (0-based)."""

    path: Path
    sessions: tuple[str, ...]  # labels of the sessions, in agenda order
    present: dict[str, frozenset[int]] = field(default_factory=dict)

    def share(self, person: Person) -> float | None:
        """The share of sessions ``person`` attended, or None when they are not in the file."""
        if person.key not in self.present:
            return None
        return len(self.present[person.key]) / len(self.sessions) if self.sessions else 1.0


def format_nip(nip: str) -> str:
    """Group an 18-digit NIP as ``YYYYMMDD YYYYMM G NNN``; other values come back unchanged."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def nip_problem(nip: str) -> str | None:
    """Why ``nip`` is not a valid NIP (Perka BKN 22/2007), or None when it is.

    18 digits: birth date YYYYMMDD, CPNS start (TMT) YYYYMM, gender digit 1 or 2, sequence NNN.
    """
    if not nip.isdigit() or len(nip) != 18:
        return f"'{nip}' is not 18 digits (it has {sum(c.isdigit() for c in nip)} digits)"
    try:
        born = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"'{nip}' starts with {nip[:8]}, which is not a real birth date (YYYYMMDD)"
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < 1950:
        return f"'{nip}' has {nip[8:14]} as TMT CPNS, which is not a real month (YYYYMM)"
    if year - born.year < 15:
        return f"'{nip}' has TMT CPNS {year}, less than 15 years after the birth date {born.year}"
    if nip[14] not in "12":
        return f"'{nip}' has gender digit {nip[14]} (digit 15); it must be 1 (male) or 2 (female)"
    return None


@dataclass(frozen=True)
class Eligibility:
    """Whether one person receives a certificate, and why not."""

    person: Person
    eligible: bool
    attended: int | None = None
    total: int = 0
    reason: str = ""


def eligibility(roster: Roster, attendance: Attendance | None, minimum: float) -> list[Eligibility]:
    """Decide certificates: participants need ``minimum`` share of sessions; other roles always qualify."""
    result = []
    for person in roster.people:
        if person.role != "peserta" or attendance is None:
            result.append(Eligibility(person, True))
            continue
        total = len(attendance.sessions)
        share = attendance.share(person)
        if share is None:
            result.append(Eligibility(person, False, None, total, "tidak tercatat dalam daftar kehadiran"))
            continue
        attended = len(attendance.present[person.key])
        if share + 1e-9 < minimum:
            reason = f"hadir {attended} dari {total} sesi ({share:.0%}); syarat minimal {minimum:.0%}"
            result.append(Eligibility(person, False, attended, total, reason))
        else:
            result.append(Eligibility(person, True, attended, total))
    return result
