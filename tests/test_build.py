"""The build is all-or-nothing: preflight before writing, staging folder swapped in on success."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.build import BuildFailed, build_workshop
from builder.i18n import Locale
from builder.render import load_kinds
from builder.write.pdf import find_soffice
from builder.sources.project import load_workshop
from tests.helpers import make_project, run_cli

REPO = Path(__file__).resolve().parent.parent
LONG_POINT = "Poin yang terlalu panjang untuk sebuah slide " * 45  # about 2,000 characters


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def with_long_point(root: Path) -> None:
    """Make the second slide point of the fixture module about 2,000 characters long."""
    module = root / "modules" / "contoh.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("- Poin kedua untuk slide", f"- {LONG_POINT}", 1), encoding="utf-8")


def leftovers(parent: Path) -> list[str]:
    """Staging or swap folders of earlier builds still lying beside the output folder."""
    names = [p.name for p in parent.iterdir()] if parent.is_dir() else []
    return sorted(n for n in names if ".staging-" in n or ".old-" in n)


def test_validate_finds_what_the_build_would_fail_on(tmp_path):
    """A slide point too long for any slide: validate exits 2 with the located error, build writes nothing."""
    root = make_project(tmp_path)
    with_long_point(root)
    checked = run_cli(root, "validate")
    assert checked.exit_code == 2, checked.output
    assert "modules/contoh.yaml:" in checked.output and "too long" in checked.output
    built = run_cli(root, "build")
    assert built.exit_code == 2
    assert "nothing was written" in built.output
    assert not (root / "build" / "bimtek-contoh").exists()
    assert leftovers(root / "build") == []


def test_preflight_error_leaves_the_previous_build_byte_identical(tmp_path):
    """After a good build, a source that fails the slide preflight leaves every earlier file as it was."""
    root = make_project(tmp_path)
    assert run_cli(root, "build", "--only", "agenda,slides,handouts").exit_code == 0
    out = root / "build" / "bimtek-contoh"
    before = snapshot(out)
    with_long_point(root)
    assert run_cli(root, "build", "--only", "agenda,slides,handouts").exit_code == 2
    assert snapshot(out) == before
    assert leftovers(root / "build") == []


def test_render_error_leaves_the_previous_build_byte_identical(tmp_path, monkeypatch):
    """A renderer that fails half-way (after other kinds wrote files) changes nothing in the output."""
    root = make_project(tmp_path)
    workshop, _ = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    out = build_workshop(workshop, root / "build", ["agenda", "handouts"], Locale("id")).root
    before = snapshot(out)
    kinds = load_kinds()

    def broken(ctx):
        ctx.out.write("handouts", "handouts/half.docx", b"half")
        from builder.check.diagnostics import UserError
        raise UserError("modules/contoh.yaml:3:1: something only the renderer noticed", "fix it")

    from dataclasses import replace
    monkeypatch.setitem(kinds, "handouts", replace(kinds["handouts"], render=broken))
    monkeypatch.setattr("builder.build.load_kinds", lambda names=None: kinds)
    with pytest.raises(BuildFailed) as failed:
        build_workshop(workshop, root / "build", ["agenda", "handouts"], Locale("id"))
    assert failed.value.report.errors[0].file == "modules/contoh.yaml"
    assert failed.value.report.errors[0].line == 3
    assert snapshot(out) == before
    assert leftovers(root / "build") == []



def test_errors_of_a_kind_rendered_beside_the_others_are_reported_in_kind_order(tmp_path, monkeypatch):
    """The notebooks kind runs in a thread: its problem and the others' all come back, in kind order."""
    root = make_project(tmp_path)
    workshop, _ = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    out = build_workshop(workshop, root / "build", ["agenda"], Locale("id")).root
    before = snapshot(out)
    kinds = load_kinds()

    def failing(line):
        def render(ctx):
            import threading
            from builder.check.diagnostics import UserError

            ctx.out.write("agenda", f"half-{line}.txt", threading.current_thread().name.encode())
            raise UserError(f"modules/contoh.yaml:{line}:1: problem {line}", "fix it")
        return render

    from dataclasses import replace
    monkeypatch.setitem(kinds, "notebooks", replace(kinds["notebooks"], render=failing(5)))
    monkeypatch.setitem(kinds, "agenda", replace(kinds["agenda"], render=failing(9)))
    monkeypatch.setattr("builder.build.load_kinds", lambda names=None: kinds)
    with pytest.raises(BuildFailed) as failed:
        build_workshop(workshop, root / "build", ["notebooks", "agenda"], Locale("id"))
    assert [d.line for d in failed.value.report.errors] == [5, 9]
    assert snapshot(out) == before
    assert leftovers(root / "build") == []


