"""The fast docx building blocks write exactly the XML python-docx's own API writes for the same steps."""

from __future__ import annotations

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from builder.render.docx import blocks
from builder.render.docx.util import keep_row_together, lighten, repeat_as_header, shade_cell

TEXTS = ["Rapat koordinasi", "  spasi di tepi ", "baris satu\nbaris dua\r\ntiga", "kolom\tdua", "", "\n", "<Tbk> & co"]


def xml(element) -> bytes:
    """The serialized element."""
    return etree.tostring(element)


def reference_run(paragraph, text, bold=False, italic=False, code=False, size=None, colour=None):
    """The run the way add_text_run wrote it with python-docx setters."""
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if code:
        run.font.name = "Liberation Mono"
        run.font.size = Pt(size or 9.5)
    elif size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def test_text_runs_match_python_docx_for_every_format_and_awkward_text():
    document = docx.Document()
    formats = [{}, {"bold": True}, {"italic": True, "size": 9}, {"code": True}, {"code": True, "size": 8},
               {"bold": True, "italic": True, "colour": "595959", "size": 10.5}]
    for text in TEXTS:
        for options in formats:
            expected, actual = document.add_paragraph(), document.add_paragraph()
            reference_run(expected, text, **options)
            run = blocks.add_text_run(actual, text, **options)
            assert xml(actual._p) == xml(expected._p)
            assert run.text == expected.runs[0].text


def test_plain_runs_and_cell_text_match_python_docx():
    document = docx.Document()
    table = document.add_table(rows=2, cols=len(TEXTS))
    for text, expected, actual in zip(TEXTS, table.rows[0].cells, table.rows[1].cells):
        expected.text = text
        blocks.set_cell_text(actual._tc, text)
        assert xml(actual._tc) == xml(expected._tc)
        expected.text = text
        expected.paragraphs[0].runs[0].bold = True
        blocks.set_cell_text(actual._tc, text, bold=True)
        assert xml(actual._tc) == xml(expected._tc)
    for text in TEXTS:
        expected, actual = document.add_paragraph(), document.add_paragraph()
        expected.add_run(text)
        blocks.append_plain_run(actual._p, text)
        assert xml(actual._p) == xml(expected._p)


def test_add_paragraph_matches_add_paragraph_and_format_setters_in_a_body_and_a_cell():
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cases = [(None, {}), ("Normal", {}), ("List Bullet", {}), ("Heading 2", {"keep_with_next": True}),
             (None, {"page_break_before": True, "space_before": Pt(0), "space_after": Pt(0), "line_spacing": Pt(1)}),
             (None, {"left_indent": Cm(0.5), "space_after": Pt(0), "keep_with_next": False}),
             (None, {"space_after": Pt(1), "line_spacing": 1.0}), (None, {"line_spacing": 1.0, "space_after": Pt(1)})]
    for container in (document, cell):
        for style, formats in cases:
            expected = container.add_paragraph(style=style)
            for name, value in formats.items():
                setattr(expected.paragraph_format, name, value)
            actual = blocks.add_paragraph(container, style, **formats)
            assert xml(actual._p) == xml(expected._p)
            assert actual._p.getprevious() is expected._p
    assert document.element.body[-1].tag.endswith("sectPr")  # paragraphs go before the section properties


