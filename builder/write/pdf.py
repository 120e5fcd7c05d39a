"""Convert office documents to PDF with LibreOffice, checking the result instead of the exit code."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.check.diagnostics import UserError

INSTALL_HINT = (
    "install LibreOffice to get PDF files, e.g. on Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui libreoffice-impress-nogui libreoffice-calc-nogui "
    "fonts-crosextra-carlito fonts-crosextra-caladea fonts-noto-core fonts-noto-cjk"
)


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed or ``WORKSHOP_NO_PDF`` is set."""
    if os.environ.get("WORKSHOP_NO_PDF"):
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_binary(soffice: str) -> str:
    """The real office process (``soffice.bin``) behind the ``soffice`` launcher, when it can be found.

    Started directly, it is the build's own child and can be tied to the build's life; the
    launcher would start it as a grandchild that outlives a killed build.
    """
    binary = Path(os.path.realpath(soffice)).with_name("soffice.bin")
    return str(binary) if binary.is_file() and os.access(binary, os.X_OK) else soffice


def _die_with_parent() -> None:
    """In the child: ask Linux to kill this process when the build that started it dies."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


RESTART_REQUESTED = 81  # soffice.bin's exit status after it created a fresh profile


def _run_office(command: list[str], timeout: int) -> None:
    """Run the office process tied to this process's life; start it again once if it asks to restart."""
    linux = sys.platform.startswith("linux")
    for _attempt in range(2):
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                              check=False, preexec_fn=_die_with_parent if linux else None)
        if done.returncode != RESTART_REQUESTED:
            return


def convert_to_pdf(sources: list[Path], out_dir: Path, timeout: int = 600) -> list[Path]:
    """Convert ``sources`` to PDF in ``out_dir`` with one LibreOffice run; return the PDF paths.

    LibreOffice works in a private folder inside ``out_dir`` (its profile and its PDFs), and the
    finished PDFs are renamed into place, so a file is never rewritten in place. The office
    process dies with the build that started it. Raises :class:`UserError` when LibreOffice is
    missing or a PDF was not produced.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError("LibreOffice (soffice) is not installed, so no PDF can be made", INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".lo-", dir=out_dir) as work:
        profile, produced = Path(work).resolve() / "profile", Path(work).resolve() / "pdf"
        command = [
            office_binary(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(produced), *[str(Path(s).absolute()) for s in sources],
        ]
        try:
            _run_office(command, timeout)
        except subprocess.TimeoutExpired:
            raise UserError(f"LibreOffice took more than {timeout} s to convert {len(sources)} file(s)",
                            "try again; if it repeats, convert one file by hand to see where it hangs") from None
        results = []
        for source in sources:
            made, target = produced / f"{Path(source).stem}.pdf", out_dir / f"{Path(source).stem}.pdf"
            if not made.is_file() or made.stat().st_size == 0:
                raise UserError(f"LibreOffice did not produce {target.name}", "open the source file in LibreOffice to see why")
            os.replace(made, target)
            results.append(target)
    return results


def page_count(pdf: Path) -> int:
    """Number of pages in a PDF (read with pypdf)."""
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
