"""Slide paragraphs: the :class:`Para` model, rich text turned into paragraphs, and DrawingML writing.

Inline and block Markdown are read with the one shared parser, :mod:`builder.render.richtext`
(markdown-it); a :class:`Para` carries its text as (text, bold, italic) runs. :func:`write`
puts paragraphs into a python-pptx shape as DrawingML directly (lxml escapes the text).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from lxml import etree

from builder.render.pptx.fit import EMU_PER_PT, Box, Line
from builder.render.richtext import ListBlock, Paragraph, Span, inline_spans, parse

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
BULLET_INDENT = 25.2  # points (0.35 in)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Run = tuple[str, bool, bool]  # text, bold, italic


def clean(text: str) -> str:
    """Drop control characters that have no place in slide text."""
    return _CONTROL.sub("", text)


def spans_runs(spans: Sequence[Span]) -> tuple[Run, ...]:
    """(text, bold, italic) runs of parsed spans; links keep their text, empty spans are dropped."""
    return tuple((clean(span.text), span.bold, span.italic) for span in spans if span.text)


# Characters with which inline Markdown (CommonMark, raw HTML off) can read a text as other than itself:
# emphasis, code, links and images, autolinks, entities, escapes, line breaks, NUL and tabs. A text
# without any of them is one plain run, exactly what the parser gives (a test compares the two).
_INLINE_SYNTAX = re.compile(r"[*_\[\]<>&\\`~!\t\r\n\0]")


def runs(text: str) -> list[Run]:
    """Split inline markdown into (text, bold, italic) runs with the shared parser (plain text: one run, unparsed)."""
    if text and not _INLINE_SYNTAX.search(text):
        return [(clean(text), False, False)]
    return list(spans_runs(inline_spans(text)))


def inline_plain(text: str) -> str:
    """Inline markdown without its markers."""
    return "".join(t for t, _b, _i in runs(text))


@dataclass(frozen=True)
class Para:
    """A paragraph to put on a slide: inline-markdown text (or parsed runs) and its formatting."""

    text: str
    size: float
    bullet: bool = False
    bold: bool = False
    italic: bool = False
    align: str | None = None  # "l", "ctr" or "r"
    space_before: float = 0.0
    hang: float = 0.0  # hanging indent in points for "label<TAB>text" lines
    spacing: float = 1.0
    markup: bool = True  # False for curriculum values and labels: shown exactly as written
    keep_with_next: bool = False  # a heading: never the last paragraph of a slide
    lead: str = ""  # a bold label shown before the text, e.g. "Narasumber: "
    parsed: tuple[Run, ...] | None = None  # runs already parsed from a rich-text block (``text`` is then plain)

    @property
    def pieces(self) -> list[Run]:
        """The (text, bold, italic) runs of the paragraph."""
        if self.parsed is not None:
            body = list(self.parsed)
        elif self.markup:
            body = runs(self.text)
        else:
            body = [(clean(self.text), False, False)] if self.text else []
        return ([(clean(self.lead), True, False)] if self.lead else []) + body

    @property
    def indent(self) -> float:
        """Left margin of wrapped lines, in points."""
        return BULLET_INDENT if self.bullet else self.hang

    def line(self) -> Line:
        """The paragraph as the estimator sees it."""
        text, bold = _measured(self.text, self.markup, self.lead, self.parsed, self.bold)
        return Line(text, self.size, self.indent, self.space_before, self.spacing, bold)

    def sized(self, size: float) -> "Para":
        """The same paragraph at another size (spacing scales with it)."""
        if size == self.size:
            return self
        ratio = size / self.size
        return self._with(size=size, space_before=self.space_before * ratio)

    def _with(self, **changes) -> "Para":
        """``dataclasses.replace(self, **changes)`` without its per-field work (layout resizes thousands of these)."""
        para = object.__new__(Para)
        para.__dict__.update(self.__dict__, **changes)
        return para


@lru_cache(maxsize=16384)
def _measured(text: str, markup: bool, lead: str, parsed: tuple[Run, ...] | None, bold: bool) -> tuple[str, bool]:
    """The text the estimator measures (tabs as four spaces) and whether it is bold throughout."""
    pieces = Para(text, 1, markup=markup, lead=lead, parsed=parsed).pieces
    text = "".join(t for t, _b, _i in pieces)
    bold = bold or (bool(pieces) and all(b for t, b, _i in pieces if t.strip()))
    return text.replace("\t", "    "), bold


# ---------------------------------------------------------------- rich text to paragraphs

def rich_paras(markdown: str | None, size: float) -> list[Para]:
    """Paragraphs of a rich-text field: list items get a bullet, numbered items keep "N.<TAB>"."""
    paras: list[Para] = []
    for block in parse(markdown):
        _block_paras(block, size, paras)
    return paras


def _block_paras(block, size: float, out: list[Para]) -> None:
    """Append the paragraphs of one parsed block; nested lists are flattened."""
    if isinstance(block, Paragraph):
        out.append(_para(block.spans, size, space_before=10))
        return
    assert isinstance(block, ListBlock)
    for number, item in enumerate(block.items, start=block.start):
        first = True
        for child in item:
            if isinstance(child, Paragraph) and first:
                if block.ordered:
                    out.append(_para(block_spans(f"{number}.\t", child.spans), size, space_before=6,
                                     hang=BULLET_INDENT))
                else:
                    out.append(_para(child.spans, size, bullet=True, space_before=6))
                first = False
            else:
                _block_paras(child, size, out)


def block_spans(prefix: str, spans: Sequence[Span]) -> tuple[Span, ...]:
    """``spans`` with a plain ``prefix`` joined to the first span when that one is plain too."""
    head = Span(prefix)
    if spans and spans[0].same_format(head):
        return (Span(prefix + spans[0].text),) + tuple(spans[1:])
    return (head,) + tuple(spans)


def _para(spans: Sequence[Span], size: float, **formatting) -> Para:
    """A paragraph holding already parsed spans."""
    parsed = spans_runs(spans)
    return Para("".join(t for t, _b, _i in parsed), size, parsed=parsed, **formatting)


# ---------------------------------------------------------------- DrawingML

def a_child(parent, tag: str, **attributes) -> etree._Element:
    """Append a DrawingML child element."""
    return etree.SubElement(parent, f"{{{A}}}{tag}", **attributes)


def write(shape, paras: Sequence[Para], box: Box, lang: str = "id-ID") -> None:
    """Replace the text of the python-pptx ``shape`` with ``paras``; the insets of ``box`` are written on it."""
    write_sp(shape._element, paras, box, lang)


def write_sp(sp, paras: Sequence[Para], box: Box, lang: str = "id-ID") -> None:
    """Replace the text of the shape element ``sp`` (a ``p:sp``) with ``paras``, with the insets of ``box``.

    The insets are set as python-pptx's ``TextFrame.margin_*`` set them (a default inset is left
    out) and the paragraphs are written as DrawingML directly (lxml escapes the text): python-pptx's
    property setters are an order of magnitude slower for hundreds of slides.
    """
    from pptx.util import Emu

    body = sp.get_or_add_txBody()
    body_pr = body.bodyPr
    body_pr.lIns, body_pr.tIns, body_pr.rIns, body_pr.bIns = (Emu(int(round(v * EMU_PER_PT))) for v in box.insets)
    for old in body.findall(f"{{{A}}}p"):
        body.remove(old)
    for para in paras:
        _paragraph(a_child(body, "p"), para, lang)


def _paragraph(p, para: Para, lang: str) -> None:
    """Fill an empty ``a:p`` with the properties and runs of ``para`` (deep copies of prepared fragments)."""
    p.append(copy.deepcopy(_properties(para.indent, para.align, para.spacing, para.space_before, para.bullet,
                                       para.hang)))
    size = str(int(round(para.size * 100)))
    for text, bold, italic in para.pieces or [("", False, False)]:
        run = copy.deepcopy(_run(lang, size, para.bold or bold, para.italic or italic))
        run[1].text = text
        p.append(run)


@lru_cache(maxsize=512)
def _properties(indent: float, align: str | None, spacing: float, space_before: float, bullet: bool,
                hang: float) -> etree._Element:
    """The ``a:pPr`` of a paragraph format, built once (never changed: each paragraph gets a copy)."""
    emu = int(round(indent * EMU_PER_PT))
    p_pr = etree.Element(f"{{{A}}}pPr", marL=str(emu), indent=str(-emu))
    if align:
        p_pr.set("algn", align)
    a_child(a_child(p_pr, "lnSpc"), "spcPct", val=str(int(round(spacing * 100000))))
    a_child(a_child(p_pr, "spcBef"), "spcPts", val=str(int(round(space_before * 100))))
    if bullet:
        a_child(p_pr, "buFont", typeface="Arial")
        a_child(p_pr, "buChar", char="•")
    else:
        a_child(p_pr, "buNone")
    if hang:
        a_child(a_child(p_pr, "tabLst"), "tab", pos=str(emu), algn="l")
    return p_pr


@lru_cache(maxsize=512)
def _run(lang: str, size: str, bold: bool, italic: bool) -> etree._Element:
    """An ``a:r`` with its run properties and an empty ``a:t``, built once (each run gets a copy)."""
    run = etree.Element(f"{{{A}}}r")
    r_pr = a_child(run, "rPr", lang=lang, sz=size)
    if bold:
        r_pr.set("b", "1")
    if italic:
        r_pr.set("i", "1")
    a_child(run, "t")
    return run