def reference_data_table(document, columns, rows, accent, widths, bold_first_column=False, size=10):
    """data_table as it was written with python-docx calls for every row and cell."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, columns):
        blocks.tight(cell.paragraphs[0])
        reference_run(cell.paragraphs[0], text, bold=True, size=size, colour="FFFFFF")
        shade_cell(cell, accent)
    repeat_as_header(table.rows[0])
    for number, values in enumerate(rows):
        row = table.add_row()
        keep_row_together(row)
        for index, (cell, text) in enumerate(zip(row.cells, values)):
            blocks.tight(cell.paragraphs[0])
            reference_run(cell.paragraphs[0], str(text), bold=bold_first_column and index == 0, size=size)
            if number % 2 == 1:
                shade_cell(cell, lighten(accent, 0.9))
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def test_data_table_rows_match_the_cell_by_cell_table():
    rows = [["08.00", "Pembukaan\nLagu Indonesia Raya", "Kepala Dinas"], ["09.15", "Sesi 1", ""],
            ["10.30", "Rehat", " – "], ["11.00", "Sesi 2 & diskusi", "Narasumber <1>"]]
    for bold_first_column, size in ((False, 10), (True, 9)):
        document = docx.Document()
        expected = reference_data_table(document, ["Waktu", "Kegiatan", "Pembicara"], rows, "1F4E79",
                                        [2.6, 9.0, 5.4], bold_first_column, size)
        actual = blocks.data_table(document, ["Waktu", "Kegiatan", "Pembicara"], rows, "1F4E79",
                                   widths=[2.6, 9.0, 5.4], bold_first_column=bold_first_column, size=size)
        assert xml(actual._tbl) == xml(expected._tbl)
        assert [c.text for c in actual.rows[3].cells] == ["10.30", "Rehat", " – "]


def test_a_short_row_leaves_its_missing_cells_empty_and_unformatted():
    document = docx.Document()
    table = blocks.data_table(document, ["a", "b", "c"], [["1", "2"], ["3", "4", "5"]], "1F4E79", widths=[3, 3, 3])
    assert [[c.text for c in r.cells] for r in table.rows] == [["a", "b", "c"], ["1", "2", ""], ["3", "4", "5"]]
    empty = table.rows[1].cells[2]._tc
    assert empty.find(blocks.qn("w:p")).find(blocks.qn("w:pPr")) is None
    assert empty.tcPr.find(blocks.qn("w:shd")) is None
    assert table.rows[2].cells[2]._tc.tcPr.find(blocks.qn("w:shd")) is not None  # odd rows are shaded


def test_set_column_widths_matches_setting_every_column_cell():
    document = docx.Document()
    expected, actual = document.add_table(rows=4, cols=3), document.add_table(rows=4, cols=3)
    widths = [Cm(1.2), Cm(4.4), Cm(2.25)]
    for column, width in zip(expected.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width
    blocks.set_column_widths(actual, widths)
    assert xml(actual._tbl) == xml(expected._tbl)


def reference_ruled_lines(document, count, height_cm=0.9):
    """ruled_lines as it was written: every row formatted through python-docx."""
    blocks.ruled_lines(document, 0)  # nothing for no lines
    table = document.add_table(rows=count, cols=1)
    blocks.set_widths(table, [blocks.TEXT_WIDTH_CM])
    table._tbl.tblPr.append(blocks.parse_xml(
        f'<w:tblBorders {blocks.nsdecls("w")}><w:top w:val="nil"/><w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:right w:val="nil"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:insideV w:val="nil"/></w:tblBorders>'))
    for row in table.rows:
        row.height = Cm(height_cm)
        keep_row_together(row)
        row.cells[0].paragraphs[0].paragraph_format.space_after = Pt(0)
    for row in table.rows[:-1]:
        row.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    return table


def test_ruled_lines_match_the_row_by_row_table():
    for count in (1, 2, 5):
        document = docx.Document()
        expected = reference_ruled_lines(document, count)
        blocks.ruled_lines(document, count)
        actual = document.element.body.findall(blocks.qn("w:tbl"))[-1]
        assert len(actual.findall(blocks.qn("w:tr"))) == count
        assert xml(actual) == xml(expected._tbl)


def reference_set_num(paragraph, num_id: int) -> None:
    """set_num the way python-docx's get-or-add steps write it."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def test_set_num_matches_python_docx_whatever_the_paragraph_holds():
    document = docx.Document()
    cases = [
        lambda d: d.add_paragraph(style="List Number"),  # only a style: the fast path
        lambda d: d.add_paragraph(),  # no properties at all
        lambda d: blocks.add_paragraph(d, "List Number", keep_with_next=True),  # style and keep-with-next
        lambda d: blocks.add_paragraph(d, "List Number", space_after=Pt(2)),  # spacing comes after w:numPr
    ]
    for make in cases:
        ours, theirs = make(document), make(document)
        blocks.set_num(ours, 7)
        reference_set_num(theirs, 7)
        assert xml(ours._p) == xml(theirs._p)
    again = document.add_paragraph(style="List Number")
    blocks.set_num(again, 3)
    blocks.set_num(again, 4)  # a second numbering replaces the first, as python-docx's setters do
    reference = document.add_paragraph(style="List Number")
    reference_set_num(reference, 3)
    reference_set_num(reference, 4)
    assert xml(again._p) == xml(reference._p)


def test_list_styles_numbering_ids_are_remembered_per_template_and_match_the_style():
    document = docx.Document()
    style = document.styles["List Number"]
    expected = int(style.element.pPr.numPr.numId.val)
    assert blocks._style_num_id(document, "List Number") == expected
    assert blocks._style_num_id(document, "List Number") == expected
    assert blocks._style_num_id(document, "Normal") is None
    first, second = blocks.restart_numbering(document, "List Number"), blocks.restart_numbering(document, "List Number")
    assert first != second and {first, second} <= {num.numId for num in document.part.numbering_part.element.num_lst}


def test_shared_row_prototypes_follow_the_grid_widths_and_the_accent():
    rows = [["1", "satu"], ["2", "dua"], ["3", "tiga"]]
    for margins, accent in ((2.0, "1F4E79"), (1.0, "1F4E79"), (1.0, "C00000"), (2.0, "C00000"), (2.0, "1F4E79")):
        document = docx.Document()
        for section in document.sections:  # another text width: other grid columns for the new tables
            section.left_margin = section.right_margin = Cm(margins)
        expected = reference_data_table(document, ["No", "Isi"], rows, accent, [3.0, 14.0], False, 10)
        actual = blocks.data_table(document, ["No", "Isi"], rows, accent, widths=[3.0, 14.0])
        assert xml(actual._tbl) == xml(expected._tbl)
        prototype = blocks._row_prototype(actual, None)
        assert prototype.getparent() is None and prototype not in actual._tbl.tr_lst
