"""The deck package: the parsed master copied per deck, slides and notes pages cloned from prototypes.

python-pptx makes every new slide by cloning the layout's placeholders with XPath and finds each
new notes page's name by walking the whole package, so a deck of n slides costs O(n²) and most
of its time goes to work that is the same for every slide. Here the master is parsed once per
process and deep-copied for each deck; the frame of a slide (the layout's placeholders, footer,
slide-number field and logo) and an empty notes page are made once with python-pptx itself and
kept as XML prototypes. Every slide is then a deep copy of its prototype, related to the same
parts in the same order, so the package is byte for byte what python-pptx would have written.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lxml import etree

from builder.render.pptx.template import A, Template

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
MAX_SLIDE_ID = 2147483647
_PH = f"*/{{{P}}}nvPr/{{{P}}}ph"
STORED_TIME = (2000, 1, 1, 0, 0, 0)  # entry date of the stored package (write_office sets its own)
_MASTERS: dict[tuple, "Master"] = {}  # (path, accent, mtime, size) -> parsed master and its prototypes


@dataclass
class Master:
    """A master parsed once, with the slide frames and the notes page made from it so far."""

    prs: Any  # the pristine Presentation; only ever deep-copied
    frames: dict[tuple, Any] = field(default_factory=dict)  # (layout, ...) -> p:sld prototype
    notes: Any = None  # p:notes prototype: the notes master's placeholders, no text
    _scratch: Any = None  # a copy where prototypes are made with python-pptx

    @property
    def scratch(self):
        """The presentation the prototypes are drawn in (never saved)."""
        if self._scratch is None:
            self._scratch = copy.deepcopy(self.prs)
        return self._scratch

    def frame(self, key: tuple, draw: Callable[[Any, Any], None]):
        """The slide prototype for ``key`` (layout name first); ``draw(prs, slide)`` adds its frame once."""
        if key not in self.frames:
            prs = self.scratch
            layout = next(layout for layout in prs.slide_layouts if layout.name == key[0])
            slide = prs.slides.add_slide(layout)
            draw(prs, slide)
            self.frames[key] = copy.deepcopy(slide._element)
        return self.frames[key]

    def notes_page(self):
        """The prototype of a notes page, as python-pptx clones it from the notes master."""
        if self.notes is None:
            prs = self.scratch
            slide = prs.slides.add_slide(prs.slide_layouts[0])
            self.notes = copy.deepcopy(slide.notes_slide._element)
        return self.notes


def master(template: Template) -> Master:
    """The parsed master of ``template``, parsed once per process (again when its file changes)."""
    stat = template.path.stat()
    key = (str(template.path), template.accent, stat.st_mtime_ns, stat.st_size)
    if key not in _MASTERS:
        from pptx import Presentation

        if len(_MASTERS) >= 4:
            _MASTERS.clear()
        _MASTERS[key] = Master(Presentation(io.BytesIO(template.data)))
    return _MASTERS[key]


class DeckPackage:
    """One deck's presentation: a copy of the master that slides are appended to."""

    def __init__(self, source: Master) -> None:
        self.source = source
        self.prs = copy.deepcopy(source.prs)
        self.part = self.prs.part
        self.layouts = {layout.name: layout.part for layout in self.prs.slide_layouts}
        self._notes_names: set[str] | None = None
        self._images: dict[str, Any] = {}
        self._slide_id = max([255] + [int(i) for i in self.prs.slides._sldIdLst.xpath("./p:sldId/@id")])

    def add_slide(self, frame, layout: str):
        """Append a slide cloned from ``frame`` on ``layout``, as ``Slides.add_slide`` would; return its part."""
        from pptx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import SlidePart

        slides = self.prs.slides._sldIdLst
        name = PackURI("/ppt/slides/slide%d.xml" % (len(slides) + 1))
        part = SlidePart(name, CT.PML_SLIDE, self.part.package, copy.deepcopy(frame))
        part.relate_to(self.layouts[layout], RT.SLIDE_LAYOUT)
        self._add_slide_id(self.part._rels._add_relationship(RT.SLIDE, part))  # relate_to, without its O(n) search
        return part

    def _add_slide_id(self, rid: str) -> None:
        """List the slide in ``p:sldIdLst`` with the id ``add_sldId`` gives (one above the largest), counted here."""
        slides = self.prs.slides._sldIdLst
        if self._slide_id >= MAX_SLIDE_ID:
            slides.add_sldId(rid)  # python-pptx looks for a free id
            return
        self._slide_id += 1
        slides._add_sldId(id=self._slide_id, rId=rid)

    def relate_image(self, part, path: Path) -> None:
        """Relate ``part`` to the image at ``path`` (its image part made on first use, as python-pptx does)."""
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        key = str(path)
        if key in self._images:
            part.relate_to(self._images[key], RT.IMAGE)
        else:
            self._images[key], _rid = part.get_or_add_image_part(key)

    def add_notes(self, part, text: str) -> None:
        """Give the slide in ``part`` a notes page holding ``text``, as ``slide.notes_slide`` would."""
        from pptx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        notes_master = self.part.notes_master_part
        notes = NotesSlidePart(self._next_notes_name(), CT.PML_NOTES_SLIDE, self.part.package,
                               copy.deepcopy(self.source.notes_page()))
        notes.relate_to(notes_master, RT.NOTES_MASTER)
        notes.relate_to(part, RT.SLIDE)
        part.relate_to(notes, RT.NOTES_SLIDE)
        body = next(e for e in shape_elements(notes._element) if _ph_type(e) == "body")
        set_text(body.get_or_add_txBody(), text)

    def _next_notes_name(self):
        """The name python-pptx's ``next_partname`` gives the next notes page (without walking the package)."""
        from pptx.opc.packuri import PackURI

        if self._notes_names is None:
            self._notes_names = {str(p.partname) for p in self.part.package.iter_parts()
                                 if str(p.partname).startswith(NOTES_NAME[:-6])}
        number = next(n for n in range(len(self._notes_names) + 1, 0, -1) if NOTES_NAME % n not in self._notes_names)
        self._notes_names.add(NOTES_NAME % number)
        return PackURI(NOTES_NAME % number)

    def save(self, target) -> None:
        """Write the deck as ``Presentation.save`` would, with the entries stored (not compressed).

        The file goes to disk through :meth:`builder.write.output.OutputDir.write_office`, which
        deflates every entry anyway: compressing here would do that work twice. The steps are
        python-pptx's ``PackageWriter._write`` with another zip; ``tests/render/pptx/test_package.py``
        holds the entries, their order and bytes equal to python-pptx's own save.
        """
        from pptx.opc.serialized import PackageWriter

        package = self.part.package
        writer = PackageWriter(target, package._rels, tuple(package.iter_parts()))
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
            entries = _StoredEntries(archive)
            writer._write_content_types_stream(entries)
            writer._write_pkg_rels(entries)
            writer._write_parts(entries)


