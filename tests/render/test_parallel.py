"""Kinds rendered in forked worker processes give the same output, records and failures as one process."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from builder.check.diagnostics import UserError
from builder.render import PREFLIGHTS, load_kinds, parallel
from builder.write import cache
from tests.helpers import make_project, run_cli

WID = "sertifikat-contoh"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """The ``people`` root (slides, handouts, quizzes, certificates, attendance, site), PDF off."""
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    return make_project(tmp_path, base="people")


def build(root: Path, jobs: int, monkeypatch, *args: str):
    """``workshop build ARGS`` with ``WORKSHOP_JOBS=jobs``; returns click's result."""
    monkeypatch.setenv("WORKSHOP_JOBS", str(jobs))
    return run_cli(root, "build", *args)


def files_of(folder: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file below ``folder``."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def manifest_of(out: Path) -> dict:
    """The cache record of an output folder."""
    return json.loads(cache.manifest_path(out).read_text(encoding="utf-8"))


def test_workers_write_the_same_files_and_records_as_one_process(project: Path, monkeypatch):
    assert build(project, 1, monkeypatch).exit_code == 0  # issues the numbers both builds below print
    one = build(project, 1, monkeypatch, "--out", "one")
    two = build(project, 2, monkeypatch, "--out", "two")
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    first, second = files_of(project / "one" / WID), files_of(project / "two" / WID)
    assert sorted(first) == sorted(second) and len(first) > 20
    assert [name for name in first if first[name] != second[name]] == []
    a, b = manifest_of(project / "one" / WID), manifest_of(project / "two" / WID)
    assert a["notes"] == b["notes"] and a["messages"] == b["messages"]
    assert sorted(a["units"]) == sorted(b["units"])
    for name, unit in a["units"].items():  # the home kinds' keys hash the register, which each build touches
        same = unit if name.split(":")[0] not in parallel.HOME_KINDS else {**unit, "key": b["units"][name]["key"]}
        assert b["units"][name] == same, name
    assert {k: v[-1] for k, v in a["outputs"].items()} == {k: v[-1] for k, v in b["outputs"].items()}
    assert sorted(a["inputs"]) == sorted(b["inputs"])  # the project files a worker read are recorded too
    assert {p: h for p, h in a["inputs"].items() if "registers" not in p} == \
        {p: h for p, h in b["inputs"].items() if "registers" not in p}
    # the printed notes (who gets no certificate) come in build order either way
    assert one.output.split("Wrote")[1].splitlines()[-6:-1] == two.output.split("Wrote")[1].splitlines()[-6:-1]


def test_a_no_op_after_a_parallel_build_writes_nothing(project: Path, monkeypatch):
    assert build(project, 2, monkeypatch).exit_code == 0
    again = build(project, 2, monkeypatch)
    assert "up to date" in again.output
    assert "up to date" in build(project, 1, monkeypatch).output  # the number of jobs is not an option


def test_a_file_only_a_worker_reads_is_an_input_of_the_next_no_op(project: Path, monkeypatch):
    extra = project / "modules" / "read-in-render.txt"
    extra.write_text("one", encoding="utf-8")
    registry = load_kinds()
    original = registry["agenda"].render

    def render(ctx):
        extra.read_text(encoding="utf-8")
        original(ctx)

    monkeypatch.setitem(registry, "agenda", replace(registry["agenda"], render=render))
    assert build(project, 2, monkeypatch).exit_code == 0
    assert str(extra) in manifest_of(project / "build" / WID)["inputs"]
    assert "up to date" in build(project, 2, monkeypatch).output
    extra.write_text("two", encoding="utf-8")
    assert "up to date" not in build(project, 2, monkeypatch).output


def failing(kind: str, error: BaseException, monkeypatch) -> None:
    """Make kind ``kind`` raise ``error`` when it renders (in whichever process renders it)."""
    registry = load_kinds()

    def render(_ctx):
        raise error

    monkeypatch.setitem(registry, kind, replace(registry[kind], render=render))


def test_a_worker_kinds_error_is_reported_and_the_old_output_stays(project: Path, monkeypatch):
    assert build(project, 2, monkeypatch).exit_code == 0
    before = files_of(project / "build" / WID)
    failing("handouts", UserError("modules/contoh.yaml:3:1: the handout cannot be written", "fix the module"),
            monkeypatch)
    result = build(project, 2, monkeypatch, "--force")
    assert result.exit_code == 2
    assert "the handout cannot be written" in result.output and "Traceback" not in result.output
    assert files_of(project / "build" / WID) == before
    assert not [n for n in os.listdir(project / "build") if ".staging" in n]


def test_a_worker_crash_leaves_the_old_output_and_register(project: Path, monkeypatch):
    assert build(project, 2, monkeypatch).exit_code == 0
    before = files_of(project / "build" / WID)
    register = files_of(project / "registers")
    failing("slides", RuntimeError("a bug in a renderer"), monkeypatch)
    monkeypatch.setenv("WORKSHOP_JOBS", "2")
    with pytest.raises(RuntimeError, match="a bug in a renderer"):
        run_cli(project, "build", "--force")
    assert files_of(project / "build" / WID) == before
    assert files_of(project / "registers") == register
    assert not [n for n in os.listdir(project / "build") if ".staging" in n]


def test_the_register_kinds_stay_home_and_the_others_are_dealt_biggest_first():
    kinds = ["agenda", "slides", "handouts", "guides", "handbook", "quizzes", "notebooks", "certificates",
             "attendance", "site"]
    home, crews = parallel.deal_kinds(kinds, 2)
    assert home == ["certificates", "site"]
    assert len(crews) == 2 and sorted(sum(crews, [])) == sorted(set(kinds) - set(home))
    assert all(crew == sorted(crew, key=kinds.index) for crew in crews)  # each renders in build order
    costs = [sum(parallel.EXPECTED_COST[name] for name in crew) for crew in crews]
    assert max(costs) - min(costs) <= max(parallel.EXPECTED_COST.values())
    assert parallel.deal_kinds(kinds, 1) == (kinds, [])
    assert parallel.deal_kinds(["slides"], 2) == (["slides"], [])
    assert parallel.deal_kinds(["slides", "handouts"], 8)[1] == [["slides"], ["handouts"]]


def test_a_worker_preflight_error_stops_the_build_before_anything_is_written(project: Path, monkeypatch):
    assert build(project, 2, monkeypatch).exit_code == 0
    before = files_of(project / "build" / WID)
    module = project / "modules" / "contoh.yaml"

    def preflight(_ctx):
        raise UserError(f"{module}:1:1: the deck cannot be laid out", "shorten it")

    monkeypatch.setitem(PREFLIGHTS, "slides", [preflight])
    result = build(project, 2, monkeypatch, "--force")
    assert result.exit_code == 2 and "the deck cannot be laid out" in result.output
    assert files_of(project / "build" / WID) == before


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_wrong_job_count_is_a_clear_error(project: Path, monkeypatch, value: str):
    monkeypatch.setenv("WORKSHOP_JOBS", value)
    result = run_cli(project, "build")
    assert result.exit_code == 2
    assert "WORKSHOP_JOBS" in result.output and "whole number" in result.output
    assert "Traceback" not in result.output


KILLED_WHILE_A_WORKER_RENDERS = """
import os, signal, sys, time
from dataclasses import replace
from pathlib import Path
from builder.build import build_workshop
from builder.i18n import Locale
from builder.render import load_kinds
from builder.sources.project import load_workshop

pid_file = Path(sys.argv[3])

def slow(ctx):
    pid_file.write_text(str(os.getpid()))
    time.sleep(120)

def die(ctx):
    while not pid_file.exists():
        time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGKILL)

registry = load_kinds()
registry["slides"] = replace(registry["slides"], render=slow)
registry["certificates"] = replace(registry["certificates"], render=die)
workshop, _report = load_workshop(Path(sys.argv[1]))
build_workshop(workshop, Path(sys.argv[2]), ["slides", "handouts", "certificates"], Locale("id"))
"""


def test_a_killed_build_takes_its_workers_with_it(project: Path):
    import signal
    import subprocess
    import sys
    import time

    pid_file = project / "worker.pid"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "WORKSHOP_JOBS": "2"}
    log = project / "build.log"
    with log.open("w") as handle:  # not a pipe: a surviving worker would keep it open and the run waiting
        done = subprocess.run([sys.executable, "-c", KILLED_WHILE_A_WORKER_RENDERS,
                               str(project / "curriculum" / f"{WID}.yaml"), str(project / "out"), str(pid_file)],
                              cwd=project, env=env, stdout=handle, stderr=handle, timeout=300)
    assert done.returncode == -signal.SIGKILL, log.read_text()
    worker = int(pid_file.read_text())
    for _ in range(100):
        if not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text():
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"worker {worker} outlived the killed build")
    assert not (project / "out" / WID).exists()


