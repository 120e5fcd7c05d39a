"""Where slide text is fitted: how much room text needs, and which size or split of it fits a box.

The one fitting API of the decks. Paragraphs (:class:`~builder.render.pptx.text.Para`, or anything
with ``line()``, ``sized()`` and ``keep_with_next``) are measured with :func:`height`, sized with
:func:`first_fitting` and spread over continuation slides with :func:`split`; tables use
:func:`column_widths`, :func:`row_height` and :func:`partition`. Everything here is pure
computation on text and box sizes: validating a workshop runs it without writing any pptx XML.

Glyph widths are the real advance widths of Carlito, which has the metrics of Calibri (the
deck's font), from the table in :mod:`builder.render.pptx.metrics`; a character outside the table is
taken by class (0.62 em for a capital, 0.5 em otherwise). A small safety margin
(:data:`WIDTH_MARGIN`, 1 %) covers kerning and renderer rounding: on 80 paragraphs of module
text at 14–24 pt in boxes 300–800 pt wide, LibreOffice wrapped 78 exactly as estimated and 2 onto
one line fewer (none onto more). Words wrap greedily at the width of the text area, and a
line is 1.22 em high (Carlito's ascent, descent and line gap) times the paragraph's line
spacing. Everything is in points; EMU values from python-pptx are converted with :func:`pt`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from builder.render.pptx.metrics import table

if TYPE_CHECKING:  # paragraphs are duck-typed here; text.py imports this module
    from builder.render.pptx.text import Para

GLYPH_EM = 0.5  # glyph width assumed for characters outside the metrics table, in em
WIDTH_MARGIN = 1.01  # widths stretched by 1 % for kerning and rounding in PowerPoint
REGULAR, BOLD = table("regular"), table("bold")
LINE_EM = 1.22  # single line height, in em
EMU_PER_PT = 12700
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom: PowerPoint's 0.1 in / 0.05 in


def pt(emu: int | float) -> float:
    """Convert EMU to points."""
    return float(emu) / EMU_PER_PT


@dataclass(frozen=True)
class Box:
    """The text area of a shape: outer size and insets, in points."""

    width: float
    height: float
    insets: tuple[float, float, float, float] = DEFAULT_INSETS

    @property
    def inner_width(self) -> float:
        """Width available for text."""
        return self.width - self.insets[0] - self.insets[2]

    @property
    def inner_height(self) -> float:
        """Height available for text."""
        return self.height - self.insets[1] - self.insets[3]


@dataclass(frozen=True)
class Line:
    """One paragraph as the estimator sees it."""

    text: str
    size: float  # font size in points
    indent: float = 0.0  # left margin of the wrapped lines, in points
    space_before: float = 0.0  # points
    spacing: float = 1.0  # line spacing as a multiple of single spacing
    bold: bool = False  # set in bold throughout (bold glyphs are a little wider)


def char_em(char: str, bold: bool = False) -> float:
    """Width of one character, in em (Carlito's advance width, stretched by :data:`WIDTH_MARGIN`)."""
    width = (BOLD if bold else REGULAR).get(char)
    if width is None:
        return 0.62 if char.isupper() else GLYPH_EM
    return width / 1000 * WIDTH_MARGIN


class _CharWidths(dict):
    """:func:`char_em` of each character met so far, for one weight (looked up instead of computed again)."""

    def __init__(self, bold: bool) -> None:
        super().__init__()
        self.bold = bold

    def __missing__(self, char: str) -> float:
        width = self[char] = char_em(char, self.bold)
        return width


_CHAR_WIDTHS = (_CharWidths(False), _CharWidths(True))


@lru_cache(maxsize=65536)
def text_em(text: str, bold: bool = False) -> float:
    """Width of ``text`` on one line, in em (the same sum, in the same order, as adding up :func:`char_em`)."""
    return sum(map(_CHAR_WIDTHS[1 if bold else 0].__getitem__, text))


_BLANKS = re.compile(r"[ \t\n\r\f\v]+")  # what separates words (a no-break space joins them)


@lru_cache(maxsize=16384)
def _measured_words(text: str, bold: bool = False) -> tuple[tuple[tuple[float, str], ...], ...]:
    """The words of each line of ``text`` (split at newlines) with their widths in em, measured once."""
    return tuple(tuple((text_em(word, bold), word) for word in _BLANKS.split(part.strip(" \t")) if word)
                 for part in text.split("\n"))


def wrapped_lines(text: str, width_em: float, bold: bool = False) -> int:
    """Number of lines ``text`` takes when words wrap greedily on lines ``width_em`` em wide."""
    space = char_em(" ", bold)
    total = 0
    for words in _measured_words(text, bold):  # a text is tried at several sizes: its words are measured once
        lines, used = 1, 0.0
        for width, word in words:
            if used and used + space + width <= width_em:
                used += space + width
                continue
            if used:
                lines += 1
                used = 0.0
            if width <= width_em:
                used = width
                continue
            for char in word:  # a word longer than a line breaks anywhere
                glyph = char_em(char, bold)
                if used + glyph > width_em and used:
                    lines += 1
                    used = 0.0
                used += glyph
        total += lines
    return total


def line_height(size: float, spacing: float = 1.0) -> float:
    """Height of one line of text of ``size`` points."""
    return size * LINE_EM * spacing


@lru_cache(maxsize=65536)
def paragraph_height(line: Line, width: float) -> float:
    """Height of one paragraph in a text area ``width`` points wide, including its space before."""
    count = wrapped_lines(line.text, (width - line.indent) / line.size, line.bold)
    return line.space_before + count * line_height(line.size, line.spacing)


def text_height(lines: Iterable[Line], width: float) -> float:
    """Height of several paragraphs stacked in a text area ``width`` points wide."""
    return sum(paragraph_height(line, width) for line in lines)


def partition(heights: Sequence[float], capacity: float, max_items: int | None = None,
              count: int | None = None) -> list[list[int]] | None:
    """Split items of the given heights into as few consecutive groups as fit ``capacity``, balanced.

    Returns lists of item indexes, or None when a single item is taller than ``capacity``.
    Groups are balanced by height (the sum of squared group heights is smallest), so a list is
    never split after its first item when an even split fits: 30 equal items that need four
    slides give 8, 8, 7, 7 rather than 9, 9, 9, 3. ``count`` asks for that many groups (when
    there are enough items and it is not fewer than needed), e.g. to give two columns the same
    number of slides.
    """
    if any(h > capacity for h in heights):
        return None
    if not heights:
        return []
    limit = max_items or len(heights)
    needed = len(_greedy(heights, capacity, limit))
    wanted = min(max(count or needed, needed), len(heights))
    for groups_count in range(wanted, len(heights) + 1):
        groups = _balanced(heights, groups_count, capacity, limit)
        if groups is not None:
            return groups
    return _greedy(heights, capacity, limit)  # pragma: no cover - one item a group always fits


def _balanced(heights: Sequence[float], count: int, capacity: float, limit: int) -> list[list[int]] | None:
    """``count`` consecutive groups within ``capacity`` and ``limit`` items whose squared heights sum least.

    On a tie the earlier groups are the larger ones. Returns None when no such split exists.
    """
    total = len(heights)
    prefix = [0.0]
    for height in heights:
        prefix.append(prefix[-1] + height)
    infinity = float("inf")
    cost = [[infinity] * (total + 1) for _ in range(count + 1)]
    choice = [[0] * (total + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for groups in range(1, count + 1):
        for end in range(groups, total + 1):
            for start in range(max(groups - 1, end - limit), end):
                size = prefix[end] - prefix[start]
                if size > capacity + 1e-9 or cost[groups - 1][start] == infinity:
                    continue
                value = cost[groups - 1][start] + size * size
                if value <= cost[groups][end] + 1e-9:  # later start: smaller last group on ties
                    cost[groups][end], choice[groups][end] = value, start
    if cost[count][total] == infinity:
        return None
    result, end = [], total
    for groups in range(count, 0, -1):
        start = choice[groups][end]
        result.append(list(range(start, end)))
        end = start
    return result[::-1]


def _greedy(heights: Sequence[float], capacity: float, max_items: int) -> list[list[int]]:
    """Fill groups in order until the next item would exceed ``capacity`` or ``max_items``."""
    groups: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for index, height in enumerate(heights):
        if current and (used + height > capacity or len(current) >= max_items):
            groups.append(current)
            current, used = [], 0.0
        current.append(index)
        used += height
    if current:
        groups.append(current)
    return groups


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], total: float,
                  minimum: float = 72.0) -> list[float]:
    """Share ``total`` points among table columns by the square root of their longest text."""
    weights = []
    for index, header in enumerate(columns):
        longest = max([len(header)] + [len(row[index]) for row in rows])
        weights.append(math.sqrt(max(longest, 4)))
    widths = [total * w / sum(weights) for w in weights]
    short = [i for i, w in enumerate(widths) if w < minimum]
    if short and minimum * len(columns) <= total:
        spare = total - minimum * len(short)
        rest = sum(weights[i] for i in range(len(columns)) if i not in short)
        widths = [minimum if i in short else spare * weights[i] / rest for i in range(len(columns))]
    return widths


def row_height(cells: Sequence[str], widths: Sequence[float], size: float,
               margins: tuple[float, float, float, float] = DEFAULT_INSETS) -> float:
    """Height of a table row whose cells hold ``cells`` in columns of ``widths`` points."""
    tallest = 0.0
    for text, width in zip(cells, widths):
        inner = width - margins[0] - margins[2]
        lines = wrapped_lines(text, inner / size)
        tallest = max(tallest, lines * line_height(size))
    return tallest + margins[1] + margins[3]


# ---------------------------------------------------------------- fitting paragraphs into boxes

def height(paras: Sequence["Para"], box: Box) -> float:
    """Estimated height of the paragraphs in ``box``, in points."""
    return text_height([p.line() for p in paras], box.inner_width)


def fits(paras: Sequence["Para"], box: Box) -> bool:
    """True when the paragraphs fit into ``box``."""
    return height(paras, box) <= box.inner_height


def scaled(paras: Sequence["Para"], size: float) -> list["Para"]:
    """The paragraphs resized so that the first is ``size`` points (the others keep their proportion)."""
    return [p.sized(size * p.size / paras[0].size) for p in paras] if paras else []


def first_fitting(paras: Sequence["Para"], box: Box, sizes: Sequence[float]) -> list["Para"] | None:
    """The paragraphs at the largest of ``sizes`` that fits ``box`` (None if none does)."""
    try:
        found = _first_fitting_remembered(tuple(paras), box, tuple(sizes))
    except TypeError:  # a paragraph that cannot be hashed: fit it without remembering
        return _first_fitting(paras, box, sizes)
    return list(found) if found is not None else None


@lru_cache(maxsize=8192)
def _first_fitting_remembered(paras: tuple, box: Box, sizes: tuple) -> tuple | None:
    """:func:`_first_fitting` remembered: each curriculum lays out the same module texts in the same boxes."""
    found = _first_fitting(paras, box, sizes)
    return tuple(found) if found is not None else None


def _first_fitting(paras: Sequence["Para"], box: Box, sizes: Sequence[float]) -> list["Para"] | None:
    """The paragraphs at the largest of ``sizes`` that fits ``box`` (None if none does), computed."""
    for size in sizes:
        candidate = scaled(paras, size)
        if fits(candidate, box):
            return candidate
    return None


class NoRoom(Exception):
    """Raised by :func:`split` when paragraph ``index`` does not fit an empty box at the smallest size."""

    def __init__(self, index: int, characters: int, size: float) -> None:
        super().__init__(index)
        self.index, self.characters, self.size = index, characters, size


def split(paras: Sequence["Para"], box: Box, sizes: Sequence[float], max_items: int | None = None,
          count: int | None = None) -> tuple[list["Para"], list[list[int]]]:
    """All paragraphs on one box at the largest fitting size, or balanced groups at the smallest size.

    Returns the resized paragraphs and the groups of their indexes (one group per slide); raises
    :class:`NoRoom` when one paragraph is too tall for the box on its own. A paragraph marked
    ``keep_with_next`` stays on the slide of the paragraph after it.
    """
    try:
        chosen, groups = _split_remembered(tuple(paras), box, tuple(sizes), max_items, count)
    except TypeError:  # a paragraph that cannot be hashed: split it without remembering
        return _split(paras, box, sizes, max_items, count)
    return list(chosen), [list(group) for group in groups]


@lru_cache(maxsize=4096)
def _split_remembered(paras: tuple, box: Box, sizes: tuple, max_items: int | None,
                      count: int | None) -> tuple[tuple, tuple[tuple[int, ...], ...]]:
    """:func:`_split` remembered (a :class:`NoRoom` is raised again each time: errors are not remembered)."""
    chosen, groups = _split(paras, box, sizes, max_items, count)
    return tuple(chosen), tuple(tuple(group) for group in groups)


def _split(paras: Sequence["Para"], box: Box, sizes: Sequence[float], max_items: int | None = None,
           count: int | None = None) -> tuple[list["Para"], list[list[int]]]:
    """:func:`split`, computed."""
    limit = max_items or len(paras)
    if not count or count <= 1:
        for size in sizes:
            candidate = scaled(paras, size)
            if len(candidate) <= limit and fits(candidate, box):
                return candidate, [list(range(len(candidate)))]
    smallest = scaled(paras, sizes[-1])
    units: list[list[int]] = []
    for index, para in enumerate(smallest):
        if units and smallest[units[-1][-1]].keep_with_next:
            units[-1].append(index)
        else:
            units.append([index])
    heights = [sum(paragraph_height(smallest[i].line(), box.inner_width) for i in unit) for unit in units]
    groups = partition(heights, box.inner_height, limit, count)
    if groups is None:
        worst = max(range(len(heights)), key=heights.__getitem__)
        index = units[worst][-1]
        raise NoRoom(index, len(smallest[index].line().text), sizes[-1])
    return smallest, [[i for unit in group for i in units[unit]] for group in groups]


def group_paras(paras: Sequence["Para"], group: Sequence[int]) -> list["Para"]:
    """The paragraphs of one group, the first without space before it."""
    items = [paras[i] for i in group]
    return [replace(items[0], space_before=0)] + items[1:] if items else []


def paired_pages(left: list["Para"], right: list["Para"], boxes: Sequence[Box],
                 size: float) -> list[tuple[list["Para"], list["Para"]]] | None:
    """Before/after paragraphs that correspond one to one, split so that each pair stays side by side."""
    a, b = scaled(left, size), scaled(right, size)
    heights = [max(paragraph_height(x.line(), boxes[0].inner_width) / boxes[0].inner_height,
                   paragraph_height(y.line(), boxes[1].inner_width) / boxes[1].inner_height)
               for x, y in zip(a, b)]
    groups = partition(heights, 1.0)
    if groups is None:
        return None
    return [(group_paras(a, group), group_paras(b, group)) for group in groups]


# ---------------------------------------------------------------- reading shapes back

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def frame_lines(text_frame, default_size: float = 18.0) -> list[Line]:
    """The paragraphs of a python-pptx text frame as :class:`Line` objects (sizes from runs or pPr)."""
    lines = []
    for paragraph in text_frame.paragraphs:
        p_pr = paragraph._p.pPr
        pieces = [child for child in paragraph._p if child.tag in (f"{A}r", f"{A}fld")]  # runs and fields
        sizes = [int(r_pr.get("sz")) / 100 for child in pieces for r_pr in child.findall(f"{A}rPr")
                 if r_pr.get("sz")]
        size = max(sizes) if sizes else default_size
        indent = pt(int(p_pr.get("marL", "0"))) if p_pr is not None else 0.0
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        spacing = paragraph.line_spacing if isinstance(paragraph.line_spacing, float) else 1.0
        text = "".join(child.findtext(f"{A}t") or "" for child in pieces)
        bold = bool(pieces) and all(r_pr.get("b") == "1" for child in pieces for r_pr in child.findall(f"{A}rPr")) \
            and all(child.find(f"{A}rPr") is not None for child in pieces)
        lines.append(Line(text.replace("\v", "\n").replace("\t", "    "), size, indent, before, spacing, bold))
    return lines


def shape_box(shape) -> Box:
    """The :class:`Box` of a shape, with the insets written on it (or PowerPoint's defaults)."""
    frame = shape.text_frame
    insets = (pt(frame.margin_left), pt(frame.margin_top), pt(frame.margin_right), pt(frame.margin_bottom))
    return Box(pt(shape.width), pt(shape.height), insets)


def shape_fits(shape) -> tuple[float, float]:
    """(estimated text height, available height) of a text shape, in points."""
    box = shape_box(shape)
    return text_height(frame_lines(shape.text_frame), box.inner_width), box.inner_height
