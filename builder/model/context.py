"""Set a module in a workshop: the context a curriculum supplies and the placeholders that use it.

Module text names places, officials, dates and times through placeholders such as
``{{ region.name }}`` or ``{{ opening.time }}`` (the list is in ``docs/context.md``). The syntax
is deliberately small: a dotted path, optional ``[n]`` list indexes and optional filters
(``| upper``, ``| lower``, ``| capitalize``, ``| title``). Statements (``{% ... %}``) are refused.
Placeholders are rendered with jinja2's ``SandboxedEnvironment`` and ``StrictUndefined``, so no
module can run code. A string that is exactly one placeholder whose value is a list (e.g.
``"{{ opening.program }}"``) becomes that list.

Problems are located in the module file: an unknown placeholder (``context.unknown``), a field the
module needs but the curriculum does not give (``context.missing``), bad syntax (``context.syntax``).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from builder.check.diagnostics import Diagnostic, display_path
from builder.i18n import Locale
from builder.model.curriculum import OFFICIAL_ROLES, UNIT_KEYS, AgendaItem, Curriculum, Day
from builder.model.located import Located, format_path

PLACEHOLDER = re.compile(r"\{\{((?:(?!\}\}).)*?)\}\}", re.S)
STATEMENT = re.compile(r"\{%|\{#")
EXPRESSION = re.compile(
    r"^\s*(?P<path>[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\[\d+\])*)\s*(?P<filters>(?:\|\s*[a-z]+\s*)*)$"
)
SEGMENT = re.compile(r"\.?([a-z_][a-z0-9_]*)|\[(\d+)\]")
FILTERS = ("upper", "lower", "capitalize", "title")
NUMBER_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh")


# --------------------------------------------------------------------------- the context


def date_fields(day: dt.date, locale: Locale) -> dict[str, str]:
    """The ways module text writes one date: ``Selasa, 24 September 2019``, ``24/9/2019`` ..."""
    return {
        "date": locale.date(day),
        "plain": locale.date(day, weekday=False),
        "day": locale.date(day).split(",")[0],
        "numeric": f"{day.day}/{day.month}/{day.year}",
        "dashed": f"{day.day:02d}-{day.month:02d}-{day.year}",
        "iso": day.isoformat(),
    }


def build_context(cur: Curriculum) -> dict[str, Any]:
    """Everything a module may name, computed from the curriculum (absent parts stay absent)."""
    locale = Locale("id")
    context: dict[str, Any] = {"zone": cur.zone_abbreviation, "event": _event(cur, locale)}
    opening = _ceremony(cur, first=True)
    closing = _ceremony(cur, first=False)
    setting = cur.context
    officials = {role: _official(o) for role, o in setting.officials.items()} if setting else {}
    if opening is not None:
        context["opening"] = _ceremony_fields(cur, *opening, locale, setting, officials)
    if closing is not None:
        context["closing"] = _ceremony_fields(cur, *closing, locale, None, officials)
    if setting is None:
        return context
    region = setting.region
    context["region"] = {
        "name": region.name, "short": region.short, "seat": region.seat, "province": cur.province,
        "province_capital": region.province_capital, "districts": list(region.districts),
        "hall": region.hall or f"Aula Kantor Bupati {region.short}",
    }
    if region.hazard:
        context["region"]["hazard"] = region.hazard
    context["officials"] = officials
    context["units"] = dict(setting.units)
    if setting.media:
        context["media"] = setting.media
    if setting.participants_from:
        context["event"]["participants_from"] = setting.participants_from
    context["kip"] = kip_fields(cur, locale)
    return context


def _official(official) -> dict[str, str]:
    """An official as a mapping; ``short`` falls back to the title."""
    data = {"title": official.title, "short": official.short or official.title}
    if official.name:
        data["name"] = official.name
    return data


def _event(cur: Curriculum, locale: Locale) -> dict[str, Any]:
    """The workshop itself: title, venue, dates, participants."""
    count = len(cur.days)
    event = {
        "title": cur.title, "short_title": cur.short_title or cur.title, "venue": cur.venue, "city": cur.city,
        "organizer": cur.organizer, "year": str(cur.first_date.year),
        "year_dotted": f"{cur.first_date.year // 1000}.{cur.first_date.year % 1000:03d}",
        "previous_year": str(cur.first_date.year - 1),
        "dates": locale.date_range(cur.first_date, cur.last_date),
        "days": NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count),
        "first": date_fields(cur.first_date, locale), "last": date_fields(cur.last_date, locale),
        "after": date_fields(cur.last_date + dt.timedelta(days=1), locale),
        "later": date_fields(_later_thursday(cur.last_date), locale),
        "later_friday": date_fields(_later_thursday(cur.last_date) + dt.timedelta(days=1), locale),
    }
    if cur.expected_participants:
        event["participants"] = str(cur.expected_participants)
    return event


def _later_thursday(last: dt.date) -> dt.date:
    """A Thursday two to three weeks after the workshop: the date of a fictional follow-up event."""
    day = last + dt.timedelta(days=14)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def _ceremony(cur: Curriculum, first: bool) -> tuple[Day, AgendaItem] | None:
    """The first (opening) or last (closing) ceremony of the agenda."""
    found = [(day, item) for day in cur.days for item in day.items if item.kind == "ceremony"]
    if len(found) < (1 if first else 2):
        return None
    return found[0] if first else found[-1]


def _ceremony_fields(cur: Curriculum, day: Day, item: AgendaItem, locale: Locale, setting,
                     officials: dict) -> dict[str, Any]:
    """Date, time, place, programme and (for the opening) who opens."""
    fields: dict[str, Any] = dict(date_fields(day.date, locale))
    fields.update({
        "clock": locale.clock(item.start),
        "clock_colon": locale.clock(item.start).replace(".", ":"),
        "end_clock": locale.clock(item.end),
        "greeting": _greeting(item.start),
        "program_rows": [[str(n), line] for n, line in enumerate(item.program, start=1)],
        "time": locale.time(item.start, cur.zone_abbreviation),
        "venue": item.location or cur.venue,
        "program": list(item.program),
        "program_text": "\n".join(f"{n}. {line}" for n, line in enumerate(item.program, start=1)),
    })
    if setting is not None and setting.opening.opened_by in officials:
        opener = officials[setting.opening.opened_by]
        fields["opener"] = opener
        fields["opener_phrase"] = fields["speech"] = opener["title"]
        behalf = officials.get(setting.opening.on_behalf_of)
        if behalf is not None:
            fields["on_behalf"] = behalf
            fields["opener_phrase"] = f"{opener['title']}, yang membacakan sambutan {behalf['title']}"
            fields["speech"] = f"{behalf['title']} yang dibacakan oleh {opener['title']}"
    return fields


def _greeting(start: dt.time) -> str:
    """The salam that fits the hour: pagi, siang, sore or malam."""
    if start.hour < 11:
        return "pagi"
    if start.hour < 15:
        return "siang"
    return "sore" if start.hour < 18 else "malam"


# --------------------------------------------------------------------------- KIP deadlines


@functools.lru_cache(maxsize=8)
def national_holidays(year: int) -> dict[dt.date, str]:
    """Indonesian national holidays of ``year`` and the next (package ``holidays``, no cuti bersama)."""
    import holidays

    table = holidays.country_holidays("ID", years=(year, year + 1), language="id")
    return dict(sorted(table.items()))


def working_days_after(start: dt.date, count: int, off: dict[dt.date, str]) -> list[dt.date]:
    """The ``count`` working days after ``start`` (the day of receipt is day 0)."""
    days: list[dt.date] = []
    day = start
    while len(days) < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            days.append(day)
    return days


def _is_working(day: dt.date, off: dict) -> bool:
    return day.weekday() < 5 and day not in off


# Holidays around which cuti bersama is usually declared; a worked example avoids their weeks,
# because the `holidays` package does not carry cuti bersama and its treatment is unsettled.
BRIDGED = ("Idul Fitri", "Natal", "Waisak", "Kenaikan", "Imlek", "Nyepi", "Idul Adha", "Kemerdekaan")


def _near_bridge(start: dt.date, end: dt.date, off: dict) -> bool:
    """True when a holiday that usually brings cuti bersama lies within a week of the window."""
    return any(any(word in name for word in BRIDGED) and start - dt.timedelta(days=7) <= day <= end
               + dt.timedelta(days=7) for day, name in off.items())


def pick_request(year: int, after: dt.date | None = None, with_holiday: bool = True,
                 avoid: dt.date | None = None) -> dt.date | None:
    """A working day of ``year`` whose first 10 working days skip (or, ``with_holiday`` False, avoid) a holiday.

    Windows near holidays that usually bring cuti bersama are avoided, and so is a window within
    two weeks of ``avoid`` (the other case). None when the year has no such day after ``after``.
    """
    off = national_holidays(year)
    day = after or dt.date(year, 1, 2)
    while day.year <= year:
        if _is_working(day, off) and (avoid is None or abs((day - avoid).days) > 14):
            window = working_days_after(day, 17, off)
            skipped = any(_is_working(h, {}) for h in off if day < h < window[9])
            if skipped == with_holiday and not _near_bridge(day, window[-1], off):
                return day
        day += dt.timedelta(days=1)
    return None


def deadline_case(request: dt.date, locale: Locale) -> dict[str, Any]:
    """One worked KIP case: 10 working days, 7 more on extension, the holidays skipped and a table."""
    off = national_holidays(request.year)
    days = working_days_after(request, 17, off)
    last = days[-1]
    skipped = [(h, n) for h, n in off.items() if request < h < last and h.weekday() < 5]
    rows = [[locale.date(request), "Hari ke-0", "Permohonan diterima dan dicatat"]] + _rows(days, off, locale)
    saturday = request + dt.timedelta(days=(5 - request.weekday()) % 7 or 7)
    first_holiday = next(iter(skipped), None)
    return {
        "request": date_fields(request, locale), "deadline": date_fields(days[9], locale),
        "extended": date_fields(last, locale), "first": date_fields(days[0], locale),
        "third": date_fields(days[2], locale), "ninth": date_fields(days[8], locale),
        "saturday": date_fields(saturday, locale),
        "first_holiday": (f"{locale.date(first_holiday[0])} ({first_holiday[1]})" if first_holiday else "tidak ada"),
        "first_holiday_date": date_fields(first_holiday[0] if first_holiday else request, locale),
        "workdays": ", ".join(locale.date(d, weekday=False) for d in days[:10]),
        "extension_days": ", ".join(locale.date(d, weekday=False) for d in days[10:]),
        "holidays": "; ".join(f"{locale.date(h)} ({name})" for h, name in skipped) or "tidak ada",
        "holiday_count": NUMBER_WORDS[len(skipped)] if len(skipped) < len(NUMBER_WORDS) else str(len(skipped)),
        "naive": date_fields(working_days_after(request, 10, {})[-1], locale),
        "rows": rows,
    }


def _rows(days: list[dt.date], off: dict, locale: Locale) -> list[list[str]]:
    """The counting table, compact: holidays, day 10 and day 17 on their own rows, runs of days merged."""
    rows: list[list[str]] = []
    run: list[int] = []
    for number, day in enumerate(days, start=1):
        gap = [h for h in off if (days[number - 2] if number > 1 else day - dt.timedelta(days=7)) < h < day
               and h.weekday() < 5 and number > 1]
        if gap or number in (10, 11, 17):
            rows += _run(run, days, locale)
            run = []
        for holiday in gap:
            rows.append([locale.date(holiday), "Tidak dihitung", f"Libur nasional: {off[holiday]}"])
        if number in (10, 17):
            rows.append([locale.date(day), _count(number), "Batas pemberitahuan tertulis" if number == 10
                         else "Batas bila diperpanjang"])
        else:
            run.append(number)
    return rows + _run(run, days, locale)


def _count(number: int) -> str:
    """``Hari kerja ke-3`` or ``Perpanjangan ke-2``."""
    return f"Hari kerja ke-{number}" if number <= 10 else f"Perpanjangan ke-{number - 10}"


def _run(run: list[int], days: list[dt.date], locale: Locale) -> list[list[str]]:
    """One row for a run of ordinary working days."""
    if not run:
        return []
    first, last = days[run[0] - 1], days[run[-1] - 1]
    if first == last:
        return [[locale.date(first), _count(run[0]), "Hari kerja biasa"]]
    note = "Sabtu dan Minggu dilewati" if (last - first).days >= len(run) else "Hari kerja biasa"
    span = f"{first.day}–{locale.date(last, weekday=False)}" if first.month == last.month else (
        f"{locale.date(first, weekday=False)}–{locale.date(last, weekday=False)}")
    return [[span, f"{_count(run[0])} s.d. {run[-1] if run[-1] <= 10 else run[-1] - 10}".replace(
        " s.d. ", " s.d. ke-"), note]]


def kip_fields(cur: Curriculum, locale: Locale) -> dict[str, Any]:
    """The worked example and the exercise case, both in the workshop's year."""
    year = cur.first_date.year
    setting = cur.context
    example = setting.kip_request if setting and setting.kip_request else pick_request(year, dt.date(year, 3, 1))
    example = example or pick_request(year) or dt.date(year, 5, 2)
    exercise = pick_request(year, avoid=example) or example
    plain = pick_request(year, after=dt.date(year, 9, 1), with_holiday=False) or pick_request(
        year, with_holiday=False) or example
    return {"example": deadline_case(example, locale), "exercise": deadline_case(exercise, locale),
            "plain": deadline_case(plain, locale)}


