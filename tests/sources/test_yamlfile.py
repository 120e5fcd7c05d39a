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
