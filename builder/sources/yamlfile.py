"""Read YAML 1.2 files into plain data while remembering the line and column of every node."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError

from builder.check.diagnostics import Diagnostic, display_path
from builder.model.located import Located, format_path  # noqa: F401 (re-exported: Located lives in the model)

CLOCK_KEYS = {"start", "end"}
_RAW_CLOCK = re.compile(r"\d{1,2}[.:]\d{1,2}")

MAX_BYTES = 2 * 1024 * 1024  # a module is ~100 KB; anything this large is not a hand-written source
MAX_TEXT = 20_000  # characters in one value (the longest section body today is ~2,000)
MAX_DEPTH = 24  # nesting levels; the model needs 7
MAX_VALUES = 50_000  # values after expanding aliases (a "billion laughs" alias bomb stops here)
ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class YamlLoadError(Exception):
    """The file could not be read as YAML; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _file_error(path: Path, message: str, code: str, line: int = 0, column: int = 0) -> YamlLoadError:
    return YamlLoadError(Diagnostic(display_path(path), line, column, "error", "", message, code))


def read_text(path: Path) -> str:
    """Read a YAML source as UTF-8 text, refusing missing, binary, huge and non-UTF-8 files."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise _file_error(path, "is not a regular file (a device or pipe?)", "file.missing", 1, 1)
    try:
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            raise _file_error(path, f"is larger than {MAX_BYTES // 1024 // 1024} MB; a source file this large is not "
                              "a module or curriculum", "yaml.too-large", 1, 1)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _file_error(path, "file not found", "file.missing", 1, 1) from None
    except IsADirectoryError:
        raise _file_error(path, "is a folder, not a YAML file", "file.missing", 1, 1) from None
    except PermissionError:
        raise _file_error(path, "cannot be read (permission denied)", "file.missing", 1, 1) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _file_error(path, "is UTF-16 text, not UTF-8", "yaml.encoding", 1, 1)
    if b"\x00" in raw[:8192]:
        line = raw[: raw.find(b"\x00")].count(b"\n") + 1
        raise _file_error(path, "is a binary file, not YAML text", "yaml.binary", line, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _file_error(path, f"is not valid UTF-8 text (byte {exc.start})", "yaml.encoding", line, 1) from None
    return text


_PARSED: dict[str, tuple[str, Located]] = {}  # path as given -> (its text, what it parsed into)
_PARSED_LIMIT = 512


def load(path: Path, shared: bool = False) -> Located:
    """Load ``path`` into a :class:`Located`; raise :class:`YamlLoadError` with a located diagnostic.

    A file whose text is unchanged since it was last parsed in this process is not parsed again
    (validate and build read each module twice: alone, then in a workshop); the caller gets its own
    copy of the data, so nothing it changes can leak into a later load. ``shared``: the caller only
    reads the data (e.g. to build a new tree from it), so the remembered data itself is handed out
    and never copied; its position maps are still the caller's own.
    """
    path = Path(path)
    text = read_text(path)
    cached = _PARSED.get(str(path))
    if cached is not None and cached[0] == text:
        return _shared(cached[1]) if shared else _copy(cached[1])
    located = _parse(path, text)
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[str(path)] = (text, located if shared else _copy(located))
    return _shared(located) if shared else located


def _shared(located: Located) -> Located:
    """``located`` with the same (never changed) data and position maps of its own."""
    return Located(located.file, located.data, dict(located.keys), dict(located.values))


def _copy(located: Located) -> Located:
    """An independent copy of ``located`` (data and position maps)."""
    return Located(located.file, copy.deepcopy(located.data), dict(located.keys), dict(located.values))


def _parse(path: Path, text: str) -> Located:
    """Parse the ``text`` of ``path`` into a :class:`Located`; raise :class:`YamlLoadError` when it is not valid."""
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _file_error(path, "the file is empty", "yaml.empty", 1, 1)
    deep = _deep_spot(text, MAX_DEPTH * 4)
    if deep:
        raise _file_error(path, f"nesting is deeper than {MAX_DEPTH} levels", "yaml.too-deep", *deep)
    located = _parse_fast(path, text)
    if located is not None:
        return located
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except RecursionError:
        line, column = _deep_spot(text, MAX_DEPTH) or (1, 1)
        raise _file_error(path, f"nesting is deeper than {MAX_DEPTH} levels", "yaml.too-deep", line, column) from None
    except ReaderError as exc:
        line, column = _offset_position(text, exc.position)
        raise _file_error(path, f"the control character U+{exc.character:04X} is not allowed in YAML text",
                          "text.control-char", line, column) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = re.search(r'found duplicate key "([^"]*)"', str(exc.problem))
        name = key.group(1) if key else "?"
        raise _file_error(path, f"duplicate key '{name}'", "yaml.duplicate-key", mark.line + 1, mark.column + 1) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "is not a real date" in problem:
            raise _file_error(path, problem, "type.date", line, column) from None
        raise _file_error(path, f"not valid YAML: {problem}", "yaml.syntax", line, column) from None
    except YAMLError as exc:  # pragma: no cover - every reader and parser error above carries a mark
        raise _file_error(path, f"not valid YAML: {exc}", "yaml.syntax", 1, 1) from None
    if not isinstance(node, CommentedMap):
        raise _file_error(path, "the top level is not a mapping of keys", "yaml.not-mapping", 1, 1)
    located = Located(file=path, data=None)
    lines = text.splitlines()
    located.data = _plain(node, (), located, lines, [0])
    return located


# --------------------------------------------------------------------------- the fast path
#
# libyaml (PyYAML's C parser, installed with the Jupyter packages) reads a module about thirty
# times faster than ruamel.yaml's pure-Python round-trip loader. It is used only to find the
# structure and the position of every node: plain scalars are resolved with ruamel's own YAML 1.2
# resolver, and anything beyond plain data (aliases, explicit tags, merge keys, non-text keys,
# numbers other than plain decimals, times, unusual characters) or any error sends the file to
# the ruamel path above, which gives the same data and the located error messages.


class _Unsupported(Exception):
    """The text uses something the fast path leaves to ruamel.yaml."""


UNUSUAL_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TAG = "tag:yaml.org,2002:"


def _parse_fast(path: Path, text: str) -> Located | None:
    """The Located of ``text`` read with libyaml, or None when libyaml is absent or the text is left to ruamel."""
    events = _libyaml_events(text)
    if events is None:
        return None
    located = Located(file=path, data=None)
    try:
        located.data = _FastReader(events, located, text.splitlines()).document()
    except Exception:  # noqa: BLE001 - _Unsupported, a syntax error, a limit: ruamel reads it and says where
        return None
    return located


def _libyaml_events(text: str):
    """An iterator over libyaml's parse events of ``text``, or None (no libyaml, or characters it reads otherwise)."""
    if UNUSUAL_TEXT.search(text):
        return None  # e.g. NEL and the Unicode line separators: line breaks for libyaml, not for YAML 1.2
    try:
        import yaml as pyyaml
    except ImportError:
        return None
    loader = getattr(pyyaml, "CSafeLoader", None)
    if loader is None:
        return None
    return iter(pyyaml.parse(text, Loader=loader))


