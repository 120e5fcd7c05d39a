"""The language of the feedback and how a part looks up its texts.

Every part keeps its feedback in a table ``<PART>_TEXTS = {"id": {...}, "en": {...}}`` (same keys
in both languages, ``str.format`` placeholders). The shipped file is generated with the build's
language written into the line holding ``@@BAHASA@@``; the toolkit switches with :func:`speaking`.
"""

from __future__ import annotations

import contextlib

LANGUAGES = ("id", "en")
_LANGUAGE = {"active": "id"}  # @@BAHASA@@


def set_language(language: str) -> None:
    """Give all feedback from now on in ``language`` (``id`` or ``en``)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _LANGUAGE["active"] = language


def feedback_language() -> str:
    """The language feedback is given in."""
    return _LANGUAGE["active"]


@contextlib.contextmanager
def speaking(language: str):
    """Give feedback in ``language`` inside the ``with`` block, then go back to the previous language."""
    before = _LANGUAGE["active"]
    set_language(language)
    try:
        yield
    finally:
        _LANGUAGE["active"] = before


def _texts(table: dict) -> dict:
    """The entries of a part's text table in the active language."""
    return table[_LANGUAGE["active"]]


def _say(table: dict, key: str, **values) -> str:
    """The text ``key`` of a part's table in the active language, filled with ``values``."""
    return table[_LANGUAGE["active"]][key].format(**values)
