"""Write build outputs atomically and make office files byte-for-byte reproducible."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _file_mode() -> int:
    """The mode a normally created file gets under the current umask (mkstemp would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never a half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, _file_mode())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/zip package with fixed entry timestamps so equal inputs give equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return target_buffer.getvalue()


@dataclass(frozen=True)
class Written:
    """One file a build produced."""

    kind: str
    path: Path
    size: int


@dataclass
class OutputDir:
    """The output folder of one workshop build; records every file written into it."""

    root: Path
    written: list[Written] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, message) shown after the build

    def note(self, kind: str, message: str) -> None:
        """Record a message for the user (e.g. who gets no certificate and why)."""
        self.notes.append((kind, message))

    def write(self, kind: str, relative: str, data: bytes) -> Path:
        """Atomically write ``data`` at ``relative`` below the root and record it under ``kind``."""
        path = self.root / relative
        atomic_write(path, data)
        self.written.append(Written(kind, path, len(data)))
        return path

    def write_office(self, kind: str, relative: str, data: bytes) -> Path:
        """Write a .docx/.pptx/.xlsx after fixing its zip timestamps."""
        return self.write(kind, relative, normalize_zip(data))

    def write_text(self, kind: str, relative: str, text: str) -> Path:
        """Write UTF-8 text."""
        return self.write(kind, relative, text.encode("utf-8"))


def fix_core_dates(data: bytes, stamp: str) -> bytes:
    """Set ``dcterms:created``/``modified`` in docProps/core.xml to ``stamp`` (ISO 8601, e.g. 2019-09-24T00:00:00Z).

    openpyxl stamps the save time into every workbook and every zip entry; this makes workbooks
    reproducible (entry times become :data:`FIXED_ZIP_TIME`).
    """
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\g<3>", text)
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return buffer.getvalue()
