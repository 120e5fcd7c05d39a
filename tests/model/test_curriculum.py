"""Derived facts of the curriculum model: JP from the agenda, time zones, clock parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from builder.model.curriculum import Curriculum


def curriculum(items, timezone="WIB"):
    return Curriculum.model_validate({
        "id": "x", "title": "X", "organizer": "Humas", "venue": "Aula", "city": "Kota", "province": "Prov",
        "timezone": timezone, "days": [{"date": dt.date(2019, 9, 24), "items": items}],
    })


def test_jp_counts_sessions_and_discussions_only():
    """1 JP = 45 minutes of learning; ceremonies, registration and breaks do not count."""
    cur = curriculum([
        {"start": "07.30", "end": "08.00", "kind": "registration"},
        {"start": "08.00", "end": "09.00", "kind": "ceremony"},
        {"start": "09.00", "end": "12.00", "kind": "session", "module": "m"},
        {"start": "12.00", "end": "13.00", "kind": "break"},
        {"start": "13.00", "end": "13.45", "kind": "discussion"},
        {"start": "13.45", "end": "14.15", "kind": "session", "module": "m"},
    ])
    assert cur.learning_minutes == 180 + 45 + 30
    assert cur.days[0].jp == pytest.approx(255 / 45)
    assert cur.jp == 5  # a started lesson hour is not counted on certificates


@pytest.mark.parametrize("zone,abbreviation", [("WIB", "WIB"), ("WITA", "Wita"), ("Asia/Makassar", "Wita"),
                                                ("Asia/Pontianak", "WIB"), ("Asia/Jayapura", "WIT")])
def test_time_zones(zone, abbreviation):
    """WIB/WITA/WIT or the matching IANA names."""
    assert curriculum([{"start": "08:00", "end": "09:00", "kind": "break"}], zone).zone_abbreviation == abbreviation


def test_clock_times_accept_period_and_colon():
    """08.00 and 08:00 are both read; 8.5 is not a time."""
    cur = curriculum([{"start": "8.00", "end": "09:30", "kind": "break"}])
    assert cur.days[0].items[0].start == dt.time(8, 0) and cur.days[0].items[0].minutes == 90
    with pytest.raises(ValidationError):
        curriculum([{"start": "8.5", "end": "09:30", "kind": "break"}])
