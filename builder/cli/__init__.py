"""The command line (stage 7 of the data flow, the user's end): ``workshop`` and its sub-commands.

:mod:`builder.cli.main` holds the group and the core commands (build, validate, list, new); each
other module here adds one family of commands through ``register(group)``. :func:`run` is the
``workshop`` program itself.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading

# numpy (imported with openpyxl and for the certificates' QR codes) starts one OpenBLAS thread per core
# that spins while it settles; the toolkit does no linear algebra, so one thread: ~0.2 s less CPU per
# process. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from builder.cli.main import main  # noqa: E402 - after the setting above, before anything imports numpy

__all__ = ["main", "run"]


def run() -> None:
    """Run the ``workshop`` command line as a program, then leave without freeing the heap piece by piece."""
    try:
        main(prog_name="workshop")
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: int | str | None) -> None:
    """End the process with ``code`` as ``sys.exit`` would, skipping the interpreter's clean-up of every object.

    A build holds hundreds of megabytes of small objects; freeing them one by one at exit took close
    to a second on a loaded 2-core machine. The exit handlers still run and the standard streams are flushed; every
    file the toolkit writes is closed explicitly, so nothing depends on the clean-up. With another
    thread still running, or under a profiler or tracer (which report after the program), the
    ordinary exit runs.
    """
    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
