"""Convert office documents to PDF with LibreOffice, checking the result instead of the exit code."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from builder.diagnostics import UserError

INSTALL_HINT = (
    "install LibreOffice to get PDF files, e.g. on Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui libreoffice-impress-nogui fonts-crosextra-carlito fonts-crosextra-caladea"
)


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(sources: list[Path], out_dir: Path, timeout: int = 600) -> list[Path]:
    """Convert ``sources`` to PDF in ``out_dir`` with one LibreOffice run; return the PDF paths.

    Raises :class:`UserError` when LibreOffice is missing or a PDF was not produced.
    """
    soffice = find_soffice()
    if soffice is None:
        raise UserError("LibreOffice (soffice) is not installed, so no PDF can be made", INSTALL_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), *[str(s) for s in sources],
        ]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    results = [out_dir / f"{Path(s).stem}.pdf" for s in sources]
    missing = [p.name for p in results if not p.is_file() or p.stat().st_size == 0]
    if missing:
        raise UserError(f"LibreOffice did not produce {', '.join(missing)}", "open the source file in LibreOffice to see why")
    return results


def page_count(pdf: Path) -> int:
    """Number of pages in a PDF (read with pypdf)."""
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
