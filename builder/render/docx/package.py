"""Open .docx templates once per process and parse a document's XML parts only when they are used.

Every handout, guide, quiz sheet and attendance sheet starts as a fresh copy of a template;
``docx.Document(path)`` reads and inflates the zip, walks its relationships and parses every
XML part each time, and saving serializes every part again, although most documents never
touch the 350 kB style sheet once the style lookups are remembered
(:func:`builder.render.docx.util.share_style_memo`).

:func:`open_document` gives the same document from a template read once per process (its
parts' bytes and relationships, by file path, modification time and size). Each XML part of
the new document parses its bytes on first use; a part nobody used saves as the bytes python-
docx would have written for it (the template's part parsed and serialized, worked out once
per process), so the saved file is byte for byte what ``docx.Document(path)`` gives.
:func:`reuse_styles` lets documents that make the same change to a template's styles (the
handouts' accent colour) make it once per process.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package

_LOCK = threading.Lock()


class _Source:
    """The bytes of one XML part: what it parses from and what it saves as while nobody parsed it."""

    __slots__ = ("blob", "_saved")

    def __init__(self, blob: bytes, saved: bytes | None = None) -> None:
        self.blob = blob
        self._saved = saved

    def saved(self) -> bytes:
        """The part's bytes as python-docx saves the parsed, unchanged part (worked out once)."""
        if self._saved is None:
            self._saved = serialize_part_xml(parse_xml(self.blob))
        return self._saved


class _Template:
    """One template file read once: its package reader and a :class:`_Source` per XML part."""

    def __init__(self, path: str) -> None:
        self.reader = PackageReader.from_file(path)
        self.sources: dict[str, _Source] = {}
        self.variants: dict[tuple, _Source] = {}

    def source(self, partname: str, blob: bytes) -> _Source:
        """The shared source of the part ``partname``."""
        source = self.sources.get(partname)
        if source is None:
            source = self.sources[partname] = _Source(blob)
        return source


_TEMPLATES: dict[tuple, _Template] = {}


def template_key(path) -> tuple:
    """What identifies a template file's content in this process: its path, modification time and size."""
    stat = os.stat(path)
    return (os.fspath(path), stat.st_mtime_ns, stat.st_size)


def _template(path) -> _Template:
    """The template at ``path``, read once per process (again when the file changed)."""
    key = template_key(path)
    template = _TEMPLATES.get(key)
    if template is None:
        with _LOCK:
            template = _TEMPLATES.get(key)
            if template is None:
                template = _TEMPLATES[key] = _Template(key[0])
    return template


class _LazyXml:
    """Mixin for an :class:`XmlPart`: the element is parsed from its source on first use."""

    _source: _Source

    @property
    def _element(self):
        """The part's root element (parsed now when this is its first use)."""
        element = self.__dict__.get("_parsed")
        if element is None:
            element = self.__dict__["_parsed"] = parse_xml(self._source.blob)
        return element

    @_element.setter
    def _element(self, element) -> None:
        if element is None:  # XmlPart.__init__ of a part not parsed yet
            self.__dict__.pop("_parsed", None)
        else:
            self.__dict__["_parsed"] = element

    @property
    def blob(self) -> bytes:
        """The part's bytes: its source's saved bytes while it was never parsed, else its element serialized."""
        element = self.__dict__.get("_parsed")
        if element is None:
            return self._source.saved()
        return serialize_part_xml(element)


_LAZY_CLASSES: dict[type, type] = {}


def _lazy_class(cls: type) -> type | None:
    """The lazy subclass of the part class ``cls``; None for classes that keep the element elsewhere too."""
    if not issubclass(cls, XmlPart) or cls.__init__ is not XmlPart.__init__ \
            or getattr(cls.load, "__func__", None) is not XmlPart.load.__func__:
        return None
    lazy = _LAZY_CLASSES.get(cls)
    if lazy is None:
        lazy = _LAZY_CLASSES[cls] = type(f"Lazy{cls.__name__}", (_LazyXml, cls), {"__module__": __name__})
    return lazy


def _part_class(content_type: str, reltype: str) -> type:
    """The class python-docx's :class:`PartFactory` picks for a part."""
    part_class = None
    if PartFactory.part_class_selector is not None:
        part_class = PartFactory.part_class_selector(content_type, reltype)
    return part_class or PartFactory._part_cls_for(content_type)


def _factory(template: _Template):
    """A part factory for :class:`Unmarshaller` making lazy XML parts with the template's shared sources."""
    def make(partname, content_type, reltype, blob, package):
        part_class = _part_class(content_type, reltype)
        lazy = _lazy_class(part_class)
        if lazy is None:
            return part_class.load(partname, content_type, blob, package)
        part = lazy(partname, content_type, None, package)
        part._source = template.source(partname, blob)
        return part

    return make


def open_document(path=None):
    """``docx.Document(path)`` from the template read once per process (``None``: python-docx's default)."""
    if path is None:
        from docx.api import _default_docx_path

        path = _default_docx_path()
    template = _template(path)
    package = Package()
    Unmarshaller.unmarshal(template.reader, package, _factory(template))
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"file '{path}' is not a Word file, content type is '{document_part.content_type}'")
    return document_part.document


def reuse_styles(document, path, name: str, change: Callable[[object], None]) -> None:
    """Make ``change(document)`` to the styles of a document opened from ``path`` by :func:`open_document`,
    once per process for each ``name``: later documents take the changed styles' bytes, unparsed.

    ``change`` must touch nothing but the styles part and must do the same for every document of
    ``path`` given the same ``name`` (e.g. name the accent colour it applies). A document whose styles
    were already parsed gets ``change`` made as usual.
    """
    part = document.part._styles_part
    if not isinstance(part, _LazyXml) or part.__dict__.get("_parsed") is not None:  # not lazy, or maybe changed already
        change(document)
        return
    template = _template(path)
    key = (part.partname, name)
    source = template.variants.get(key)
    if source is not None:
        part.__dict__.pop("_parsed", None)
        part._source = source
        return
    change(document)
    blob = part.blob
    if serialize_part_xml(parse_xml(blob)) == blob:  # parsing the bytes back gives the same part
        template.variants[key] = _Source(blob, blob)
