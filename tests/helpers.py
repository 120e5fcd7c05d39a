"""Helpers for tests: write a small project tree and run the CLI on it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main

ROOTS = Path(__file__).parent / "roots"


def make_project(tmp_path: Path, modules: dict[str, str] | None = None, curricula: dict[str, str] | None = None,
                 base: str = "basic") -> Path:
    """Copy ``tests/roots/<base>`` to ``tmp_path`` and overwrite/add the given module and curriculum files."""
    root = tmp_path / "project"
    shutil.copytree(ROOTS / base, root)
    for name, text in (modules or {}).items():
        (root / "modules" / name).write_text(text, encoding="utf-8")
    for name, text in (curricula or {}).items():
        (root / "curriculum" / name).write_text(text, encoding="utf-8")
    return root


def run_cli(root: Path, *args: str):
    """Run ``workshop ARGS`` with ``root`` as working directory; return click's Result."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def forbid_yaml_reads(monkeypatch) -> None:
    """Make any further YAML read fail the test (proves positions come from the model, not from re-reading)."""
    import builder.sources.yamlfile as yamlfile

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr(yamlfile, "load", no_reading)
    monkeypatch.setattr(yamlfile, "_parse", no_reading)
