"""Write build outputs atomically and make office files byte-for-byte reproducible."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sys
import struct
import tempfile
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _file_mode() -> int:
    """The mode a normally created file gets under the current umask (mkstemp would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def same_bytes(path: Path, data: bytes) -> bool:
    """True when ``path`` is a file holding exactly ``data``."""
    try:
        if path.stat().st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


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


ZIP_LEVEL = 6  # zlib's default, the level zipfile.ZIP_DEFLATED writes with
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_FILE_MODE = 0o600 << 16  # -rw-------, as zipfile marks every file it writes
_ZIP64_BEYOND = 1 << 30  # total entry bytes from which zipfile (and its zip64 records) writes the package


class DeflateMemo:
    """Deflated forms of entry bytes, kept up to ``budget`` bytes of deflated data, least recently used dropped first.

    Entries are found by the SHA-256 of their bytes, so the memo holds only the deflated forms.
    """

    KEY_COST = 128  # bytes a kept entry costs besides its deflated form (key, tuple, dict slot)

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.entries: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()

    def get(self, data: bytes) -> tuple[int, bytes] | None:
        """The kept ``(CRC-32, deflate stream)`` of ``data``, or None."""
        key = hashlib.sha256(data).digest()
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
        return hit

    def keep(self, data: bytes, result: tuple[int, bytes]) -> None:
        """Keep ``result`` for ``data`` (not when it alone would take a quarter of the budget)."""
        key = hashlib.sha256(data).digest()
        cost = len(result[1]) + self.KEY_COST
        if cost > self.budget // 4 or key in self.entries:
            return
        self.entries[key] = result
        self.size += cost
        while self.size > self.budget:
            _dropped, (_crc, payload) = self.entries.popitem(last=False)
            self.size -= len(payload) + self.KEY_COST


DEFLATED = DeflateMemo(2 * 1024 * 1024)  # per process; forked workers each fill their own


def deflate(data: bytes, crc: int | None = None) -> tuple[int, bytes]:
    """CRC-32 and raw deflate stream (level 6, as zipfile writes it) of ``data``; ``crc`` when the caller knows it.

    Every .docx of a build carries the same styles, theme, numbering and settings parts: their
    deflated form is kept in :data:`DEFLATED` and reused. zlib gives equal streams for equal
    bytes, so the output never depends on what the memo holds.
    """
    hit = DEFLATED.get(data)
    if hit is not None:
        return hit
    compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    result = (zlib.crc32(data) if crc is None else crc, compressor.compress(data) + compressor.flush())
    DEFLATED.keep(data, result)
    return result


def zip_entries(entries: Iterable[tuple[str, bytes, int | None]]) -> bytes:
    """A deflated zip of ``(name, data, crc or None)`` entries, every entry dated :data:`FIXED_ZIP_TIME`.

    The bytes are those ``zipfile.ZipFile(..., "w", ZIP_DEFLATED)`` writes on Unix for
    ``writestr(ZipInfo(name, FIXED_ZIP_TIME), data)`` (tests compare the two), laid out here by hand
    from the zip format (PKWARE APPNOTE 4.3) so that a deflated payload can be reused; packages
    that would need zip64 are written by :mod:`zipfile` itself.
    """
    entries = list(entries)
    if len(entries) >= 0xFFFF or sum(len(data) for _name, data, _crc in entries) >= _ZIP64_BEYOND:
        return _zip_with_zipfile(entries)
    year, month, day, hour, minute, second = FIXED_ZIP_TIME
    dostime, dosdate = hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
    chunks, central, offset = [], [], 0
    for name, data, crc in entries:
        crc, payload = deflate(data, crc)
        encoded, flags = _encode_name(name)
        fields = (20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, len(payload), len(data), len(encoded))
        chunks += (_LOCAL_HEADER.pack(b"PK\x03\x04", *fields, 0), encoded, payload)
        central += (_CENTRAL_HEADER.pack(b"PK\x01\x02", 20, 3, *fields, 0, 0, 0, 0, _FILE_MODE, offset), encoded)
        offset += _LOCAL_HEADER.size + len(encoded) + len(payload)
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def _encode_name(name: str) -> tuple[bytes, int]:
    """The entry name's bytes and its flag bits (bit 11: UTF-8), as zipfile encodes them."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _zip_with_zipfile(entries: list[tuple[str, bytes, int | None]]) -> bytes:
    """What :func:`zip_entries` writes, written by :mod:`zipfile` (which also handles zip64)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data, _crc in entries:
            entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return buffer.getvalue()


def _read_entries(data: bytes) -> Iterator[tuple[str, bytes, int]]:
    """``(name, bytes, CRC-32)`` of each entry of the zip ``data`` in order (zipfile checks each CRC as it reads)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    for info in source.infolist():
        yield info.filename, source.read(info), info.CRC


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/zip package with fixed entry timestamps so equal inputs give equal bytes.

    Entries keep their names, order and bytes and are deflated at level 6; bytes deflated before
    in this process are not compressed again (:func:`deflate`). Renderers save their packages
    uncompressed (stored), so each entry is compressed at most once.
    """
    return zip_entries(_read_entries(data))


@dataclass(frozen=True)
class Written:
    """One file a build produced."""

    kind: str
    path: Path
    size: int
    changed: bool = True  # False: the file already held these bytes and was left as it was


@dataclass
class OutputDir:
    """The output folder of one workshop build; records every file written into it.

    A file that already holds the bytes to write is left alone (same inode, same mtime), so
    a rebuild only touches what changed. ``units`` (a :class:`builder.write.cache.UnitCache`)
    is told which file and note belongs to which unit of output.
    """

    root: Path
    written: list[Written] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, message) shown after the build
    units: object = None
    kept: list = field(default_factory=list)  # (kind, relative) of files kept from the last build

    def note(self, kind: str, message: str) -> None:
        """Record a message for the user (e.g. who gets no certificate and why)."""
        self.notes.append((kind, message))
        if self.units is not None:
            self.units.noted(kind, message)

    def write(self, kind: str, relative: str, data: bytes) -> Path:
        """Atomically write ``data`` at ``relative`` below the root (unless it holds them) and record it."""
        path = self.root / relative
        changed = not same_bytes(path, data)
        if changed:
            atomic_write(path, data)
        self.written.append(Written(kind, path, len(data), changed))
        if self.units is not None:
            self.units.wrote(str(Path(relative)))
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
    reproducible (entry times become :data:`FIXED_ZIP_TIME`). Its entries are deflated through
    :func:`deflate`, so the ``write_office`` that follows compresses none of them again.
    """
    import re

    def entries():
        """The workbook's entries, core.xml with the dates replaced."""
        for name, content, crc in _read_entries(data):
            if name == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{stamp}\g<3>", text)
                content, crc = text.encode("utf-8"), None
            yield name, content, crc

    return zip_entries(entries())


