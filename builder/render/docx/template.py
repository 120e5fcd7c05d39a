"""A docxtpl template that renders the same bytes with less work.

* :meth:`WorkshopTemplate.new_subdoc` gives the sub-document a copy of a blank document body
  parsed once per process, instead of opening python-docx's default package (styles and all)
  that docxtpl throws away: a sub-document only lends its body; styles, numbering and links
  are the template's.
* :meth:`WorkshopTemplate.init_docx` opens a template file read once per process, whose XML parts
  are parsed only when used (:mod:`builder.render.docx.package`), and lets documents opened from
  one template file share their style lookups (name to id), which python-docx finds by scanning
  every style.
* :meth:`WorkshopTemplate.save` writes the package's entries without compressing them: every
  .docx goes to disk through :meth:`builder.write.output.OutputDir.write_office`, which deflates
  each entry again anyway (the file's bytes are the same; the work is done once).
* :meth:`WorkshopTemplate.patch_xml` cleans each distinct template text (body, header, footer)
  once per process: docxtpl's dozen regular-expression passes over it give the same text each time.
* :meth:`WorkshopTemplate.fix_tables` skips docxtpl's table-grid repair when every grid matches
  its rows, and :meth:`WorkshopTemplate.render_footnotes` its footnote pass when there are none.
* :meth:`WorkshopTemplate.resolve_listing` skips docxtpl's pass over every paragraph and run
  when the rendered XML holds none of the characters that pass replaces (tab, bell, newline,
  form feed): it would return the text unchanged.

Jinja sources are compiled once per process by :func:`builder.render.agenda.jinja_env`.
"""

from __future__ import annotations

import os
from copy import deepcopy
from functools import lru_cache
from zipfile import ZIP_STORED, ZipFile

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.pkgwriter import PackageWriter
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc
from lxml import etree

from builder.render.docx.package import open_document
from builder.render.docx.util import share_style_memo

_LISTING_CHARS = ("\t", "\a", "\n", "\f")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


@lru_cache(maxsize=1)
def _blank_document_element():
    """The ``w:document`` element of python-docx's default template (an empty body and its section)."""
    return Document().element


def _grids_match(tree) -> bool:
    """True when :meth:`DocxTemplate.fix_tables` would change nothing in ``tree``: no row of a table (its
    nested tables' rows included, as docxtpl counts them) has more cells than the table's grid has
    columns, and some row spans all of them. Rows with merged cells are counted exactly as docxtpl does."""
    ns = "{" + tree.nsmap["w"] + "}"
    tbl, grid, col, tr, tc = f"{ns}tbl", f"{ns}tblGrid", f"{ns}gridCol", f"{ns}tr", f"{ns}tc"
    tc_pr, span, val, spans_path = f"{ns}tcPr", f"{ns}gridSpan", f"{ns}val", f"{ns}tc/{ns}tcPr/{ns}gridSpan"
    for table in tree.iter(tbl):
        table_grid = table.find(grid)
        if table_grid is None:
            return False
        columns = len(table_grid.findall(col))
        widest = 0
        for row in table.iter(tr):
            cells = row.findall(tc)
            if len(cells) > columns:
                return False
            if row.find(spans_path) is None:
                width = len(cells)
            else:  # docxtpl's count: the first w:gridSpan of a cell's first w:tcPr, else 1
                width = 0
                for cell in cells:
                    properties = cell.find(tc_pr)
                    merged = None if properties is None else properties.find(span)
                    width += 1 if merged is None else int(merged.get(val))
            widest = max(widest, width)
        if widest < columns:
            return False
    return True


@lru_cache(maxsize=64)
def _patched_xml(src_xml: str) -> str:
    """:meth:`DocxTemplate.patch_xml` of ``src_xml`` (a pure function of the text: the template's body,
    header and footer XML, the same for every document made from one template)."""
    return DocxTemplate.patch_xml(None, src_xml)


class _StoredZipWriter:
    """python-docx's zip package writer (``write``, ``close``), storing entries instead of deflating them."""

    def __init__(self, target):
        self._zip = ZipFile(target, "w", compression=ZIP_STORED)

    def write(self, pack_uri, blob: bytes) -> None:
        """Add the part at ``pack_uri``."""
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        """Finish the zip file."""
        self._zip.close()


def _save_stored(package, target) -> None:
    """``OpcPackage.save`` with the entries stored, not compressed (same entries, same order)."""
    for part in package.parts:
        part.before_marshal()
    writer = _StoredZipWriter(target)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()


class WorkshopTemplate(DocxTemplate):
    """:class:`docxtpl.DocxTemplate` with a light sub-document, shared style lookups, no idle listing pass
    and an uncompressed save."""

    def init_docx(self, reload: bool = True):
        """Open the template (when not open yet); its style lookups are shared with other documents from the file.

        A template given by path is read once per process (:func:`builder.render.docx.package.open_document`).
        """
        opening = not self.docx or (self.is_rendered and reload)
        if opening and isinstance(self.template_file, (str, os.PathLike)):
            self.docx = open_document(self.template_file)
            self.is_rendered = False
            share_style_memo(self.docx.part, self.template_file)
        else:
            super().init_docx(reload)

    def new_subdoc(self, docpath=None) -> Subdoc:
        """A sub-document writing into a copy of a blank body, with this template's part (styles, numbering)."""
        if docpath is not None:
            return super().new_subdoc(docpath)
        self.init_docx()
        subdoc = Subdoc.__new__(Subdoc)
        subdoc.tpl = self
        subdoc.docx = self.docx
        subdoc.subdocx = DocumentObject(deepcopy(_blank_document_element()), self.docx.part)
        return subdoc

    def save(self, filename, *args, **kwargs) -> None:
        """docxtpl's save with the package's entries stored uncompressed (see the module note)."""
        if not self.is_saved and not self.is_rendered:
            self.docx = Document(self.template_file)
        self.pre_processing()
        _save_stored(self.docx.part.package, filename)
        self.post_processing(filename)
        self.is_saved = True

    def patch_xml(self, src_xml: str) -> str:
        """docxtpl's clean-up of a part's XML before Jinja sees it, done once per process for each text."""
        return _patched_xml(src_xml)

    def fix_tables(self, xml: str):
        """docxtpl's parse of the rendered XML and its repair of table grids, the repair skipped when every
        table's grid already matches its rows (as in every table python-docx makes)."""
        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
        if _grids_match(tree):
            return tree
        return super().fix_tables(xml)

    def render_footnotes(self, context, jinja_env=None) -> None:
        """docxtpl's footnote rendering, skipped when the package has no footnotes part (it would do nothing)."""
        if any(part.content_type == _FOOTNOTES for part in self.docx.part.package.iter_parts()):
            super().render_footnotes(context, jinja_env)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's listing pass, skipped when ``xml`` has nothing it would replace."""
        if not any(char in xml for char in _LISTING_CHARS):
            return xml
        return super().resolve_listing(xml)
