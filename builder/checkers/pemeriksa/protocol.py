"""Protocol: officials and their precedence, and the seating of a head table (UU 9/2010)."""

from __future__ import annotations

import difflib

from .messages import _say, _texts
from .result import Result, _Rules, _title
from .text import _as_mapping, _key, _quote

PROTOCOL_TEXTS = {
    "id": {
        "ordinals": ["pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan",
                     "kesembilan", "kesepuluh"],
        "ordinal.nth": "ke-{n}",
        "seat.centre": "kursi tengah, tempat pejabat tertinggi",
        "seat.right": "kursi {ordinal} di sebelah kanan pimpinan (kiri bila dilihat dari hadirin)",
        "seat.left": "kursi {ordinal} di sebelah kiri pimpinan (kanan bila dilihat dari hadirin)",
        "seat.unknown": "Kursi {seat} tidak ada; gunakan label kursi {seats}.",
        "person.unknown": "{person} (kursi {seat}) tidak ada dalam daftar pejabat",
        "person.guess": "; maksud Anda {guess}?",
        "person.twice": "{name} ditempatkan di lebih dari satu kursi.",
        "all_seated.ok": "Semua pejabat mendapat kursi.",
        "all_seated.wrong": "Belum mendapat kursi: {names}.",
        "represents": " {name} mewakili {principal}, tetapi wakil duduk menurut jabatannya sendiri (UU 9/2010 Pasal "
                      "15).",
        "principal.wrong": "Kursi {seat} ({where}) untuk {principal}{sitting}{note}",
        "principal.instead": ", bukan {name}.",
        "principal.ok": "{name} duduk di kursi tengah ({seat}).",
        "host.ok": "Tuan rumah {name} duduk di samping pejabat tertinggi (UU 9/2010 Pasal 13).",
        "host.wrong": "Tuan rumah {name} harus duduk di samping pejabat tertinggi (UU 9/2010 Pasal 13): kursi "
                      "{seats}.",
        "or": " atau ",
        "seat.wrong": "Kursi {seat} adalah {where}; kursi ini untuk {expected} (urutan {rank}), bukan {sitting} "
                      "(urutan {sitting_rank}).",
        "seat.representative": " Wakil duduk menurut jabatannya sendiri (UU 9/2010 Pasal 15).",
        "seat.precedence": " Sebelah kanan pimpinan lebih utama daripada sebelah kiri, dan yang lebih dekat lebih "
                           "utama.",
        "order.ok": "Urutan kursi lainnya sesuai tata urutan: kanan pimpinan lebih utama daripada kiri, bergantian "
                    "ke luar.",
    },
    "en": {
        "ordinals": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        "ordinal.nth": "{n}th",
        "seat.centre": "the centre seat, the highest official's place",
        "seat.right": "the {ordinal} seat on the principal's right (left as seen from the audience)",
        "seat.left": "the {ordinal} seat on the principal's left (right as seen from the audience)",
        "seat.unknown": "There is no seat {seat}; use the seat labels {seats}.",
        "person.unknown": "{person} (seat {seat}) is not in the list of officials",
        "person.guess": "; did you mean {guess}?",
        "person.twice": "{name} is placed in more than one seat.",
        "all_seated.ok": "Every official has a seat.",
        "all_seated.wrong": "Without a seat: {names}.",
        "represents": " {name} represents {principal}, but a representative sits by their own office (UU 9/2010 "
                      "Pasal 15).",
        "principal.wrong": "Seat {seat} ({where}) is for {principal}{sitting}{note}",
        "principal.instead": ", not {name}.",
        "principal.ok": "{name} sits in the centre seat ({seat}).",
        "host.ok": "The host {name} sits beside the highest official (UU 9/2010 Pasal 13).",
        "host.wrong": "The host {name} must sit beside the highest official (UU 9/2010 Pasal 13): seat {seats}.",
        "or": " or ",
        "seat.wrong": "Seat {seat} is {where}; this seat is for {expected} (rank {rank}), not {sitting} (rank "
                      "{sitting_rank}).",
        "seat.representative": " A representative sits by their own office (UU 9/2010 Pasal 15).",
        "seat.precedence": " The principal's right outranks the left, and a closer seat outranks a farther one.",
        "order.ok": "The other seats follow precedence: the principal's right outranks the left, alternating "
                    "outwards.",
    },
}


def _officials(officials) -> list[dict]:
    people = [dict(o) for o in officials or ()]
    for person in people:
        person["rank"] = float(person.get("rank", 99))
    return people


def _name_in(line: str, names: list[str]) -> int | None:
    """The index of the longest official name found in ``line``."""
    key = f" {_key(line)} "
    best = None
    for index, name in enumerate(names):
        if f" {_key(name)} " in key and (best is None or len(name) > len(names[best])):
            best = index
    return best


def _seat_order(count: int, centre: int) -> list[int]:
    """Seat indexes (audience's left to right) in order of honour around ``centre``: right, left, right ..."""
    order = [centre]
    for distance in range(1, count):
        for seat in (centre - distance, centre + distance):  # the principal's right is the audience's left
            if 0 <= seat < count:
                order.append(seat)
    return order


def _describe_seat(seat: int, principal: int) -> str:
    distance = abs(seat - principal)
    if distance == 0:
        return _say(PROTOCOL_TEXTS, "seat.centre")
    ordinals = _texts(PROTOCOL_TEXTS)["ordinals"]
    ordinal = ordinals[distance - 1] if distance <= len(ordinals) else _say(PROTOCOL_TEXTS, "ordinal.nth", n=distance)
    return _say(PROTOCOL_TEXTS, "seat.right" if seat < principal else "seat.left", ordinal=ordinal)


