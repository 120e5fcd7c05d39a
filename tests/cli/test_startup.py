"""Start-up: commands that render nothing do not import the heavy rendering libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
HEAVY = ("openpyxl", "pptx", "docx", "docxtpl", "matplotlib", "nbformat", "nbclient", "jupyter_client", "numpy",
         "pypdf", "segno", "cryptography")
PROBE = """\
import json, sys
from builder.cli import main
try:
    main(sys.argv[1:], prog_name="workshop")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


@pytest.mark.parametrize("command", [["--help"], ["list"], ["build", "--help"], ["certificates", "--help"]])
def test_command_imports_no_rendering_library(command):
    """`workshop --help` and `workshop list` load none of python-pptx, python-docx, openpyxl, numpy, ..."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *command], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"workshop {' '.join(command)} imported {sorted({m.split('.')[0] for m in loaded})}"


def test_validate_imports_no_rendering_library():
    """`workshop validate` runs every preflight without python-pptx, python-docx, docxtpl, nbformat ...

    openpyxl (which brings numpy) reads the .xlsx rosters, so validate may load those two.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    heavy = set(HEAVY) - {"openpyxl", "numpy"}
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=heavy), "validate"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "OK: no errors" in done.stdout
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"workshop validate imported {sorted({m.split('.')[0] for m in loaded})}"


def test_every_kind_module_with_a_preflight_is_known_to_validate():
    """`workshop validate` imports only PREFLIGHT_MODULES: every preflight a build registers comes from one of them."""
    probe = ("import json\nfrom builder.render import PREFLIGHTS, load_kinds\nload_kinds()\n"
             "print(json.dumps(sorted({c.__module__ for checks in PREFLIGHTS.values() for c in checks})))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    from builder.render.preflights import PREFLIGHT_MODULES

    assert set(json.loads(done.stdout)) <= set(PREFLIGHT_MODULES)
