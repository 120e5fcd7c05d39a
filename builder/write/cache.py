"""Rebuild only what changed: a manifest of what every output was made from.

Two levels, both recorded in ``<out>/.<workshop-id>.cache.json`` beside the output folder:

- **Fast path** (:func:`up_to_date`): a key over the raw bytes of every file the last build read
  (found with an audit hook: curriculum, modules, rosters, assets, templates, register, keys),
  the toolkit's code and the options, plus the size, mtime and hash of every output file. When
  all match, the build is a no-op that writes nothing and imports no renderer.
- **Units** (:class:`UnitCache`): each kind renders in units (one deck, one handout, one person's
  certificate, one combined file); a unit's key is a hash of the *derived* data its renderer
  reads plus the code and options. A unit whose key is unchanged and whose files are still
  present, unmodified, keeps its files instead of rendering them again.

Keys err on the side of including too much; a file whose owner is unknown is always rewritten
(if its bytes change). ``--force`` ignores the manifest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import threading
import weakref
from pathlib import Path
from typing import Any, Iterable

FORMAT = 1
SUFFIX = ".cache.json"
PACKAGE = Path(__file__).resolve().parent.parent  # the builder package


def manifest_path(final: Path) -> Path:
    """``<parent>/.<name>.cache.json``: beside the output folder, never swapped or pruned with it."""
    final = Path(final).absolute()
    return final.parent / f".{final.name}{SUFFIX}"


def file_hash(path: Path) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def code_hash() -> str:
    """A hash of every file of the builder package (code, templates, starters): the toolkit version."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(PACKAGE, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(folder) / name
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
            digest.update((file_hash(path) or "-").encode())
    return digest.hexdigest()


def pdf_available() -> bool:
    """Whether LibreOffice can convert (what :func:`builder.write.pdf.find_soffice` decides)."""
    import shutil

    if os.environ.get("WORKSHOP_NO_PDF"):
        return False
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


NOT_OPTIONS = {"WORKSHOP_JOBS"}  # settings that change how fast a build runs, not what it writes


def options_of(lang: str | None, strict: bool) -> dict:
    """Everything besides the sources that changes outputs: language, strictness, PDF, WORKSHOP_* settings."""
    env = {k: v for k, v in sorted(os.environ.items()) if k.startswith("WORKSHOP_") and k not in NOT_OPTIONS}
    return {"lang": lang, "strict": strict, "pdf": pdf_available(), "env": env,
            "python": list(sys.version_info[:3]), "libraries": libraries()}


def libraries() -> list[str]:
    """The installed distributions with their versions (``*.dist-info`` names): a new library version rebuilds."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


# -- fingerprints of derived data


def plain(value: Any, memo: dict | None = None) -> Any:
    """``value`` as JSON-able data, deterministic; raises TypeError on what cannot be fingerprinted safely.

    A pydantic model or dataclass becomes ``{type name: sha256 of its plain data}``. ``memo`` (held by
    one build's :class:`UnitCache`) remembers that digest per *frozen* object while it lives, which
    every unit's key repeats (the curriculum, the modules, the roster).
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {"dict": _plain_items(value, memo)}
    if isinstance(value, (list, tuple)):
        return [plain(v, memo) for v in value]
    if isinstance(value, bytes):
        return {"bytes": hashlib.sha256(value).hexdigest()}
    if isinstance(value, Path):
        return {"path": str(value)}
    if isinstance(value, (dt.date, dt.time, dt.datetime, dt.timedelta)):
        return {type(value).__name__: str(value)}
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((plain(v, memo) for v in value), key=_json)}
    if _is_record(value):
        return _record_digest(value, memo)
    if hasattr(value, "_asdict"):
        return plain(value._asdict(), memo)
    if callable(value):  # state read late, e.g. the register after issuing (see certificate_inputs)
        return {"late": plain(value(), memo)}
    raise TypeError(f"cannot fingerprint {type(value).__name__}: add it to the key as plain data")


def _json(value: Any) -> str:
    """The canonical JSON text of plain data (the sort key of unordered collections)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _plain_items(mapping: dict, memo: dict | None) -> list:
    """A dict's items as ``[key, value]`` pairs in a stable order: by key when every key is a string."""
    pairs = [[plain(k, memo), plain(v, memo)] for k, v in mapping.items()]
    if all(type(k) is str for k in mapping):
        pairs.sort(key=lambda pair: pair[0])
    else:
        pairs.sort(key=_json)
    return pairs