@functools.lru_cache(maxsize=1)
def _resolver():
    """ruamel.yaml's YAML 1.2 resolver: what a plain scalar means (``no`` stays text, ``08.00`` is a number)."""
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2))


@functools.lru_cache(maxsize=8192)
def _plain_tag(text: str) -> str:
    """The tag YAML 1.2 gives the plain scalar ``text`` (ruamel's resolver, remembered: keys and values repeat)."""
    return _resolver().resolve(ScalarNode, text, (True, False))


class _FastReader:
    """Turn libyaml's events into plain data and positions exactly as :func:`_plain` does from ruamel's nodes."""

    def __init__(self, events, located: Located, lines: list[str]) -> None:
        self.events = events
        self.located = located
        self.lines = lines
        self.count = [0]

    def document(self) -> Any:
        """The data of the single document of the stream (a mapping)."""
        kinds = [type(next(self.events)).__name__ for _ in range(2)]
        if kinds != ["StreamStartEvent", "DocumentStartEvent"]:
            raise _Unsupported("stream")
        first = next(self.events)
        if type(first).__name__ != "MappingStartEvent":
            raise _Unsupported("top level")
        data = self.value(first, ())
        if [type(event).__name__ for event in self.events] != ["DocumentEndEvent", "StreamEndEvent"]:
            raise _Unsupported("more than one document")
        return data

    def value(self, event, path: tuple) -> Any:
        """The plain value that starts with ``event`` at ``path``."""
        self.count[0] += 1
        if self.count[0] > MAX_VALUES or len(path) > MAX_DEPTH:
            raise _Unsupported("limit")
        kind = type(event).__name__
        if getattr(event, "anchor", None) is not None or kind == "AliasEvent":
            raise _Unsupported("anchor")
        if kind == "ScalarEvent":
            value = self.scalar(event)
            if isinstance(value, str):
                _check_scalar(value, path, self.located)
            return value
        if event.tag is not None and event.tag != "!" or not event.implicit:
            raise _Unsupported("tag")
        if kind == "MappingStartEvent":
            return self.mapping(path)
        if kind == "SequenceStartEvent":
            return self.sequence(path)
        raise _Unsupported(kind)

    def mapping(self, path: tuple) -> dict:
        """The entries of a mapping, up to its end event."""
        result: dict[str, Any] = {}
        while True:
            key_event = next(self.events)
            if type(key_event).__name__ == "MappingEndEvent":
                return result
            if type(key_event).__name__ != "ScalarEvent" or key_event.anchor is not None:
                raise _Unsupported("key")
            key = self.scalar(key_event)
            if not isinstance(key, str) or key in result:
                raise _Unsupported("key")
            _check_scalar(key, path, self.located)
            value_event = next(self.events)
            if type(value_event).__name__ == "ScalarEvent" and not value_event.value and not value_event.style:
                raise _Unsupported("empty value")  # ruamel places it at the next token, libyaml after the colon
            child = path + (key,)
            self.located.keys[child] = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            line, column = value_event.start_mark.line, value_event.start_mark.column
            self.located.values[child] = (line + 1, column + 1)
            value = self.value(value_event, child)
            if key in CLOCK_KEYS and isinstance(value, float):
                value = _raw_scalar(self.lines, line, column, value)
            result[key] = value

    def sequence(self, path: tuple) -> list:
        """The items of a sequence, up to its end event."""
        result = []
        while True:
            event = next(self.events)
            if type(event).__name__ == "SequenceEndEvent":
                return result
            child = path + (len(result),)
            position = (event.start_mark.line + 1, event.start_mark.column + 1)
            self.located.values[child] = position
            self.located.keys.setdefault(child, position)
            result.append(self.value(event, child))

    @staticmethod
    def scalar(event) -> Any:
        """A scalar's value: text unless it is plain, then what YAML 1.2 makes of it (plain forms only)."""
        if event.tag is not None and event.tag != "!":
            raise _Unsupported("tag")
        if event.style or not event.implicit[0]:
            return event.value  # quoted or block text
        text = event.value
        tag = _plain_tag(text)
        if tag == TAG + "str":
            return text
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return text.lower() == "true"
        if tag == TAG + "int" and PLAIN_INT.fullmatch(text):
            return int(text)
        if tag == TAG + "float" and PLAIN_FLOAT.fullmatch(text):
            return float(text)
        if tag == TAG + "timestamp" and PLAIN_DATE.fullmatch(text):
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))
        raise _Unsupported(tag)