class _StoredEntries:
    """The ``write(pack_uri, blob)`` side of python-pptx's physical package writer, over an open zip."""

    def __init__(self, archive) -> None:
        self.archive = archive

    def write(self, pack_uri, blob: bytes) -> None:
        """Add the part at ``pack_uri``, stored."""
        self.archive.writestr(zipfile.ZipInfo(pack_uri.membername, STORED_TIME), blob)


def set_text(body, text: str) -> None:
    """Replace the paragraphs of a text body with ``text``, as python-pptx's ``TextFrame.text`` setter does.

    A line feed starts a paragraph, a vertical tab is a line break, empty runs are left out and
    control characters are escaped ("_x000D_"); the elements are made with lxml directly.
    """
    for old in body.findall(f"{{{A}}}p"):
        body.remove(old)
    for line in text.split("\n"):
        paragraph = etree.SubElement(body, f"{{{A}}}p")
        for index, piece in enumerate(line.split("\v")):
            if index:
                etree.SubElement(paragraph, f"{{{A}}}br")
            if piece:
                run = etree.SubElement(paragraph, f"{{{A}}}r")
                etree.SubElement(run, f"{{{A}}}t").text = escape_controls(piece)


_CONTROLS = re.compile(r"([\x00-\x08\x0B-\x1F])")


def escape_controls(text: str) -> str:
    """``text`` with the control characters python-pptx escapes in run text written as "_xHHHH_"."""
    return _CONTROLS.sub(lambda found: "_x%04X_" % ord(found.group(1)), text)


def shape_elements(root):
    """The shape elements of a slide's (or notes page's) shape tree."""
    return root.cSld.spTree.iter_shape_elms()


def _ph(element):
    """The ``p:ph`` of a shape element, or None when it is not a placeholder."""
    return element.find(_PH)


def _ph_type(element) -> str:
    """The placeholder type of a shape element ("obj" when not given, "" when it is no placeholder)."""
    ph = _ph(element)
    return "" if ph is None else ph.get("type", "obj")


def placeholder_element(slide, idx: int):
    """The shape element of placeholder ``idx`` of ``slide`` (a python-pptx slide), found without XPath."""
    for element in shape_elements(slide._element):
        ph = _ph(element)
        if ph is not None and int(ph.get("idx", "0")) == idx:
            return element
    raise KeyError(f"no placeholder with idx == {idx}")


def placeholder(slide, idx: int):
    """Placeholder ``idx`` of ``slide``: what ``slide.placeholders[idx]`` gives."""
    from pptx.shapes.shapetree import SlideShapeFactory

    return SlideShapeFactory(placeholder_element(slide, idx), slide.shapes)


def footer_elements(element) -> list:
    """The footer placeholders of a slide, in order (python-pptx never clones them from the layout itself)."""
    return [shape for shape in shape_elements(element) if _ph_type(shape) == "ftr"]


def number_slide(element, number: int) -> None:
    """Put ``number`` into every slide-number field of a slide."""
    for field_ in element.iter(f"{{{A}}}fld"):
        if field_.get("type") == "slidenum":
            field_.find(f"{{{A}}}t").text = str(number)


_REMOVED = {"pic", "clipArt", "tbl", "chart"}  # python-pptx's picture, table and chart placeholders


def prune(element) -> None:
    """Remove placeholders left empty (no "Click to add ..." prompts on a finished slide), as the writer always did.

    An ``p:sp`` placeholder goes when its text is blank or it is an unfilled picture, table or chart
    placeholder; filled pictures and tables (``p:pic``, ``p:graphicFrame``) stay.
    """
    for shape in list(shape_elements(element)):
        kind = _ph_type(shape) if shape.tag == f"{{{P}}}sp" else ""
        if kind and (kind in _REMOVED or _blank(shape)):
            shape.getparent().remove(shape)


def _blank(shape) -> bool:
    """True when the ``p:sp`` has a text body whose text is only white space."""
    body = shape.find(f"{{{P}}}txBody")
    if body is None:
        return False
    runs = body.iterfind(f"{{{A}}}p/*/{{{A}}}t")  # a:r/a:t and a:fld/a:t
    return not "".join(t.text or "" for t in runs).strip()
