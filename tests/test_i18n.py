"""Indonesian dates, times, ranges and number words."""

import datetime as dt

from builder.i18n import Locale


def test_dates_are_written_the_indonesian_way():
    """``Selasa, 24 September 2019`` with the weekday, en-dash ranges across months and years."""
    loc = Locale("id")
    assert loc.date(dt.date(2019, 9, 24)) == "Selasa, 24 September 2019"
    assert loc.date(dt.date(2019, 4, 26)) == "Jumat, 26 April 2019"
    assert loc.date_range(dt.date(2019, 9, 24), dt.date(2019, 9, 25)) == "24–25 September 2019"
    assert loc.date_range(dt.date(2019, 9, 30), dt.date(2019, 10, 2)) == "30 September–2 Oktober 2019"
    assert loc.date_range(dt.date(2019, 12, 31), dt.date(2020, 1, 1)) == "31 Desember 2019–1 Januari 2020"


def test_times_use_a_period_and_the_zone():
    """``pukul 08.00 WIB`` (EYD V writes clock times with a period)."""
    loc = Locale("id")
    assert loc.time(dt.time(8, 0), "WIB") == "pukul 08.00 WIB"
    assert loc.time(dt.time(19, 30), "WITA") == "pukul 19.30 Wita"
    assert loc.time_range(dt.time(8, 0), dt.time(9, 30)) == "08.00–09.30"


def test_terbilang_and_english():
    """Numbers spelled out in Indonesian; English labels available."""
    assert Locale("id").number_words(18) == "delapan belas"
    assert Locale("en").date(dt.date(2019, 9, 24)) == "Tuesday, 24 September 2019"
    assert Locale("en").label("answer_key") == "Answer Key"


# --------------------------------------------------------------------------- the label catalogue

import re
import string
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from builder.i18n import LANGUAGES, LOCALE_DIR, catalogue

PACKAGE = Path(__file__).resolve().parents[1] / "builder"
LITERAL_KEY = re.compile(r"""\blabel\(\s*(["'])([\w.]+)\1\s*[,)]""")
PREFIX_LITERAL = re.compile(r"""\blabels\(\s*(["'])([\w.]+)\1""")
PREFIX_KEY = re.compile(r"""\blabel\(\s*f(["'])([\w.]+)\{""")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a label is filled with."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_both_languages_have_exactly_the_same_keys():
    """id.yaml and en.yaml name the same labels, in the same order."""
    assert list(catalogue("id")) == list(catalogue("en"))
    assert len(catalogue("id")) > 300


@pytest.mark.parametrize("key", list(catalogue("id")))
def test_each_label_has_the_same_placeholders_and_text_in_both_languages(key):
    """A label is filled with the same values in both languages and is never empty."""
    texts = [catalogue(language)[key] for language in LANGUAGES]
    assert all(text.strip() for text in texts)
    assert placeholders(texts[0]) == placeholders(texts[1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_files_have_no_duplicate_keys(language):
    """A key written twice is refused rather than silently overriding the first."""
    text = (LOCALE_DIR / f"{language}.yaml").read_text(encoding="utf-8")
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(keys) == len(set(keys)) == len(YAML(typ="safe", pure=True).load(text))


def test_unknown_label_is_an_error_naming_the_file():
    """A misspelt key fails loudly instead of printing the key."""
    with pytest.raises(KeyError, match="no label 'agenda_titel' in .*en.yaml"):
        Locale("en").label("agenda_titel")


def test_every_label_key_the_code_names_exists():
    """Each ``label("key")`` / ``labels("prefix.")`` and ``label(f"prefix.{...}")`` in the package exists."""
    keys = set(catalogue("id"))
    named, prefixes = set(), set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        named |= {(path.name, m.group(2)) for m in LITERAL_KEY.finditer(source)}
        prefixes |= {(path.name, m.group(2)) for pattern in (PREFIX_KEY, PREFIX_LITERAL) for m in pattern.finditer(source)}
    assert len(named) > 200 and len(prefixes) > 5
    # handouts' page.label() adds "handout." to its keys
    assert not [(file, key) for file, key in named if key not in keys and f"handout.{key}" not in keys]
    assert not [(file, p) for file, p in prefixes if not any(k.startswith(p) or k.startswith(f"handout.{p}") for k in keys)]


def test_catalogue_ships_with_the_package():
    """pyproject's package data names the catalogue, so a wheel carries it."""
    pyproject = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*.yaml"' in pyproject
    assert sorted(p.name for p in LOCALE_DIR.glob("*.yaml")) == sorted(f"{language}.yaml" for language in LANGUAGES)


def test_roles_and_numbers_follow_the_language():
    """Roles as printed and the decimal mark come from the language."""
    assert Locale("id").role("pembawa acara") == "PEMBAWA ACARA"
    assert Locale("en").roles()["pembawa acara"] == "MASTER OF CEREMONIES"
    assert (Locale("id").number(12.345), Locale("en").number(12.345, 2)) == ("12,3", "12.35")


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_read_through_libyaml_is_what_ruamel_reads(language):
    """The fast reading of a catalogue gives ruamel.yaml's mapping, key for key and in order."""
    pytest.importorskip("yaml")
    from ruamel.yaml import YAML

    from builder.i18n import LOCALE_DIR, _flat_texts

    text = (LOCALE_DIR / f"{language}.yaml").read_text(encoding="utf-8")
    fast = _flat_texts(text)
    assert fast is not None and list(fast.items()) == list(YAML(typ="safe").load(text).items())


@pytest.mark.parametrize("text", ["a: no\nb: 1\n", "a: &x t\nb: *x\n", "a: t\na: u\n", "a: [t]\n", "a: !!str t\n",
                                  "a: 08.00\n", "a: t\u2028u\n", "a: 'x\n"])
def test_catalogue_with_anything_but_text_is_left_to_ruamel(text):
    """Numbers, aliases, repeated keys, lists, tags, odd line breaks, errors: the fast reader declines."""
    pytest.importorskip("yaml")
    from builder.i18n import _flat_texts

    assert _flat_texts(text) is None