class _Constructor(RoundTripConstructor):
    """ruamel's constructor, but an impossible date (2019-02-30) is a located error, not a crash."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"'{node.value}' is not a real date ({exc})", node.start_mark) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _deep_spot(text: str, limit: int) -> tuple[int, int] | None:
    """Where nesting first goes deeper than ``limit`` levels (brackets or indentation), or None."""
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return _offset_position(text, match.start())
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) - len(line.lstrip(" -")) > 2 * limit:
            return number, 1
    return None


def _limit_error(located: Located, path: tuple, message: str, code: str) -> YamlLoadError:
    """A located load error at ``path`` (a limit or a forbidden character)."""
    line, column = located.position(path)
    return YamlLoadError(Diagnostic(display_path(located.file), line, column, "error", format_path(path),
                                    message, code))


def _check_scalar(value: str, path: tuple, located: Located) -> None:
    """Refuse text that cannot go into an Office file, and text longer than :data:`MAX_TEXT`."""
    if len(value) > MAX_TEXT:
        raise _limit_error(located, path, f"the text has {len(value):,} characters; at most {MAX_TEXT:,} are allowed",
                           "text.too-long")
    match = ILLEGAL_TEXT.search(value)
    if match:
        raise _limit_error(located, path, f"the text contains the control character U+{ord(match.group()):04X}, "
                           "which cannot go into a document", "text.control-char")


def _plain(node: Any, path: tuple, located: Located, lines: list[str], count: list[int]) -> Any:
    """Convert ruamel's round-trip node into plain Python data, recording positions and enforcing limits."""
    count[0] += 1
    if count[0] > MAX_VALUES:
        raise _limit_error(located, path, f"the file expands to more than {MAX_VALUES:,} values (an alias repeated "
                           "too often?)", "yaml.too-large")
    if len(path) > MAX_DEPTH:
        raise _limit_error(located, path, f"nesting is deeper than {MAX_DEPTH} levels", "yaml.too-deep")
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            key_line, key_col = node.lc.key(key)
            val_line, val_col = node.lc.value(key)
            child = path + (str(key),)
            if isinstance(key, str):
                _check_scalar(key, path, located)
            located.keys[child] = (key_line + 1, key_col + 1)
            located.values[child] = (val_line + 1, val_col + 1)
            if str(key) in CLOCK_KEYS and isinstance(value, float):
                value = _raw_scalar(lines, val_line, val_col, value)
            result[str(key)] = _plain(value, child, located, lines, count)
        return result
    if isinstance(node, CommentedSeq):
        result = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            child = path + (index,)
            located.values[child] = (line + 1, col + 1)
            located.keys.setdefault(child, (line + 1, col + 1))
            result.append(_plain(value, child, located, lines, count))
        return result
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, str):
        _check_scalar(node, path, located)
        return str(node)
    return node


def _raw_scalar(lines: list[str], line: int, column: int, fallback: Any) -> Any:
    """Return the source text of a clock time that YAML read as a number (``08.00`` -> '08.00')."""
    if 0 <= line < len(lines):
        match = _RAW_CLOCK.match(lines[line], column)
        if match:
            return match.group(0)
    return fallback
