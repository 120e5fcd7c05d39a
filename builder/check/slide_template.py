"""The slide master check: every layout and placeholder the slide renderer fills must be in the template.

Used by the curriculum check (``branding.slides_template``) and by the slides preflight, so a
master that lacks a layout is reported before any deck is written. The layouts' facts (names,
placeholders, box sizes and insets) are read with zipfile and lxml (:func:`read_layouts`), the
same facts python-pptx gives (:func:`layouts_of`), so ``workshop validate`` never imports it.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.check.diagnostics import UserError, display_path

TITLE, TEXT, PICTURE, TABLE = "title", "text", "picture", "table"
FOOTER, SLIDE_NUMBER = "footer", "slide number"

# Every layout the renderer uses, with the placeholder indexes (and kinds) it fills.
LAYOUT_NEEDS: dict[str, dict[int, str]] = {
    "Judul": {0: TITLE, 1: TEXT, 13: TEXT},
    "Bagian": {0: TITLE, 1: TEXT},
    "Judul dan Isi": {0: TITLE, 1: TEXT},
    "Dua Kolom": {0: TITLE, 13: TEXT, 14: TEXT, 1: TEXT, 2: TEXT},
    "Gambar dan Keterangan": {0: TITLE, 1: PICTURE, 2: TEXT},
    "Tabel": {0: TITLE, 1: TABLE},
    "Kutipan": {0: TITLE, 1: TEXT, 13: TEXT},
    "Latihan": {0: TITLE, 1: TEXT, 13: TEXT, 14: TEXT},
    "Soal": {0: TITLE, 13: TEXT, 1: TEXT},
    "Agenda": {0: TITLE, 1: TEXT},
    "Penutup": {0: TITLE, 1: TEXT},
}


@dataclass(frozen=True)
class PlaceholderFacts:
    """One layout placeholder: its idx, the renderer's kind, its size and text insets in EMU."""

    idx: int
    kind: str
    width: int | None  # the layout's own size, else that of the master placeholder it inherits from
    height: int | None
    insets: tuple[int | None, int | None, int | None, int | None]  # lIns, tIns, rIns, bIns (None: not set)


@dataclass(frozen=True)
class LayoutFacts:
    """One slide layout of the (first) master: its name and its placeholders in document order."""

    name: str
    placeholders: tuple[PlaceholderFacts, ...]


