"""Documents opened from a template read once per process save as python-docx's own, and never share changes."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.api import _default_docx_path
from docx.shared import RGBColor

from builder.render.docx.package import open_document, reuse_styles
from builder.render.handouts import TEMPLATE as HANDOUT
from builder.resources import template_path

TEMPLATES = [template_path(name) for name in ("handout.docx", "quiz.docx", "agenda.docx", "certificate.docx")]


def saved(document) -> dict[str, bytes]:
    """Every entry of the saved document, by name."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def recolour(document, colour: str) -> None:
    """A change to the styles only: the title style's colour."""
    document.styles["Title"].font.color.rgb = RGBColor.from_string(colour)


@pytest.mark.parametrize("path", [*TEMPLATES, None], ids=[p.name for p in TEMPLATES] + ["python-docx default"])
def test_an_untouched_document_saves_as_python_docx_saves_it(path):
    ours = open_document(str(path) if path else None)
    theirs = docx.Document(str(path) if path else None)
    assert saved(ours) == saved(theirs)
    assert saved(open_document(str(path) if path else None)) == saved(theirs)  # the second opening, from the cache


def test_changes_to_one_document_never_reach_the_next(tmp_path):
    first = open_document(str(HANDOUT))
    first.add_paragraph("hanya di dokumen pertama")
    recolour(first, "C00000")
    first.part.numbering_part.element.add_num(1)
    changed = saved(first)
    second = open_document(str(HANDOUT))
    assert "hanya di dokumen pertama" not in [p.text for p in second.paragraphs]
    assert second.styles["Title"].font.color.rgb != RGBColor.from_string("C00000")
    assert saved(second) == saved(docx.Document(str(HANDOUT)))
    assert changed != saved(second)


def test_a_used_part_saves_as_parsed_and_an_unused_one_as_python_docx_would():
    untouched, read = open_document(str(HANDOUT)), open_document(str(HANDOUT))
    assert read.styles["Heading 1"].name == "Heading 1"  # parses the styles part of this document only
    assert saved(untouched) == saved(read) == saved(docx.Document(str(HANDOUT)))


def test_a_changed_template_file_is_read_again(tmp_path):
    copy = tmp_path / "template.docx"
    shutil.copy(HANDOUT, copy)
    assert saved(open_document(str(copy))) == saved(docx.Document(str(copy)))
    shutil.copy(template_path("quiz.docx"), copy)  # another file under the same name (other size)
    assert saved(open_document(str(copy))) == saved(docx.Document(str(copy)))


def test_reused_style_changes_give_what_the_change_gives_each_time():
    for colour in ("1F4E79", "C00000", "1F4E79", "C00000"):
        ours = open_document(str(HANDOUT))
        reuse_styles(ours, HANDOUT, f"test-colour:{colour}", lambda document, c=colour: recolour(document, c))
        theirs = docx.Document(str(HANDOUT))
        recolour(theirs, colour)
        assert saved(ours) == saved(theirs)
        assert ours.styles["Title"].font.color.rgb == RGBColor.from_string(colour)


def test_styles_already_parsed_are_changed_in_place(tmp_path):
    document = open_document(str(HANDOUT))
    document.styles["Quote"].font.italic = False  # parsed and changed before the reusable change
    reuse_styles(document, HANDOUT, "test-colour:00B050", lambda d: recolour(d, "00B050"))
    assert document.styles["Quote"].font.italic is False
    assert document.styles["Title"].font.color.rgb == RGBColor.from_string("00B050")


def test_the_default_template_is_python_docx_s():
    assert Path(_default_docx_path()).is_file()
    assert [p.text for p in open_document().paragraphs] == [p.text for p in docx.Document().paragraphs]
