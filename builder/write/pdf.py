"""Convert office documents to PDF with LibreOffice, checking the result instead of the exit code.

Every document handed to one :func:`convert_to_pdf` or :func:`start_conversion` call is converted
by one office process (one conversion start of ``soffice.bin`` with a private profile), whatever
its kind: callers gather all the files of a build into one call. :func:`start_conversion` returns
at once, so the build goes on while LibreOffice works. A file LibreOffice cannot open or crashes
on is named in the error; the others are still converted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
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


def _start_office(command: list[str]) -> subprocess.Popen:
    """Start the office process, tied to the life of the calling thread (Linux kills it when that thread ends)."""
    linux = sys.platform.startswith("linux")
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent if linux else None)


def _finish(process: subprocess.Popen, timeout: float) -> int:
    """Wait for ``process``; kill it and raise ``TimeoutExpired`` when it takes longer than ``timeout`` seconds."""
    try:
        return process.wait(timeout=max(timeout, 1))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


def _run_office(command: list[str], timeout: float) -> int:
    """Run the office process to its end; start it again once if it asks to restart (fresh profile).

    Returns the exit status of the last start (negative: killed by that signal).
    """
    for _attempt in range(2):
        status = _finish(_start_office(command), timeout)
        if status != RESTART_REQUESTED:
            break
    return status


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


class Conversion:
    """One LibreOffice process converting documents to PDF in the background.

    Made by :func:`start_conversion`; :meth:`wait` collects the PDFs. Used as a context manager,
    leaving the block kills the office process if it still runs and removes its private folder.
    """

    def __init__(self, soffice: str, sources: list[Path], out_dir: Path, timeout: float) -> None:
        self.binary, self.sources, self.out_dir, self.timeout = office_binary(soffice), sources, out_dir, timeout
        out_dir.mkdir(parents=True, exist_ok=True)
        self._work = tempfile.TemporaryDirectory(prefix=".lo-", dir=out_dir)
        work = Path(self._work.name).resolve()
        self.profile, self.produced = _private_profile(work), work / "pdf"
        self.deadline = time.monotonic() + timeout
        self.process: subprocess.Popen | None = None
        try:  # a fresh profile is set up by a short first start, so the conversion itself runs once
            _run_office([self.binary, self._profile_option(), "--headless", "--norestore", "--terminate_after_init"],
                        timeout)
            self.process = _start_office(self._command(sources))
        except BaseException:
            self.close()
            raise

    def _profile_option(self) -> str:
        """The option that points LibreOffice at the private profile."""
        return f"-env:UserInstallation={self.profile.as_uri()}"

    def _command(self, sources: list[Path]) -> list[str]:
        """The office command converting ``sources`` into the private output folder."""
        return [self.binary, self._profile_option(), "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", str(self.produced), *map(str, sources)]

    def _remaining(self) -> float:
        """Seconds left before the conversion counts as hung."""
        return self.deadline - time.monotonic()

    def _failed_files(self) -> list[Path]:
        """Wait for the office runs; return the files without a PDF.

        If the office process crashes, the file it was working on (the first without a PDF) is
        given up and a new run takes the files after it; a normal exit leaves the files it could
        not open without a PDF.
        """
        failed: list[Path] = []
        pending = list(self.sources)
        while True:
            status = _finish(self.process, self._remaining())
            if status == RESTART_REQUESTED:
                status = _run_office(self._command(pending), self._remaining())
            missing = [source for source in pending if _made(self.produced, source) is None]
            if status == 0 or not missing:
                return failed + missing
            failed.append(missing[0])
            pending = missing[1:]
            if not pending:
                return failed
            self.process = _start_office(self._command(pending))

    def wait(self) -> list[Path]:
        """The PDFs in ``out_dir``, in the order of the sources, once LibreOffice is done.

        Raises :class:`UserError` naming each file that gave no PDF (after the others were moved
        into place), or when LibreOffice took longer than the timeout.
        """
        try:
            failed = self._failed_files()
        except subprocess.TimeoutExpired:
            self.close()
            raise UserError(f"LibreOffice took more than {self.timeout:g} s to convert {len(self.sources)} file(s)",
                            "try again; if it repeats, convert one file by hand to see where it hangs") from None
        results = []
        for source in self.sources:
            made = _made(self.produced, source)
            if made is not None:
                results.append(self.out_dir / f"{source.stem}.pdf")
                os.replace(made, results[-1])
        self.close()
        if failed:
            raise conversion_error(failed)
        return results

    def close(self) -> None:
        """Stop the office process if it still runs and remove the private folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._work.cleanup()

    def __enter__(self) -> "Conversion":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def start_conversion(sources: list[Path], out_dir: Path, timeout: int = 600) -> Conversion:
    """Start converting ``sources`` to PDF in ``out_dir`` with one LibreOffice process; return at once.

    The caller goes on with other work and calls :meth:`Conversion.wait` for the PDFs. Sources
    must have distinct file stems (PDFs are named after them). Raises :class:`UserError` when
    LibreOffice is missing.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError("LibreOffice (soffice) is not installed, so no PDF can be made", INSTALL_HINT)
    sources = [Path(s).absolute() for s in sources]
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise ValueError(f"convert_to_pdf needs distinct file stems: {stems}")
    return Conversion(soffice, sources, out_dir, timeout)


def convert_to_pdf(sources: list[Path], out_dir: Path, timeout: int = 600) -> list[Path]:
    """Convert ``sources`` to PDF in ``out_dir`` with one LibreOffice process; return the PDF paths.

    LibreOffice works in a private folder inside ``out_dir`` (its profile and its PDFs), and the
    finished PDFs are renamed into place, so a file is never rewritten in place. The office
    process dies with the build that started it. Raises :class:`UserError` when LibreOffice is
    missing, or, after every other file was converted, naming each file that gave no PDF.
    """
    with start_conversion(sources, out_dir, timeout) as conversion:
        return conversion.wait()


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
