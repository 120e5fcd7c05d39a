"""Parse the Markdown subset of rich text fields into a small, format-neutral block model.

Rich fields in module YAML (section bodies, instructions, context, marking ...) accept
paragraphs, ``**bold**``, ``*italic*``, ``[links](https://...)``, ``- `` bullet lists and
``1. `` numbered lists. :func:`parse` turns such text into :class:`Paragraph` and
:class:`ListBlock` objects holding :class:`Span` runs; renderers (docx, pptx, notebooks) walk
that model instead of Markdown. Raw HTML is never interpreted: ``<Tbk>`` stays literal text.
:func:`plain_text` gives the same text without any markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting: bold, italic, inline code and/or a link target."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""

    def same_format(self, other: "Span") -> bool:
        """True when ``other`` is formatted exactly like this span."""
        return (self.bold, self.italic, self.code, self.href) == (other.bold, other.italic, other.code, other.href)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of spans; ``heading`` is 1-6 for a Markdown heading, ``quote`` marks a block quote."""

    spans: tuple[Span, ...]
    heading: int = 0
    quote: bool = False
    code: bool = False

    @property
    def text(self) -> str:
        """The paragraph's text without formatting."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class ListBlock:
    """A bullet or numbered list; every item is a tuple of blocks (paragraphs, nested lists)."""

    ordered: bool
    items: tuple[tuple["Block", ...], ...]
    start: int = 1


Block = Union[Paragraph, ListBlock]


@dataclass
class _Style:
    """The formatting in force while walking inline nodes."""

    bold: bool = False
    italic: bool = False
    href: str = ""
    spans: list[Span] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark without raw HTML (so ``<b>`` stays text), without tables and code-fence surprises."""
    return MarkdownIt("commonmark", {"html": False, "typographer": False})


@lru_cache(maxsize=512)
def parse(text: str | None) -> tuple[Block, ...]:
    """Parse rich text into blocks; empty or ``None`` text gives no blocks."""
    if not text or not text.strip():
        return ()
    plain = _plain_blocks(text)
    return plain if plain is not None else _markdown_blocks(text)


def _markdown_blocks(text: str) -> tuple[Block, ...]:
    """The blocks of ``text`` as the Markdown parser reads them."""
    root = SyntaxTreeNode(_parser().parse(text))
    return tuple(_blocks(root))


_MARKUP_CHARS = re.compile(r"[*_\[\]<>&\\`~\t\r\0]")
_BLOCK_START = re.compile(r"[-+*>#=_~`]|\d+[.)]")


def _plain_blocks(text: str) -> tuple[Paragraph, ...] | None:
    """The paragraphs of ``text`` when it holds no Markdown syntax at all, else None (parse it as Markdown).

    Such text is lines without markup characters, edge whitespace or a line start that opens a
    block (list, heading, quote, rule, fence); blank lines separate paragraphs and a paragraph's
    lines join with a space, exactly what the parser gives, without its cost.
    """
    if _MARKUP_CHARS.search(text):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip(" "):
            paragraphs.append([])
        elif line != line.strip() or _BLOCK_START.match(line):
            return None
        else:
            paragraphs[-1].append(line)
    return tuple(Paragraph((Span(" ".join(lines)),)) for lines in paragraphs if lines)


@lru_cache(maxsize=2048)
def inline_spans(text: str | None) -> tuple[Span, ...]:
    """Parse one line of inline Markdown (bold, italic, code, links) into spans; block syntax stays text.

    A slide point such as ``1. Pembukaan`` keeps its ``1.``: only inline markup is read.
    """
    if not text:
        return ()
    root = SyntaxTreeNode(_parser().parseInline(text))
    return _inline(root)


def _blocks(node: SyntaxTreeNode, quote: bool = False) -> list[Block]:
    """Convert the block-level children of ``node``."""
    blocks: list[Block] = []
    for child in node.children:
        kind = child.type
        if kind == "paragraph":
            blocks.append(Paragraph(_inline(child), quote=quote))
        elif kind == "heading":
            blocks.append(Paragraph(_inline(child), heading=int(child.tag[1:]), quote=quote))
        elif kind in ("bullet_list", "ordered_list"):
            start = int(child.attrs.get("start", 1)) if kind == "ordered_list" else 1
            items = tuple(tuple(_blocks(item, quote)) for item in child.children)
            blocks.append(ListBlock(kind == "ordered_list", items, start))
        elif kind == "blockquote":
            blocks.extend(_blocks(child, quote=True))
        elif kind in ("fence", "code_block"):
            blocks.append(Paragraph((Span(child.content.rstrip("\n"), code=True),), quote=quote, code=True))
        elif kind == "html_block":  # pragma: no cover - html is disabled, kept for safety
            blocks.append(Paragraph((Span(child.content.rstrip("\n")),), quote=quote))
        # "hr" (a line of dashes) carries no text and is dropped
    return blocks