# --------------------------------------------------------------------------- placeholders


@functools.lru_cache(maxsize=1)
def _environment():
    """The jinja2 sandbox that renders what :func:`fill` leaves to it (imported on first use)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@functools.lru_cache(maxsize=4096)
def _template(text: str):
    """``text`` compiled once: each curriculum fills the same module strings again."""
    return _environment().from_string(text)


def _title(text: str) -> str:
    """jinja2's ``title`` filter: each word capitalised, words begin after spaces, hyphens and brackets."""
    return "".join(item[0].upper() + item[1:].lower() for item in WORD_BEGINNING.split(text) if item)


WORD_BEGINNING = re.compile(r"([-\s({\[<]+)")  # jinja2.filters._word_beginning_split_re
FILTER_FUNCTIONS = {"upper": str.upper, "lower": str.lower, "capitalize": str.capitalize, "title": _title}


def fill(text: str, context: dict) -> str | None:
    """``text`` with its (checked, present) placeholders filled in exactly as jinja2 renders it, without compiling.

    Compiling a jinja2 template costs about a millisecond, and every module string with a
    placeholder is a template of its own. None when the text holds anything else jinja2 would
    read (stray ``{{``, a carriage return it would normalise, a name that is also an attribute).
    """
    if "\r" in text:
        return None
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(text[last:match.start()])
        last = match.end()
        expression = EXPRESSION.match(match.group(1))
        value: Any = context
        for part in _segments(expression.group("path")):
            if isinstance(part, str) and hasattr(value, part):
                return None  # jinja2 looks attributes up before keys
            value = value[part]
        for name in expression.group("filters").split("|")[1:]:
            value = FILTER_FUNCTIONS[name.strip()](str(value))
        parts.append(str(value))
    parts.append(text[last:])
    if any(mark in literal for literal in parts[::2] for mark in ("{{", "{%", "{#")):
        return None
    return "".join(parts)