def _is_record(value: Any) -> bool:
    """True for a pydantic model instance or a dataclass instance."""
    if hasattr(value, "model_dump") and callable(value.model_dump):
        return True
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _is_frozen(value: Any) -> bool:
    """True when ``value``'s fields cannot be reassigned (a frozen pydantic model or dataclass)."""
    config = getattr(type(value), "model_config", None)
    if isinstance(config, dict):
        return bool(config.get("frozen"))
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params and params.frozen)


def _record_digest(value: Any, memo: dict | None) -> dict:
    """``{type name: sha256 of the record's plain fields}``, remembered in ``memo`` while a frozen record lives."""
    if memo is not None:
        known = memo.get(id(value))
        if known is not None and known[0]() is value:
            return known[1]
    if hasattr(value, "model_dump") and callable(value.model_dump):  # pydantic model
        fields = plain(value.model_dump(mode="python"), memo)
    else:
        fields = {f.name: plain(getattr(value, f.name), memo) for f in dataclasses.fields(value)}
    digest = {type(value).__name__: hashlib.sha256(_json(fields).encode("utf-8")).hexdigest()}
    if memo is not None and _is_frozen(value):
        _remember(memo, value, digest)
    return digest


def _remember(memo: dict, value: Any, digest: dict) -> None:
    """Keep ``digest`` for ``value`` until ``value`` dies (a weak reference: the memo keeps nothing alive)."""
    key = id(value)
    try:
        memo[key] = (weakref.ref(value, lambda _gone: memo.pop(key, None)), digest)
    except TypeError:  # a record that takes no weak reference is not remembered
        pass


def fingerprint(*parts: Any, memo: dict | None = None) -> str:
    """A sha256 over ``parts`` turned into plain data (``memo``: see :func:`plain`)."""
    return hashlib.sha256(_json(plain(list(parts), memo)).encode("utf-8")).hexdigest()


# -- the manifest