STAGING_MARK = ".staging-"
OLD_MARK = ".old-"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    import ctypes
    import ctypes.util

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _link_tree(source: Path, target: Path) -> None:
    """Give ``target`` the files of ``source`` as hard links (copies where links are impossible)."""
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, target / relative / name)
            except OSError:
                shutil.copy2(Path(folder) / name, target / relative / name)


@contextlib.contextmanager
def scratch_inside(folder: Path):
    """Send this process's temporary files and its children's (LibreOffice, Jupyter kernels) to ``folder``.

    A build killed with SIGKILL cannot clean up; with its scratch files inside its staging folder,
    the next build removes them together with the staging folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    saved_tempdir = tempfile.tempdir
    saved_env = {name: os.environ.get(name) for name in ("TMPDIR", "JUPYTER_RUNTIME_DIR")}
    point_temporary_files_at(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)


def point_temporary_files_at(folder: Path) -> None:
    """Send this process's temporary files and its future children's to ``folder`` (see :func:`scratch_inside`)."""
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(folder / "jupyter-runtime")


class StagedBuild:
    """An output folder that is replaced as a whole, only when the build succeeds.

    Renderers write into a staging folder beside ``final`` (``.<name>.staging-<pid>``) that starts
    as hard links of the previous output, so ``--only`` builds keep the other kinds' files and
    unchanged files keep their bytes. :meth:`commit` swaps the staging folder in (atomically on
    Linux); :meth:`abandon` deletes it. A build killed at any moment leaves ``final`` as it was;
    its leftovers are removed by the next build of the same folder, which holds a lock meanwhile.
    """

    def __init__(self, final: Path) -> None:
        self.final = Path(final).absolute()
        self.parent = self.final.parent
        self.staging = self.parent / f".{self.final.name}{STAGING_MARK}{os.getpid()}"
        self.scratch = self.parent / f".{self.final.name}{STAGING_MARK}{os.getpid()}.tmp"
        self._lock_handle = None

    def open(self, keep_previous: bool = True) -> OutputDir:
        """Take the lock, clean leftovers of killed builds, and return the staging OutputDir."""
        self.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        self._clean_leftovers()
        self.staging.mkdir()
        if keep_previous and self.final.is_dir():
            _link_tree(self.final, self.staging)
        return OutputDir(self.staging)

    def commit(self, out: OutputDir, prune: bool = False, kept: set[Path] = frozenset()) -> None:
        """Swap the staging folder in as the output; with ``prune`` drop files this build did not write or keep."""
        if prune:
            written = {item.path for item in out.written} | {self.staging / k for k in kept}
            for path in sorted(self.staging.rglob("*"), reverse=True):
                if path.is_file() and path not in written:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        out.root = self.final
        out.written = [Written(i.kind, self.final / i.path.relative_to(self.staging), i.size, i.changed)
                       for i in out.written]
        if self.final.exists() and _exchange(self.staging, self.final):
            shutil.rmtree(self.staging)
        else:
            old = self.parent / f".{self.final.name}{OLD_MARK}{os.getpid()}"
            if self.final.exists():
                os.replace(self.final, old)
            os.replace(self.staging, self.final)
            shutil.rmtree(old, ignore_errors=True)
        self._unlock()

    def abandon(self) -> None:
        """Delete the staging folder; the previous output stays exactly as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self._unlock()

    def _lock(self) -> None:
        """Hold an exclusive lock on ``.<name>.lock`` so two builds never swap the same folder at once."""
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one build at a time is the user's job
            return
        self._lock_handle = open(self.parent / f".{self.final.name}.lock", "a+")
        fcntl.flock(self._lock_handle, fcntl.LOCK_EX)

    def _unlock(self) -> None:
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    def _clean_leftovers(self) -> None:
        """Remove staging folders of killed builds; restore the output if a kill hit the two-step swap."""
        old_folders = sorted(self.parent.glob(f".{self.final.name}{OLD_MARK}*"))
        if not self.final.exists() and old_folders:
            os.replace(old_folders[-1], self.final)
            old_folders = old_folders[:-1]
        for leftover in [*self.parent.glob(f".{self.final.name}{STAGING_MARK}*"), *old_folders]:
            shutil.rmtree(leftover, ignore_errors=True)
