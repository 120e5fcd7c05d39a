"""A light .xlsx reader for rosters and responses: the cell values openpyxl gives, without importing openpyxl.

openpyxl (with numpy, which it imports when present) costs about a quarter of a second to import;
a roster needs only text, numbers and booleans. :func:`worksheets` reads those with zipfile and
ElementTree, the way ``openpyxl.load_workbook(path, read_only=True, data_only=True)`` and
``iter_rows(values_only=True)`` after ``reset_dimensions()`` give them. Whatever it does not
handle (dates and other number formats that may be dates, ``_xHHHH_`` escapes, an unusual
package) raises :class:`Unsupported`, and the caller reads the workbook with openpyxl instead.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any, Iterator
from xml.etree.ElementTree import fromstring, iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKBOOK_TYPES = (  # openpyxl's search order: template, macro template, macro workbook, workbook
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})  # built-in date and time formats
ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


class Unsupported(Exception):
    """The workbook uses something this reader leaves to openpyxl."""


def worksheets(archive: zipfile.ZipFile) -> list[tuple[str, Iterator[tuple[Any, ...]]]]:
    """``(title, rows)`` of each worksheet of an open workbook, in order; rows come lazily, as openpyxl gives them."""
    names = set(archive.namelist())
    types = fromstring(archive.read("[Content_Types].xml"))
    overrides = {o.get("ContentType"): o.get("PartName", "") for o in types.iter(f"{CONTENT_TYPES}Override")}
    workbook = next((overrides[t][1:] for t in WORKBOOK_TYPES if t in overrides), None)
    if workbook is None:
        raise Unsupported("no workbook part")
    strings = _shared_strings(archive, overrides.get(SHARED_STRINGS))
    dates = _date_styles(archive, names)
    folder, name = posixpath.split(workbook)
    rels = fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    targets = {}
    for rel in rels.iter(f"{PACKAGE_REL}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        targets[rel.get("Id")] = (rel.get("Type", ""), target[1:] if target.startswith("/") else
                                  posixpath.normpath(posixpath.join(folder, target)))
    result = []
    for sheet in fromstring(archive.read(workbook)).iter(f"{MAIN}sheet"):
        kind, target = targets[sheet.get(f"{REL}id")]
        if target not in names or "chartsheet" in kind:
            continue
        result.append((sheet.get("name"), _rows(archive, target, strings, dates)))
    return result


def _text(node) -> str:
    """The text of a shared or inline string (``<t>`` and the ``<t>`` of each run; phonetic runs left out)."""
    plain = node.find(f"{MAIN}t")
    parts = [plain.text or ""] if plain is not None else []
    parts += [(run.find(f"{MAIN}t").text or "") for run in node.findall(f"{MAIN}r") if run.find(f"{MAIN}t") is not None]
    text = "".join(parts)
    if ESCAPE.search(text):
        raise Unsupported("escaped characters")
    return text


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    """The shared string table (empty when the workbook has none)."""
    if not part:
        return []
    return [_text(si).replace("x005F_", "") for si in fromstring(archive.read(part[1:])).iter(f"{MAIN}si")]


def _date_styles(archive: zipfile.ZipFile, names: set[str]) -> frozenset[int]:
    """Indexes of the cell styles whose number format is (or may be) a date: a number there is left to openpyxl."""
    if "xl/styles.xml" not in names:
        return frozenset()
    styles = fromstring(archive.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")) for f in styles.iter(f"{MAIN}numFmt")}
    xfs = styles.find(f"{MAIN}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(index for index, xf in enumerate(xfs.findall(f"{MAIN}xf"))
                     if int(xf.get("numFmtId", 0)) in DATE_FORMAT_IDS | custom)


def _rows(archive: zipfile.ZipFile, part: str, strings: list[str], dates: frozenset[int]) -> Iterator[tuple]:
    """The rows of one worksheet as openpyxl's read-only ``iter_rows(values_only=True)`` yields them."""
    counter = 1
    number = 0
    with archive.open(part) as source:
        for _event, element in iterparse(source):
            if element.tag != f"{MAIN}row":
                continue
            number = _row_number(element.get("r"), number)
            cells = _cells(element, number, strings, dates)
            element.clear()
            for _ in range(counter, number):
                counter += 1
                yield []
            if counter <= number:
                counter += 1
                yield _padded(cells)


def _row_number(raw: str | None, previous: int) -> int:
    """A row's number: its ``r`` attribute, else one more than the previous row's."""
    if raw is None:
        return previous + 1
    value = float(raw)
    if not value.is_integer():
        raise Unsupported("row number")
    return int(value)


def _cells(row, number: int, strings: list[str], dates: frozenset[int]) -> list[tuple[int, Any]]:
    """``(column, value)`` of every cell of a row element."""
    cells = []
    column = 0
    for cell in row:
        coordinate = cell.get("r")
        if coordinate:
            match = CELL.match(coordinate)
            if match is None:
                raise Unsupported("cell reference")
            column = _column(match.group(1))
        else:
            column += 1
        cells.append((column, _value(cell, strings, dates)))
    return cells


def _column(letters: str) -> int:
    """``A`` -> 1, ``AB`` -> 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _value(cell, strings: list[str], dates: frozenset[int]) -> Any:
    """A cell's value as openpyxl gives it with ``data_only=True`` (a formula's cached result)."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        child = cell.find(f"{MAIN}is")
        return _text(child) if child is not None else None
    value = cell.findtext(f"{MAIN}v") or None
    if value is None:
        return None
    if kind == "n":
        if int(cell.get("s") or 0) in dates:
            raise Unsupported("a date")
        return float(value) if "." in value or "E" in value or "e" in value else int(value)
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind in ("str", "e"):
        return value
    raise Unsupported(f"cell type {kind}")


def _padded(cells: list[tuple[int, Any]]) -> tuple:
    """The row as a tuple from column 1 to its last cell's column, gaps as None (openpyxl's ``_get_row``)."""
    if not cells:
        return ()
    width = cells[-1][0]
    row = [None] * width
    for column, value in cells:
        if 1 <= column <= width:
            row[column - 1] = value
    return tuple(row)