def _segments(path: str) -> list[str | int]:
    """``officials.head.title`` -> ['officials', 'head', 'title']; ``[0]`` -> 0."""
    return [name if name else int(index) for name, index in SEGMENT.findall(path)]


def lookup(data: Any, parts: list) -> tuple[bool, Any]:
    """Follow ``parts`` into ``data``; return (found, value)."""
    for part in parts:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return False, None
            data = data[part]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return False, None
    return True, data


@functools.lru_cache(maxsize=1)
def probe_context() -> dict[str, Any]:
    """A context with every field filled: the set of placeholders a module may use."""
    official = {"title": "Jabatan", "short": "Jabatan", "name": "Nama"}
    date = {"date": "", "plain": "", "day": "", "numeric": "", "dashed": "", "iso": ""}
    ceremony = {**date, "clock": "", "clock_colon": "", "end_clock": "", "greeting": "", "program_rows": [["", ""]], "time": "", "venue": "", "program": ["", ""], "program_text": "",
                "opener": official, "on_behalf": official, "opener_phrase": "", "speech": ""}
    case = {"request": date, "deadline": date, "extended": date, "holidays": "", "holiday_count": "",
            "naive": date, "rows": [["", "", ""]], "first": date, "third": date, "ninth": date,
            "saturday": date, "first_holiday": "", "first_holiday_date": date, "workdays": "",
            "extension_days": ""}
    return {
        "zone": "WIB",
        "event": {"title": "", "short_title": "", "venue": "", "city": "", "organizer": "", "year": "", "year_dotted": "", "previous_year": "",
                  "dates": "", "days": "", "participants": "", "participants_from": "", "first": date, "last": date,
                  "after": date, "later": date, "later_friday": date},
        "opening": ceremony, "closing": ceremony,
        "region": {"name": "", "short": "", "seat": "", "province": "", "province_capital": "",
                   "districts": ["", "", "", "", "", ""], "hazard": "", "hall": ""},
        "officials": {role: official for role in OFFICIAL_ROLES},
        "units": {key: "" for key in UNIT_KEYS},
        "media": "",
        "kip": {"example": case, "exercise": case, "plain": case},
    }