def test_a_kernel_started_early_ends_when_its_worker_crashes(tmp_path: Path, monkeypatch):
    """The notebooks kind's kernel boots while its worker renders other kinds; a crash there kills it too."""
    import time

    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    project = make_project(tmp_path, base="notebooks")
    home, crews = parallel.deal_kinds(list(load_kinds()), 2)
    crew = next(owned for owned in crews if "notebooks" in owned)
    first = crew[0]
    assert first != "notebooks"  # the kernel is started before this kind renders
    registry = load_kinds()

    def render(_ctx):  # runs in the worker after the warm-ups: the kernel must be booting by now
        for _ in range(600):
            if [p for p in Path("/proc").iterdir() if p.name.isdigit() and _mentions(p, "ipykernel")
                    and _mentions(p, str(project))]:
                raise RuntimeError("a bug before the notebooks")
            time.sleep(0.05)
        raise AssertionError("no kernel was started early")

    render.__module__ = registry[first].render.__module__  # keeps the kind's place in the build order
    monkeypatch.setitem(registry, first, replace(registry[first], render=render))
    monkeypatch.setenv("WORKSHOP_JOBS", "2")
    with pytest.raises(RuntimeError, match="a bug before the notebooks"):
        run_cli(project, "build")
    for _ in range(200):
        kernels = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _mentions(p, str(project))]
        if not kernels:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"processes of the failed build still run: {kernels}")


