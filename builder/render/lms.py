"""LMS exports of the question banks: Moodle XML and GIFT, one category per module.

Every item carries tags for the pools it belongs to (``pretest``, ``posttest``) and the
explanation as general feedback. Ordering items are exported as Moodle *matching* questions
(item -> position) because ordering is not a core question type in every Moodle release.
"""

from __future__ import annotations

import html

from lxml import etree

from builder.domain.questions import kind_of
from builder.model.workshop import Workshop


def _html(text: str) -> str:
    """Text as an HTML fragment (escaped), for Moodle's ``format="html"`` fields."""
    return "<p>" + html.escape(text, quote=False) + "</p>"


def _text_element(parent, tag: str, text: str, as_html: bool = True, **attributes) -> etree._Element:
    """``<tag format="html"><text><![CDATA[...]]></text></tag>``."""
    element = etree.SubElement(parent, tag, **attributes)
    if as_html:
        element.set("format", "html")
    inner = etree.SubElement(element, "text")
    value = _html(text) if as_html else text
    inner.text = etree.CDATA(value.replace("]]>", "]]&gt;")) if as_html else value
    return element


def _pool_tags(pool: str) -> list[str]:
    return {"pre": ["pretest"], "post": ["posttest"], "both": ["pretest", "posttest"]}[pool]


def _question(parent, module_id: str, q) -> None:
    """Append one question element of the right Moodle type."""
    kind = kind_of(q)
    element = etree.SubElement(parent, "question", type=kind.moodle_type)
    _text_element(element, "name", f"{module_id}/{q.id}", as_html=False)
    _text_element(element, "questiontext", q.question)
    _text_element(element, "generalfeedback", q.explanation)
    etree.SubElement(element, "defaultgrade").text = str(q.points)
    etree.SubElement(element, "penalty").text = "0"
    etree.SubElement(element, "hidden").text = "0"
    etree.SubElement(element, "idnumber").text = f"{module_id}/{q.id}"
    kind.moodle(q, element, _text_element)
    tags = etree.SubElement(element, "tags")
    for tag in _pool_tags(q.pool) + [f"objective-{q.objective}", f"difficulty-{q.difficulty}"]:
        etree.SubElement(etree.SubElement(tags, "tag"), "text").text = tag


def moodle_export(workshop: Workshop) -> str:
    """Moodle XML of every module's question bank, one category per module."""
    quiz = etree.Element("quiz")
    for module in workshop.modules.values():
        category = etree.SubElement(quiz, "question", type="category")
        etree.SubElement(etree.SubElement(category, "category"), "text").text = (
            f"$course$/top/{workshop.curriculum.short_title or workshop.id}/{module.title}")
        for q in module.quiz:
            _question(quiz, module.id, q)
    return etree.tostring(quiz, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


GIFT_SPECIAL = "~=#{}:\\"


def gift_escape(text: str) -> str:
    """Escape GIFT's control characters with a backslash and flatten line breaks."""
    text = " ".join(text.split())
    return "".join("\\" + c if c in GIFT_SPECIAL else c for c in text)


def _gift_html(text: str) -> str:
    return gift_escape(html.escape(text, quote=False))


def _gift_question(module_id: str, q) -> str:
    """One GIFT question (``::name::[html]text{answers}``)."""
    head = f"::{gift_escape(module_id + '/' + q.id)}::[html]{_gift_html(q.question)}"
    feedback = f"####{_gift_html(q.explanation)}"
    return f"{head} {{{kind_of(q).gift(q, _gift_html)} {feedback}}}"


def gift_export(workshop: Workshop) -> str:
    """GIFT text of every module's question bank, with a ``$CATEGORY`` line per module."""
    lines: list[str] = []
    for module in workshop.modules.values():
        lines.append(f"$CATEGORY: $course$/top/{gift_escape(workshop.curriculum.short_title or workshop.id)}/"
                     f"{gift_escape(module.title)}")
        lines.append("")
        for q in module.quiz:
            lines.append(f"// {q.type}, pool {q.pool}, objective {q.objective}")
            lines.append(_gift_question(module.id, q))
            lines.append("")
    return "\n".join(lines)
