"""Certificate numbers are all-or-nothing with the build: issued only once the new output is in place."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from builder.build import BuildFailed, build_workshop
from builder.check.diagnostics import UserError
from builder.domain.register import register_path
from builder.i18n import Locale
from builder.render import load_kinds
from builder.sources.project import load_workshop

ROOT = Path(__file__).resolve().parent / "roots" / "people"
CURRICULUM = "curriculum/sertifikat-contoh.yaml"
NEWCOMER = "7;Yohanes Baru;;;;;Narasumber Tamu;Universitas Contoh;narasumber\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A writable copy of tests/roots/people; no PDFs (the register is what is tested)."""
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)
    target = tmp_path / "people"
    shutil.copytree(ROOT, target)
    return target


def load(root: Path):
    """The checked workshop of the project."""
    workshop, report = load_workshop(root / CURRICULUM)
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the register (empty when there is no register)."""
    if not path.exists():
        return {}
    with sqlite3.connect(str(path)) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}


def numbers(path: Path) -> dict[str, str]:
    """Person key -> certificate number in the committed register."""
    with sqlite3.connect(str(path)) as db:
        return dict(db.execute("SELECT person_key, number FROM certificates"))


@pytest.fixture
def failing_site(monkeypatch):
    """Make the site kind (rendered after certificates) fail; returns the numbers it saw planned."""
    registry = load_kinds()
    planned: dict[str, str] = {}

    def broken(ctx) -> None:
        register = ctx.prepared["certificates.register"]
        planned.update({r.key: r.number for r in register.records()})
        raise UserError("site: simulated failure after the certificates were rendered", "none")

    monkeypatch.setitem(registry, "site", replace(registry["site"], render=broken))
    return planned


def test_failed_build_leaves_the_register_unchanged_and_the_next_build_issues_the_same_numbers(
        project, failing_site, monkeypatch):
    """Row count and content stay as before a build that fails after rendering certificates."""
    path = register_path(project, "sertifikat-contoh")
    kinds = ["certificates", "site"]
    roster = project / "rosters" / "peserta.csv"
    with pytest.raises(BuildFailed):  # the very first build fails: no register is left behind
        build_workshop(load(project), project / "out", kinds, Locale("id"))
    assert not path.exists() and not (project / "out" / "sertifikat-contoh").exists()
    first_planned = dict(failing_site)
    assert len(first_planned) == 6
    monkeypatch.undo()
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    build_workshop(load(project), project / "out", kinds, Locale("id"))
    assert numbers(path) == first_planned  # the good build issues what the failed one had planned
    before = snapshot(path)
    assert len(before["certificates"]) == 6

    with roster.open("a", encoding="utf-8") as handle:  # a speaker joins; the next build fails late
        handle.write(NEWCOMER)
    registry = load_kinds()
    planned: dict[str, str] = {}

    def broken(ctx) -> None:
        planned.update({r.key: r.number for r in ctx.prepared["certificates.register"].records()})
        raise UserError("site: simulated failure", "none")

    monkeypatch.setitem(registry, "site", replace(registry["site"], render=broken))
    previous = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    with pytest.raises(BuildFailed):
        build_workshop(load(project), project / "out", kinds, Locale("id"))
    assert snapshot(path) == before  # same rows, same content: nothing issued, no history entry
    assert {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()} == previous
    assert len(planned) == 7 and planned["name:yohanes baru|universitas contoh"].startswith("800/007/")

    monkeypatch.undo()
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    build_workshop(load(project), project / "out", kinds, Locale("id"))
    assert numbers(path) == planned
    exported = (project / "out" / "sertifikat-contoh" / "certificates" / "register.csv").read_text(encoding="utf-8")
    assert planned["name:yohanes baru|universitas contoh"] in exported


def test_verification_page_of_the_same_build_lists_the_new_numbers(project):
    """The site built with the certificates already holds an entry for every number issued in that build."""
    import json

    build_workshop(load(project), project / "out", ["certificates", "site"], Locale("id"))
    text = (project / "out" / "sertifikat-contoh" / "site" / "data.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.SITE_DATA = ").rstrip().removesuffix(";"))
    assert len(data["status"]) == len(numbers(register_path(project, "sertifikat-contoh"))) == 6


KILL_AFTER_CERTIFICATES = """
import os, signal, sys
from dataclasses import replace
from pathlib import Path
from builder.build import build_workshop
from builder.i18n import Locale
from builder.render import load_kinds
from builder.sources.project import load_workshop

def die(ctx):
    assert len(ctx.prepared["certificates.register"].records()) == 7  # planned, not committed
    os.kill(os.getpid(), signal.SIGKILL)

registry = load_kinds()
registry["site"] = replace(registry["site"], render=die)
workshop, _report = load_workshop(Path(sys.argv[1]))
build_workshop(workshop, Path(sys.argv[2]), ["certificates", "site"], Locale("id"))
"""


def test_build_killed_after_certificates_leaves_the_register_as_it_was(project):
    """SIGKILL between rendering the certificates and the swap: SQLite rolls the planned numbers back."""
    import os
    import signal
    import subprocess
    import sys

    path = register_path(project, "sertifikat-contoh")
    build_workshop(load(project), project / "out", ["certificates"], Locale("id"))
    before = snapshot(path)
    with (project / "rosters" / "peserta.csv").open("a", encoding="utf-8") as handle:
        handle.write(NEWCOMER)
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "WORKSHOP_NO_PDF": "1"}
    done = subprocess.run([sys.executable, "-c", KILL_AFTER_CERTIFICATES, str(project / CURRICULUM),
                           str(project / "out")], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(path) == before
    build_workshop(load(project), project / "out", ["certificates"], Locale("id"))
    after = numbers(path)
    assert len(after) == 7 and after["name:yohanes baru|universitas contoh"].startswith("800/007/")
