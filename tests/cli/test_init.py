"""The ``workshop`` program leaves like ``sys.exit`` would: exit code, exit handlers, flushed output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with this checkout first on the path."""
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_leave_runs_the_exit_handlers_and_flushes_the_output():
    done = run_python("import atexit, sys\nfrom builder.cli import leave\n"
                      "atexit.register(lambda: print('handler ran'))\n"
                      "print('first', end=' ')\nsys.stderr.write('to stderr')\nleave(3)\nprint('never')\n")
    assert done.returncode == 3
    assert done.stdout == "first handler ran\n" and done.stderr == "to stderr"


def test_leave_with_a_message_prints_it_and_exits_1():
    done = run_python("from builder.cli import leave\nleave('something went wrong')\n")
    assert done.returncode == 1 and done.stderr.strip() == "something went wrong"


def test_leave_waits_for_a_thread_still_running(tmp_path: Path):
    marker = tmp_path / "written.txt"
    done = run_python("import threading, time\nfrom pathlib import Path\nfrom builder.cli import leave\n"
                      f"def late():\n    time.sleep(0.3)\n    Path({str(marker)!r}).write_text('done')\n"
                      "threading.Thread(target=late).start()\nleave(0)\n")
    assert done.returncode == 0 and marker.read_text() == "done"


def test_the_program_exits_2_on_bad_input_and_0_on_success(tmp_path: Path):
    bad = run_python("import sys\nsys.argv = ['workshop', 'build', '--only', 'nonsense']\n"
                     "import runpy\nrunpy.run_module('builder', run_name='__main__')\n")
    assert bad.returncode == 2 and "unknown output kind 'nonsense'" in bad.stderr and "Traceback" not in bad.stderr
    version = run_python("import sys\nsys.argv = ['workshop', '--version']\n"
                         "import runpy\nrunpy.run_module('builder', run_name='__main__')\n")
    assert version.returncode == 0 and "version" in version.stdout


def test_under_a_profiler_the_program_exits_the_ordinary_way():
    done = run_python("import cProfile, sys\nsys.argv = ['workshop', '--version']\n"
                      "cProfile.run(\"import runpy; runpy.run_module('builder', run_name='__main__')\", sort='tottime')\n")
    assert done.returncode == 0 and "function calls" in done.stdout


def test_the_program_asks_numpy_for_one_blas_thread_unless_told_otherwise():
    probe = "import os\nimport builder.cli\nimport numpy\nprint(os.environ['OPENBLAS_NUM_THREADS'])\n"
    assert run_python(probe).stdout.strip() == "1"
    told = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "3"})
    assert told.stdout.strip() == "3"
