"""Each YAML file is parsed once per process while its text is unchanged; callers get their own copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.sources import yamlfile
from builder.sources.yamlfile import YamlLoadError, load


def test_unchanged_file_is_parsed_once_and_each_caller_gets_a_copy(tmp_path: Path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_text("id: satu\nitems:\n  - a\n  - b\n", encoding="utf-8")
    calls = []
    real = yamlfile._parse
    monkeypatch.setattr(yamlfile, "_parse", lambda *a: calls.append(a) or real(*a))
    first = load(path)
    first.data["items"].append("changed by a caller")
    first.keys.clear()
    second = load(path)
    assert len(calls) == 1
    assert second.data == {"id": "satu", "items": ["a", "b"]}
    assert second.position(("items", 1)) == (4, 5)
    assert second.file == path


def test_a_shared_load_hands_out_the_remembered_data_and_never_what_a_copying_caller_changed(tmp_path: Path,
                                                                                             monkeypatch):
    """``shared=True`` (readers only) is not copied; ``load`` without it still gives each caller its own copy."""
    path = tmp_path / "m.yaml"
    path.write_text("id: satu\nitems:\n  - a\n  - b\n", encoding="utf-8")
    monkeypatch.setattr(yamlfile, "_PARSED", {})
    shared = load(path, shared=True)
    again = load(path, shared=True)
    assert again.data is shared.data  # nothing copied for a reader
    again.keys.clear()  # the position maps are the caller's own all the same
    assert load(path, shared=True).position(("items", 1)) == (4, 5)
    own = load(path)
    assert own.data == shared.data and own.data is not shared.data
    own.data["items"].append("changed by a caller")
    assert load(path, shared=True).data == {"id": "satu", "items": ["a", "b"]}
    monkeypatch.setattr(yamlfile, "_PARSED", {})
    first = load(path)  # parsed by a copying caller: what it changes is not what readers get later
    first.data["items"].append("changed by a caller")
    assert load(path, shared=True).data == {"id": "satu", "items": ["a", "b"]}


def test_changed_text_is_parsed_again(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_text("id: satu\n", encoding="utf-8")
    assert load(path).data == {"id": "satu"}
    path.write_text("id: dua\njudul: Baru\n", encoding="utf-8")
    again = load(path)
    assert again.data == {"id": "dua", "judul": "Baru"}
    assert again.position(("judul",)) == (2, 8)


def test_a_broken_file_raises_every_time(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_text("id: satu\nid: dua\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(YamlLoadError):
            load(path)


TRICKY = {
    "plain": "id: contoh\ntitle: Judul:dengan titik dua\njp: 2\nratio: 1.5\nflag: true\nno_bool: no\nneg: -3\n",
    "clock": "days:\n  - date: 2019-09-24\n    items:\n      - start: 08.00\n        end: 9.30\n"
             "        title: Pembukaan\n",
    "blocks": "a: |\n  baris satu\n    menjorok\n\n  akhir\nb: >-\n  dilipat\n  jadi satu\nc: |+\n  simpan\n\nd: x\n",
    "quoted": "a: 'it''s'\nb: \"tab\\there \\u00e9\"\nc: \"multi\n  line\"\nd: '08.00'\ne: \"\"\n",
    "flow": "a: [1, 'dua', {b: c, d: [e, f]}]\nb: {}\nc: []\nd: {x: y}\n",
    "nested": "a:\n  - - x\n    - y\n  - k: v\n    l:\n      - 1\n-\n" [:-3],
    "comments": "# head\n---\na: 1 # trailing\n# between\nb:\n  # inside\n  - c\n...\n",
    "unicode": "nama: \"Agnès “Dede” 😀\"\nkota: Sorong\u00a0Selatan\nteks: 日本\n",
    "multiline plain": "a: satu\n  dua\n  tiga\nb: x\n",
    "keys": "? kompleks\n: nilai\n'1': angka sebagai teks\nsp ace: y\n",
    "empty items": "a:\n  -\n  - ''\n  - ~\n  - null\n",
}
FALLBACK = {
    "alias": "a: &x [1, 2]\nb: *x\n",
    "merge": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "tag": "a: !!str 123\n",
    "int key": "1: a\n",
    "duplicate": "a: 1\na: 2\n",
    "octal": "a: 0o17\n",
    "underscore": "a: 1_000\n",
    "bad date": "a: 2019-02-30\n",
    "syntax": "a: [1, 2\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "line separator": "a: satu\u2028dua\n",
    "infinity": "a: .inf\n",
    "empty value": "a: 1\nnothing:\nb: 2\n",
    "empty flow value": "d: {x: , y: 1}\n",
}




@pytest.mark.parametrize("name", sorted(TRICKY))
def test_libyaml_path_gives_ruamels_data_and_positions(tmp_path: Path, monkeypatch, name):
    """Plain data read through libyaml equals ruamel's: values, types, and the line/column of every key and value."""
    pytest.importorskip("yaml")
    text = TRICKY[name]
    path = tmp_path / "x.yaml"
    fast = yamlfile._parse_fast(path, text)
    assert fast is not None, name
    monkeypatch.setattr(yamlfile, "_parse_fast", lambda *_: None)
    slow = yamlfile._parse(path, text)
    assert repr(fast.data) == repr(slow.data)
    assert (fast.keys, fast.values) == (slow.keys, slow.values)


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_anything_beyond_plain_data_is_left_to_ruamel(tmp_path: Path, name):
    """Aliases, tags, merge keys, other number forms, errors: the fast path declines; ruamel reads (or refuses) it."""
    pytest.importorskip("yaml")
    assert yamlfile._parse_fast(tmp_path / "x.yaml", FALLBACK[name]) is None


