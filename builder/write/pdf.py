"""Convert office documents to PDF with LibreOffice, checking the result instead of the exit code.

Every document handed to one :func:`convert_to_pdf` call is converted by one office process (one
start of ``soffice.bin`` with a private profile), whatever its kind: callers gather all the files
of a build into one call. A file LibreOffice cannot open or crashes on is named in the error; the
others are still converted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.check.diagnostics import UserError, display_path

INSTALL_HINT = (
    "install LibreOffice to get PDF files, e.g. on Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui libreoffice-impress-nogui libreoffice-calc-nogui "
    "fonts-crosextra-carlito fonts-crosextra-caladea fonts-noto-core fonts-noto-cjk"
)

# Settings of the private profile. LibreOffice resamples every image above 300 dpi by default,
# which is most of the time of a certificate run (one QR code per page) and makes its PDF six
# times larger; keeping the images as they are is faster and prints as sharp.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ReduceImageResolution" \
oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


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


def _run_office(command: list[str], timeout: int) -> int:
    """Run the office process tied to this process's life; start it again once if it asks to restart.

    Returns the exit status of the last start (negative: killed by that signal).
    """
    linux = sys.platform.startswith("linux")
    for _attempt in range(2):
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                              check=False, preexec_fn=_die_with_parent if linux else None)
        if done.returncode != RESTART_REQUESTED:
            break
    return done.returncode


def _private_profile(work: Path) -> Path:
    """A fresh LibreOffice profile folder in ``work``, seeded with :data:`PROFILE_SETTINGS`."""
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    return profile


def _made(produced: Path, source: Path) -> Path | None:
    """The PDF LibreOffice wrote for ``source`` into ``produced``, or None when it wrote none."""
    made = produced / f"{source.stem}.pdf"
    return made if made.is_file() and made.stat().st_size > 0 else None


def _convert_all(soffice: str, sources: list[Path], profile: Path, produced: Path,
                 timeout: int) -> list[Path]:
    """Convert ``sources`` into ``produced`` with as few office runs as possible; return those that failed.

    One run converts every file; if the office process crashes, the file it was working on (the
    first without a PDF) is given up and a new run takes the files after it.
    """
    failed: list[Path] = []
    pending = list(sources)
    while pending:
        command = [office_binary(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(produced), *map(str, pending)]
        status = _run_office(command, timeout)
        missing = [source for source in pending if _made(produced, source) is None]
        if status == 0 or not missing:
            return failed + missing  # a normal exit: every file without a PDF could not be opened
        failed.append(missing[0])
        pending = missing[1:]
    return failed


def convert_to_pdf(sources: list[Path], out_dir: Path, timeout: int = 600) -> list[Path]:
    """Convert ``sources`` to PDF in ``out_dir`` with one LibreOffice process; return the PDF paths.

    LibreOffice works in a private folder inside ``out_dir`` (its profile and its PDFs), and the
    finished PDFs are renamed into place, so a file is never rewritten in place. The office
    process dies with the build that started it. Sources must have distinct file stems (PDFs are
    named after them). Raises :class:`UserError` when LibreOffice is missing, or, after every
    other file was converted, naming each file that gave no PDF.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError("LibreOffice (soffice) is not installed, so no PDF can be made", INSTALL_HINT)
    sources = [Path(s).absolute() for s in sources]
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise ValueError(f"convert_to_pdf needs distinct file stems: {stems}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".lo-", dir=out_dir) as work:
        profile, produced = _private_profile(Path(work).resolve()), Path(work).resolve() / "pdf"
        try:
            failed = _convert_all(soffice, sources, profile, produced, timeout)
        except subprocess.TimeoutExpired:
            raise UserError(f"LibreOffice took more than {timeout} s to convert {len(sources)} file(s)",
                            "try again; if it repeats, convert one file by hand to see where it hangs") from None
        results = []
        for source in sources:
            made = _made(produced, source)
            if made is not None:
                results.append(out_dir / f"{source.stem}.pdf")
                os.replace(made, results[-1])
    if failed:
        raise conversion_error(failed)
    return results


def conversion_error(failed: list[Path]) -> UserError:
    """The error for documents LibreOffice gave no PDF for, located at the first of them."""
    names = ", ".join(display_path(path) for path in failed[1:])
    more = f" (also: {names})" if names else ""
    return UserError(f"{display_path(failed[0])}:1:1: LibreOffice could not convert this file to PDF{more}",
                     "open the file in LibreOffice to see why; the other files were converted")


def page_count(pdf: Path) -> int:
    """Number of pages in a PDF (read with pypdf)."""
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
