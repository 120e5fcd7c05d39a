"""Shared building blocks of the source model: the base class, ids and times."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME_PATTERN = re.compile(r"^(\d{1,2})[.:](\d{2})$")


class Model(BaseModel):
    """Base of every source-model class: immutable, strict about unknown keys."""

    # defer_build: a nested class gets no validator of its own until one is asked for; the top-level
    # ones (Module, Curriculum) build theirs with the nested schemas inside on first use, so importing
    # the model does not compile ~30 validators that would never run.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)


def _check_id(value: Any) -> Any:
    """Accept ids made of lower-case letters, digits and single hyphens only."""
    if not isinstance(value, str):
        raise PydanticCustomError(
            "id.type", "expected an id (text such as 'menulis-berita'), got {got}", {"got": type(value).__name__}
        )
    if not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "id.format",
            "'{value}' is not a valid id: use lower-case letters, digits and single hyphens only",
            {"value": value},
        )
    return value


Id = Annotated[str, BeforeValidator(_check_id)]


def parse_clock(value: Any) -> dt.time:
    """Parse a clock time written ``08.00`` or ``08:00`` (or a ``datetime.time``)."""
    if isinstance(value, dt.time):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else None
    match = TIME_PATTERN.match(text) if text is not None else None
    if match is None:
        raise PydanticCustomError(
            "time.format", "'{value}' is not a clock time: write it as 08.00 or 08:00", {"value": value}
        )
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise PydanticCustomError("time.format", "'{value}' is not a real clock time", {"value": value})
    return dt.time(hour, minute)


Clock = Annotated[dt.time, BeforeValidator(parse_clock)]


def parse_duration(value: Any) -> int:
    """Parse a duration given in minutes (``180``) or lesson hours (``4 JP``) into minutes."""
    if isinstance(value, bool):
        raise PydanticCustomError("duration", "expected minutes (e.g. 180) or lesson hours (e.g. '4 JP')", {})
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*(jp|JP|menit|minutes|min)?\s*", value)
        if match:
            amount, unit = int(match.group(1)), (match.group(2) or "menit").lower()
            return amount * 45 if unit == "jp" else amount
    raise PydanticCustomError(
        "duration", "'{value}' is not a duration: write minutes (e.g. 180) or lesson hours (e.g. '4 JP')",
        {"value": value},
    )


Minutes = Annotated[int, BeforeValidator(parse_duration)]


MAX_LINE = 200  # titles and names that end up in document properties (Office allows 255)
Line = Annotated[str, Field(max_length=MAX_LINE)]
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any) -> dt.date:
    """Accept a calendar date written YYYY-MM-DD (plain or quoted); refuse numbers (``0``) and date-times.

    The message is written by builder.check.schema for the ``type.date`` code: "<value> is not a date (YYYY-MM-DD)".
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and DATE_PATTERN.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("type.date", "not a date", {})


Date = Annotated[dt.date, BeforeValidator(parse_date)]


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced text for comparing headers, names and answers."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(text.replace("\u00a0", " ").split())
