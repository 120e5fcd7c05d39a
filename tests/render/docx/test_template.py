"""WorkshopTemplate renders what docxtpl's DocxTemplate renders; Jinja sources compile once per process."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from docxtpl import DocxTemplate

from builder.render.agenda import jinja_env
from builder.render.docx.blocks import add_paragraph, add_text_run, data_table, heading
from builder.render.docx.template import WorkshopTemplate
from builder.render.docx.util import STYLES_WITH_EFFECTS, style_memo
from builder.render.handouts import TEMPLATE
from builder.write.output import normalize_zip

CONTEXT = {"organizer_lines": ["Pemerintah Kabupaten Contoh"], "kicker": "MATERI", "title": "Judul & <Tbk>",
           "subtitle": "Sub\tjudul", "cover_rows": [{"label": "Tempat", "value": "Aula\nLantai 2"}],
           "cover_note": "", "header_text": "Rakor", "footer_text": "Kaki", "page_label": "Halaman"}


PLAIN = {**CONTEXT, "subtitle": "Sub judul", "cover_rows": [{"label": "Tempat", "value": "Aula"}]}


def render(template_class, context: dict, path=TEMPLATE) -> bytes:
    """Render the handout template with a sub-document; return the file as written to an output folder."""
    template = template_class(str(path))
    body = template.new_subdoc()
    heading(body, "Pembukaan", 1)
    add_text_run(add_paragraph(body, "List Bullet"), "satu\tdua\nbaris")
    data_table(body, ["No", "Isi"], [["1", "a & b"], ["2", "<c>"]], "1F4E79", widths=[2, 15])
    template.render({**context, "body": body}, jinja_env=jinja_env(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return normalize_zip(buffer.getvalue())


@pytest.mark.parametrize("context", [CONTEXT, PLAIN], ids=["tabs-and-newlines", "plain"])
def test_workshop_template_writes_the_same_file_as_docxtpl(context):
    ours, theirs = render(WorkshopTemplate, context), render(DocxTemplate, context)
    assert ours == theirs
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        assert "word/document.xml" in package.namelist()
        assert b"Judul &amp; &lt;Tbk&gt;" in package.read("word/document.xml")


def test_the_saved_package_is_stored_uncompressed_and_opens():
    template = WorkshopTemplate(str(TEMPLATE))
    template.render({**PLAIN, "body": template.new_subdoc()}, jinja_env=jinja_env(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_STORED}
    assert "Judul & <Tbk>" in "\n".join(p.text for p in docx.Document(buffer).paragraphs)


def test_documents_from_one_template_file_share_style_lookups(tmp_path):
    first, second = WorkshopTemplate(str(TEMPLATE)), WorkshopTemplate(str(TEMPLATE))
    first.init_docx()
    second.init_docx()
    assert style_memo(first.docx.part) is style_memo(second.docx.part)
    copy = tmp_path / "copy.docx"
    shutil.copy(TEMPLATE, copy)
    third = WorkshopTemplate(str(copy))
    third.init_docx()
    assert style_memo(third.docx.part) is not style_memo(first.docx.part)


def test_jinja_sources_compile_once_and_still_escape():
    source = "<w:t>{{ value }}</w:t>"
    template = jinja_env().from_string(source)
    assert jinja_env().from_string(source) is template
    assert template.render(value="a & <b>") == "<w:t>a &amp; &lt;b&gt;</w:t>"
    assert jinja_env().from_string(source, globals={"x": 1}) is not template


GRID = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:tbl><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl></w:body></w:document>')


def table_xml(columns: int, rows: list[list[int]]) -> str:
    """A table with ``columns`` grid columns; each row lists its cells' spans (1: a plain cell)."""
    cols = "".join(f'<w:gridCol w:w="{1000 * (n + 1)}"/>' for n in range(columns))
    cells = lambda spans: "".join(  # noqa: E731
        "<w:tc><w:p/></w:tc>" if span == 1 else
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p/></w:tc>' for span in spans)
    return GRID.format(cols=cols, rows="".join(f"<w:tr>{cells(row)}</w:tr>" for row in rows))


@pytest.mark.parametrize("columns, rows", [
    (3, [[1, 1, 1], [1, 1, 1]]),  # matching grid: nothing to repair
    (3, [[1, 2], [1, 1, 1]]),  # a merged cell, still matching
    (2, [[1, 1, 1], [1, 1]]),  # a row wider than the grid: columns are added
    (4, [[1, 1], [1, 2]]),  # a grid wider than every row: columns are removed
    (3, []),  # no rows at all
])
def test_fix_tables_gives_docxtpl_s_tree(columns, rows):
    from lxml import etree

    xml = table_xml(columns, rows)
    ours = WorkshopTemplate(str(TEMPLATE)).fix_tables(xml)
    theirs = DocxTemplate(str(TEMPLATE)).fix_tables(xml)
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_patch_xml_is_docxtpl_s_and_remembered_per_text():
    source = ('<w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t> title }}</w:t></w:r></w:p>'
              '<w:p><w:r><w:t>{%p if x %}</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>')
    template = WorkshopTemplate(str(TEMPLATE))
    assert template.patch_xml(source) == DocxTemplate(str(TEMPLATE)).patch_xml(source)
    assert template.patch_xml(source) is template.patch_xml(source)
    other = source.replace("title", "subtitle")
    assert template.patch_xml(other) == DocxTemplate(str(TEMPLATE)).patch_xml(other)
    assert "subtitle" in template.patch_xml(other) and "subtitle" not in template.patch_xml(source)


def template_with_styles_with_effects(path) -> bytes:
    """Save the handout template with Word 2010's stylesWithEffects part put back (as a user's template may have it)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    default = io.BytesIO()
    docx.Document().save(default)
    blob = zipfile.ZipFile(default).read("word/stylesWithEffects.xml")
    document = docx.Document(str(TEMPLATE))
    part = Part(PackURI("/word/stylesWithEffects.xml"), "application/vnd.ms-word.stylesWithEffects+xml", blob,
                document.part.package)
    document.part.relate_to(part, STYLES_WITH_EFFECTS)
    document.save(str(path))
    return blob


def test_a_template_with_styles_with_effects_still_renders_and_keeps_the_part(tmp_path):
    own = tmp_path / "handout-word2010.docx"
    blob = template_with_styles_with_effects(own)
    written = render(WorkshopTemplate, PLAIN, own)
    with zipfile.ZipFile(io.BytesIO(written)) as package:
        assert package.read("word/stylesWithEffects.xml") == blob
        assert b"stylesWithEffects.xml" in package.read("word/_rels/document.xml.rels")
        assert b"/word/stylesWithEffects.xml" in package.read("[Content_Types].xml")
    opened = docx.Document(io.BytesIO(written))
    assert any(p.text == "Pembukaan" and p.style.name == "Heading 1" for p in opened.paragraphs)
    bundled = zipfile.ZipFile(io.BytesIO(render(WorkshopTemplate, PLAIN)))
    assert "word/stylesWithEffects.xml" not in bundled.namelist()
    assert bundled.read("word/document.xml") == zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml")