def test_every_source_of_the_project_reads_the_same_both_ways(monkeypatch):
    """Modules, curricula, starters and test roots (LF and CRLF): the two paths agree on data and positions."""
    pytest.importorskip("yaml")
    repo = Path(__file__).resolve().parents[2]
    paths = [p for p in repo.glob("**/*.yaml") if ".git" not in p.parts and "build" not in p.parts]
    assert len(paths) > 10
    fast = {}
    for path in paths:
        text = yamlfile.read_text(path)
        for variant in (text, text.replace("\n", "\r\n")):
            fast[(path, variant)] = yamlfile._parse_fast(path, variant)
    assert sum(v is not None for v in fast.values()) >= len(paths)
    monkeypatch.setattr(yamlfile, "_parse_fast", lambda *_: None)
    for (path, variant), located in fast.items():
        if located is not None:
            slow = yamlfile._parse(path, variant)
            assert (repr(located.data), located.keys, located.values) == (repr(slow.data), slow.keys, slow.values), path


def test_validate_parses_each_source_file_once(monkeypatch):
    """`workshop validate` of the whole project (3 curricula x their modules) parses every YAML file exactly once."""
    from collections import Counter

    from builder.sources.project import validate_paths

    repo = Path(__file__).resolve().parents[2]
    parsed: Counter = Counter()
    original = yamlfile._parse

    def counting(path, text):
        parsed[Path(path).resolve()] += 1
        return original(path, text)

    monkeypatch.setattr(yamlfile, "_PARSED", {})
    monkeypatch.setattr(yamlfile, "_parse", counting)
    monkeypatch.chdir(repo)
    workshops: list = []
    report = validate_paths([], workshops=workshops)
    assert not report.errors and len(workshops) == 3
    sources = {p.resolve() for folder in ("modules", "curriculum") for p in (repo / folder).glob("*.yaml")}
    assert set(parsed) == sources and set(parsed.values()) == {1}


def test_remembered_plain_scalar_tags_are_ruamels():
    """The tag of a plain scalar is remembered per text: the same as ruamel's YAML 1.2 resolver says, every time."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    resolver = VersionedResolver(version=(1, 2))
    texts = ["id", "no", "yes", "true", "False", "null", "~", "", "08.00", "8:00", "0x1f", "0o17", "1_000", "1e3",
             ".inf", "-.NaN", "2019-09-24", "2019-9-4", "2019-09-24 08:00", "=", "<<", "12", "-3", "+4", "3.", ".5"]
    for _ in range(2):
        for text in texts:
            assert yamlfile._plain_tag(text) == resolver.resolve(ScalarNode, text, (True, False)), text
