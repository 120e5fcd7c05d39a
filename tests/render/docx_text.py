"""Read .docx bytes back with python-docx for the handout, guide and handbook tests."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from builder.sources.project import load_workshop

ROOTS = Path(__file__).resolve().parent.parent / "roots"


def load_root(name: str, curriculum: str):
    """The checked workshop of ``tests/roots/<name>/curriculum/<curriculum>``."""
    workshop, report = load_workshop(ROOTS / name / "curriculum" / curriculum)
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


def open_docx(data: bytes):
    """A python-docx Document from bytes."""
    return Document(io.BytesIO(data))


def paragraphs(document) -> list:
    """Every paragraph of the body, including those inside (nested) tables, in document order."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def body_text(document) -> str:
    """All body text, one paragraph per line."""
    return "\n".join(p.text for p in paragraphs(document))


def headings(document, level: int) -> list[str]:
    """Texts of the paragraphs styled ``Heading <level>``."""
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]
