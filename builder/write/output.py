"""Write build outputs atomically and make office files byte-for-byte reproducible."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
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
