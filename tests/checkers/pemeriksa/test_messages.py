"""Every part's feedback table has the same keys, shapes and placeholders in Indonesian and English."""

from __future__ import annotations

import string

import pytest

from builder.checkers import pemeriksa
from builder.checkers.pemeriksa import messages

TABLES = {name: value for name, value in vars(pemeriksa).items() if name.endswith("_TEXTS")}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_part_has_a_table():
    assert sorted(TABLES) == ["INFORMATION_TEXTS", "MC_TEXTS", "NEWS_TEXTS", "PROTOCOL_TEXTS", "RESULT_TEXTS",
                              "RUNTIME_TEXTS", "SPELLING_TEXTS", "TEXT_TEXTS", "TITLE_TEXTS"]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_both_languages_have_every_key_with_the_same_placeholders(name):
    table = TABLES[name]
    assert sorted(table) == sorted(messages.LANGUAGES)
    indonesian, english = table["id"], table["en"]
    assert list(indonesian) == list(english)
    for key, text in indonesian.items():
        other = english[key]
        assert type(text) is type(other), key
        if isinstance(text, str):
            assert _fields(text) == _fields(other), key
            assert text.strip() and other.strip(), key
        elif isinstance(text, list):
            assert len(text) == len(other), key
        else:
            assert list(text) == list(other), key


def test_speaking_switches_and_restores_the_language():
    assert messages.feedback_language() == "id"
    with messages.speaking("en"):
        assert pemeriksa.check("headline", "Bupati Buka Rakor.").summary.startswith("News headline: NEEDS WORK")
    assert messages.feedback_language() == "id"
    assert pemeriksa.check("headline", "Bupati Buka Rakor.").summary.startswith("Judul berita: PERLU DIPERBAIKI")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        messages.set_language("fr")
    assert messages.feedback_language() == "id"