def _mentions(process: Path, text: str) -> bool:
    """True when a live (not zombie) process's command line mentions ``text``."""
    try:
        alive = "zombie" not in (process / "status").read_text()
        return alive and text in (process / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def test_the_build_process_takes_over_a_kind_no_worker_has_started(project: Path, monkeypatch):
    """After its own kinds, the build process renders the busiest worker's last kind not yet claimed."""
    import time

    from builder.sources.project import load_workshop

    kinds = ["agenda", "slides", "handouts", "guides", "certificates"]
    workshop, _report = load_workshop(project / "curriculum" / f"{WID}.yaml")
    _home, crews = parallel.deal_kinds(kinds, 2, parallel.workshop_size(workshop))
    busy = next(owned for owned in crews if len(owned) > 1)
    first, last = busy[0], busy[-1]
    registry = load_kinds()
    taken_by = project / "taken-by.txt"
    original_first, original_last = registry[first].render, registry[last].render

    def slow_first(ctx):  # keeps the worker busy until the build process has taken its last kind
        for _ in range(1200):
            if taken_by.exists():
                return original_first(ctx)
            time.sleep(0.05)
        raise AssertionError(f"nobody took over {last}")

    def record_last(ctx):
        taken_by.write_text(str(os.getpid()), encoding="utf-8")
        original_last(ctx)

    slow_first.__module__, record_last.__module__ = original_first.__module__, original_last.__module__
    monkeypatch.setitem(registry, first, replace(registry[first], render=slow_first))
    monkeypatch.setitem(registry, last, replace(registry[last], render=record_last))
    result = build(project, 2, monkeypatch, "--only", ",".join(kinds))
    assert result.exit_code == 0, result.output
    assert taken_by.read_text(encoding="utf-8") == str(os.getpid())  # rendered here, not in the worker
    units = manifest_of(project / "build" / WID)["units"]
    assert any(name.startswith(f"{last}:") for name in units) and any(name.startswith(f"{first}:") for name in units)
    alone = build(project, 1, monkeypatch, "--only", ",".join(kinds), "--out", "one")
    assert alone.exit_code == 0
    together, one = files_of(project / "build" / WID), files_of(project / "one" / WID)
    made = [name for name in one if not name.startswith(("certificates", "site"))]
    assert len(made) >= 5 and {n: one[n] for n in made} == {n: together.get(n) for n in made}


def test_the_kind_table_names_every_registered_kind_in_build_order():
    """``KINDS`` lets a process import only the kinds it renders; it must match what the modules register."""
    from builder.render import KINDS, REGISTRY

    registry = load_kinds()
    assert list(registry) == list(KINDS)
    assert {name: kind.render.__module__ for name, kind in REGISTRY.items()} == KINDS


def test_a_build_process_imports_only_the_kinds_it_renders(project: Path):
    """The build process renders certificates and site itself: the workers import the slides' and notebooks' libraries."""
    import subprocess
    import sys

    probe = """
import sys
from dataclasses import replace
from builder.cli.main import main
from builder.render import REGISTRY, load_kinds

load_kinds(["certificates"])
original, seen = REGISTRY["certificates"].render, []

def render(ctx):  # the build process renders its own kinds before it takes over any other
    seen.extend(m for m in ("pptx", "builder.render.slides", "builder.render.handouts") if m in sys.modules)
    original(ctx)

REGISTRY["certificates"] = replace(REGISTRY["certificates"], render=render)
main(["build", "--only", "slides,handouts,certificates,site"], standalone_mode=False)
print(seen)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "WORKSHOP_JOBS": "2"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_build_process_takes_over_only_small_kinds_not_started_the_busiest_workers_last_first():
    import threading

    crew = parallel.Crew.__new__(parallel.Crew)
    crew.owned = [["agenda", "slides", "guides", "notebooks"], ["handouts", "handbook", "quizzes", "attendance"]]
    crew.pinned, crew.claimed, crew._claims = {"notebooks"}, {"agenda": 0, "slides": 0, "handouts": 1}, threading.Lock()
    crew.size = {"people": 86, "modules": 4}  # the reference workshop
    assert [crew.hand_over() for _ in range(4)] == ["attendance", "handbook", "guides", None]  # quizzes: too big
    crew.claimed = {"agenda": 0, "handouts": 1}
    crew.size = {"people": 500, "modules": 4}  # hundreds of people: their attendance sheets stay with the worker
    assert crew.hand_over() == "handbook" and crew.claimed["handbook"] == -1
    assert parallel.expected_cost("attendance", crew.size) > parallel.TAKE_OVER_LIMIT
    assert parallel.expected_cost("agenda", {"people": 500, "modules": 40}) == parallel.EXPECTED_COST["agenda"]
