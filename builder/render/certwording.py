"""What a certificate says, per role, and how names and titles are kept from breaking badly.

A participant's certificate states the JP of the whole workshop; a speaker's names the session(s)
given and a moderator's the session(s) moderated (matched by name in the agenda), without the
participants' JP; committee and MC certificates name the event only. No-break spaces keep
degrees with the name and the region with the signer's title.
"""

from __future__ import annotations

import re

from builder.i18n import Locale
from builder.model.workshop import Workshop
from builder.model.people import Person

NBSP = "\u00a0"
REGION = re.compile(r"\b(Provinsi|Kabupaten|Kota|Kecamatan|Province|Regency|City)\b.*$")


def keep_region_together(title: str) -> str:
    """Join the words of the region at the end of a signer's title with no-break spaces.

    ``Sekretaris Daerah Provinsi Nusa Tenggara Timur`` may break before ``Provinsi`` but never
    inside ``Nusa Tenggara Timur``.
    """
    match = REGION.search(title)
    return title if match is None else title[:match.start()] + match.group(0).replace(" ", NBSP)


def keep_degree_with_name(name: str) -> str:
    """Tie the academic degrees after a name to its last word, so a long name never leaves ``M.Kom.`` alone."""
    if ", " not in name:
        return name
    head, degrees = name.split(", ", 1)
    words = head.rsplit(" ", 1)
    tail = f"{words[-1]},{NBSP}{degrees.replace(' ', NBSP)}"
    return f"{words[0]} {tail}" if len(words) == 2 else tail


def _mentions(text: str, person: Person) -> bool:
    """True when an agenda field (facilitator, moderator) names ``person``."""
    return bool(text) and " ".join(person.name.split()).casefold() in " ".join(text.split()).casefold()


def statement_for(workshop: Workshop, locale: Locale, person: Person) -> str:
    """The sentence under the role: the JP for participants, the sessions given for speakers and moderators."""
    cur = workshop.curriculum
    common = {"title": cur.title, "organizer": cur.organizer, "venue": cur.venue, "city": cur.city}
    if person.role == "peserta":
        return locale.label("cert.statement", dates=locale.date_range(cur.first_date, cur.last_date), jp=cur.jp,
                            words=locale.number_words(cur.jp), **common)
    field = {"narasumber": "facilitator", "moderator": "moderator"}.get(person.role)
    slots = [(day.date, item) for day in cur.days for item in day.items
             if field and _mentions(getattr(item, field) or "", person)]
    if not slots:
        return locale.label("cert.statement.other", dates=locale.date_range(cur.first_date, cur.last_date), **common)
    titles = list(dict.fromkeys(item.title or (workshop.modules[item.module].title if item.module else "")
                                for _date, item in slots))
    quoted = [f"“{title}”" for title in titles]
    sessions = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {locale.label('cert.and')} {quoted[-1]}"
    dates = locale.date_range(min(d for d, _i in slots), max(d for d, _i in slots))
    return locale.label(f"cert.statement.{person.role}", sessions=sessions, dates=dates, **common)
