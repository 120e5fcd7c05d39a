"""Module content blocks: nested values as text, starters and solutions as lists and tables."""

from __future__ import annotations

from docx import Document

from builder.i18n import Locale
from builder.render.docx.content import Page, render_value, value_text


def test_value_text_flattens_nested_values():
    """Lists join with '; ', mappings as 'key: value', booleans in Indonesian, floats without noise."""
    assert value_text({"a": [1, 2.50], "b": True, "c": None}) == "a: 1; 2.5; b: ya; c: "
    assert value_text(False) == "tidak" and value_text(None) == ""


def test_render_value_writes_mappings_as_tables_and_lists_as_bullets(basic_workshop):
    """A mapping becomes a two-column table without a header row; a list becomes bullets; blanks get '…'."""
    document = Document()
    page = Page(document, basic_workshop, Locale("id"), "1F4E79")
    render_value(page, {"Judul": "", "Teras": "Bupati meresmikan & membuka"}, blanks=True)
    render_value(page, ["satu", ""], blanks=True)
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Judul", ""], ["Teras", "Bupati meresmikan & membuka"]]
    assert table.rows[0].height is not None  # an empty answer cell leaves room to write
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == ["satu", "…"]