class Renderer:
    """Render every placeholder of one module file with one context, collecting located problems."""

    def __init__(self, located: Located, context: dict | None, source: str = "") -> None:
        self.located = located
        self.context = context
        self.source = source  # the curriculum file, named in hints about missing fields
        self.diagnostics: list[Diagnostic] = []
        self._lines: list[str] | None = None

    def render(self) -> Located:
        """A copy of the module data with the placeholders filled in (strings with problems stay as written)."""
        data = self._walk(self.located.data, ())
        return Located(self.located.file, data, self.located.keys, self.located.values)

    def _walk(self, node: Any, path: tuple) -> Any:
        if isinstance(node, dict):
            return {self._key(key, path): self._walk(value, path + (key,)) for key, value in node.items()}
        if isinstance(node, list):
            return [self._walk(value, path + (index,)) for index, value in enumerate(node)]
        if isinstance(node, str) and ("{{" in node or "{%" in node or "{#" in node):
            return self._string(node, path)
        return node

    def _key(self, key: Any, path: tuple) -> Any:
        """A mapping key may hold placeholders too (e.g. the items of a classification exercise)."""
        if isinstance(key, str) and "{{" in key:
            rendered = self._string(key, path + (key,))
            return rendered if isinstance(rendered, str) else key
        return key

    def _string(self, text: str, path: tuple) -> Any:
        """Render one string, or report why it cannot be rendered."""
        if STATEMENT.search(text):
            self._report(path, "{%" if "{%" in text else "{#", "statements and comments are not part of the "
                         "placeholder syntax", "context.syntax")
            return text
        ok = True
        for match in PLACEHOLDER.finditer(text):
            ok = self._check(match, path) and ok
        if not ok:
            return text
        whole = PLACEHOLDER.fullmatch(text.strip())
        if whole:
            parts = _segments(EXPRESSION.match(whole.group(1)).group("path"))
            value = lookup(self.context if self.context is not None else probe_context(), parts)[1]
            if isinstance(value, list) and not EXPRESSION.match(whole.group(1)).group("filters"):
                return copy.deepcopy(value)
        if self.context is None:
            return text  # checking only: text placeholders stay as written
        filled = fill(text, self.context)
        if filled is not None:
            return filled
        from jinja2 import TemplateError

        try:
            return _template(text).render(self.context)
        except TemplateError as error:  # e.g. a filter applied to a value it cannot take
            self._report(path, "{{", f"placeholder could not be filled: {error}", "context.syntax")
            return text

    def _check(self, match: re.Match, path: tuple) -> bool:
        """Check one ``{{ ... }}``: syntax, known field, present in this curriculum."""
        expression = EXPRESSION.match(match.group(1))
        if expression is None:
            self._report(path, match.group(0), f"'{match.group(0)}' is not a placeholder: write a field path "
                         "such as {{ region.name }}", "context.syntax")
            return False
        filters = [f.strip() for f in expression.group("filters").split("|")[1:]]
        bad = [f for f in filters if f not in FILTERS]
        if bad:
            self._report(path, match.group(0), f"unknown filter '{bad[0]}' (use {', '.join(FILTERS)})",
                         "context.syntax")
            return False
        field = expression.group("path")
        parts = _segments(field)
        if not lookup(probe_context(), [p if not isinstance(p, int) else 0 for p in parts])[0]:
            self._report(path, match.group(0), f"unknown placeholder '{field}'", "context.unknown",
                         hint=_suggestion(parts))
            return False
        if self.context is not None and not lookup(self.context, parts)[0]:
            where = self.source or "the curriculum"
            self._report(path, match.group(0), f"the module needs '{field}' but {where} does not give it",
                         "context.missing", hint=_missing_hint(parts, where))
            return False
        return True

    def _report(self, path: tuple, needle: str, message: str, code: str, hint: str = "") -> None:
        line, column = self._find(path, needle)
        self.diagnostics.append(Diagnostic(display_path(self.located.file), line, column, "error",
                                           format_path(path), message, code, hint))

    def _find(self, path: tuple, needle: str) -> tuple[int, int]:
        """Line and column of ``needle`` at or after the position of the value at ``path``."""
        line, column = self.located.position(path)
        if self._lines is None:
            try:
                self._lines = Path(self.located.file).read_text(encoding="utf-8-sig").splitlines()
            except OSError:
                self._lines = []
        for number in range(line - 1, min(len(self._lines), line + 200)):
            found = self._lines[number].find(needle, column - 1 if number == line - 1 else 0)
            if found >= 0:
                return number + 1, found + 1
        return line, column