def _inline(node: SyntaxTreeNode) -> tuple[Span, ...]:
    """The spans of a paragraph or heading node (its single ``inline`` child)."""
    style = _Style()
    for child in node.children:
        _walk_inline(child, style)
    return _merge(style.spans)


def _walk_inline(node: SyntaxTreeNode, style: _Style) -> None:
    """Append the spans of one inline node and its children to ``style.spans``."""
    kind = node.type
    if kind == "inline":
        for child in node.children:
            _walk_inline(child, style)
    elif kind in ("text", "html_inline"):
        style.spans.append(Span(node.content, style.bold, style.italic, False, style.href))
    elif kind == "code_inline":
        style.spans.append(Span(node.content, style.bold, style.italic, True, style.href))
    elif kind == "softbreak":
        style.spans.append(Span(" ", style.bold, style.italic, False, style.href))
    elif kind == "hardbreak":
        style.spans.append(Span("\n", style.bold, style.italic, False, style.href))
    elif kind in ("strong", "em", "link"):
        saved = (style.bold, style.italic, style.href)
        if kind == "strong":
            style.bold = True
        elif kind == "em":
            style.italic = True
        else:
            style.href = str(node.attrs.get("href", ""))
        for child in node.children:
            _walk_inline(child, style)
        style.bold, style.italic, style.href = saved
    elif kind == "image":
        alt = "".join(c.content for c in node.children) or str(node.attrs.get("alt", ""))
        style.spans.append(Span(alt, style.bold, style.italic, False, style.href))
    else:  # an inline type this subset does not know: keep its text
        text = node.content if hasattr(node, "content") else ""
        if text:
            style.spans.append(Span(text, style.bold, style.italic, False, style.href))
        for child in node.children:
            _walk_inline(child, style)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans with the same formatting and drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].same_format(span):
            last = merged.pop()
            span = Span(last.text + span.text, span.bold, span.italic, span.code, span.href)
        merged.append(span)
    return tuple(merged)


def spans_text(spans: tuple[Span, ...], with_urls: bool = True) -> str:
    """Plain text of spans; a link whose text differs from its target gets `` (url)`` appended."""
    parts: list[str] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.href:
            label = ""
            while index < len(spans) and spans[index].href == span.href:
                label += spans[index].text
                index += 1
            parts.append(label)
            if with_urls and label.strip() != span.href:
                parts.append(f" ({span.href})")
            continue
        parts.append(span.text)
        index += 1
    return "".join(parts)


def blocks_text(blocks: tuple[Block, ...], with_urls: bool = True, indent: str = "") -> str:
    """Plain text of blocks: paragraphs separated by blank lines, list items as ``- x`` / ``1. x``."""
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            chunks.append(indent + spans_text(block.spans, with_urls))
        else:
            chunks.append("\n".join(_list_lines(block, with_urls, indent)))
    return "\n\n".join(chunks)


def _list_lines(block: ListBlock, with_urls: bool, indent: str) -> list[str]:
    """Lines of a list, nested lists indented by two spaces."""
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        first = True
        for child in item:
            if isinstance(child, Paragraph):
                text = spans_text(child.spans, with_urls)
                lines.append(f"{indent}{marker}{text}" if first else f"{indent}{' ' * len(marker)}{text}")
                first = False
            else:
                if first:
                    lines.append(f"{indent}{marker}".rstrip())
                    first = False
                lines.extend(_list_lines(child, with_urls, indent + " " * len(marker)))
    return lines


def plain_text(text: str | None, with_urls: bool = True) -> str:
    """The text of a rich field without Markdown markup (lists keep ``- `` / ``1. `` markers).

    >>> plain_text("Ini **penting** & <benar>.\\n\\n- satu\\n- dua")
    'Ini penting & <benar>.\\n\\n- satu\\n- dua'
    """
    return blocks_text(parse(text), with_urls)


def inline_text(text: str | None) -> str:
    """The text of a rich field on one line (paragraphs and list items joined by spaces)."""
    return " ".join(plain_text(text, with_urls=False).split())