def load_manifest(final: Path) -> dict | None:
    """The manifest of the output folder ``final``, or None (missing, unreadable, other format)."""
    try:
        data = json.loads(manifest_path(final).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def save_manifest(final: Path, data: dict) -> None:
    """Write the manifest atomically."""
    from builder.write.output import atomic_write

    data = {"format": FORMAT, **data}
    atomic_write(manifest_path(final), json.dumps(data, sort_keys=True, indent=0).encode("utf-8"))


def remove_manifest(final: Path) -> None:
    """Forget what the output folder was made from (before it changes without a full record)."""
    try:
        manifest_path(final).unlink()
    except FileNotFoundError:
        pass


def output_state(root: Path) -> dict[str, list]:
    """``relative -> [size, mtime_ns, inode, sha256]`` of every file below ``root``."""
    state = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            info = path.stat()
            state[str(path.relative_to(root))] = [info.st_size, info.st_mtime_ns, info.st_ino, file_hash(path)]
    return state


def _same_output(path: Path, recorded: list) -> bool:
    """True when the file at ``path`` is the one recorded (size, mtime and hash)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if [info.st_size, info.st_mtime_ns] != recorded[:2]:
        return False
    return file_hash(path) == recorded[3]


# -- recording the files a build reads


class InputRecorder:
    """Record (with an audit hook) every file under ``root`` the build opens, hashed when first opened.

    Files the build also writes (the certificate register, a newly created signing key) are hashed
    again when the build ends. Folders listed under ``root`` are recorded with their entries, so a
    new module file is noticed. Outputs and staging folders are ignored.
    """

    _installed: "InputRecorder | None" = None
    _hook_lock = threading.Lock()

    def __init__(self, root: Path, ignore: Iterable[Path]) -> None:
        self.root = Path(root).resolve()
        self.ignore = [Path(p).absolute() for p in ignore]
        self.read: dict[str, str | None] = {}
        self.written: set[str] = set()
        self.listed: set[str] = set()
        self.active = False
        self._busy = threading.local()
        self._lock = threading.Lock()

    def __enter__(self) -> "InputRecorder":
        with InputRecorder._hook_lock:
            if InputRecorder._installed is None:
                sys.addaudithook(_dispatch)
            InputRecorder._installed = self
        self.active = True
        return self

    def __exit__(self, *exc) -> None:
        self.active = False
        InputRecorder._installed = None

    def _wanted(self, path: Any) -> str | None:
        """The absolute path string of ``path`` when it is a project file to record."""
        if isinstance(path, int) or path is None:
            return None
        try:
            absolute = Path(os.fsdecode(path)).absolute()
        except (TypeError, ValueError):
            return None
        if not absolute.is_relative_to(self.root) and not Path(os.path.realpath(absolute)).is_relative_to(self.root):
            return None
        if any(absolute.is_relative_to(p) for p in self.ignore):
            return None
        if "__pycache__" in absolute.parts:
            return None
        return str(absolute)

    def event(self, name: str, args: tuple) -> None:
        """Handle one audit event."""
        if not self.active or getattr(self._busy, "on", False):
            return
        self._busy.on = True
        try:
            if name == "open":
                self._opened(args)
            elif name == "sqlite3.connect":
                path = self._wanted(args[0] if args else None)
                if path:
                    with self._lock:
                        self.read.setdefault(path, None)
                        self.written.add(path)
            elif name in ("os.listdir", "os.scandir"):
                path = self._wanted(args[0] if args else ".")
                if path and os.path.isdir(path):
                    with self._lock:
                        self.listed.add(path)
        finally:
            self._busy.on = False

    def _opened(self, args: tuple) -> None:
        """An ``open`` event: record the file (hashed now) or note that the build writes it."""
        mode = args[1] if len(args) > 1 else None
        flags = args[2] if len(args) > 2 else 0
        if mode is None and not os.path.isabs(os.fsdecode(args[0]) if isinstance(args[0], (str, bytes)) else "/"):
            return  # os.open relative to a dir_fd (shutil.rmtree): not a path this process can name
        path = self._wanted(args[0] if args else None)
        if not path:
            return
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
                 (mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR))
        if os.path.isdir(path):
            return
        with self._lock:
            if writes:
                self.written.add(path)
                self.read.setdefault(path, None)
            elif path not in self.read:
                self.read[path] = file_hash(Path(path))

    def inputs(self) -> dict[str, str | None]:
        """``path -> hash`` of every file read; files the build wrote are hashed as they are now."""
        found = dict(self.read)
        for path in self.written:
            found[path] = file_hash(Path(path))
        return {p: found[p] for p in sorted(found)}

    def listings(self) -> dict[str, list[str]]:
        """``folder -> sorted entries`` of every project folder the build listed."""
        return {p: _listing(p) for p in sorted(self.listed)}


def _listing(folder: str) -> list[str]:
    """The sorted entry names of ``folder`` (empty when it is gone)."""
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _dispatch(name: str, args: tuple) -> None:
    """The process-wide audit hook: hand events to the active recorder."""
    recorder = InputRecorder._installed
    if recorder is not None and recorder.active and name in ("open", "sqlite3.connect", "os.listdir", "os.scandir"):
        recorder.event(name, args)


# -- the fast path


def inputs_key(inputs: dict, listings: dict, code: str, options: dict) -> str:
    """One key over the inputs' hashes, the folders' entries, the code and the options."""
    return fingerprint(inputs, listings, code, options)


def current_key(manifest: dict, code: str, options: dict) -> str | None:
    """The inputs key of the files the manifest lists, as they are now (None if one is gone)."""
    inputs = {path: file_hash(Path(path)) for path in manifest.get("inputs", {})}
    listings = {path: _listing(path) for path in manifest.get("listings", {})}
    return inputs_key(inputs, listings, code, options)


def up_to_date(final: Path, kinds: Iterable[str] | None, lang: str | None, strict: bool) -> dict | None:
    """The manifest when ``final`` needs no rebuild for ``kinds`` (None = all), else None.

    Up to date means: the same code and options, every recorded input with the same bytes and
    every listed folder with the same entries, ``kinds`` all covered by the last build, and the
    output folder holding exactly the recorded files, each with its recorded size, mtime and hash.
    """
    manifest = load_manifest(final)
    if manifest is None:
        return None
    wanted = set(kinds) if kinds is not None else None
    covered = set(manifest.get("kinds", []))
    if (wanted is None and not manifest.get("complete")) or (wanted is not None and not wanted <= covered):
        return None
    if manifest.get("key") != current_key(manifest, code_hash(), options_of(lang, strict)):
        return None
    return manifest if _outputs_unchanged(Path(final), manifest.get("outputs", {})) else None


def _outputs_unchanged(final: Path, outputs: dict) -> bool:
    """True when ``final`` holds exactly the recorded files, unmodified."""
    if not final.is_dir():
        return not outputs and not final.exists()
    present = set()
    for folder, _dirs, files in os.walk(final):
        for name in files:
            present.add(str((Path(folder) / name).relative_to(final)))
    if present != set(outputs):
        return False
    return all(_same_output(final / relative, recorded) for relative, recorded in outputs.items())


def find_output(curriculum: Path | None, out_dir: Path | None) -> Path | None:
    """The output folder the manifest of ``curriculum`` names, found without loading any source.

    Mirrors :func:`builder.sources.project.find_root` and ``default_curriculum`` for the usual
    cases; anything unusual returns None and the build takes the ordinary path.
    """
    if curriculum is None:
        root = _find_root(Path.cwd())
        curriculum = _default_curriculum(root)
        if curriculum is None:
            return None
    else:
        here = Path(curriculum).resolve().parent
        root = _find_root(here)
        if not _is_project(root) and here.name == "curriculum":
            root = here.parent
    base = Path(out_dir) if out_dir is not None else root / "build"
    wanted = str(Path(curriculum).resolve())
    try:
        candidates = sorted(base.glob(f".*{SUFFIX}"))
    except OSError:
        return None
    for candidate in candidates:
        final = base / candidate.name[1:-len(SUFFIX)]
        manifest = load_manifest(final)
        if manifest is not None and manifest.get("curriculum") == wanted:
            return final
    return None


def _is_project(folder: Path) -> bool:
    return (folder / "curriculum").is_dir() and (folder / "modules").is_dir()


def _find_root(start: Path) -> Path:
    here = start.resolve()
    return next((f for f in (here, *here.parents) if _is_project(f)), here)


def _default_curriculum(root: Path) -> Path | None:
    """``[tool.workshop] default`` or the only curriculum; None when unsure."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            config = tomllib.loads(pyproject.read_bytes().decode("utf-8-sig")).get("tool", {}).get("workshop", {})
        except (ValueError, UnicodeDecodeError, AttributeError):
            return None
        default = config.get("default") if isinstance(config, dict) else None
        if isinstance(default, str):
            return root / default
        if default is not None:
            return None
    candidates = sorted((root / "curriculum").glob("*.yaml"))
    return candidates[0] if len(candidates) == 1 else None


# -- units


@dataclasses.dataclass
class Unit:
    """One piece of output rendered together: its key and the files and notes it produced."""

    key: str | None
    files: list[str] = dataclasses.field(default_factory=list)
    notes: list[list[str]] = dataclasses.field(default_factory=list)
    late: tuple | None = None  # data with callables: the key is computed again when the build is recorded
    parts: dict[str, str] = dataclasses.field(default_factory=dict)  # part -> key (see UnitCache.keep_part)
    name: str = ""


class UnitCache:
    """Decide per unit whether its previous files can be kept, and record what each unit writes.

    A kind calls :meth:`reuse` before rendering each unit; until its next ``reuse`` (or the end
    of the kind) every file written and every note made in that thread belongs to that unit.
    """

    def __init__(self, previous: dict | None, code: str, options: dict) -> None:
        self.previous_units: dict[str, dict] = (previous or {}).get("units", {})
        self.previous_outputs: dict[str, list] = (previous or {}).get("outputs", {})
        self.salt = fingerprint(code, options)
        self.units: dict[str, Unit] = {}
        self.kept: list[tuple[str, str]] = []  # (kind, relative) of files kept from the last build
        self._current = threading.local()
        self._lock = threading.Lock()
        self._checked: dict[str, bool] = {}
        self._memo: dict[int, tuple] = {}  # frozen records' digests for this build (see plain)

    def key(self, data: tuple) -> str:
        """The key of a unit made from ``data``."""
        return fingerprint(self.salt, *data, memo=self._memo)

    def is_fresh(self, name: str, data: tuple, root: Path) -> bool:
        """True when unit ``name`` was made from the same data and its files in ``root`` are as written."""
        entry = self.previous_units.get(name)
        if entry is None or entry.get("key") != self.key(data):
            return False
        return all(self._file_ok(root, relative) for relative in entry.get("files", []))

    def _file_ok(self, root: Path, relative: str) -> bool:
        """True when ``root/relative`` is the file the last build recorded."""
        recorded = self.previous_outputs.get(relative)
        if recorded is None:
            return False
        path = str(root / relative)
        with self._lock:
            if path not in self._checked:
                self._checked[path] = _same_output(Path(path), recorded)
            return self._checked[path]

    def reuse(self, kind: str, name: str, data: tuple, out) -> bool:
        """Start unit ``kind:name``; True (files kept, notes replayed) when it need not be rendered."""
        unit_name = f"{kind}:{name}"
        if self.is_fresh(unit_name, data, out.root):
            entry = self.previous_units[unit_name]
            with self._lock:
                self.units[unit_name] = Unit(entry["key"], list(entry["files"]), list(entry.get("notes", [])),
                                             parts=dict(entry.get("parts", {})))
                self.kept.extend((kind, f) for f in entry["files"])
            for note_kind, message in entry.get("notes", []):
                out.notes.append((note_kind, message))
            self._current.unit = None
            return True
        unit = Unit(self.key(data), late=data if any(callable(d) for d in data) else None, name=unit_name)
        with self._lock:
            self.units[unit_name] = unit
        self._current.unit = unit
        return False

    def keep_part(self, part: str, data: tuple, files: list[str], out) -> bool:
        """Inside a unit being rendered, keep the ``files`` of one part (e.g. one person's certificate) when
        the last build's same unit made them from the same ``data`` and they are unchanged; else record
        the part's key and return False (the caller renders the part, its files go to the unit).
        """
        unit = getattr(self._current, "unit", None)
        if unit is None:
            return False
        key = self.key(data)
        unit.parts[part] = key
        name = unit.name
        entry = self.previous_units.get(name, {})
        if entry.get("parts", {}).get(part) != key or not set(files) <= set(entry.get("files", [])):
            return False
        if not all(self._file_ok(out.root, relative) for relative in files):
            return False
        unit.files.extend(files)
        with self._lock:
            self.kept.extend((unit_kind(name), f) for f in files)
        return True

    def end(self) -> None:
        """Close the thread's current unit (at the end of a kind)."""
        self._current.unit = None

    def wrote(self, relative: str) -> None:
        """Attribute a written file to the thread's current unit."""
        unit = getattr(self._current, "unit", None)
        if unit is not None:
            unit.files.append(relative)

    def noted(self, kind: str, message: str) -> None:
        """Attribute a note to the thread's current unit (replayed when the unit is kept)."""
        unit = getattr(self._current, "unit", None)
        if unit is not None:
            unit.notes.append([kind, message])

    def carry_over(self, kinds_built: Iterable[str]) -> None:
        """Keep the previous records of units of kinds this build did not run (``--only``)."""
        built = set(kinds_built)
        for name, entry in self.previous_units.items():
            if name.split(":", 1)[0] not in built and name not in self.units:
                self.units[name] = Unit(entry.get("key"), list(entry.get("files", [])), list(entry.get("notes", [])),
                                        parts=dict(entry.get("parts", {})))

    def records(self, outputs: dict) -> dict:
        """The units for the manifest: only files still present; units with an unknown key dropped."""
        for unit in self.units.values():
            if unit.late is not None:
                unit.key, unit.late = self.key(unit.late), None
        return {name: {"key": u.key, "files": sorted(set(f for f in u.files if f in outputs)), "notes": u.notes,
                       "parts": u.parts}
                for name, u in sorted(self.units.items()) if u.key is not None}


def unit_kind(name: str) -> str:
    """The kind part of a unit name ``kind:name``."""
    return name.split(":", 1)[0]



def no_op(curriculum: Path | None, out_dir: Path | None, only: list[str] | None, strict: bool,
          lang: str | None) -> tuple[str, list[str], list[list[str]]] | None:
    """The no-op check of ``workshop build``: no source loaded, no renderer imported.

    Returns ``(summary, messages, notes)`` when the output is up to date (the messages and notes
    the last build printed), else None.
    """
    from builder.check.diagnostics import display_path

    final = find_output(curriculum, out_dir)
    if final is None:
        return None
    manifest = up_to_date(final, only, lang, strict)
    if manifest is None:
        return None
    count = len(manifest.get("outputs", {}))
    return (f"up to date: {count} file(s) in {display_path(final)}, nothing written",
            manifest.get("messages", []), manifest.get("notes", []))