def _represents(person: dict, name: str) -> str:
    """The note that a representative sits by their own office, or nothing."""
    if not person.get("represents"):
        return ""
    return _say(PROTOCOL_TEXTS, "represents", name=name, principal=person["represents"])


def _place_people(rules: _Rules, mapping: dict, seats: list[str], names: list[str]) -> dict[int, int]:
    """Who sits where: seat index -> official index; unknown seats, names and doubles are told."""
    seat_keys = {_key(s): i for i, s in enumerate(seats)}
    placed: dict[int, int] = {}
    for seat_label, person in mapping.items():
        if not person:
            continue
        seat = seat_keys.get(_key(seat_label))
        if seat is None:
            rules.wrong(_say(PROTOCOL_TEXTS, "seat.unknown", seat=_quote(seat_label), seats=", ".join(seats)))
            continue
        index = _name_in(person, names)
        if index is None:
            close = difflib.get_close_matches(person, names, n=1, cutoff=0.6)
            rules.wrong(_say(PROTOCOL_TEXTS, "person.unknown", person=_quote(person), seat=seats[seat])
                        + (_say(PROTOCOL_TEXTS, "person.guess", guess=_quote(close[0])) if close else "."))
            continue
        if index in placed.values():
            rules.wrong(_say(PROTOCOL_TEXTS, "person.twice", name=names[index]))
            continue
        placed[seat] = index
    return placed


def _host_seats(seats: list[str], principal_seat: int) -> str:
    """The labels of the seats beside the principal: "K2 atau K4"."""
    return (f"{seats[principal_seat - 1] if principal_seat > 0 else ''}"
            f"{_say(PROTOCOL_TEXTS, 'or') if 0 < principal_seat < len(seats) - 1 else ''}"
            f"{seats[principal_seat + 1] if principal_seat + 1 < len(seats) else ''}")


def check_seating(answer, seats=(), officials=(), **_) -> Result:
    """Tata tempat: principal in the centre, the principal's right outranks the left, alternating outwards;
    the host beside the highest official (UU 9/2010 Pasal 13); a representative by own rank (Pasal 15)."""
    title = _title("seating")
    mapping, problem = _as_mapping(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    seats = [str(s) for s in seats]
    people = _officials(officials)
    names = [str(p["name"]) for p in people]
    placed = _place_people(rules, mapping, seats, names)
    by_rank = sorted(range(len(names)), key=lambda i: (people[i]["rank"], names[i]))
    missing = [names[i] for i in by_rank if i not in placed.values()]
    rules.rule(not missing, _say(PROTOCOL_TEXTS, "all_seated.ok"),
               _say(PROTOCOL_TEXTS, "all_seated.wrong", names="; ".join(missing)))
    if not people or not seats:
        return rules.result()
    rank = {i: float(p["rank"]) for i, p in enumerate(people)}
    top = min(rank.values())
    principals = [i for i in rank if rank[i] == top]
    centres = [len(seats) // 2] if len(seats) % 2 else [len(seats) // 2, len(seats) // 2 - 1]
    at_seat = {v: k for k, v in placed.items()}
    principal_seat = next((at_seat[i] for i in principals if i in at_seat and at_seat[i] in centres), None)
    if principal_seat is None:
        principal_seat = centres[0]
        sitting = placed.get(principal_seat)
        note = _represents(people[sitting], names[sitting]) if sitting is not None else ""
        instead = _say(PROTOCOL_TEXTS, "principal.instead", name=names[sitting]) if sitting is not None else "."
        rules.wrong(_say(PROTOCOL_TEXTS, "principal.wrong", seat=seats[principal_seat],
                         where=_describe_seat(principal_seat, principal_seat), principal=names[principals[0]],
                         sitting=instead, note=note))
    else:
        rules.ok(_say(PROTOCOL_TEXTS, "principal.ok", name=names[placed[principal_seat]], seat=seats[principal_seat]))
    order = _seat_order(len(seats), principal_seat)[1:]
    hosts = [i for i, p in enumerate(people) if p.get("host") and i not in principals]
    for host in hosts:
        host_seat = at_seat.get(host)
        beside = host_seat is not None and abs(host_seat - principal_seat) == 1
        rules.rule(beside, _say(PROTOCOL_TEXTS, "host.ok", name=names[host]),
                   _say(PROTOCOL_TEXTS, "host.wrong", name=names[host], seats=_host_seats(seats, principal_seat)))
        if beside:
            order.remove(host_seat)
    others = sorted((i for i in rank if i not in principals[:1] and i not in hosts), key=lambda i: (rank[i], i))
    if principal_seat in placed and placed[principal_seat] != principals[0] and placed[principal_seat] in principals:
        others = [principals[0] if i == placed[principal_seat] else i for i in others]
    wrong_seats = 0
    for seat, expected in zip(order, others):
        sitting = placed.get(seat)
        if sitting is None or rank.get(sitting) == rank[expected]:
            continue
        wrong_seats += 1
        reason = _say(PROTOCOL_TEXTS, "seat.wrong", seat=seats[seat], where=_describe_seat(seat, principal_seat),
                      expected=names[expected], rank=f"{rank[expected]:g}", sitting=names[sitting],
                      sitting_rank=f"{rank[sitting]:g}")
        if people[sitting].get("represents"):
            reason += _represents(people[sitting], names[sitting])
        elif people[expected].get("represents"):
            reason += _say(PROTOCOL_TEXTS, "seat.representative")
        else:
            reason += _say(PROTOCOL_TEXTS, "seat.precedence")
        rules.wrong(reason)
    if not wrong_seats and not missing and len(placed) == len(people):
        rules.ok(_say(PROTOCOL_TEXTS, "order.ok"))
    return rules.result()