P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
PRESENTATION_TYPES = ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                      "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
SHAPE_TAGS = tuple(f"{{{P}}}{tag}" for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
PH_KINDS = {"title": TITLE, "ctrTitle": TITLE, "pic": PICTURE, "tbl": TABLE, "ftr": FOOTER,
            "sldNum": SLIDE_NUMBER}
# The master placeholder type a layout placeholder of each type inherits its size and insets from
# (python-pptx's LayoutPlaceholder._base_placeholder).
BASE_TYPE = {"body": "body", "chart": "body", "clipArt": "body", "ctrTitle": "title", "dgm": "body", "dt": "dt",
             "ftr": "ftr", "media": "body", "obj": "body", "pic": "body", "sldNum": "sldNum", "subTitle": "body",
             "tbl": "body", "title": "title"}
INSET_KEYS = ("lIns", "tIns", "rIns", "bIns")


def layouts_of(prs) -> tuple[LayoutFacts, ...]:
    """The facts of every layout of a python-pptx Presentation (what :func:`read_layouts` reads from the file)."""
    result = []
    for layout in prs.slide_layouts:
        found = []
        for placeholder in layout.placeholders:
            chain = []
            node = placeholder
            while node is not None:
                chain.append(node._element)
                node = getattr(node, "_base_placeholder", None)
            found.append(PlaceholderFacts(placeholder.placeholder_format.idx, _kind(placeholder), placeholder.width,
                                          placeholder.height, _insets(chain)))
        result.append(LayoutFacts(layout.name, tuple(found)))
    return tuple(result)


def _insets(chain) -> tuple[int | None, ...]:
    """Each inset from the first element of ``chain`` (layout placeholder, then master) whose bodyPr sets it."""
    result = []
    for key in INSET_KEYS:
        value = None
        for element in chain:
            body = element.find(f".//{{{A}}}bodyPr")
            if body is not None and body.get(key) is not None:
                value = int(body.get(key))
                break
        result.append(value)
    return tuple(result)


def read_layouts(path: Path) -> tuple[LayoutFacts, ...]:
    """The facts of every layout of the first slide master of the .pptx at ``path``, read without python-pptx.

    Raises ValueError (or the zip/XML error) when the file is not a presentation this reader knows.
    """
    with zipfile.ZipFile(path) as archive:
        package = _Package(archive)
        presentation = package.target("/", OFFICE_DOCUMENT)
        if package.content_type(presentation) not in PRESENTATION_TYPES:
            raise ValueError(f"{presentation} is not a presentation")
        master_ids = package.xml(presentation).find(f"{{{P}}}sldMasterIdLst")
        master = package.related(presentation, master_ids[0].get(f"{{{R}}}id"))
        master_xml = package.xml(master)
        bases = _placeholders(master_xml)
        result = []
        for entry in master_xml.find(f"{{{P}}}sldLayoutIdLst"):
            layout = package.xml(package.related(master, entry.get(f"{{{R}}}id")))
            found = []
            for element in _placeholders(layout):
                ph = _ph(element)
                base = _base(ph.get("type", "obj"), bases) if element.tag == f"{{{P}}}sp" else None
                chain = [element] + ([base] if base is not None else [])
                width, height = _size(element)
                if width is None and base is not None:
                    width = _size(base)[0]
                if height is None and base is not None:
                    height = _size(base)[1]
                found.append(PlaceholderFacts(int(ph.get("idx", "0")), PH_KINDS.get(ph.get("type", "obj"), TEXT),
                                              width, height, _insets(chain)))
            result.append(LayoutFacts(layout.find(f"{{{P}}}cSld").get("name", ""), tuple(found)))
    return tuple(result)


class _Package:
    """The parts and relationships of an OPC package (a .pptx), read on demand."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        from lxml import etree

        self.archive = archive
        self.parse = lambda data: etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
        self.types = self.parse(archive.read("[Content_Types].xml"))

    def xml(self, partname: str):
        """The parsed XML of a part (``/ppt/presentation.xml``)."""
        return self.parse(self.archive.read(partname[1:]))

    def content_type(self, partname: str) -> str | None:
        """The part's content type: its Override, else the Default of its extension."""
        for override in self.types.iter(f"{{{CONTENT_TYPES}}}Override"):
            if override.get("PartName", "").lower() == partname.lower():
                return override.get("ContentType")
        extension = posixpath.splitext(partname)[1][1:].lower()
        for default in self.types.iter(f"{{{CONTENT_TYPES}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None

    def _rels(self, partname: str):
        base, name = posixpath.split(partname)
        return base, self.parse(self.archive.read(posixpath.join(base, "_rels", f"{name}.rels")[1:]))

    def target(self, partname: str, rel_type: str) -> str:
        """The part that ``partname``'s first relationship of ``rel_type`` points at."""
        base, rels = self._rels(partname)
        rel = next(r for r in rels.iter(f"{{{PACKAGE_RELS}}}Relationship") if r.get("Type") == rel_type)
        return posixpath.abspath(posixpath.join(base, rel.get("Target")))

    def related(self, partname: str, rel_id: str) -> str:
        """The part that ``partname``'s relationship ``rel_id`` points at."""
        base, rels = self._rels(partname)
        rel = next(r for r in rels.iter(f"{{{PACKAGE_RELS}}}Relationship") if r.get("Id") == rel_id)
        return posixpath.abspath(posixpath.join(base, rel.get("Target")))


def _ph(element):
    """The ``p:ph`` of a shape element (None when it is not a placeholder)."""
    first = element.find("*")
    nv = first.find(f"{{{P}}}nvPr") if first is not None else None
    return nv.find(f"{{{P}}}ph") if nv is not None else None


def _placeholders(part) -> list:
    """The placeholder shapes of a master or layout: direct children of its shape tree, in order."""
    tree = part.find(f"{{{P}}}cSld/{{{P}}}spTree")
    return [e for e in tree if e.tag in SHAPE_TAGS and _ph(e) is not None]


def _base(ph_type: str, bases: list):
    """The master placeholder a layout placeholder of ``ph_type`` inherits from (only shapes, as python-pptx)."""
    wanted = BASE_TYPE.get(ph_type)
    for element in bases:
        if element.tag == f"{{{P}}}sp" and _ph(element).get("type", "obj") == wanted:
            return element
    return None


def _size(element) -> tuple[int | None, int | None]:
    """(cx, cy) of a shape's own ``a:ext`` (None when it has no transform)."""
    properties = element.find(f"{{{P}}}spPr") if element.tag != f"{{{P}}}graphicFrame" else element
    xfrm = properties.find(f"{{{A}}}xfrm" if element.tag != f"{{{P}}}graphicFrame" else f"{{{P}}}xfrm") \
        if properties is not None else None
    ext = xfrm.find(f"{{{A}}}ext") if xfrm is not None else None
    if ext is None:
        return None, None
    return int(ext.get("cx")), int(ext.get("cy"))


def _kind(placeholder) -> str:
    """The renderer's name for a placeholder's type."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kind = placeholder.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
        return TITLE
    if kind == PP_PLACEHOLDER.PICTURE:
        return PICTURE
    if kind == PP_PLACEHOLDER.TABLE:
        return TABLE
    if kind == PP_PLACEHOLDER.FOOTER:
        return FOOTER
    if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        return SLIDE_NUMBER
    return TEXT


def check_template(prs, path: Path) -> None:
    """Raise a UserError naming every layout and placeholder the renderer needs but ``prs`` (python-pptx) lacks."""
    check_layouts(layouts_of(prs), path)


def check_layouts(facts: tuple[LayoutFacts, ...], path: Path) -> None:
    """Raise a UserError naming every layout and placeholder the renderer needs but the master lacks."""
    layouts = {layout.name: layout for layout in facts}
    problems = []
    missing = [name for name in LAYOUT_NEEDS if name not in layouts]
    if missing:
        problems.append("missing layout(s) " + ", ".join(f"'{n}'" for n in missing))
    for name, needs in LAYOUT_NEEDS.items():
        if name not in layouts:
            continue
        have = {ph.idx: ph.kind for ph in layouts[name].placeholders}
        have = {idx: TEXT if kind in (FOOTER, SLIDE_NUMBER) else kind for idx, kind in have.items()}
        for idx, kind in needs.items():
            if idx not in have:
                problems.append(f"layout '{name}' has no placeholder idx {idx} ({kind})")
            elif have[idx] != kind:
                problems.append(f"layout '{name}' placeholder idx {idx} is a {have[idx]} placeholder, not {kind}")
    if problems:
        needs = "; ".join(f"{name}: idx {', '.join(str(i) for i in needs)}" for name, needs in LAYOUT_NEEDS.items())
        raise UserError(
            f"slide template {display_path(path)} cannot be used: {'; '.join(problems)}",
            "start from templates/slides.pptx and restyle it in PowerPoint (View > Slide Master), keeping the "
            f"layout names and placeholders ({needs}); or remove branding.slides_template",
        )