def _suggestion(parts: list) -> str:
    """Name the fields known at the deepest level the path reached."""
    data: Any = probe_context()
    for part in parts:
        if isinstance(part, int) or not isinstance(data, dict) or part not in data:
            break
        data = data[part]
    if isinstance(data, dict):
        return "known here: " + ", ".join(sorted(data)) + " (see docs/context.md)"
    return "see docs/context.md for the placeholders"


def _missing_hint(parts: list, where: str) -> str:
    """Say which curriculum key supplies the field."""
    head = parts[0]
    if head in ("region", "officials", "units", "media"):
        key = ".".join(str(p) for p in parts[:2]) if head != "region" else "region." + str(parts[1])
        if head == "officials":
            key = f"officials.{parts[1]}" + (f".{parts[2]}" if len(parts) > 2 and parts[2] == "name" else "")
        return f"add `context.{key}` to {where}"
    if head in ("opening", "closing"):
        return f"give {where} a ceremony with a programme, and `context.opening.opened_by`"
    if head == "kip":
        return f"add a `context:` block to {where}"
    return f"add this to {where}"


def render_module(located: Located, context: dict | None, source: str = "") -> tuple[Located, list[Diagnostic]]:
    """Fill the placeholders of a module (``context`` None: only check they are known)."""
    renderer = Renderer(located, context, source)
    rendered = renderer.render()
    return rendered, renderer.diagnostics


def check_setting(cur: Curriculum, located: Located) -> list[Diagnostic]:
    """The opener is a listed official named in the opening ceremony's programme."""
    setting = cur.context
    if setting is None:
        return []
    problems: list[Diagnostic] = []
    for key in ("opened_by", "on_behalf_of"):
        role = getattr(setting.opening, key)
        if role and role not in setting.officials:
            problems.append(located.diagnostic(
                ("context", "opening", key), f"'{role}' is not listed under context.officials", "context.opening"))
    opening = _ceremony(cur, first=True)
    opener = setting.officials.get(setting.opening.opened_by)
    if opening is not None and opener is not None and opening[1].program:
        text = " ".join(opening[1].program)
        if opener.title not in text and (opener.short or opener.title) not in text:
            problems.append(located.diagnostic(
                ("context", "opening", "opened_by"),
                f"the opening programme does not name the opener ('{opener.short or opener.title}')",
                "context.opening",
                hint="make the agenda's opening programme and context.opening.opened_by name the same official"))
    return problems
