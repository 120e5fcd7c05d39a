"""Loading a workshop: the cycle collector is paused while it loads and left as it was."""

from __future__ import annotations

import gc

import pytest

from builder.sources.project import cycle_collector_paused, load_workshop
from tests.helpers import make_project


def test_loading_pauses_the_collector_and_leaves_it_as_it_was(tmp_path, monkeypatch):
    """The collector is off while the sources load and back on afterwards (off stays off)."""
    import builder.sources.project as project

    root = make_project(tmp_path)
    seen = []
    real = project._load_workshop
    monkeypatch.setattr(project, "_load_workshop", lambda *a: seen.append(gc.isenabled()) or real(*a))
    assert gc.isenabled()
    workshop, report = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_an_error():
    """An exception inside the paused block still turns the collector back on."""
    with pytest.raises(RuntimeError):
        with cycle_collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()
