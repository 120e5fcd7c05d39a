"""The cached python-docx style lookup gives the same style ids as python-docx's own scan."""

from __future__ import annotations

import io
import warnings
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from builder.render.docx import util


def test_named_styles_resolve_to_the_same_ids_as_the_uncached_lookup():
    document = docx.Document()
    part = document.part
    for name, kind in (("Heading 1", WD_STYLE_TYPE.PARAGRAPH), ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
                       ("Normal", WD_STYLE_TYPE.PARAGRAPH), ("Table Grid", WD_STYLE_TYPE.TABLE)):
        expected = util._ORIGINAL_GET_STYLE_ID(part, name, kind)
        assert part.get_style_id(name, kind) == expected
        assert part.get_style_id(name, kind) == expected  # second answer comes from the cache
    paragraph = document.add_paragraph(style="Heading 2")
    assert paragraph.style.name == "Heading 2"
    assert paragraph._p.pPr.pStyle.val == "Heading2"


def test_each_document_has_its_own_cache_and_style_objects_bypass_it():
    first, second = docx.Document(), docx.Document()
    first.add_paragraph(style="Title")
    assert "_workshop_style_ids" not in second.part.__dict__
    style = second.styles["Quote"]
    assert second.add_paragraph(style=style).style.name == "Quote"


def test_a_wrong_style_type_still_raises_every_time():
    document = docx.Document()
    for _ in range(2):
        try:
            document.part.get_style_id("Table Grid", WD_STYLE_TYPE.PARAGRAPH)
        except ValueError:
            continue
        raise AssertionError("a table style was accepted as a paragraph style")


def test_an_unknown_name_is_not_cached_as_found():
    document = docx.Document()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            document.add_paragraph(style="No Such Style")
        except KeyError:
            pass
    assert ("No Such Style", WD_STYLE_TYPE.PARAGRAPH) not in document.part.__dict__.get("_workshop_style_ids", {})


def test_block_width_is_the_last_section_s_text_width():
    from docx.shared import Cm

    document = docx.Document()
    assert document._block_width == util._ORIGINAL_BLOCK_WIDTH.fget(document)
    util.set_a4(document, margins_cm=1.8)
    section = document.add_section()  # the body's own section properties stay last
    section.left_margin = Cm(3)
    assert document._block_width == util._ORIGINAL_BLOCK_WIDTH.fget(document)
    assert document.add_table(rows=1, cols=1)._tbl.tblGrid.gridCol_lst[0].w == document._block_width
    document.element.body.append(docx.oxml.OxmlElement("w:p"))  # a body not closed by its w:sectPr: the XPath search
    assert document._block_width == util._ORIGINAL_BLOCK_WIDTH.fget(document)


def reference_keep_headings(document, follow_chars: int = 160) -> None:
    """keep_headings as written with ElementPath and a regular expression."""
    import re

    from docx.oxml.ns import qn

    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or not re.match(r"(Heading|Judul|Title)", style.get(qn("w:val"), "")):
            continue
        util._keep_next(paragraph)
        following = paragraph.getnext()
        if following is not None and following.tag == qn("w:p"):
            text = "".join(t.text or "" for t in following.iter(qn("w:t")))
            if text.strip() and len(text) <= follow_chars:
                util._keep_next(following)


def test_keep_headings_marks_what_the_regular_expression_version_marks():
    from lxml import etree

    documents = [docx.Document(), docx.Document()]
    for document in documents:
        document.add_paragraph("Judul", style="Title")
        document.add_paragraph("baris pendek di bawah judul")
        document.add_paragraph("Bab", style="Heading 1")
        document.add_paragraph("x" * 200)
        document.add_paragraph("Sub", style="Heading 2")
        document.add_paragraph("Sub", style="Heading 3")
        document.add_paragraph("biasa", style="Normal")
        document.add_paragraph("", style="Heading 1")
        cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
        cell.paragraphs[0].style = document.styles["Heading 2"]
        cell.add_paragraph("isi sel")
        document.add_paragraph("kutipan", style="Quote")
    util.keep_headings(documents[0])
    reference_keep_headings(documents[1])
    first, second = (etree.tostring(d.element.body) for d in documents)
    assert first == second
    assert first.count(b"<w:keepNext/>") >= 7


EFFECTS = "word/stylesWithEffects.xml"


def test_drop_styles_with_effects_removes_the_part_its_relationship_and_its_content_type():
    document = docx.Document()
    before = io.BytesIO()
    document.save(before)
    assert EFFECTS in zipfile.ZipFile(before).namelist()  # python-docx's default template has it
    util.drop_styles_with_effects(document)
    document.add_paragraph("Sambutan", style="Heading 1")
    after = io.BytesIO()
    document.save(after)
    with zipfile.ZipFile(after) as package:
        assert EFFECTS not in package.namelist()
        assert b"stylesWithEffects" not in package.read("[Content_Types].xml")
        assert b"stylesWithEffects" not in package.read("word/_rels/document.xml.rels")
        kept = {name for name in zipfile.ZipFile(before).namelist() if name != EFFECTS}
        assert set(package.namelist()) == kept
    assert docx.Document(after).paragraphs[-1].style.name == "Heading 1"


@pytest.mark.parametrize("name", ["agenda", "certificate", "handout", "quiz"])
def test_the_bundled_templates_carry_no_styles_with_effects(name):
    from builder.resources import template_path

    path = template_path(f"{name}.docx")
    with zipfile.ZipFile(path) as package:
        assert EFFECTS not in package.namelist()
        assert "word/styles.xml" in package.namelist()
        assert b"stylesWithEffects" not in package.read("[Content_Types].xml")
    assert docx.Document(str(path)).styles["Normal"] is not None