def test_a_crash_in_a_kind_rendered_beside_the_others_reaches_the_caller(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    workshop, _ = load_workshop(root / "curriculum" / "bimtek-contoh.yaml")
    kinds = load_kinds()

    def crash(ctx):
        raise ZeroDivisionError("bug in a renderer")

    from dataclasses import replace
    monkeypatch.setitem(kinds, "notebooks", replace(kinds["notebooks"], render=crash))
    monkeypatch.setattr("builder.build.load_kinds", lambda names=None: kinds)
    with pytest.raises(ZeroDivisionError):
        build_workshop(workshop, root / "build", ["notebooks", "agenda"], Locale("id"))
    assert leftovers(root / "build") == []

def test_only_build_keeps_other_kinds_and_full_build_drops_stale_files(tmp_path):
    """--only replaces that kind's files and keeps the rest; a full build removes files no kind writes."""
    root = make_project(tmp_path)
    assert run_cli(root, "build", "--only", "agenda,handouts").exit_code == 0
    out = root / "build" / "bimtek-contoh"
    stale = out / "slides" / "dihapus.pptx"
    stale.parent.mkdir()
    stale.write_bytes(b"old deck of a module that no longer exists")
    assert run_cli(root, "build", "--only", "agenda").exit_code == 0
    assert (out / "handouts" / "contoh.docx").is_file() and stale.is_file()
    assert run_cli(root, "build").exit_code == 0
    assert not stale.exists()
    assert (out / "slides" / "contoh.pptx").is_file()


def _office_processes(root: Path) -> set[int]:
    """Process ids of running LibreOffice processes working below ``root``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
                if b"soffice" in command and str(root).encode() in command:
                    found.add(int(entry.name))
            except OSError:
                pass
    return found


@pytest.mark.libreoffice
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGKILL")
def test_killed_builds_leave_the_previous_output_intact(tmp_path):
    """SIGKILL at random moments: the output stays as it was, and the next build cleans up and succeeds."""
    root = make_project(tmp_path)
    kinds = "agenda,slides,handouts,quizzes,attendance,certificates"
    command = [sys.executable, "-m", "builder", "build", "--only", kinds]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, timeout=300)
    out = root / "build" / "bimtek-contoh"
    before = snapshot(out)
    rng = random.Random(13)
    for _trial in range(4):
        process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 6.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert snapshot(out) == before
        assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".lo-")]
    time.sleep(1)
    assert _office_processes(root) == set()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert leftovers(root / "build") == []
    assert snapshot(out).keys() == before.keys()


@pytest.mark.libreoffice
@pytest.mark.skipif(not sys.platform.startswith("linux") or find_soffice() is None, reason="needs LibreOffice and /proc")
def test_killed_build_takes_libreoffice_with_it(tmp_path):
    """A build killed while LibreOffice converts leaves no office process and no profile behind."""
    root = make_project(tmp_path, base="people")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "builder", "build", "--only", "certificates"], cwd=root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _office_processes(root) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _office_processes(root), "LibreOffice never started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while _office_processes(root) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _office_processes(root) == set()
    assert not (root / "build" / "sertifikat-contoh").exists()
    done = subprocess.run([sys.executable, "-m", "builder", "build", "--only", "agenda"], cwd=root, env=env,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in (root / "build").iterdir()) == [".sertifikat-contoh.cache.json", ".sertifikat-contoh.lock", "sertifikat-contoh"]
